import type { SessionFeedItem } from '../../services/agent/session-events.ts';

const dim = (s: string) => (process.stderr.isTTY && !process.env.NO_COLOR ? `\x1b[2m${s}\x1b[22m` : s);

function shortInput(tool: string, input: unknown): string {
  const value = (input ?? {}) as Record<string, unknown>;
  const pick = value.command ?? value.path ?? value.filePath ?? value.pattern ?? value.url ?? value.query ?? value.description;
  const text = typeof pick === 'string' ? pick : JSON.stringify(input);
  const oneLine = (text ?? '').replace(/\s+/g, ' ');
  return oneLine.length > 100 ? `${oneLine.slice(0, 100)}…` : oneLine;
}

/**
 * How `codetether run` shows a turn on a terminal: the model's text on stdout
 * as it streams, tool activity on stderr, so `run … > answer.txt` keeps only
 * the answer text.
 */
export class TurnPrinter {
  private atLineStart = true;
  private printedText = false;

  feed(item: SessionFeedItem): void {
    if (item.kind === 'text-delta') {
      process.stdout.write(item.text);
      this.atLineStart = item.text.endsWith('\n');
      this.printedText = true;
      return;
    }
    if (item.kind === 'reasoning-delta') return;
    const event = item.event;
    switch (event.type) {
      case 'tool-call':
        this.newline();
        process.stderr.write(dim(`→ ${event.tool} ${shortInput(event.tool, event.input)}\n`));
        break;
      case 'tool-result':
        if (!event.success) process.stderr.write(dim(`  ✗ ${event.tool}: ${event.preview.replace(/\s+/g, ' ').slice(0, 200)}\n`));
        break;
      case 'turn-complete':
        if (!this.printedText && event.answer) process.stdout.write(event.answer);
        this.newline();
        break;
      default:
        break;
    }
  }

  newline(): void {
    if (!this.atLineStart) process.stdout.write('\n');
    this.atLineStart = true;
  }
}
