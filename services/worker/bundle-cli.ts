// Build step: write dist/workflow-bundle.js so workers start without bundling.
import { writeFileSync } from 'node:fs';
import { bundleWorkflowCode } from '@temporalio/worker';
import { aiPlugin } from './ai-plugin.ts';
import { prebuiltBundlePath, workflowsEntry } from './workflow-bundle.ts';

const quiet = (): void => undefined;
const logger = { trace: quiet, debug: quiet, info: quiet, warn: quiet, error: quiet, log: quiet };
const { code } = await bundleWorkflowCode({ workflowsPath: workflowsEntry(), logger, plugins: [aiPlugin()] });
writeFileSync(prebuiltBundlePath(), code);
process.stdout.write(`workflow bundle: ${prebuiltBundlePath()} (${(code.length / 1024).toFixed(0)} KiB)\n`);
