export interface Migration {
  readonly id: number;
  readonly name: string;
  readonly sql: string;
}

/** Append only: a released migration is never edited, a change is a new one. */
export const migrations: readonly Migration[] = [
  {
    id: 1,
    name: 'blob store',
    sql: `
      CREATE TABLE blobs (
        hash        text PRIMARY KEY,
        size        bigint NOT NULL,
        chunk_size  integer NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE blob_chunks (
        hash  text NOT NULL,
        seq   integer NOT NULL,
        data  bytea NOT NULL,
        PRIMARY KEY (hash, seq)
      );
    `,
  },
  {
    id: 10,
    name: 'a2a push notification configs and deliveries',
    sql: `
      CREATE TABLE a2a_push_configs (
        task_id         text NOT NULL,
        config_id       text NOT NULL,
        url             text NOT NULL,
        token           text NOT NULL DEFAULT '',
        authentication  jsonb,
        created_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (task_id, config_id)
      );
      CREATE TABLE a2a_push_deliveries (
        task_id    text NOT NULL,
        config_id  text NOT NULL,
        sequence   integer NOT NULL,
        delivered_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (task_id, config_id, sequence)
      );
    `,
  },
  {
    id: 11,
    name: 'audit trail',
    sql: `
      CREATE TABLE audit_events (
        seq         bigserial PRIMARY KEY,
        id          uuid NOT NULL UNIQUE,
        time        timestamptz NOT NULL,
        category    text NOT NULL,
        actor       text NOT NULL,
        action      text NOT NULL,
        resource    text,
        result      text NOT NULL,
        outcome     text NOT NULL,
        latency_ms  integer,
        details     jsonb NOT NULL DEFAULT '{}',
        prev_hash   text NOT NULL,
        hash        text NOT NULL UNIQUE
      );
      CREATE INDEX audit_events_time ON audit_events (time);
      CREATE INDEX audit_events_actor_action ON audit_events (actor, action);
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'audit_events is append-only'; END
      $$;
      CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
        FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
      CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
        FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
    `,
  },
];
