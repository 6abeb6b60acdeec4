import { describe, expect, it } from '@jest/globals';
import { secretFieldNames } from '../../../services/secrets/provider-secret.ts';
import { secretFromVaultFields, vaultFieldsFromSecret } from '../../../services/secrets/vault-fields.ts';

describe('Vault field mapping', () => {
  it('round-trips a full secret', () => {
    const secret = {
      apiKey: 'k',
      baseUrl: 'http://127.0.0.1:11434/v1',
      organization: 'org',
      headers: { A: 'b' },
      extra: { region: 'r', enterpriseUrl: 'ghe.example.com' },
    };
    expect(secretFromVaultFields(vaultFieldsFromSecret(secret), 'x')).toEqual(secret);
  });

  it('never lets an extra field override a named one', () => {
    expect(vaultFieldsFromSecret({ apiKey: 'real', extra: { api_key: 'shadow' } })).toEqual({ api_key: 'real' });
  });

  it('lists field names for listings, values never', () => {
    expect(secretFieldNames({ apiKey: 'k', headers: { A: 'b' }, extra: { region: 'r', aws_access_key_id: 'x' } })).toEqual([
      'api_key',
      'headers',
      'aws_access_key_id',
      'region',
    ]);
  });
});
