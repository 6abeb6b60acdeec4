#!/bin/sh
# The test command behind `npm test`: type-check everything, build (tests spawn
# the built CLI), then jest in ESM mode. Extra arguments go to jest.
set -e
cd "$(dirname "$0")/.."
npm run --silent typecheck
npm run --silent build
NODE_OPTIONS="${NODE_OPTIONS:+$NODE_OPTIONS }--experimental-vm-modules" exec node node_modules/jest/bin/jest.js "$@"
