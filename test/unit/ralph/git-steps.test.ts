import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commitOnce, ralphTrailers } from '../../../services/ralph/git.ts';
import { abortRalphMerge, concludeMerge, mergeStoryBranch } from '../../../services/ralph/merge.ts';
import { appendProgress, readProgressTail } from '../../../services/ralph/progress.ts';
import { addWorktree, cleanupWorktrees, removeWorktree } from '../../../services/ralph/worktrees.ts';
import { demoProject, gitIn, progressEntries } from '../../helpers/ralph.ts';
import { cleanTempDirs, tempDir } from '../../helpers/tmp.ts';

afterAll(() => cleanTempDirs());

const repo = () => demoProject({ stories: [{ id: 'US-1', title: 'one' }] }).dir;

describe('progress.txt', () => {
  it('appends each entry once, never rewriting what is there', async () => {
    const path = join(tempDir('ct-progress-'), 'progress.txt');
    writeFileSync(path, '# notes by hand\n');
    const entry = { entryId: 'run#1', iteration: 1, storyId: 'US-1', title: 'one', passed: false, summary: 'tried', failure: 'quality checks failed: test', checks: [{ name: 'test', passed: false }] };
    expect(await appendProgress(path, entry, new Date('2030-01-01T00:00:00Z'))).toBe(true);
    expect(await appendProgress(path, entry)).toBe(false);
    expect(await appendProgress(path, { ...entry, entryId: 'run#2', iteration: 2, passed: true, summary: 'fixed' })).toBe(true);
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith('# notes by hand\n---\n## Iteration 1 - US-1: one (2030-01-01T00:00:00.000Z)\n**Status:** failed\n**Checks:** test failed\n')).toBe(true);
    expect(progressEntries(text)).toHaveLength(2);
    expect(await readProgressTail(path, 100)).toMatch(/^\[… earlier progress omitted …\]\n/);
  });
});

