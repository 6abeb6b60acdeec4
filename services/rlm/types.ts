import type { BlobRef } from '../store/blob-store.ts';

/** What the content is, which decides how it is cut into chunks. */
export const rlmContentTypes = ['code', 'logs', 'conversation', 'documents', 'mixed'] as const;
export type RlmContentType = (typeof rlmContentTypes)[number];
export type RlmContentTypeChoice = RlmContentType | 'auto';

/** A chunk is a line range of the content and a title: a descriptor, never a copy of the text. */
export interface RlmChunk {
  /** 1-based. */
  readonly id: number;
  /** 1-based, inclusive. */
  readonly startLine: number;
  readonly endLine: number;
  readonly bytes: number;
  readonly title: string;
}

/** Where one input file sits in the content. */
export interface RlmSourceFile {
  readonly name: string;
  readonly startLine: number;
  readonly endLine: number;
  readonly bytes: number;
  /** Set when the file's bytes are not in the content (binary, unreadable). */
  readonly skipped?: string;
}

/**
 * Content stored once in the blob store, with what the tools need to work on
 * it by reference: the sparse line index and the chunk descriptors (each its
 * own blob), and a few small facts for the prompt. This is all history holds.
 */
export interface RlmContent {
  readonly blob: BlobRef;
  readonly index: BlobRef;
  readonly chunks: BlobRef;
  readonly bytes: number;
  readonly lines: number;
  readonly chunkCount: number;
  readonly contentType: RlmContentType;
  /** What detection found (the same as contentType unless a type was forced). */
  readonly detected: RlmContentType;
  /** A binary single file: nothing was stored, the tools refuse it. */
  readonly binary: boolean;
  readonly sources: readonly RlmSourceFile[];
  /** Sources not listed in `sources` (too many to keep). */
  readonly moreSources: number;
  /** The first lines, for the model's first look. */
  readonly preview: string;
  /** Up to a few dozen chunks spread over the content, for the model's map of it. */
  readonly overview: readonly RlmChunk[];
}

/** What to ingest: files on the host that runs the activity, or bytes already in the blob store (stdin). */
export type RlmSource =
  | {
      readonly kind: 'files';
      /** Base directory for relative paths and globs. */
      readonly cwd: string;
      readonly patterns: readonly string[];
      /** Refuse paths outside `cwd` (the agent's workspace). */
      readonly confine?: boolean;
    }
  | { readonly kind: 'blob'; readonly hash: string; readonly name?: string };

export interface RlmIngestInput {
  readonly source: RlmSource;
  readonly contentType: RlmContentTypeChoice;
  /** Chunk size target in tokens (about 4 bytes each). */
  readonly maxChunkTokens?: number;
}

/** Every rlm_* tool answers with this (the same shape as the agent's tools). */
export interface RlmToolResult {
  readonly success: boolean;
  readonly output: string;
}

/** The text of chunks (or a line range) for a sub-query, capped. */
export interface RlmContext {
  readonly success: boolean;
  /** The context text, or the error for the model. */
  readonly text: string;
  readonly chunkIds: readonly number[];
  readonly lines: readonly (readonly [number, number])[];
  readonly truncated: boolean;
}
