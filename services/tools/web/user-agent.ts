import { packageVersion } from '../../config/package-root.ts';

let cached: string | undefined;

/** `CodeTether-Agent/<version>`, sent with every request the web tools make. */
export function userAgent(): string {
  cached ??= `CodeTether-Agent/${packageVersion()}`;
  return cached;
}
