import { ToolError } from '../tool.ts';

export type HunkLineKind = 'context' | 'remove' | 'add';

export interface HunkLine {
  readonly kind: HunkLineKind;
  readonly text: string;
}

export interface Hunk {
  readonly header: string;
  /** As written in the @@ header (1-based); null when the header has no numbers. */
  readonly oldStart: number | null;
  readonly oldCount: number | null;
  readonly lines: readonly HunkLine[];
  /** A "\ No newline at end of file" marker followed the last old-side / new-side line. */
  readonly oldMissingNewline: boolean;
  readonly newMissingNewline: boolean;
}

/** One file's part of a patch. A null path is /dev/null: the file is created (old) or deleted (new). */
export interface FilePatch {
  readonly oldPath: string | null;
  readonly newPath: string | null;
  readonly hunks: readonly Hunk[];
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

function invalid(lineNumber: number, message: string): ToolError {
  return new ToolError('INVALID_ARGUMENT', `patch line ${lineNumber}: ${message}`);
}

/** Undo git's C-style quoting of unusual file names. */
function unquote(text: string): string {
  if (!text.startsWith('"') || !text.endsWith('"') || text.length < 2) return text;
  const body = text.slice(1, -1);
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] ?? '';
    if (ch !== '\\') {
      bytes.push(...Buffer.from(ch, 'utf8'));
      continue;
    }
    const next = body[i + 1] ?? '';
    const octal = /^[0-7]{3}/.exec(body.slice(i + 1, i + 4));
    if (octal) {
      bytes.push(Number.parseInt(octal[0], 8));
      i += 3;
      continue;
    }
    const escapes: Record<string, string> = { n: '\n', t: '\t', '"': '"', '\\': '\\', a: '\x07', b: '\b', f: '\f', r: '\r', v: '\v' };
    bytes.push(...Buffer.from(escapes[next] ?? next, 'utf8'));
    i += 1;
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The path of a ---/+++ line: without a timestamp after a tab; null for /dev/null. */
function headerPath(raw: string): string | null {
  const withoutTimestamp = raw.startsWith('"') ? raw.trimEnd() : (raw.split('\t')[0] ?? '').trimEnd();
  const path = unquote(withoutTimestamp);
  return path === '/dev/null' ? null : path;
}

/** The two paths of `diff --git a/x b/y`, prefixes included. */
function gitHeaderPaths(rest: string): [string, string] | null {
  const quoted = /^("(?:[^"\\]|\\.)*"|\S+) ("(?:[^"\\]|\\.)*"|\S+)$/.exec(rest);
  if (rest.includes('"') && quoted) return [unquote(quoted[1] ?? ''), unquote(quoted[2] ?? '')];
  // Names may contain spaces; they are usually the same on both sides: "a/P b/P".
  const half = (rest.length - 1) / 2;
  if (Number.isInteger(half) && rest[half] === ' ' && rest.slice(2, half) === rest.slice(half + 3)) {
    return [rest.slice(0, half), rest.slice(half + 1)];
  }
  const split = rest.lastIndexOf(' b/');
  return split > 0 ? [rest.slice(0, split), rest.slice(split + 1)] : null;
}

function stripPrefix(path: string | null, prefix: string): string | null {
  return path !== null && path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

interface Draft {
  git: boolean;
  gitOld: string | null;
  gitNew: string | null;
  headerOld: string | null;
  headerNew: string | null;
  sawFileHeaders: boolean;
  created: boolean;
  deleted: boolean;
  renameFrom: string | null;
  renameTo: string | null;
  hunks: Hunk[];
  startLine: number;
}

function newDraft(startLine: number, git = false): Draft {
  return {
    git,
    gitOld: null,
    gitNew: null,
    headerOld: null,
    headerNew: null,
    sawFileHeaders: false,
    created: false,
    deleted: false,
    renameFrom: null,
    renameTo: null,
    hunks: [],
    startLine,
  };
}

function finishDraft(draft: Draft): FilePatch | null {
  let oldPath: string | null;
  let newPath: string | null;
  if (draft.sawFileHeaders) {
    const prefixed =
      draft.git ||
      ((draft.headerOld === null || draft.headerOld.startsWith('a/')) && (draft.headerNew === null || draft.headerNew.startsWith('b/')));
    oldPath = prefixed ? stripPrefix(draft.headerOld, 'a/') : draft.headerOld;
    newPath = prefixed ? stripPrefix(draft.headerNew, 'b/') : draft.headerNew;
  } else {
    oldPath = draft.created ? null : (draft.renameFrom ?? stripPrefix(draft.gitOld, 'a/'));
    newPath = draft.deleted ? null : (draft.renameTo ?? stripPrefix(draft.gitNew, 'b/'));
  }
  if (oldPath === null && newPath === null) throw invalid(draft.startLine, 'a file section with /dev/null on both sides');
  const changesSomething = draft.hunks.length > 0 || oldPath === null || newPath === null || oldPath !== newPath;
  if (!changesSomething) {
    // A git mode-only change carries no content change; anything else without hunks is a mistake.
    if (draft.git && !draft.sawFileHeaders) return null;
    throw invalid(draft.startLine, `the section for ${newPath} has no @@ hunks`);
  }
  return { oldPath, newPath, hunks: draft.hunks };
}

const PREFIX_KIND: Record<string, HunkLineKind> = { ' ': 'context', '-': 'remove', '+': 'add' };

/**
 * Read one hunk starting at its @@ line. Line counts in the header are used
 * to know where the hunk ends, but wrong counts (common in hand- or
 * model-written patches) are tolerated: the hunk also ends at the next header
 * or at a line that cannot belong to a hunk.
 */
function parseHunk(lines: readonly string[], start: number): { hunk: Hunk; next: number } {
  const header = lines[start] ?? '';
  const numbers = HUNK_HEADER.exec(header);
  const oldStart = numbers ? Number(numbers[1]) : null;
  const oldCount = numbers ? (numbers[2] === undefined ? 1 : Number(numbers[2])) : null;
  const newCount = numbers ? (numbers[4] === undefined ? 1 : Number(numbers[4])) : null;
  const body: Array<HunkLine & { bare: boolean }> = [];
  let oldSeen = 0;
  let newSeen = 0;
  let oldMissingNewline = false;
  let newMissingNewline = false;
  const satisfied = (): boolean => oldCount !== null && newCount !== null && oldSeen >= oldCount && newSeen >= newCount;

  let i = start + 1;
  for (; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.startsWith('\\')) {
      const last = body[body.length - 1];
      if (last?.kind !== 'add') oldMissingNewline = true;
      if (last?.kind !== 'remove') newMissingNewline = true;
      continue;
    }
    if (line.startsWith('@@') || line.startsWith('diff --git ')) break;
    const fileHeaderFollows = line.startsWith('--- ') && (lines[i + 1] ?? '').startsWith('+++ ');
    if (fileHeaderFollows && (oldCount === null || satisfied())) break;
    if (satisfied() && (line === '' || line === '-- ')) break;
    // Some editors strip the single space of an empty context line.
    const kind = line === '' ? 'context' : PREFIX_KIND[line[0] ?? ''];
    if (kind === undefined) break;
    body.push({ kind, text: line.slice(1), bare: line === '' });
    if (kind !== 'add') oldSeen++;
    if (kind !== 'remove') newSeen++;
  }
  // Trailing bare blank lines are usually the blank line after the patch, not context.
  while (body[body.length - 1]?.bare && !(oldCount !== null && oldSeen === oldCount && newSeen === newCount)) {
    body.pop();
    oldSeen--;
    newSeen--;
  }
  const hunkLines = body.map(({ kind, text }) => ({ kind, text }));
  return { hunk: { header, oldStart, oldCount, lines: hunkLines, oldMissingNewline, newMissingNewline }, next: i };
}

/** Drop a ``` fence around the whole patch, as models often send it. */
function withoutFence(lines: string[]): string[] {
  const first = lines.findIndex((line) => line.trim() !== '');
  if (first === -1 || !/^```/.test((lines[first] ?? '').trim())) return lines;
  let last = lines.length - 1;
  while (last > first && (lines[last] ?? '').trim() === '') last--;
  return (lines[last] ?? '').trim() === '```' ? lines.slice(first + 1, last) : lines.slice(first + 1);
}

/** Parse a unified diff (plain or git-style, one or many files). */
export function parsePatch(text: string): FilePatch[] {
  const lines = withoutFence(text.replace(/\r\n/g, '\n').split('\n'));
  const files: FilePatch[] = [];
  let draft: Draft | null = null;
  const finish = (): void => {
    if (draft) {
      const done = finishDraft(draft);
      if (done) files.push(done);
    }
    draft = null;
  };

  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (line.startsWith('diff --git ')) {
      finish();
      const started = newDraft(i + 1, true);
      const paths = gitHeaderPaths(line.slice('diff --git '.length));
      if (paths) [started.gitOld, started.gitNew] = paths;
      draft = started;
      i++;
      continue;
    }
    if (line.startsWith('--- ') && (lines[i + 1] ?? '').startsWith('+++ ')) {
      let current: Draft | null = draft;
      if (!current || current.sawFileHeaders || current.hunks.length > 0) {
        finish();
        current = newDraft(i + 1);
        draft = current;
      }
      current.headerOld = headerPath(line.slice(4));
      current.headerNew = headerPath((lines[i + 1] ?? '').slice(4));
      current.sawFileHeaders = true;
      i += 2;
      continue;
    }
    if (line.startsWith('@@')) {
      const current: Draft | null = draft;
      if (!current || (!current.sawFileHeaders && !current.git)) {
        throw invalid(i + 1, 'a hunk (@@) before any file header (--- a/path, +++ b/path)');
      }
      const { hunk, next } = parseHunk(lines, i);
      current.hunks.push(hunk);
      i = next;
      continue;
    }
    if (line.startsWith('Binary files ') || line === 'GIT binary patch') {
      throw invalid(i + 1, 'binary patches are not supported');
    }
    const current: Draft | null = draft;
    if (current?.git && !current.sawFileHeaders) {
      if (line.startsWith('new file mode')) current.created = true;
      else if (line.startsWith('deleted file mode')) current.deleted = true;
      else if (line.startsWith('rename from ')) current.renameFrom = unquote(line.slice('rename from '.length));
      else if (line.startsWith('rename to ')) current.renameTo = unquote(line.slice('rename to '.length));
    }
    // Anything else (index lines, commit messages, commentary) is not part of the change.
    i++;
  }
  finish();
  return files;
}
