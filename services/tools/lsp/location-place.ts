import { fileURLToPath } from 'node:url';
import { displayPath, resolveInWorkspace } from '../workspace-path.ts';

/** Where a URI from the server points, as the model is shown it. */
export interface Place {
  /** Workspace-relative for files inside it, absolute for files outside, the URI itself otherwise. */
  readonly shown: string;
  /** Set only for files inside the workspace: the only ones the tool reads. */
  readonly readablePath?: string;
}

function filePathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function placeOf(uri: string, root: string): Place {
  const path = filePathOf(uri);
  if (path === undefined) return { shown: uri };
  try {
    const inside = resolveInWorkspace(root, path);
    return { shown: displayPath(root, inside), readablePath: inside };
  } catch {
    return { shown: path };
  }
}
