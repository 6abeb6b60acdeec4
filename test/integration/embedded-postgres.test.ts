import { afterAll, describe, expect, it } from '@jest/globals';
import { configSchema } from '../../services/config/schema.ts';
import { isAlive } from '../../services/embedded/pid.ts';
import { sharedServerStatus } from '../../services/embedded/shared-server.ts';
import { BlobStore } from '../../services/store/blob-store.ts';
import { openDb } from '../../services/store/db.ts';
import { migrations } from '../../services/store/migrations.ts';
import { embeddedPostgresRunDir, type EmbeddedPostgresState } from '../../services/store/embedded-postgres.ts';
import { cleanTempDirs, tempDir } from '../helpers/tmp.ts';

afterAll(cleanTempDirs);

const noUrl = configSchema.parse({});

describe('embedded Postgres (PGlite in the data dir)', () => {
  it('is used when no DATABASE_URL is set, keeps data across restarts, and stops when closed', async () => {
    const dataDir = tempDir('ct-pglite-');
    const first = await openDb({ config: noUrl, dataDir });
    expect(first.kind).toBe('pglite');
    const ref = await new BlobStore(first).put('kept across restarts');
    const status = sharedServerStatus<EmbeddedPostgresState>(embeddedPostgresRunDir(dataDir));
    expect(status.running).toBe(true);
    const pid = status.state!.pid;
    await first.close();
    expect(isAlive(pid)).toBe(false);

    const second = await openDb({ config: noUrl, dataDir });
    try {
      expect(await new BlobStore(second).getText(ref.hash)).toBe('kept across restarts');
      const applied = await second.query<{ id: number }>('SELECT id FROM schema_migrations ORDER BY id');
      expect(applied.map((r) => Number(r.id))).toEqual(migrations.map((m) => m.id).sort((a, b) => a - b));
    } finally {
      await second.close();
    }
  });

  it('serves several pooled connections, keeping each transaction to itself', async () => {
    const db = await openDb({ config: noUrl, dataDir: tempDir('ct-pglite-') });
    try {
      await db.query('CREATE TABLE counter (n integer)');
      await db.query('INSERT INTO counter VALUES (0)');
      await Promise.all(
        Array.from({ length: 8 }, () =>
          db.transaction(async (tx) => {
            const [row] = await tx.query<{ n: number }>('SELECT n FROM counter FOR UPDATE');
            await tx.query('UPDATE counter SET n = $1', [row!.n + 1]);
          }),
        ),
      );
      const [row] = await db.query<{ n: number }>('SELECT n FROM counter');
      expect(row!.n).toBe(8);
    } finally {
      await db.close();
    }
  });
});
