#!/usr/bin/env bash
# Runs every test. The browser tests need Chromium: CHROME_PATH, else /usr/bin/chromium,
# else Debian's package is installed here (as root) and the test run says so; Neovim likewise.
set -euo pipefail
cd "$(dirname "$0")/.."

# install_package PACKAGE NAME TESTS [HINT]: installs a Debian package some tests need (as root), saying so.
install_package() {
  echo "test: $2 not found; installing Debian's $1 package for the $3 tests"
  if [ "$(id -u)" -ne 0 ]; then
    echo "test: not root: install it with 'apt-get install $1'${4:-}" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null
}

if [ -z "${CHROME_PATH:-}" ]; then
  if [ -x /usr/bin/chromium ]; then
    export CHROME_PATH=/usr/bin/chromium
  else
    install_package chromium Chromium browser ' or set CHROME_PATH'
    export CHROME_PATH=/usr/bin/chromium
  fi
fi

# The editor test drives Neovim's built-in LSP client.
command -v nvim >/dev/null 2>&1 || install_package neovim Neovim editor

# The bin runs the compiled code; keep it in step with the source.
npm run --silent build:ts
npx tsc -p tsconfig.json --noEmit
status=0
rm -f test/.output/vitest.json
npx vitest run --reporter=default --reporter=json --outputFile.json=test/.output/vitest.json "$@" || status=$?
# One plain closing line that any CI log reader understands.
node -e '
  const { numPassedTests, numFailedTests, numPendingTests } = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
  console.log(`tests: ${numPassedTests} passed, ${numFailedTests} failed` + (numPendingTests ? `, ${numPendingTests} skipped` : ""));
' test/.output/vitest.json || true
exit "$status"
