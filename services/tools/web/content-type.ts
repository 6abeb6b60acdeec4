/** What a response's bytes are, as far as the web tools care. */
export type ContentKind = 'html' | 'text' | 'binary';

export interface ContentType {
  /** Lowercase `type/subtype`, '' when the server sent none. */
  readonly mime: string;
  readonly charset: string | undefined;
}

export function parseContentType(header: string | null): ContentType {
  if (header === null) return { mime: '', charset: undefined };
  const [type = '', ...params] = header.split(';');
  const charsetParam = params.map((p) => p.trim()).find((p) => p.toLowerCase().startsWith('charset='));
  const charset = charsetParam?.slice('charset='.length).replace(/^"(.*)"$/, '$1').trim();
  return { mime: type.trim().toLowerCase(), charset: charset === '' ? undefined : charset };
}

const TEXTUAL_APPLICATION_TYPES = new Set([
  'application/json',
  'application/ld+json',
  'application/xml',
  'application/javascript',
  'application/x-javascript',
  'application/ecmascript',
  'application/x-sh',
  'application/x-httpd-php',
  'application/yaml',
  'application/x-yaml',
  'application/toml',
  'application/sql',
  'application/graphql',
  'application/x-ndjson',
]);

function looksBinary(sample: Uint8Array): boolean {
  return sample.subarray(0, 8192).includes(0);
}

function looksLikeHtml(sample: Uint8Array): boolean {
  const start = Buffer.from(sample.subarray(0, 512)).toString('latin1').trimStart().toLowerCase();
  return start.startsWith('<!doctype html') || start.startsWith('<html');
}

/**
 * Classify by the declared type; with no usable declaration (none, or the
 * generic octet-stream), a NUL byte near the start means binary and an
 * opening `<html` or doctype means HTML.
 */
export function classifyContent(type: ContentType, body: Uint8Array): ContentKind {
  const { mime } = type;
  if (mime === 'text/html' || mime === 'application/xhtml+xml') return 'html';
  if (mime === '' || mime === 'application/octet-stream') {
    if (looksBinary(body)) return 'binary';
    return looksLikeHtml(body) ? 'html' : 'text';
  }
  if (mime.startsWith('text/')) return 'text';
  if (TEXTUAL_APPLICATION_TYPES.has(mime) || mime.endsWith('+json') || mime.endsWith('+xml')) return 'text';
  if (mime === 'image/svg+xml') return 'text';
  return 'binary';
}

/** Decode with the declared charset, falling back to UTF-8 for unknown labels. */
export function decodeText(bytes: Uint8Array, charset: string | undefined): string {
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}
