/** A line of a command's output on stdout (a trailing newline added when missing). */
export function printLine(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}
