#!/usr/bin/env bash
# Runs the property tests with more cases than `npm test` does:
#   npm run fuzz -- --runs 20000 [--seed 42]
# and prints how many cases ran and how many of them ran clean.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=20000
seed=20261201
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    *) echo "fuzz: unknown option $1, expected --runs N or --seed S" >&2; exit 2 ;;
  esac
done

HINDSIGHT_FUZZ_RUNS="$runs" HINDSIGHT_FUZZ_SEED="$seed" npx vitest run test/robustness/properties.test.ts test/parse/plain.test.ts
