import type { ChatEntry } from './chat.ts';
import { blankLine, sanitize, truncate, wrapSegments, wrapText, type Line, type Segment } from './lines.ts';

/** The argument that says most about a tool call, on one line. */
export function toolSummary(input: unknown): string {
  const value = (input ?? {}) as Record<string, unknown>;
  const pick = value.command ?? value.path ?? value.filePath ?? value.file_path ?? value.pattern ?? value.url ?? value.query ?? value.description ?? value.question;
  const text = typeof pick === 'string' ? pick : input === undefined ? '' : JSON.stringify(input);
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

const statusMark = { running: '…', ok: '✓', error: '✗' } as const;

function toolLines(entry: Extract<ChatEntry, { kind: 'tool' }>, width: number, expanded: boolean): Line[] {
  const mark: Segment = { text: ` ${statusMark[entry.status]}`, tone: entry.status === 'error' ? 'error' : entry.status === 'ok' ? 'success' : 'muted' };
  const head = `⚙ ${entry.tool}`;
  const summary = toolSummary(entry.input);
  const room = Math.max(0, width - head.length - 5);
  const lines: Line[] = [{ segments: [{ text: '  ' }, { text: head, tone: 'tool', bold: true }, { text: summary ? ` ${truncate(summary, room)}` : '', tone: 'muted' }, mark] }];
  if (!expanded) {
    if (entry.status === 'error' && entry.preview) {
      lines.push({ segments: [{ text: `    ${truncate(entry.preview.replace(/\s+/g, ' '), Math.max(1, width - 4))}`, tone: 'error', dim: true }] });
    }
    return lines;
  }
  if (entry.input !== undefined) {
    const input = JSON.stringify(entry.input, null, 2).split('\n').slice(0, 8).join('\n');
    lines.push(...wrapText(input, width - 4, { tone: 'muted' }).map((l) => indent(l, 4)));
  }
  if (entry.preview) {
    const preview = entry.preview.split('\n').slice(0, 16).join('\n');
    lines.push(...wrapText(preview, width - 4, { tone: entry.status === 'error' ? 'error' : 'text', dim: entry.status !== 'error' }).map((l) => indent(l, 4)));
  }
  return lines;
}

function indent(line: Line, columns: number): Line {
  return { segments: [{ text: ' '.repeat(columns) }, ...line.segments] };
}

/** Markdown, lightly: fenced code in the code colour, headings bold, `inline code` highlighted. */
function assistantLines(text: string, width: number, streaming: boolean): Line[] {
  const lines: Line[] = [];
  let fenced = false;
  for (const raw of sanitize(text).split('\n')) {
    if (/^\s*```/.test(raw)) {
      fenced = !fenced;
      lines.push({ segments: [{ text: `  ${raw.trim()}`, tone: 'muted' }] });
      continue;
    }
    if (fenced) {
      lines.push(...wrapSegments([{ text: raw, tone: 'code' }], width - 2).map((l) => indent(l, 2)));
      continue;
    }
    const heading = /^#{1,6}\s+(.*)$/.exec(raw);
    if (heading) {
      lines.push(...wrapSegments([{ text: heading[1]!, tone: 'accent', bold: true }], width - 2).map((l) => indent(l, 2)));
      continue;
    }
    const segments: Segment[] = raw.split(/(`[^`]+`|\*\*[^*]+\*\*)/).map((part) => {
      if (part.startsWith('`') && part.endsWith('`') && part.length > 1) return { text: part.slice(1, -1), tone: 'code' };
      if (part.startsWith('**') && part.endsWith('**') && part.length > 4) return { text: part.slice(2, -2), tone: 'assistant', bold: true };
      return { text: part, tone: 'assistant' };
    });
    const bullet = /^(\s*(?:[-*]|\d+\.)\s)/.exec(raw)?.[1]?.length ?? 0;
    lines.push(...wrapSegments(segments, width - 2, bullet).map((l) => indent(l, 2)));
  }
  if (streaming) {
    const last = lines.at(-1) ?? { segments: [{ text: '  ' }] };
    lines[Math.max(0, lines.length - 1)] = { segments: [...last.segments, { text: '▍', tone: 'accent' }] };
  }
  return lines;
}

export function entryLines(entry: ChatEntry, width: number, expanded: boolean): Line[] {
  switch (entry.kind) {
    case 'user': {
      const [first = '', ...rest] = entry.text.split('\n');
      const style = { tone: 'user' as const, ...(entry.pending ? { dim: true } : {}) };
      return [
        blankLine(),
        ...wrapSegments([{ text: '❯ ', tone: 'accent', bold: true }, { text: first, ...style }], width, 2),
        ...(rest.length > 0 ? wrapText(rest.join('\n'), width - 2, style).map((l) => indent(l, 2)) : []),
      ];
    }
    case 'assistant':
      return assistantLines(entry.text, width, entry.streaming);
    case 'tool':
      return toolLines(entry, width, expanded);
    case 'system':
      return wrapSegments(
        [{ text: entry.tone === 'info' ? '· ' : '! ', tone: entry.tone === 'info' ? 'muted' : entry.tone }, { text: entry.text, tone: entry.tone === 'info' ? 'muted' : entry.tone }],
        width,
        2,
      );
    default: {
      const never: never = entry;
      return never;
    }
  }
}

/** Every entry as screen rows for a column `width` wide. */
export function chatLines(entries: readonly ChatEntry[], width: number, expanded: boolean): Line[] {
  const lines = entries.flatMap((entry) => entryLines(entry, width, expanded));
  return lines[0]?.segments.length === 0 ? lines.slice(1) : lines;
}

const cache = new WeakMap<ChatEntry, { width: number; expanded: boolean; lines: Line[] }>();

/** `chatLines` with each entry's rows kept until the entry, the width or the expansion changes (streaming re-wraps only the last entry). */
export function chatLinesCached(entries: readonly ChatEntry[], width: number, expanded: boolean): Line[] {
  const lines = entries.flatMap((entry) => {
    const hit = cache.get(entry);
    if (hit !== undefined && hit.width === width && hit.expanded === expanded) return hit.lines;
    const fresh = entryLines(entry, width, expanded);
    cache.set(entry, { width, expanded, lines: fresh });
    return fresh;
  });
  return lines[0]?.segments.length === 0 ? lines.slice(1) : lines;
}
