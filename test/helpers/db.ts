import { configSchema } from '../../services/config/schema.ts';
import { openDb, type Db } from '../../services/store/db.ts';

/** The run's Postgres (DATABASE_URL from CI, or the embedded one global setup started), migrated. */
export function testDb(): Promise<Db> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run the tests through jest global setup (npm test)');
  return openDb({ config: configSchema.parse({ database: { url } }), dataDir: '/nonexistent' });
}
