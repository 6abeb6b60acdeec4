const HIDDEN_BASE = 0xe000;
const PUNCTUATION = /[!-/:-@[-`{-~]/g;

/** Map ASCII punctuation to private-use characters so the markup rules leave it alone. */
function hide(text: string): string {
  return text.replace(PUNCTUATION, (char) => String.fromCharCode(HIDDEN_BASE + char.charCodeAt(0)));
}

function unhide(text: string): string {
  return text.replace(/[\ue000-\ue07f]/g, (char) => String.fromCharCode(char.charCodeAt(0) - HIDDEN_BASE));
}

/** Fenced code keeps its text verbatim (minus the fences); inline code loses its backticks. */
function protectCode(markdown: string): string {
  let inFence = false;
  const lines: string[] = [];
  for (const line of markdown.split('\n')) {
    if (/^[ \t]*(```|~~~)/.test(line)) {
      inFence = !inFence;
      continue;
    }
    lines.push(inFence ? hide(line) : line.replace(/(?<!\\)`([^`\n]+)`/g, (_, code: string) => hide(code)));
  }
  return lines.join('\n');
}

/**
 * Plain text from the markdown `htmlToMarkdown` produces: the words stay, the
 * markup (heading hashes, emphasis, link targets, fences, escapes) goes.
 */
export function markdownToText(markdown: string): string {
  const text = protectCode(markdown)
    .replace(/\\([!-/:-@[-`{-~])/g, (_, char: string) => hide(char))
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^[ \t]{0,3}#{1,6}[ \t]+/gm, '')
    .replace(/^[ \t]{0,3}>[ \t]?/gm, '')
    .replace(/^[ \t]*([-*_])([ \t]*\1){2,}[ \t]*$/gm, '')
    .replace(/^([ \t]*)[-*+][ \t]+/gm, '$1')
    .replace(/^([ \t]*)(\d+\.)[ \t]+/gm, '$1$2 ')
    .replace(/(\*\*|__)(?=\S)([^\n]*?\S)\1/g, '$2')
    .replace(/(^|\W)([*_])(?=\S)([^*_\n]*?\S)\2(?!\w)/g, '$1$3')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return unhide(text);
}
