/** A property of a value whose shape is not known (JSON from Vault, node-vault's errors). */
export function fieldOf(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}