describe('idempotent git steps', () => {
  it('commits a story once, even when asked again after a crash', async () => {
    const dir = repo();
    writeFileSync(join(dir, 'a.txt'), 'a\n');
    const first = await commitOnce(dir, 'feat(US-1): one', ralphTrailers('k1', 'US-1'));
    writeFileSync(join(dir, 'b.txt'), 'b\n');
    const again = await commitOnce(dir, 'feat(US-1): one', ralphTrailers('k1', 'US-1'));
    expect(first.created).toBe(true);
    expect(again).toEqual({ commit: first.commit, created: false });
    expect(gitIn(dir, 'log', '--format=%s').trim().split('\n')).toEqual(['feat(US-1): one', 'init']);
    // Another run (another key) or another story is a new commit; an id that merely starts the same is not confused.
    expect((await commitOnce(dir, 'feat(US-10): ten', ralphTrailers('k1', 'US-10'))).created).toBe(true);
    expect((await commitOnce(dir, 'feat(US-1): one', ralphTrailers('k2', 'US-1'))).created).toBe(true);
  });

  it('makes, reuses and removes worktrees; cleanup takes every one of the run and its branches', async () => {
    const dir = repo();
    const one = await addWorktree(dir, 'ralph-x', 'k', 'US-1');
    expect(await addWorktree(dir, 'ralph-x', 'k', 'US-1')).toEqual(one);
    expect(one.path.startsWith(join(dir, '.git', 'codetether-ralph', 'ralph-x', 'k'))).toBe(true);
    writeFileSync(join(one.path, 'work.txt'), 'kept\n');
    await commitOnce(one.path, 'feat(US-1): one', ralphTrailers('k', 'US-1'));
    // A retry on the same branch gets the work back even after the directory went away.
    await removeWorktree(dir, one, { deleteBranch: false });
    const back = await addWorktree(dir, 'ralph-x', 'k', 'US-1');
    expect(readFileSync(join(back.path, 'work.txt'), 'utf8')).toBe('kept\n');
    await addWorktree(dir, 'ralph-x', 'k', 'US-2');
    await addWorktree(dir, 'ralph-other', 'k', 'US-1');
    expect(await cleanupWorktrees(dir, 'ralph-x')).toEqual({ worktrees: 2, branches: 2 });
    expect(await cleanupWorktrees(dir, 'ralph-x')).toEqual({ worktrees: 0, branches: 0 });
    expect(gitIn(dir, 'worktree', 'list').trim().split('\n')).toHaveLength(2);
    expect(existsSync(back.path)).toBe(false);
  });

  it('merges with --no-ff once, and leaves a conflict for a resolver or aborts it cleanly', async () => {
    const dir = repo();
    const wt = await addWorktree(dir, 'ralph-m', 'k', 'US-1');
    writeFileSync(join(wt.path, 'shared.txt'), 'story side\n');
    await commitOnce(wt.path, 'feat(US-1): one', ralphTrailers('k', 'US-1'));
    writeFileSync(join(dir, 'shared.txt'), 'main side\n');
    gitIn(dir, 'add', 'shared.txt');
    gitIn(dir, 'commit', '-q', '-m', 'main work');
    const trailers = ralphTrailers('k', 'US-1', 'Merge');
    const conflict = await mergeStoryBranch(dir, wt.branch, 'Merge story US-1: one', trailers);
    expect(conflict).toEqual({ status: 'conflict', files: ['shared.txt'] });
    // Asked again (a retried activity), it reports the same conflict.
    expect(await mergeStoryBranch(dir, wt.branch, 'Merge story US-1: one', trailers)).toEqual(conflict);
    expect(await concludeMerge(dir, { branch: wt.branch, files: ['shared.txt'], accept: true, reason: '', trailers })).toEqual({
      status: 'aborted',
      reason: 'conflict markers remain in shared.txt',
    });
    expect(existsSync(join(dir, '.git', 'MERGE_HEAD'))).toBe(false);
    expect(readFileSync(join(dir, 'shared.txt'), 'utf8')).toBe('main side\n');

    await mergeStoryBranch(dir, wt.branch, 'Merge story US-1: one', trailers);
    writeFileSync(join(dir, 'shared.txt'), 'main side\nstory side\n');
    const merged = await concludeMerge(dir, { branch: wt.branch, files: ['shared.txt'], accept: true, reason: '', trailers });
    expect(merged.status).toBe('merged');
    expect(gitIn(dir, 'rev-list', '--parents', '-n', '1', 'HEAD').trim().split(' ')).toHaveLength(3);
    // After the merge commit, both steps say "merged" with that commit.
    expect(await mergeStoryBranch(dir, wt.branch, 'Merge story US-1: one', trailers)).toEqual(merged);
    expect(await concludeMerge(dir, { branch: wt.branch, files: ['shared.txt'], accept: true, reason: '', trailers })).toEqual(merged);
    expect(gitIn(dir, 'log', '--merges', '--format=%s').trim()).toBe('Merge story US-1: one');
  });

  it("aborts a conflicted merge Ralph left behind, and only Ralph's", async () => {
    const dir = repo();
    const wt = await addWorktree(dir, 'ralph-a', 'k', 'US-1');
    writeFileSync(join(wt.path, 'shared.txt'), 'story side\n');
    await commitOnce(wt.path, 'feat(US-1): one', ralphTrailers('k', 'US-1'));
    writeFileSync(join(dir, 'shared.txt'), 'main side\n');
    gitIn(dir, 'add', 'shared.txt');
    gitIn(dir, 'commit', '-q', '-m', 'main work');
    await mergeStoryBranch(dir, wt.branch, 'Merge story US-1: one', ralphTrailers('k', 'US-1', 'Merge'));
    expect(await abortRalphMerge(dir)).toBe(true);
    expect(existsSync(join(dir, '.git', 'MERGE_HEAD'))).toBe(false);
    expect(await abortRalphMerge(dir)).toBe(false);
    // Someone's own merge in progress is theirs to finish.
    try {
      gitIn(dir, 'merge', '--no-ff', wt.branch);
    } catch {
      // the conflict makes git exit non-zero
    }
    expect(existsSync(join(dir, '.git', 'MERGE_HEAD'))).toBe(true);
    expect(await abortRalphMerge(dir)).toBe(false);
    expect(existsSync(join(dir, '.git', 'MERGE_HEAD'))).toBe(true);
  });
});
