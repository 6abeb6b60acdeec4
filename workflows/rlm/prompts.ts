import type { RlmContent } from '../../services/rlm/types.ts';
import type { RlmSettings } from './types.ts';

const hints: Readonly<Record<RlmContent['contentType'], string>> = {
  code: 'function and type definitions, imports and dependencies, error handling, algorithms and their edge cases',
  logs: 'errors and warnings, timestamps and their order, stack traces, state changes',
  conversation: 'the user’s goal, decisions made, tool calls and their results, pending tasks',
  documents: 'the main topics, key facts, actions asked for, links and references',
  mixed: 'analyse the structure first: what kinds of content are in it, and where',
};

/** 1234567 → "1,234,567" without Intl (workflow code stays plain). */
export function grouped(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function sources(content: RlmContent): string {
  if (content.sources.length <= 1) return '';
  const listed = content.sources.slice(0, 20).map((s) => `  ${s.name}: lines ${s.startLine}-${s.endLine}${s.skipped ? ` (${s.skipped})` : ''}`);
  const more = content.sources.length + content.moreSources - listed.length;
  return `\nFiles (each wrapped in "=== FILE: name ===" … "=== END FILE ==="):\n${listed.join('\n')}${more > 0 ? `\n  … and ${more} more` : ''}\n`;
}

/** The loop's system prompt: how to work, and a first look at the content (its size, chunk map and first lines). */
export function rlmSystemPrompt(content: RlmContent, settings: RlmSettings): string {
  const map = content.overview.map((c) => `  ${c.id}. lines ${c.startLine}-${c.endLine}: ${c.title}`).join('\n');
  const sampled = content.overview.length < content.chunkCount ? ' (a sample; rlm_chunks lists them all)' : '';
  return [
    'You answer questions about content far larger than your context window. You never see it whole: you explore it',
    'with tools. Locate with rlm_grep, rlm_count and rlm_chunks; read with rlm_slice; hand whole chunks to',
    'rlm_llm_query when reading them yourself would cost too much (several rlm_llm_query calls in one step run in',
    'parallel). When you know the answer, call rlm_final with it: complete and specific, citing line numbers where',
    `they help, in at most about ${grouped(settings.maxTokens)} tokens. You have at most ${settings.maxIterations} steps; use few.`,
    '',
    `The content: ${grouped(content.bytes)} bytes, ${grouped(content.lines)} lines, ${content.contentType}` +
      `${content.detected !== content.contentType ? ` (detected: ${content.detected})` : ''}, in ${grouped(content.chunkCount)} chunks.`,
    `In ${content.contentType} content look for: ${hints[content.contentType]}.`,
    sources(content),
    `Chunks${sampled}:`,
    map,
    '',
    'The first lines:',
    '```',
    content.preview,
    '```',
  ].join('\n');
}

export function rlmUserPrompt(query: string): string {
  return `Analyze and answer: ${query}`;
}

export const lastStepPrompt = 'This is your last step: call rlm_final now with the best answer you have.';
export const nudgePrompt = 'Call a tool, or rlm_final with your answer.';

export const subQuerySystem =
  'You are a focused analysis assistant. Answer the question from the context alone, concisely; cite line numbers ' +
  '(each context line starts with its number); say so plainly when the context does not hold the answer.';

export function subQueryPrompt(context: string, query: string): string {
  return `Context:\n${context}\n\nQuestion: ${query}`;
}

/** `FINAL("…")` or `FINAL(…)` in a plain-text reply, as the original's models wrote it. */
export function finalFromText(text: string): string | undefined {
  const match = /FINAL!?\(\s*([\s\S]*?)\s*\)\s*$/m.exec(text);
  if (!match) return undefined;
  return match[1]!.replace(/^(["'`])([\s\S]*)\1$/, '$2').trim() || undefined;
}
