export interface WebSearchResult {
  readonly title: string;
  readonly url: string;
  readonly snippet: string;
}

/** One search provider; `search` returns at most `max` results. */
export interface WebSearchBackend {
  readonly name: string;
  search(query: string, max: number, signal: AbortSignal): Promise<WebSearchResult[]>;
}
