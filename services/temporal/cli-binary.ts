import { accessSync, constants, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

export const temporalCliInstallHint = [
  'CodeTether runs the real Temporal dev server when no TEMPORAL_ADDRESS is configured,',
  'and needs the Temporal CLI (`temporal`) for that. Install it with:',
  '',
  '    go install github.com/temporalio/cli/cmd/temporal@v1.5.1',
  '',
  '(newer tags carry replace directives and cannot be go-installed). Then put',
  '$(go env GOPATH)/bin on PATH, or set TEMPORAL_CLI_PATH=/path/to/temporal.',
  'Or use an existing Temporal cluster: TEMPORAL_ADDRESS=host:7233.',
].join('\n');

export class TemporalCliNotFoundError extends Error {
  override readonly name = 'TemporalCliNotFoundError';
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Go's default install dir, where `go install` leaves the binary even when it is not on PATH. */
function goBinDirs(env: Env): string[] {
  const dirs: string[] = [];
  if (env.GOBIN) dirs.push(env.GOBIN);
  for (const gopath of (env.GOPATH ?? '').split(delimiter).filter(Boolean)) dirs.push(join(gopath, 'bin'));
  dirs.push(join(env.HOME ?? homedir(), 'go', 'bin'));
  return dirs;
}

/** `TEMPORAL_CLI_PATH`, then PATH, then Go's bin dir. */
export function findTemporalCli(env: Env = process.env): string {
  const explicit = env.TEMPORAL_CLI_PATH?.trim();
  if (explicit) {
    if (isExecutableFile(explicit)) return explicit;
    throw new TemporalCliNotFoundError(
      `TEMPORAL_CLI_PATH is set to ${explicit}, which is not an executable file.\n\n${temporalCliInstallHint}`,
    );
  }
  const candidates = [...(env.PATH ?? '').split(delimiter).filter(Boolean), ...goBinDirs(env)];
  for (const dir of candidates) {
    const path = join(dir, 'temporal');
    if (isExecutableFile(path)) return path;
  }
  throw new TemporalCliNotFoundError(`the Temporal CLI was not found.\n\n${temporalCliInstallHint}`);
}
