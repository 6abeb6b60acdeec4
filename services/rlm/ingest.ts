import type { BlobRef, BlobStore } from '../store/blob-store.ts';
import type { Chunker } from './chunking/chunker.ts';
import { chunkerFor } from './chunking/index.ts';
import { encodeChunks, overviewOf } from './chunk-table.ts';
import type { CacheWriter, ContentCache } from './content-cache.ts';
import { LineIndexBuilder } from './line-index.ts';
import { headText, LineScanner } from './line-scanner.ts';
import { detectFromEnds, isBinarySample, sampleBytes } from './sample.ts';
import { fileBytes, fileRange, resolveFiles, type ResolvedFile } from './sources.ts';
import type { RlmContent, RlmContentType, RlmIngestInput, RlmSourceFile } from './types.ts';

/** Bad input no retry will fix: no readable file, a missing blob. */
export class RlmInputError extends Error {
  override readonly name = 'RlmInputError';
}

export interface IngestDeps {
  readonly blobs: BlobStore;
  /** Keep a local copy of what is ingested, so the first scans need not read it back from the database. */
  readonly cache?: ContentCache;
  /** Called every few megabytes with progress (the activity heartbeats). */
  readonly progress?: (details: { bytes: number; lines: number }) => void;
}

const previewLines = 25;
const previewLineChars = 200;
const maxSourcesKept = 500;
const progressEvery = 8 * 1024 * 1024;

/** What one streaming pass over the content builds: the line index, the chunks, the preview. */
class ContentPass {
  readonly index = new LineIndexBuilder();
  readonly chunker: Chunker;
  readonly preview: string[] = [];
  readonly scanner: LineScanner;
  private nextProgress = progressEvery;
  private readonly progress: IngestDeps['progress'];

  constructor(type: RlmContentType, maxChunkTokens: number | undefined, progress: IngestDeps['progress']) {
    this.chunker = chunkerFor(type, maxChunkTokens);
    this.progress = progress;
    this.scanner = new LineScanner((lineNo, start, length, head) => {
      this.index.lineStart(lineNo, start);
      const text = headText(head);
      this.chunker.line(lineNo, length + 1, text);
      if (this.preview.length < previewLines) this.preview.push(text.slice(0, previewLineChars));
    });
  }

  push(piece: Buffer): void {
    this.scanner.push(piece);
    if (this.scanner.bytes >= this.nextProgress) {
      this.nextProgress += progressEvery;
      this.progress?.({ bytes: this.scanner.bytes, lines: this.scanner.lines });
    }
  }

  async *tap(source: AsyncIterable<Buffer>, copy?: CacheWriter): AsyncGenerator<Buffer> {
    for await (const piece of source) {
      this.push(piece);
      await copy?.write(piece);
      yield piece;
    }
  }
}

/** Below this, content is not worth a local copy (the reader does not look for one either). */
const minCopyBytes = 1024 * 1024;

/** Run `body` with a cache writer (when there is a cache), committing the copy under the content's hash on success. */
async function withCopy(cache: ContentCache | undefined, bytes: number, body: (copy: CacheWriter | undefined) => Promise<BlobRef>): Promise<BlobRef> {
  const copy = bytes >= minCopyBytes ? await cache?.writer().catch(() => undefined) : undefined;
  try {
    const ref = await body(copy);
    await copy?.commit(ref.hash).catch(() => copy.abort());
    return ref;
  } catch (err) {
    await copy?.abort().catch(() => undefined);
    throw err;
  }
}

async function finish(
  blobs: BlobStore,
  pass: ContentPass,
  blob: BlobRef,
  facts: { contentType: RlmContentType; detected: RlmContentType; sources: RlmSourceFile[] },
): Promise<RlmContent> {
  pass.scanner.end();
  const chunks = pass.chunker.finish();
  const [index, table] = await Promise.all([blobs.put(pass.index.encode()), blobs.put(encodeChunks(chunks))]);
  return {
    blob,
    index,
    chunks: table,
    bytes: blob.size,
    lines: pass.scanner.lines,
    chunkCount: chunks.length,
    contentType: facts.contentType,
    detected: facts.detected,
    binary: false,
    sources: facts.sources.slice(0, maxSourcesKept),
    moreSources: Math.max(0, facts.sources.length - maxSourcesKept),
    preview: pass.preview.join('\n'),
    overview: overviewOf(chunks),
  };
}

async function binaryContent(blobs: BlobStore, bytes: number, name: string, blob?: BlobRef): Promise<RlmContent> {
  const empty = await blobs.put(Buffer.alloc(0));
  return {
    blob: blob ?? empty,
    index: empty,
    chunks: empty,
    bytes,
    lines: 0,
    chunkCount: 0,
    contentType: 'mixed',
    detected: 'mixed',
    binary: true,
    sources: [{ name, startLine: 0, endLine: 0, bytes, skipped: 'binary' }],
    moreSources: 0,
    preview: '',
    overview: [],
  };
}

