// Runs a model-supplied regex off the main thread, so a catastrophically
// backtracking one can be stopped by terminating this worker.
import { parentPort, workerData } from 'node:worker_threads';
import { countMatches, findMatchingLines } from './line-matcher.ts';

interface RegexSetup {
  readonly source: string;
  readonly flags: string;
}

interface MatchRequest {
  readonly text: string;
  readonly maxMatches: number;
  /** Count matches instead of returning matching lines. */
  readonly count?: boolean;
}

const { source, flags } = workerData as RegexSetup;
const regex = new RegExp(source, flags);
const everywhere = new RegExp(source, flags.includes('g') ? flags : `${flags}g`);
// A line that matches on its own also matches inside the whole text with ^ and $ at line ends, unless the
// pattern looks around itself; so one pass over the text can rule out every line at once.
const lineFlags = flags.replace(/[gym]/g, '');
const wholeText = /\(\?<?[=!]/.test(source) ? undefined : new RegExp(source, `${lineFlags}m`);

parentPort?.on('message', (request: MatchRequest) => {
  if (wholeText !== undefined && !wholeText.test(request.text)) {
    parentPort?.postMessage(request.count ? { lines: 0, matches: 0 } : []);
    return;
  }
  parentPort?.postMessage(
    request.count
      ? countMatches(request.text, everywhere)
      : findMatchingLines(request.text, (line) => regex.test(line), request.maxMatches),
  );
});
