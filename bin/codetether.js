#!/usr/bin/env node
// Entry point: check the Node version, then run the built CLI (or the
// TypeScript sources directly when dist/ has not been built yet).
import { existsSync } from 'node:fs';
import module from 'node:module';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(
    `codetether needs Node.js 22.12 or newer (24 LTS recommended); this is ${process.version}.\n` +
      'Install Node 24 from the npm registry:  npm i -g --prefix ~/.local/node24 node@24\n' +
      'and put ~/.local/node24/bin first on PATH.\n',
  );
  process.exit(1);
}

// Cache V8's compiled code between runs (in the OS temp dir): start-up is mostly module compilation.
module.enableCompileCache?.();

const built = new URL('../dist/cli/main.js', import.meta.url);
await import(existsSync(built) ? built.href : new URL('../cli/main.ts', import.meta.url).href);
