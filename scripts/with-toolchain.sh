#!/bin/sh
# Run a command with CodeTether's toolchain in place (see scripts/toolchain.sh);
# this is what lets `npm start` and `npm test` work on a fresh clone.
set -e
. "$(dirname "$0")/toolchain.sh"
ensure_node
ensure_deps
ensure_temporal
ensure_built
cd "$CODETETHER_ROOT"
exec "$@"
