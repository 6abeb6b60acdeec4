export type Table = { [key: string]: unknown };

export function isTable(value: unknown): value is Table {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** Deep merge of TOML tables: later scalars and arrays replace, tables merge key by key. */
export function mergeTables(base: Table, overlay: Table): Table {
  const out: Table = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    const current = out[key];
    out[key] = isTable(current) && isTable(value) ? mergeTables(current, value) : value;
  }
  return out;
}

export function getPath(table: Table, path: readonly string[]): unknown {
  let node: unknown = table;
  for (const key of path) {
    if (!isTable(node)) return undefined;
    node = node[key];
  }
  return node;
}

export function setPath(table: Table, path: readonly string[], value: unknown): Table {
  const [head, ...rest] = path;
  if (head === undefined) return table;
  if (rest.length === 0) return { ...table, [head]: value };
  const child = table[head];
  return { ...table, [head]: setPath(isTable(child) ? child : {}, rest, value) };
}
