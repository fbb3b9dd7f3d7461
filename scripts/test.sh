#!/usr/bin/env bash
# Runs every test. The browser tests need Chromium: CHROME_PATH, else /usr/bin/chromium,
# else Debian's package is installed here (as root) and the test run says so; Neovim likewise.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${CHROME_PATH:-}" ]; then
  if [ -x /usr/bin/chromium ]; then
    export CHROME_PATH=/usr/bin/chromium
  else
    echo "test: Chromium not found; installing Debian's chromium package for the browser tests"
    if [ "$(id -u)" -ne 0 ]; then
      echo "test: not root: install it with 'apt-get install chromium' or set CHROME_PATH" >&2
      exit 1
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    export CHROME_PATH=/usr/bin/chromium
  fi
fi

# The editor test drives Neovim's built-in LSP client: nvim from PATH, else Debian's package (as root).
if ! command -v nvim >/dev/null 2>&1; then
  echo "test: Neovim not found; installing Debian's neovim package for the editor test"
  if [ "$(id -u)" -ne 0 ]; then
    echo "test: not root: install it with 'apt-get install neovim'" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq neovim >/dev/null
fi

# The bin runs the compiled code; keep it in step with the source.
npx tsc -p tsconfig.build.json
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
