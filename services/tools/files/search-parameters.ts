import { z } from 'zod';

/** Parameters grep and codesearch share, described the same way to the model. */
export const searchPath = z
  .string()
  .default('.')
  .describe('File or directory to search, relative to the workspace root (default: the root).');

export const fileGlob = z
  .string()
  .optional()
  .describe(
    'Only search files matching this glob: "*.ts" matches file names anywhere, ' +
      '"src/**/*.ts" matches paths from the workspace root.',
  );
