import { isTable, type Table } from './merge.ts';

const secretKeyPattern = /(api[_-]?key|token|secret|password|passwd|credential|private[_-]?key)/i;

export function looksSecretKey(key: string): boolean {
  return secretKeyPattern.test(key);
}

/** A URL with a password in it, such as postgres://user:pw@host/db. */
export function urlHasPassword(value: string): boolean {
  try {
    return new URL(value).password !== '';
  } catch {
    return false;
  }
}

export function redactUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.password === '') return value;
    url.password = '***';
    return url.toString();
  } catch {
    return value;
  }
}

/** A copy of a config table that is safe to print: secret-named keys and URL passwords masked. */
export function redactTable(table: Table): Table {
  const out: Table = {};
  for (const [key, value] of Object.entries(table)) {
    if (looksSecretKey(key) && value !== undefined && value !== '') out[key] = '***';
    else if (isTable(value)) out[key] = redactTable(value);
    else if (typeof value === 'string') out[key] = redactUrl(value);
    else out[key] = value;
  }
  return out;
}
