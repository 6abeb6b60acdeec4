/** A bar `width` cells wide, filled to `fraction` (0..1). */
export function progressBarText(fraction: number, width: number): string {
  const cells = Math.max(1, width);
  const filled = Math.round(Math.max(0, Math.min(1, fraction)) * cells);
  return '█'.repeat(filled) + '░'.repeat(cells - filled);
}
