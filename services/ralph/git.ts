// Ralph's git steps are the shared ones (services/git/); what is Ralph's own is how its commits are named.
export * from '../git/git.ts';

/** Trailer lines that name a run and a story: how a commit is found again after a crash. */
export function ralphTrailers(runKey: string, storyId: string, kind: 'Story' | 'Merge' = 'Story'): string[] {
  return [`Ralph-Run: ${runKey}`, `Ralph-${kind}: ${storyId}`];
}
