// Ralph's merges are the shared ones (services/git/merge.ts); its own are known by the `Ralph-Merge` trailer.
import { abortOwnMerge, mergeBranch } from '../git/merge.ts';

export { concludeMerge, conflictedFiles, conflictExcerpts, filesWithMarkers, type ConcludeOutcome, type MergeOutcome } from '../git/merge.ts';

export const mergeStoryBranch = mergeBranch;

/** Abort a merge Ralph left half-done; a merge of anyone else is left alone. */
export function abortRalphMerge(workDir: string): Promise<boolean> {
  return abortOwnMerge(workDir, 'Ralph-Merge');
}
