import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { ToolError } from '../../tool.ts';
import { includeFilter } from './include-filter.ts';
import {
  MAX_SEARCHED_FILE_BYTES,
  type SearchMatch,
  type SearchOutcome,
  type SearchRequest,
  type SearchRuntime,
} from './search-types.ts';

/** ripgrep could not parse the pattern (its regex dialect differs from JavaScript's). */
export class RipgrepPatternError extends Error {
  override readonly name = 'RipgrepPatternError';
}

/** rg --json writes text as `{text}` when it is UTF-8, else as `{bytes}` in base64. */
interface RgData {
  readonly text?: string;
  readonly bytes?: string;
}

interface RgMatchEvent {
  readonly type: 'match';
  readonly data: { readonly path: RgData; readonly lines: RgData; readonly line_number: number };
}

function decode(data: RgData): string {
  return data.text ?? Buffer.from(data.bytes ?? '', 'base64').toString('utf8');
}

function parseMatch(line: string): RgMatchEvent | null {
  if (!line.startsWith('{"type":"match"')) return null;
  return JSON.parse(line) as RgMatchEvent;
}

function withoutTerminator(text: string): string {
  return text.replace(/\r?\n$/, '');
}

/**
 * ripgrep's --glob would override .gitignore (a whitelisted ignored file gets
 * searched), but a file type does not: a name-only include glob becomes a
 * type that narrows the search. Every include is also applied to the results
 * (see searchWithRipgrep), which is what covers path globs.
 */
function includeArguments(include: string | undefined): string[] {
  if (include === undefined) return [];
  const negated = include.startsWith('!');
  const body = negated ? include.slice(1) : include;
  if (body.includes('/')) return [];
  return [`--type-add=ctinclude:${body}`, negated ? '--type-not=ctinclude' : '--type=ctinclude'];
}

/**
 * The flags that make ripgrep agree with the JS backend: hidden files
 * searched, `.git` skipped, only the workspace's .gitignore files (and
 * .git/info/exclude) honoured whether or not it is a git repository, results
 * in path order, CRLF lines, the same size cap, no user config.
 */
export function ripgrepArguments(request: SearchRequest): string[] {
  const target = relative(request.root, request.target) || '.';
  return [
    '--json',
    '--no-config',
    '--hidden',
    '--no-require-git',
    '--no-ignore-dot',
    '--no-ignore-global',
    '--sort=path',
    '--crlf',
    `--max-filesize=${MAX_SEARCHED_FILE_BYTES}`,
    request.caseInsensitive ? '--ignore-case' : '--case-sensitive',
    ...(request.isRegex ? [] : ['--fixed-strings']),
    ...includeArguments(request.include),
    '--glob=!.git',
    '--regexp',
    request.pattern,
    '--',
    target,
  ];
}

export async function searchWithRipgrep(
  rgPath: string,
  request: SearchRequest,
  runtime: SearchRuntime,
): Promise<SearchOutcome> {
  runtime.signal.throwIfAborted();
  const explicitFile = (await stat(request.target)).isFile();
  const child = spawn(rgPath, ripgrepArguments(request), {
    cwd: request.root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((done, fail) => {
    child.once('error', fail);
    child.once('close', (code) => done(code));
  });
  exited.catch(() => undefined); // awaited below; this only keeps an early throw from leaving it unhandled
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    if (stderr.length < 10_000) stderr += chunk;
  });
  let timedOut = false;
  const kill = (): void => {
    child.kill('SIGKILL');
  };
  const timer = setTimeout(() => {
    timedOut = true;
    kill();
  }, runtime.totalBudgetMs);
  runtime.signal.addEventListener('abort', kill, { once: true });

  const wanted = request.include === undefined || explicitFile ? () => true : includeFilter(request.include);
  const matches: SearchMatch[] = [];
  try {
    const lines = createInterface({ input: child.stdout, crlfDelay: Infinity });
    for await (const line of lines) {
      const event = parseMatch(line);
      if (!event) continue;
      const path = relative(request.root, resolve(request.root, decode(event.data.path)));
      if (!wanted(path)) continue;
      matches.push({ path, line: event.data.line_number, text: withoutTerminator(decode(event.data.lines)) });
      if (matches.length > request.limit) {
        kill();
        break;
      }
      runtime.checkpoint({ matches: matches.length });
    }
    const code = await exited;
    runtime.signal.throwIfAborted();
    if (timedOut) {
      throw new ToolError(
        'TIMEOUT',
        `the search ran longer than ${runtime.totalBudgetMs} ms; narrow it with path or include`,
        { matches_so_far: matches.length },
      );
    }
    // 0: matches, 1: none; 2: an error, possibly after some matches (an unreadable file).
    if (code === 2 && matches.length === 0) {
      if (request.isRegex && /regex parse error|not allowed in a regex/.test(stderr)) {
        throw new RipgrepPatternError(stderr.trim());
      }
      throw new ToolError('EXECUTION_FAILED', `ripgrep failed: ${stderr.trim() || `exit code ${code}`}`);
    }
  } finally {
    clearTimeout(timer);
    runtime.signal.removeEventListener('abort', kill);
    if (child.exitCode === null && child.signalCode === null) kill();
  }
  return { matches: matches.slice(0, request.limit), truncated: matches.length > request.limit, backend: 'rg' };
}
