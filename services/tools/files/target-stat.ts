import { stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { ToolError } from '../tool.ts';

/** stat() a confined path, turning "does not exist" into NOT_FOUND the model can act on. */
export async function statExisting(absolute: string, shown: string): Promise<Stats> {
  try {
    return await stat(absolute);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new ToolError('NOT_FOUND', `${shown} does not exist`, { path: shown });
    }
    throw err;
  }
}
