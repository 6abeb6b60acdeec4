export interface ModelRef {
  readonly provider: string;
  readonly model: string;
}

export class ModelRefError extends Error {
  override readonly name = 'ModelRefError';
}

/** `provider/model`, split at the first slash (model ids may contain slashes: `openrouter/stepfun/step-3.5-flash:free`). */
export function parseModelRef(text: string): ModelRef {
  const trimmed = text.trim();
  const slash = trimmed.indexOf('/');
  if (slash <= 0 || slash === trimmed.length - 1) {
    throw new ModelRefError(`"${text}" is not a model: write provider/model, for example anthropic/claude-sonnet-4-20250514`);
  }
  return { provider: trimmed.slice(0, slash), model: trimmed.slice(slash + 1) };
}

export function formatModelRef(ref: ModelRef): string {
  return `${ref.provider}/${ref.model}`;
}
