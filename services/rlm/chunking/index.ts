import type { RlmContentType } from '../types.ts';
import { Chunker, type ChunkRules } from './chunker.ts';
import { codeRules } from './code-rules.ts';
import { conversationRules } from './conversation-rules.ts';
import { documentRules, mixedRules } from './document-rules.ts';
import { logRules } from './log-rules.ts';

/** Chunk size target in bytes from tokens (the original's estimate: 4 characters a token). */
export function chunkTargetBytes(maxChunkTokens: number): number {
  return maxChunkTokens * 4;
}

function rulesFor(type: RlmContentType): ChunkRules {
  switch (type) {
    case 'code':
      return codeRules();
    case 'logs':
      return logRules();
    case 'conversation':
      return conversationRules();
    case 'documents':
      return documentRules();
    case 'mixed':
      return mixedRules();
    default: {
      const never: never = type;
      throw new Error(`unknown content type ${String(never)}`);
    }
  }
}

export function chunkerFor(type: RlmContentType, maxChunkTokens = 4000): Chunker {
  return new Chunker(rulesFor(type), chunkTargetBytes(maxChunkTokens));
}
