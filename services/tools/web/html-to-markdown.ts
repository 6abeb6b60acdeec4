import TurndownService from 'turndown';

let converter: TurndownService | undefined;

function createConverter(): TurndownService {
  const service = new TurndownService({
    headingStyle: 'atx',
    codeBlockStyle: 'fenced',
    bulletListMarker: '-',
    emDelimiter: '*',
  });
  // Page chrome and code the model cannot use; `title` would otherwise leak in
  // as a stray first line because turndown parses a fragment, not a document.
  service.remove(['script', 'style', 'nav', 'noscript', 'title', 'template', 'iframe']);
  return service;
}

export function htmlToMarkdown(html: string): string {
  converter ??= createConverter();
  return converter
    .turndown(html)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