async function detectFiles(files: readonly ResolvedFile[]): Promise<RlmContentType> {
  const text = files.filter((f) => f.error === undefined && !f.binary && f.size > 0);
  const first = text[0];
  const last = text.at(-1);
  if (first === undefined || last === undefined) return 'mixed';
  if (text.length === 1 && first.size <= 2 * sampleBytes) return detectFromEnds(await fileRange(first.absolute, 0, first.size), undefined);
  return detectFromEnds(
    await fileRange(first.absolute, 0, sampleBytes),
    await fileRange(last.absolute, Math.max(0, last.size - sampleBytes), last.size),
  );
}

/** Each file wrapped as the original did when there are several; one file goes in as it is. */
async function* filesContent(files: readonly ResolvedFile[], pass: ContentPass, sources: RlmSourceFile[]): AsyncGenerator<Buffer> {
  const wrap = files.length > 1;
  for (const file of files) {
    if (wrap) yield Buffer.from(`=== FILE: ${file.name} ===\n`);
    const startLine = pass.scanner.lines + 1;
    let skipped: string | undefined;
    if (file.error !== undefined) {
      skipped = file.error;
      yield Buffer.from(`Error: ${file.name}: ${file.error}\n`);
    } else if (file.binary) {
      skipped = 'binary';
      yield Buffer.from(`(binary file, ${file.size} bytes: not included)\n`);
    } else {
      let last = 10;
      for await (const piece of fileBytes(file.absolute)) {
        if (piece.length > 0) last = piece[piece.length - 1]!;
        yield piece;
      }
      if (wrap && last !== 10) yield Buffer.from('\n');
    }
    // One file unwrapped may end without a newline; its range is set once the scan has ended.
    sources.push({ name: file.name, startLine, endLine: pass.scanner.lines, bytes: file.size, ...(skipped ? { skipped } : {}) });
    if (wrap) yield Buffer.from('=== END FILE ===\n');
  }
}

async function ingestFiles(deps: IngestDeps, input: RlmIngestInput & { source: { kind: 'files' } }): Promise<RlmContent> {
  const { cwd, patterns, confine } = input.source;
  const files = await resolveFiles(cwd, patterns, confine === true);
  if (files.length === 0 || files.every((f) => f.error !== undefined)) {
    throw new RlmInputError(files.map((f) => `${f.name}: ${f.error}`).join('; ') || 'no files given');
  }
  const only = files.length === 1 ? files[0]! : undefined;
  if (only?.binary) return binaryContent(deps.blobs, only.size, only.name);
  const detected = await detectFiles(files);
  const contentType = input.contentType === 'auto' ? detected : input.contentType;
  const pass = new ContentPass(contentType, input.maxChunkTokens, deps.progress);
  const sources: RlmSourceFile[] = [];
  const total = files.reduce((sum, f) => sum + f.size, 0);
  const blob = await withCopy(deps.cache, total, (copy) => deps.blobs.putStream(pass.tap(filesContent(files, pass, sources), copy)));
  const content = await finish(deps.blobs, pass, blob, { contentType, detected, sources });
  if (only !== undefined) return { ...content, sources: [{ name: only.name, startLine: 1, endLine: content.lines, bytes: only.size }] };
  return content;
}

async function ingestBlob(deps: IngestDeps, input: RlmIngestInput & { source: { kind: 'blob' } }): Promise<RlmContent> {
  const { hash, name } = input.source;
  const info = await deps.blobs.stat(hash).catch(() => undefined);
  if (info === undefined) throw new RlmInputError(`no stored content ${hash}`);
  const blob = { hash, size: info.size };
  const small = info.size <= 2 * sampleBytes;
  const head = await deps.blobs.readRange(hash, 0, small ? info.size : sampleBytes);
  if (isBinarySample(head)) return binaryContent(deps.blobs, info.size, name ?? 'stdin', blob);
  const detected = detectFromEnds(head, small ? undefined : await deps.blobs.readRange(hash, info.size - sampleBytes, info.size));
  const contentType = input.contentType === 'auto' ? detected : input.contentType;
  const pass = new ContentPass(contentType, input.maxChunkTokens, deps.progress);
  await withCopy(deps.cache, info.size, async (copy) => {
    for await (const piece of deps.blobs.stream(hash)) {
      pass.push(piece);
      await copy?.write(piece);
    }
    return blob;
  });
  const content = await finish(deps.blobs, pass, blob, { contentType, detected, sources: [] });
  return { ...content, sources: [{ name: name ?? 'stdin', startLine: 1, endLine: content.lines, bytes: info.size }] };
}

/**
 * Store the content once and build what the tools need, in one streaming
 * pass with bounded memory: files are read (or the stored stdin blob is
 * streamed) through a line scanner that feeds the sparse line index and the
 * chunker for the detected type; only the descriptors are kept.
 */
export function ingestContent(deps: IngestDeps, input: RlmIngestInput): Promise<RlmContent> {
  return input.source.kind === 'files'
    ? ingestFiles(deps, input as RlmIngestInput & { source: { kind: 'files' } })
    : ingestBlob(deps, input as RlmIngestInput & { source: { kind: 'blob' } });
}
