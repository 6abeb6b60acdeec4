import { describe, expect, it } from '@jest/globals';
import { containsSecret, redactSecrets, secretValues } from '../../../services/secrets/redact.ts';

describe('redaction', () => {
  it('replaces every occurrence of every known secret', () => {
    const text = 'request failed: Authorization: Bearer sk-abc123 (retry with sk-abc123), header x-key=hdr-999';
    expect(redactSecrets(text, ['sk-abc123', 'hdr-999', undefined])).toBe(
      'request failed: Authorization: Bearer *** (retry with ***), header x-key=***',
    );
  });

  it('masks a secret that contains another one whole', () => {
    expect(redactSecrets('token=abcd-efgh-ijkl', ['abcd', 'abcd-efgh-ijkl'])).toBe('token=***');
  });

  it('ignores empty and very short values, which would mask ordinary text', () => {
    expect(redactSecrets('a b c', ['', 'a', 'b c'])).toBe('a b c');
  });

  it('treats secret values literally, not as patterns', () => {
    expect(redactSecrets('key is a.b*c+d(e) here', ['a.b*c+d(e)'])).toBe('key is *** here');
  });

  it('collects the values of a provider secret that must be hidden', () => {
    const values = secretValues({
      apiKey: 'sk-main',
      baseUrl: 'https://llm.internal',
      headers: { 'X-Api-Token': 'hdr-token' },
      extra: { aws_secret_access_key: 'aws-secret', region: 'us-east-1', enterpriseUrl: 'ghe.example.com' },
    });
    expect(values.sort()).toEqual(['aws-secret', 'hdr-token', 'sk-main']);
  });

  it('scans for secrets', () => {
    expect(containsSecret('{"msg":"ok"}', ['sk-live-1234'])).toBe(false);
    expect(containsSecret('{"msg":"sk-live-1234"}', ['sk-live-1234'])).toBe(true);
    expect(containsSecret('anything', [])).toBe(false);
  });
});
