import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode } from '@temporalio/worker';
import { packageRoot } from '../config/package-root.ts';
import { aiPlugin } from './ai-plugin.ts';

export type WorkflowBundleSource = { readonly codePath: string } | { readonly code: string };

/** Running from TypeScript sources (tests, development) rather than from dist/. */
function runningFromSource(): boolean {
  return fileURLToPath(import.meta.url).endsWith('.ts');
}

export function workflowsEntry(): string {
  return runningFromSource()
    ? join(packageRoot(), 'workflows', 'index.ts')
    : join(packageRoot(), 'dist', 'workflows', 'index.js');
}

export function prebuiltBundlePath(): string {
  return join(packageRoot(), 'dist', 'workflow-bundle.js');
}

let built: Promise<WorkflowBundleSource> | undefined;

/**
 * The workflow code the worker runs. `npm run build` prebundles it, which saves
 * about a second at every worker start; from sources it is bundled on first use
 * (`CODETETHER_WORKFLOW_BUNDLE` points at a prebuilt file explicitly).
 */
export function loadWorkflowBundle(env = process.env): Promise<WorkflowBundleSource> {
  const explicit = env.CODETETHER_WORKFLOW_BUNDLE;
  if (explicit) return Promise.resolve({ codePath: explicit });
  if (!runningFromSource() && existsSync(prebuiltBundlePath())) {
    return Promise.resolve({ codePath: prebuiltBundlePath() });
  }
  built ??= bundleWorkflowCode({
    workflowsPath: workflowsEntry(),
    logger: quietBundlerLogger,
    plugins: [aiPlugin()],
  }).then((b) => ({
    code: b.code,
  }));
  return built;
}

const noop = (): void => undefined;
const quietBundlerLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: noop, log: noop };
