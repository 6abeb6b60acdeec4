import type { ModelMessage } from 'ai';
import type { ChatEntry } from './chat.ts';

function outputText(output: unknown): { text: string; error: boolean } {
  const value = (output ?? {}) as { type?: string; value?: unknown };
  const error = value.type === 'error-text' || value.type === 'error-json';
  const raw = value.value;
  return { text: typeof raw === 'string' ? raw : JSON.stringify(raw ?? ''), error };
}

/**
 * The chat entries of a stored transcript (a resumed session): user and
 * assistant text, each tool call with its result. System messages are left
 * out. Entry ids are stable (`t<index>`), so a reload renders the same.
 */
export function transcriptEntries(messages: readonly ModelMessage[]): ChatEntry[] {
  const entries: ChatEntry[] = [];
  const tools = new Map<string, number>();
  messages.forEach((message, m) => {
    const id = (part: number) => `t${m}.${part}`;
    if (message.role === 'system') return;
    if (message.role === 'user') {
      const text =
        typeof message.content === 'string'
          ? message.content
          : message.content
              .map((part) => (part.type === 'text' ? part.text : part.type === 'file' ? `[file ${part.filename ?? part.mediaType}]` : `[${part.type}]`))
              .join('\n');
      if (text.trim() !== '') entries.push({ kind: 'user', id: id(0), text });
      return;
    }
    if (message.role === 'assistant') {
      if (typeof message.content === 'string') {
        if (message.content.trim() !== '') entries.push({ kind: 'assistant', id: id(0), text: message.content, streaming: false });
        return;
      }
      message.content.forEach((part, p) => {
        if (part.type === 'text' && part.text.trim() !== '') entries.push({ kind: 'assistant', id: id(p), text: part.text, streaming: false });
        if (part.type === 'tool-call') {
          tools.set(part.toolCallId, entries.length);
          entries.push({ kind: 'tool', id: `tool-${part.toolCallId}`, tool: part.toolName, input: part.input, status: 'running' });
        }
      });
      return;
    }
    if (message.role === 'tool') {
      for (const part of message.content) {
        if (part.type !== 'tool-result') continue;
        const index = tools.get(part.toolCallId);
        const { text, error } = outputText(part.output);
        const preview = text.slice(0, 400);
        if (index === undefined) {
          entries.push({ kind: 'tool', id: `tool-${part.toolCallId}`, tool: part.toolName, input: undefined, status: error ? 'error' : 'ok', preview });
        } else {
          const entry = entries[index] as Extract<ChatEntry, { kind: 'tool' }>;
          entries[index] = { ...entry, status: error ? 'error' : 'ok', preview };
        }
      }
    }
  });
  return entries;
}

/**
 * The messages before the last user message: what to show from the
 * transcript when the last turn is still running and is followed live from
 * its start on the stream.
 */
export function beforeLastUserMessage(messages: readonly ModelMessage[]): ModelMessage[] {
  for (let i = messages.length - 1; i >= 0; i -= 1) if (messages[i]!.role === 'user') return messages.slice(0, i);
  return [...messages];
}
