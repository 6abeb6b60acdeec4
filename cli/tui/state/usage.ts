import { catalogEntry } from '../../../services/providers/catalog.ts';
import type { Usage } from '../../../workflows/agent-session/types.ts';

/** List prices in US dollars per million tokens (input, output) of the catalog's models; others show no cost. */
const pricePerMillion: Readonly<Record<string, readonly [number, number]>> = {
  'anthropic/claude-sonnet-4-20250514': [3, 15],
  'anthropic/claude-opus-4-20250514': [15, 75],
  'anthropic/claude-3-5-haiku-20241022': [0.8, 4],
  'openai/gpt-4o': [2.5, 10],
  'openai/gpt-4o-mini': [0.15, 0.6],
  'openai/o1': [15, 60],
  'google/gemini-2.5-pro': [1.25, 10],
  'google/gemini-2.5-flash': [0.3, 2.5],
  'google/gemini-2.0-flash': [0.1, 0.4],
};

export function costOf(model: string | undefined, usage: Usage): number | undefined {
  const price = model === undefined ? undefined : pricePerMillion[model];
  if (price === undefined) return undefined;
  return (usage.inputTokens * price[0] + usage.outputTokens * price[1]) / 1_000_000;
}

export function contextWindow(model: string | undefined): number | undefined {
  if (model === undefined) return undefined;
  const slash = model.indexOf('/');
  if (slash < 0) return undefined;
  return catalogEntry(model.slice(0, slash))?.models.find((m) => m.id === model.slice(slash + 1))?.contextWindow;
}

export function compactCount(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 10_000 ? 1 : 0)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
}

/** "12.3k in · 1.2k out · $0.0521 · ctx 9%" (the parts that are known). */
export function usageText(model: string | undefined, usage: Usage, contextTokens: number): string {
  const parts = [`${compactCount(usage.inputTokens)} in`, `${compactCount(usage.outputTokens)} out`];
  const cost = costOf(model, usage);
  if (cost !== undefined) parts.push(`$${cost.toFixed(cost < 1 ? 4 : 2)}`);
  const window = contextWindow(model);
  if (window !== undefined && contextTokens > 0) parts.push(`ctx ${Math.round((contextTokens / window) * 100)}%`);
  return parts.join(' · ');
}

export function elapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}
