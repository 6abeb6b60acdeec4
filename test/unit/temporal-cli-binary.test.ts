import { afterAll, describe, expect, it } from '@jest/globals';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findTemporalCli, TemporalCliNotFoundError } from '../../services/temporal/cli-binary.ts';
import { cleanTempDirs, tempDir } from '../helpers/tmp.ts';

afterAll(cleanTempDirs);

function fakeBinary(dir: string, executable = true): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'temporal');
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, executable ? 0o755 : 0o644);
  return path;
}

describe('finding the Temporal CLI', () => {
  it('uses TEMPORAL_CLI_PATH first', () => {
    const root = tempDir();
    const explicit = fakeBinary(join(root, 'explicit'));
    fakeBinary(join(root, 'onpath'));
    expect(findTemporalCli({ TEMPORAL_CLI_PATH: explicit, PATH: join(root, 'onpath'), HOME: root })).toBe(explicit);
  });

  it('says TEMPORAL_CLI_PATH is wrong rather than silently using PATH', () => {
    const root = tempDir();
    fakeBinary(join(root, 'onpath'));
    expect(() =>
      findTemporalCli({ TEMPORAL_CLI_PATH: join(root, 'missing'), PATH: join(root, 'onpath'), HOME: root }),
    ).toThrow(/TEMPORAL_CLI_PATH is set to .*missing, which is not an executable file/);
  });

  it('searches PATH, then the Go bin dir', () => {
    const root = tempDir();
    const onPath = fakeBinary(join(root, 'bin'));
    expect(findTemporalCli({ PATH: `/nonexistent:${join(root, 'bin')}`, HOME: root })).toBe(onPath);
    const home = tempDir();
    const goBin = fakeBinary(join(home, 'go', 'bin'));
    expect(findTemporalCli({ PATH: '/nonexistent', HOME: home })).toBe(goBin);
  });

  it('skips files that are not executable', () => {
    const root = tempDir();
    fakeBinary(join(root, 'bin'), false);
    expect(() => findTemporalCli({ PATH: join(root, 'bin'), HOME: root })).toThrow(TemporalCliNotFoundError);
  });

  it('tells how to install it when it is nowhere', () => {
    const home = tempDir();
    let message = '';
    try {
      findTemporalCli({ PATH: '/nonexistent', HOME: home });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('go install github.com/temporalio/cli/cmd/temporal@v1.5.1');
    expect(message).toContain('TEMPORAL_CLI_PATH');
    expect(message).toContain('TEMPORAL_ADDRESS');
  });
});
