import { execFile } from 'node:child_process';

export interface GitResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A git command that failed; `stderr` says why. */
export class GitError extends Error {
  override readonly name = 'GitError';
  readonly args: readonly string[];
  readonly stderr: string;

  constructor(args: readonly string[], result: GitResult) {
    super(`git ${args.join(' ')} failed (${result.code}): ${(result.stderr || result.stdout).trim().slice(0, 2000)}`);
    this.args = args;
    this.stderr = result.stderr;
  }
}

/** Who commits (Ralph, the swarm) when the repository and the user have no identity configured (CI machines, fresh containers). */
const fallbackIdentity = { name: 'CodeTether', email: 'agent@codetether.invalid' };

function runGit(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    execFile('git', [...args], { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') {
        reject(error);
        return;
      }
      resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
    });
  });
}

const gitEnv: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_EDITOR: 'true', GIT_MERGE_AUTOEDIT: 'no', LC_ALL: 'C' };

/** Run git in `cwd`; throws GitError on a non-zero exit unless `allowFail`. */
export async function git(cwd: string, args: readonly string[], options: { allowFail?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<GitResult> {
  const result = await runGit(cwd, args, { ...gitEnv, ...options.env });
  if (result.code !== 0 && options.allowFail !== true) throw new GitError(args, result);
  return result;
}

export async function gitOut(cwd: string, args: readonly string[]): Promise<string> {
  return (await git(cwd, args)).stdout.trim();
}

/** Environment for commits: the configured identity, or a fallback when git has none. */
export async function commitEnv(cwd: string): Promise<NodeJS.ProcessEnv> {
  const email = await git(cwd, ['config', 'user.email'], { allowFail: true });
  const name = await git(cwd, ['config', 'user.name'], { allowFail: true });
  const env: NodeJS.ProcessEnv = {};
  if (email.stdout.trim() === '' && !process.env.GIT_AUTHOR_EMAIL) {
    env.GIT_AUTHOR_EMAIL = fallbackIdentity.email;
    env.GIT_COMMITTER_EMAIL = fallbackIdentity.email;
  }
  if (name.stdout.trim() === '' && !process.env.GIT_AUTHOR_NAME) {
    env.GIT_AUTHOR_NAME = fallbackIdentity.name;
    env.GIT_COMMITTER_NAME = fallbackIdentity.name;
  }
  return env;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The newest commit reachable from `ref` whose message has every one of these lines. */
export async function findCommitWithLines(cwd: string, lines: readonly string[], ref = 'HEAD'): Promise<string | undefined> {
  const greps = lines.map((line) => `--grep=^${escapeRegex(line)}$`);
  const result = await git(cwd, ['log', ref, '-E', '--all-match', ...greps, '--format=%H', '-n', '1'], { allowFail: true });
  const hash = result.code === 0 ? result.stdout.trim() : '';
  return hash === '' ? undefined : hash;
}

export async function headCommit(cwd: string): Promise<string | undefined> {
  const result = await git(cwd, ['rev-parse', '--verify', '-q', 'HEAD'], { allowFail: true });
  return result.code === 0 ? result.stdout.trim() : undefined;
}

export async function currentBranch(cwd: string): Promise<string | undefined> {
  const result = await git(cwd, ['symbolic-ref', '--short', '-q', 'HEAD'], { allowFail: true });
  return result.code === 0 && result.stdout.trim() !== '' ? result.stdout.trim() : undefined;
}

export async function isGitRepo(cwd: string): Promise<boolean> {
  const result = await git(cwd, ['rev-parse', '--is-inside-work-tree'], { allowFail: true });
  return result.code === 0 && result.stdout.trim() === 'true';
}

export async function branchExists(cwd: string, branch: string): Promise<boolean> {
  return (await git(cwd, ['show-ref', '--verify', '-q', `refs/heads/${branch}`], { allowFail: true })).code === 0;
}

export async function isAncestor(cwd: string, ancestor: string, of = 'HEAD'): Promise<boolean> {
  return (await git(cwd, ['merge-base', '--is-ancestor', ancestor, of], { allowFail: true })).code === 0;
}

/**
 * Commit everything in the work tree as `subject`, with trailers that make
 * it findable: when a commit with these trailers is already on HEAD (an
 * earlier attempt got that far before a crash), that one is returned and
 * nothing new is made.
 */
export async function commitOnce(cwd: string, subject: string, trailers: readonly string[]): Promise<{ commit: string; created: boolean }> {
  const existing = await findCommitWithLines(cwd, trailers);
  if (existing !== undefined) return { commit: existing, created: false };
  await git(cwd, ['add', '-A']);
  await git(cwd, ['commit', '--allow-empty', '-q', '-m', subject, '-m', trailers.join('\n')], { env: await commitEnv(cwd) });
  return { commit: await gitOut(cwd, ['rev-parse', 'HEAD']), created: true };
}
