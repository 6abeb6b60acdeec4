// Runs a model-supplied regex off the main thread, so a catastrophically
// backtracking one can be stopped by terminating this worker.
import { parentPort, workerData } from 'node:worker_threads';
import { findMatchingLines } from './line-matcher.ts';

interface RegexSetup {
  readonly source: string;
  readonly flags: string;
}

interface MatchRequest {
  readonly text: string;
  readonly maxMatches: number;
}

const { source, flags } = workerData as RegexSetup;
const regex = new RegExp(source, flags);

parentPort?.on('message', (request: MatchRequest) => {
  parentPort?.postMessage(findMatchingLines(request.text, (line) => regex.test(line), request.maxMatches));
});
