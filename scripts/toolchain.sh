# Sourced by scripts/with-toolchain.sh and .ci/run: make this machine able to
# run CodeTether. Each step does nothing when its part is already in place.
#   ensure_node      Node >= 22.12 (else Node 24 from the npm registry, cached)
#   ensure_deps      node_modules matching package-lock.json (npm ci)
#   ensure_temporal  the Temporal CLI, unless TEMPORAL_ADDRESS names a cluster
#   ensure_built     dist/ newer than the sources (npm run build)

CODETETHER_ROOT=$(cd "$(dirname "$0")/.." 2>/dev/null && pwd)
[ -f "$CODETETHER_ROOT/package.json" ] || CODETETHER_ROOT=$(pwd)
CODETETHER_CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/codetether"

say() { printf 'codetether setup: %s\n' "$*" >&2; }

node_ok() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)'
}

ensure_node() {
  node_ok && return 0
  if [ -x "$CODETETHER_CACHE/node24/bin/node" ]; then
    PATH="$CODETETHER_CACHE/node24/bin:$PATH"; export PATH
    node_ok && return 0
  fi
  say "Node $(node --version 2>/dev/null || echo '(none)') is too old; installing Node 24 from the npm registry into $CODETETHER_CACHE/node24"
  npm install --global --prefix "$CODETETHER_CACHE/node24" --no-fund --no-audit --loglevel=error node@24 >&2
  PATH="$CODETETHER_CACHE/node24/bin:$PATH"; export PATH
  node_ok || { say "Node 24 did not install; install Node >= 22.12 yourself and retry"; return 1; }
}

ensure_deps() {
  cd "$CODETETHER_ROOT" || return 1
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "installing dependencies (npm ci)"
    npm ci --no-fund --no-audit --loglevel=error >&2
  fi
}

temporal_install() {
  gobin="$(go env GOPATH)/bin"
  for tag in v1.5.1 v1.4.1; do
    say "building the Temporal CLI $tag with go install (the first build takes a few minutes)"
    if go install "github.com/temporalio/cli/cmd/temporal@$tag" >&2; then return 0; fi
  done
  say "go install of the Temporal CLI failed (see above)"
  return 1
}

ensure_temporal() {
  [ -n "${TEMPORAL_ADDRESS:-}" ] && return 0
  if [ -n "${TEMPORAL_CLI_PATH:-}" ]; then
    [ -x "$TEMPORAL_CLI_PATH" ] && return 0
    say "TEMPORAL_CLI_PATH=$TEMPORAL_CLI_PATH is not executable"; return 1
  fi
  command -v temporal >/dev/null 2>&1 && return 0
  if ! command -v go >/dev/null 2>&1; then
    say "the Temporal CLI is missing and Go is not installed to build it."
    say "Install Go, then: go install github.com/temporalio/cli/cmd/temporal@v1.5.1"
    say "(or set TEMPORAL_CLI_PATH, or TEMPORAL_ADDRESS for an existing cluster)"
    return 1
  fi
  gobin="$(go env GOPATH)/bin"
  [ -x "$gobin/temporal" ] || temporal_install || return 1
  PATH="$gobin:$PATH"; export PATH
}

ensure_built() {
  cd "$CODETETHER_ROOT" || return 1
  if [ ! -f dist/.built ] || [ -n "$(find cli services workflows activities bench package.json tsconfig.json -newer dist/.built -print 2>/dev/null | head -n 1)" ]; then
    say "building (npm run build)"
    npm run --silent build >&2
  fi
}
