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
];
