/** Cut a line the model would otherwise receive in full, saying how long it really was. */
export function capLine(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  return `${text.slice(0, maxChars)}… [line truncated: ${text.length} chars]`;
}
