import { providerEnvName } from './provider-name.ts';

type Env = Readonly<Record<string, string | undefined>>;

/** The usual API key variables of each provider, first one set wins. */
export const providerKeyVariables: Readonly<Record<string, readonly string[]>> = {
  anthropic: ['ANTHROPIC_API_KEY'],
  openai: ['OPENAI_API_KEY'],
  google: ['GOOGLE_GENERATIVE_AI_API_KEY', 'GOOGLE_API_KEY'],
  openrouter: ['OPENROUTER_API_KEY'],
  moonshotai: ['MOONSHOT_API_KEY'],
  zai: ['ZAI_API_KEY'],
  stepfun: ['STEPFUN_API_KEY'],
  'github-copilot': ['GITHUB_COPILOT_TOKEN'],
};

/** Bedrock authenticates with AWS credentials, stored as extra fields. */
export const bedrockVariables = {
  aws_access_key_id: 'AWS_ACCESS_KEY_ID',
  aws_secret_access_key: 'AWS_SECRET_ACCESS_KEY',
  aws_session_token: 'AWS_SESSION_TOKEN',
  region: 'AWS_REGION',
} as const;

const genericKeyPattern = /^CODETETHER_PROVIDER_([A-Z0-9_]+)_API_KEY$/;

/** CODETETHER_PROVIDER_<NAME>_API_KEY, which works for any provider and beats the usual variable. */
export function genericKeyVariable(provider: string): string {
  return `CODETETHER_PROVIDER_${providerEnvName(provider)}_API_KEY`;
}

/** The variable a person would set for a provider's key in development mode. */
export function keyVariableFor(provider: string): string {
  if (provider === 'bedrock') return `${bedrockVariables.aws_access_key_id} and ${bedrockVariables.aws_secret_access_key}`;
  return providerKeyVariables[provider]?.[0] ?? genericKeyVariable(provider);
}

export function envValue(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

/** Provider names that CODETETHER_PROVIDER_<NAME>_API_KEY variables mention (`_` read as `-`). */
export function genericKeyProviders(env: Env): string[] {
  const names: string[] = [];
  for (const [variable, value] of Object.entries(env)) {
    const match = genericKeyPattern.exec(variable);
    const envName = match?.[1];
    if (envName !== undefined && value !== undefined && value !== '') names.push(envName.toLowerCase().replace(/_/g, '-'));
  }
  return names;
}
