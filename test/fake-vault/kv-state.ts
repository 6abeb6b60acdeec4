/** The in-memory contents of one fake KV version 2 engine. */
interface Version {
  readonly data: Record<string, unknown>;
  readonly createdTime: string;
  deletionTime: string;
}

export class KvState {
  readonly #entries = new Map<string, Version[]>();

  /** The latest version's data, unless that version was deleted. */
  read(key: string): { data: Record<string, unknown>; version: number; createdTime: string } | undefined {
    const versions = this.#entries.get(key);
    const latest = versions?.at(-1);
    if (versions === undefined || latest === undefined || latest.deletionTime !== '') return undefined;
    return { data: { ...latest.data }, version: versions.length, createdTime: latest.createdTime };
  }

  write(key: string, data: Record<string, unknown>): { version: number; createdTime: string } {
    const versions = this.#entries.get(key) ?? [];
    const createdTime = new Date().toISOString();
    versions.push({ data: { ...data }, createdTime, deletionTime: '' });
    this.#entries.set(key, versions);
    return { version: versions.length, createdTime };
  }

  /** Soft delete of the latest version, like DELETE on <mount>/data/<key>. */
  deleteLatest(key: string): void {
    const latest = this.#entries.get(key)?.at(-1);
    if (latest !== undefined) latest.deletionTime = new Date().toISOString();
  }

  hasMetadata(key: string): boolean {
    return this.#entries.has(key);
  }

  versionCount(key: string): number {
    return this.#entries.get(key)?.length ?? 0;
  }

  /** Remove every version, like DELETE on <mount>/metadata/<key>. */
  destroy(key: string): void {
    this.#entries.delete(key);
  }

  /** The names directly under a folder ("" is the root); sub-folders end in "/". */
  list(folder: string): string[] {
    const prefix = folder === '' ? '' : `${folder}/`;
    const names = new Set<string>();
    for (const key of this.#entries.keys()) {
      if (!key.startsWith(prefix)) continue;
      const rest = key.slice(prefix.length);
      const slash = rest.indexOf('/');
      names.add(slash < 0 ? rest : rest.slice(0, slash + 1));
    }
    return [...names].sort();
  }
}
