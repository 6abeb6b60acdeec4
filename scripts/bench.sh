#!/bin/sh
# `npm run bench`: every benchmark in bench/ (the top-level *.ts files; helpers
# live in sub-folders), run from its TypeScript source with Node, one after
# another. Benchmarks may use the test fakes (test/fake-llm), which are not part
# of the build. The build still comes first: cli-startup measures the built CLI.
set -e
cd "$(dirname "$0")/.."
npm run --silent build
for b in bench/*.ts; do
  case "$b" in */stats.ts) continue ;; esac
  printf '\n== %s ==\n' "$(basename "$b" .ts)"
  node "$b"
done
