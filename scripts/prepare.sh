#!/bin/sh
# npm's prepare step (runs after `npm ci` / `npm install` in a clone): build dist/.
set -e
cd "$(dirname "$0")/.."
npm run --silent build
