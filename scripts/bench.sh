#!/bin/sh
# `npm run bench`: every benchmark in bench/ (built to dist/bench), one after another.
set -e
cd "$(dirname "$0")/.."
npm run --silent build
for b in dist/bench/*.js; do
  case "$b" in */stats.js) continue ;; esac
  printf '\n== %s ==\n' "$(basename "$b" .js)"
  node "$b"
done
