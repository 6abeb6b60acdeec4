import type { ChunkRules } from './chunker.ts';

const iso = /^\[?(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(:\d{2})?/;
const syslog = /^([A-Z][a-z]{2} {1,2}\d{1,2}) (\d{2}):(\d{2}):\d{2}/;
const clock = /^\[(\d{2}):(\d{2}):\d{2}/;
const epoch = /^\[?(\d{10})(?:\.\d+)?\]?\s/;
const errorWords = /\b(ERROR|FATAL|CRITICAL|SEVERE|PANIC|Exception|Traceback)\b/;

/** The minute a log line was written, when it starts with a timestamp we know. */
export function logMinute(text: string): string | undefined {
  let m = iso.exec(text);
  if (m) return `${m[1]} ${m[2]}:${m[3]}`;
  m = syslog.exec(text);
  if (m) return `${m[1]} ${m[2]}:${m[3]}`;
  m = clock.exec(text);
  if (m) return `${m[1]}:${m[2]}`;
  m = epoch.exec(text);
  if (m) return new Date(Math.floor(Number(m[1]) / 60) * 60_000).toISOString().slice(0, 16).replace('T', ' ');
  return undefined;
}

/** "2024-05-01 10:00 → 10:42" when both ends share the date. */
function span(first: string, last: string): string {
  const day = first.lastIndexOf(' ');
  const sameDay = day > 0 && last.startsWith(first.slice(0, day + 1));
  return `${first} → ${sameDay ? last.slice(day + 1) : last}`;
}

/**
 * Logs: one unit per minute of timestamps (lines without one, such as stack
 * traces, stay with the entry above them); neighbouring minutes merge into
 * time windows up to the chunk size. Titles name the window and its errors.
 */
export function logRules(): ChunkRules {
  let current: string | undefined;
  return {
    boundary: (text) => {
      const minute = logMinute(text);
      if (minute === undefined || minute === current) return undefined;
      current = minute;
      return minute;
    },
    opening: (text) => logMinute(text) ?? 'start',
    softBreak: (text) => logMinute(text) !== undefined,
    // A busy minute splits into pieces; each is named by the second it starts at.
    continuation: (text) => {
      const m = iso.exec(text);
      return m?.[4] !== undefined ? `${m[1]} ${m[2]}:${m[3]}${m[4]}` : undefined;
    },
    merged: (titles) => span(titles[0]!.replace(/ \(cont\.\)$/, ''), titles.at(-1)!.replace(/ \(cont\.\)$/, '')),
    notable: (text) => errorWords.test(text),
    note: (count) => `${count} error${count === 1 ? '' : 's'}`,
  };
}
