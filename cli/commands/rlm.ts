import type { CommandModule } from 'yargs';
import type { GlobalArgs } from '../context.ts';

export interface RlmArgs extends GlobalArgs {
  readonly query?: string[];
  readonly file?: string | string[];
  readonly content?: string;
  readonly contentType?: string;
  readonly maxTokens?: number;
  readonly maxIterations?: number;
  readonly model?: string;
  readonly subModel?: string;
  readonly json?: boolean;
  readonly verbose?: boolean;
  readonly worker?: boolean;
}

export const rlmCommand: CommandModule<GlobalArgs, RlmArgs> = {
  command: 'rlm [query..]',
  describe: 'Answer a question about content of any size (huge logs, many files) without loading it into a prompt',
  builder: (y) =>
    y
      .positional('query', { type: 'string', array: true, describe: 'The question (quote it, or pass several words)' })
      .option('file', { alias: 'f', type: 'string', nargs: 1, describe: 'A file or glob to analyse (repeat -f for more)' })
      .option('content', { type: 'string', nargs: 1, describe: 'The content itself, or - to read it from stdin' })
      .option('content-type', {
        type: 'string',
        choices: ['auto', 'code', 'logs', 'conversation', 'documents', 'mixed'],
        default: 'auto',
        describe: 'How to cut the content into chunks (auto: detect it)',
      })
      .option('max-tokens', { type: 'number', default: 4000, describe: 'Answer budget in tokens' })
      .option('max-iterations', { type: 'number', default: 15, describe: 'LLM steps before it must answer' })
      .option('model', { alias: 'm', type: 'string', describe: 'provider/model (default: CODETETHER_DEFAULT_MODEL, config default.model)' })
      .option('sub-model', { type: 'string', describe: 'A smaller provider/model for sub-queries over chunks (default: --model)' })
      .option('json', { type: 'boolean', describe: 'Print {answer, iterations, sub_queries, stats} as JSON' })
      // -v is the original's --verbose here, not --version.
      .version(false)
      .option('verbose', { alias: 'v', type: 'boolean', describe: 'Show every step: the model’s text and each tool’s result' })
      .option('worker', { type: 'boolean', default: true, describe: 'Run a worker in this process (--no-worker when `codetether worker` runs)' })
      .example('$0 rlm "why did the deploy fail at 03:00?" -f /var/log/deploy.log', '')
      .example('$0 rlm "which modules import the db layer?" -f "src/**/*.ts"', 'globs are expanded here (quote them)')
      .example('journalctl -b | $0 rlm "what failed during boot?" --content -', 'from stdin'),
  handler: async (args) => {
    const { runRlm } = await import('../actions/rlm.ts');
    await runRlm(args);
  },
};
