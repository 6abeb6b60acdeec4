import { readFile, stat } from 'node:fs/promises';
import { join, posix, relative } from 'node:path';
import ignore from 'ignore';

type Rules = ReturnType<typeof ignore>;

async function loadRules(file: string): Promise<Rules | null> {
  try {
    return ignore().add(await readFile(file, 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return null;
    throw err;
  }
}

/** '' for the root, then each directory down to `dir` ('a', 'a/b', ...). */
function selfAndAncestors(dir: string): string[] {
  if (dir === '') return [''];
  const parts = dir.split('/');
  return ['', ...parts.map((_, i) => parts.slice(0, i + 1).join('/'))];
}

/**
 * The .gitignore files under a root, applied the way git applies them: each
 * file's patterns are relative to its own directory, a deeper file overrides
 * a shallower one, and `.git/info/exclude` ranks below the root's file.
 * Directories must be entered top-down before paths in them are checked; an
 * ignored directory is expected to be pruned, not descended into.
 */
export class GitignoreRules {
  readonly #root: string;
  readonly #byDir = new Map<string, Rules | null>();
  #exclude: Rules | null | undefined;

  constructor(root: string) {
    this.#root = root;
  }

  #relative(absolute: string): string {
    return relative(this.#root, absolute);
  }

  /** Load the rules of the directory `absoluteDir` and of every directory above it, up to the root. */
  async enter(absoluteDir: string): Promise<void> {
    this.#exclude ??= await loadRules(join(this.#root, '.git', 'info', 'exclude'));
    for (const dir of selfAndAncestors(this.#relative(absoluteDir))) {
      if (!this.#byDir.has(dir)) this.#byDir.set(dir, await loadRules(join(this.#root, dir, '.gitignore')));
    }
  }

  ignores(absolutePath: string, isDirectory: boolean): boolean {
    const path = this.#relative(absolutePath);
    const parent = posix.dirname(path);
    const layers = selfAndAncestors(parent === '.' ? '' : parent)
      .reverse()
      .map((base) => ({ base, rules: this.#byDir.get(base) }));
    layers.push({ base: '', rules: this.#exclude });
    for (const { base, rules } of layers) {
      if (!rules) continue;
      const inLayer = base === '' ? path : path.slice(base.length + 1);
      const verdict = rules.test(isDirectory ? `${inLayer}/` : inLayer);
      if (verdict.ignored) return true;
      if (verdict.unignored) return false;
    }
    return false;
  }
}

/**
 * The rules for walking `start`. A directory the caller named explicitly is
 * searched even when it is gitignored itself (like `rg pattern node_modules/x`);
 * the .gitignore files at and below it still apply there.
 */
export async function gitignoreRulesFor(workspaceRoot: string, start: string): Promise<GitignoreRules> {
  const rules = new GitignoreRules(workspaceRoot);
  const chain = selfAndAncestors(relative(workspaceRoot, start)).slice(1);
  for (const dir of chain) {
    const absolute = join(workspaceRoot, dir);
    await rules.enter(join(absolute, '..'));
    if (rules.ignores(absolute, (await stat(absolute)).isDirectory())) return new GitignoreRules(start);
  }
  return rules;
}
