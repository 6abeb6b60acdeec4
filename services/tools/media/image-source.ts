import { readFileSync, statSync } from 'node:fs';
import { ToolError } from '../tool.ts';
import type { ToolContext } from '../tool.ts';
import { displayPath, resolveInWorkspace } from '../workspace-path.ts';
import { readCappedBody } from '../web/read-body.ts';
import { requestSignal } from '../web/request-signal.ts';
import { parseHttpUrl } from '../web/url-policy.ts';
import { userAgent } from '../web/user-agent.ts';

export interface LoadedImage {
  readonly bytes: Buffer;
  /** Workspace-relative path or the URL, for messages. */
  readonly source: string;
  /** The type the server declared, if any (the bytes decide, this only helps messages). */
  readonly declaredType: string | undefined;
}

const DOWNLOAD_TIMEOUT_SECONDS = 30;

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function tooLarge(source: string, size: number, maxBytes: number): ToolError {
  return new ToolError(
    'INVALID_ARGUMENT',
    `${source} is ${megabytes(size)}; images larger than ${megabytes(maxBytes)} are refused. Resize or compress it first.`,
    { size },
  );
}

function loadFile(ctx: ToolContext, path: string, maxBytes: number): LoadedImage {
  const absolute = resolveInWorkspace(ctx.workspaceRoot, path);
  const source = displayPath(ctx.workspaceRoot, absolute);
  let size: number;
  try {
    const stat = statSync(absolute);
    if (!stat.isFile()) throw new ToolError('INVALID_ARGUMENT', `${source} is not a file`);
    size = stat.size;
  } catch (err) {
    if (err instanceof ToolError) throw err;
    throw new ToolError('NOT_FOUND', `${source} does not exist`);
  }
  if (size > maxBytes) throw tooLarge(source, size, maxBytes);
  return { bytes: readFileSync(absolute), source, declaredType: undefined };
}

async function loadUrl(ctx: ToolContext, raw: string, maxBytes: number): Promise<LoadedImage> {
  const url = parseHttpUrl(raw, 'path');
  const request = requestSignal(ctx.signal, DOWNLOAD_TIMEOUT_SECONDS);
  try {
    const response = await fetch(url, { signal: request.signal, headers: { 'User-Agent': userAgent(), Accept: 'image/*' } });
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw new ToolError('EXECUTION_FAILED', `HTTP ${response.status} for ${url.href}`, { status: response.status });
    }
    const declaredLength = Number(response.headers.get('content-length') ?? NaN);
    if (Number.isFinite(declaredLength) && declaredLength > maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      throw tooLarge(url.href, declaredLength, maxBytes);
    }
    // One byte over the limit is enough to know it is too large.
    const body = await readCappedBody(response, maxBytes + 1);
    if (body.bytes.length > maxBytes) throw tooLarge(url.href, body.bytes.length, maxBytes);
    return { bytes: body.bytes, source: url.href, declaredType: response.headers.get('content-type') ?? undefined };
  } catch (err) {
    throw request.classify(err, `Downloading ${url.href}`);
  }
}

/** The bytes of a workspace file or an http(s) URL, refusing anything over `maxBytes`. */
export async function loadImageBytes(ctx: ToolContext, pathOrUrl: string, maxBytes: number): Promise<LoadedImage> {
  return /^https?:\/\//i.test(pathOrUrl.trim()) ? loadUrl(ctx, pathOrUrl.trim(), maxBytes) : loadFile(ctx, pathOrUrl, maxBytes);
}
