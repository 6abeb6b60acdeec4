import { createHash, timingSafeEqual } from 'node:crypto';

/** Checks presented credentials against the one bearer token, in constant time. */
export interface TokenVerifier {
  verify(candidate: string | undefined): boolean;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * Both sides are hashed first so the comparison always runs over 32 bytes:
 * neither the token's length nor the position of the first wrong character
 * shows in the time it takes.
 */
export function createTokenVerifier(token: string): TokenVerifier {
  if (token === '') throw new Error('the bearer token must not be empty');
  const expected = digest(token);
  return {
    verify: (candidate) => candidate !== undefined && timingSafeEqual(expected, digest(candidate)),
  };
}

/** The credentials of an `Authorization: Bearer <token>` header value, else undefined. */
export function bearerCredentials(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^Bearer[ ]+(\S+)[ ]*$/i.exec(header);
  return match?.[1];
}
