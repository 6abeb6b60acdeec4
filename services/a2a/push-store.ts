import { randomUUID } from 'node:crypto';
import type { TaskPushNotificationConfig } from '@a2a-js/sdk';
import type { Queryable } from '../store/db.ts';

interface Row {
  task_id: string;
  config_id: string;
  url: string;
  token: string;
  authentication: { scheme?: string; credentials?: string } | null;
}

function toConfig(row: Row): TaskPushNotificationConfig {
  return {
    tenant: '',
    id: row.config_id,
    taskId: row.task_id,
    url: row.url,
    token: row.token,
    authentication: row.authentication?.scheme
      ? { scheme: row.authentication.scheme, credentials: row.authentication.credentials ?? '' }
      : undefined,
  };
}

/** Push notification configs, kept in Postgres with the task: the delivery activity reads them, history never holds them. */
export class PushConfigStore {
  private readonly db: Queryable;

  constructor(db: Queryable) {
    this.db = db;
  }

  async save(config: TaskPushNotificationConfig): Promise<TaskPushNotificationConfig> {
    const id = config.id || randomUUID();
    const authentication = config.authentication ? { scheme: config.authentication.scheme, credentials: config.authentication.credentials } : null;
    await this.db.query(
      `INSERT INTO a2a_push_configs (task_id, config_id, url, token, authentication)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (task_id, config_id) DO UPDATE SET url = EXCLUDED.url, token = EXCLUDED.token, authentication = EXCLUDED.authentication`,
      [config.taskId, id, config.url, config.token, authentication === null ? null : JSON.stringify(authentication)],
    );
    return { ...config, id };
  }

  async get(taskId: string, configId: string): Promise<TaskPushNotificationConfig | undefined> {
    const rows = await this.db.query<Row & Record<string, unknown>>(
      'SELECT task_id, config_id, url, token, authentication FROM a2a_push_configs WHERE task_id = $1 AND config_id = $2',
      [taskId, configId],
    );
    return rows[0] ? toConfig(rows[0]) : undefined;
  }

  async list(taskId: string): Promise<TaskPushNotificationConfig[]> {
    const rows = await this.db.query<Row & Record<string, unknown>>(
      'SELECT task_id, config_id, url, token, authentication FROM a2a_push_configs WHERE task_id = $1 ORDER BY created_at, config_id',
      [taskId],
    );
    return rows.map(toConfig);
  }

  async delete(taskId: string, configId: string): Promise<boolean> {
    const rows = await this.db.query('DELETE FROM a2a_push_configs WHERE task_id = $1 AND config_id = $2 RETURNING 1', [taskId, configId]);
    return rows.length > 0;
  }

  /** Has this update already reached this config? (A retried delivery skips the receivers it already reached.) */
  async delivered(taskId: string, configId: string, sequence: number): Promise<boolean> {
    const rows = await this.db.query(
      'SELECT 1 FROM a2a_push_deliveries WHERE task_id = $1 AND config_id = $2 AND sequence = $3',
      [taskId, configId, sequence],
    );
    return rows.length > 0;
  }

  async markDelivered(taskId: string, configId: string, sequence: number): Promise<void> {
    await this.db.query(
      'INSERT INTO a2a_push_deliveries (task_id, config_id, sequence) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
      [taskId, configId, sequence],
    );
  }
}
