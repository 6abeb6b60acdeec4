import type { RlmContentType } from './types.ts';

const codePrefixes = [
  'function', 'class ', 'def ', 'const ', 'let ', 'var ', 'import ', 'export ', 'async ', 'fn ', 'impl ',
  'struct ', 'enum ', 'pub ', 'use ', 'mod ', 'trait ',
];
const codeExact = new Set(['{', '}', '(', ')', ';', '{}', '};']);
const commentPrefixes = ['//', '#', '*', '/*'];
// Markdown that the original counted as code comments: bold text and second-level headings and below.
const markdownNotComment = /^(\*\*|##)/;
const logLevels = ['INFO', 'DEBUG', 'WARN', 'ERROR', 'FATAL', 'TRACE'];
export const conversationMarkers = [
  '[User]:', '[Assistant]:', '[Human]:', '[AI]:', 'User:', 'Assistant:', 'Human:', 'AI:', '[Tool ', '<user>',
  '<assistant>', '<system>',
];

const isCode = (t: string): boolean =>
  codePrefixes.some((p) => t.startsWith(p)) ||
  codeExact.has(t) ||
  (commentPrefixes.some((p) => t.startsWith(p)) && !markdownNotComment.test(t));

const isLog = (t: string): boolean =>
  (t.length >= 10 && /^\d{4}-/.test(t)) ||
  /^\[\d/.test(t) ||
  logLevels.some((level) => t.startsWith(level) || t.includes(` ${level} `));

const isConversation = (t: string): boolean => conversationMarkers.some((m) => t.startsWith(m));

const isDocument = (t: string): boolean =>
  /^#[ #]/.test(t) ||
  t.startsWith('**') ||
  t.startsWith('> ') ||
  (t.startsWith('- ') && t.length > 3) ||
  (t.length > 80 && !/[{;()=]$/.test(t));

/**
 * The original's rule: count each type's indicator lines in the sample (the
 * first and last 100 lines); the first type in priority order holding more
 * than 30 % of all indicators wins, else the content is mixed. One change:
 * `**bold**` lines and `##` headings no longer count as code comments, so
 * markdown is not taken for code.
 */
export function detectContentType(sample: readonly string[]): RlmContentType {
  const counts = { conversation: 0, logs: 0, code: 0, documents: 0 };
  for (const raw of sample) {
    const t = raw.trim();
    if (t === '') continue;
    if (isCode(t)) counts.code += 1;
    if (isLog(t)) counts.logs += 1;
    if (isConversation(t)) counts.conversation += 1;
    if (isDocument(t)) counts.documents += 1;
  }
  const total = counts.conversation + counts.logs + counts.code + counts.documents;
  if (total === 0) return 'mixed';
  const threshold = Math.floor(total * 0.3);
  for (const type of ['conversation', 'logs', 'code', 'documents'] as const) {
    if (counts[type] > threshold) return type;
  }
  return 'mixed';
}

/** What to look for in each type of content (the original's processing hints). */
export const contentHints: Readonly<Record<RlmContentType, readonly string[]>> = {
  code: ['function and type definitions', 'imports and dependencies', 'error handling', 'the algorithms and their edge cases'],
  logs: ['errors and warnings', 'timestamps and their order', 'stack traces', 'state changes'],
  conversation: ['the user’s goal', 'decisions made', 'tool calls and their results', 'pending tasks'],
  documents: ['the main topics', 'key facts', 'actions asked for', 'links and references'],
  mixed: ['analyse the structure first: what kinds of content are in it, and where'],
};

/** The sample detection reads: all lines when there are at most 200, else the first and last 100. */
export function detectionSample(head: readonly string[], tail: readonly string[], total: number): string[] {
  if (total <= 200) return head.slice(0, total);
  return [...head.slice(0, 100), ...tail.slice(-100)];
}
