#!/usr/bin/env bash
# Makes baseline.zip, the upgrade test's database of an earlier version (README.md beside this file):
# builds COMMIT in a temporary git worktree, loads a small generated data set with that version's own verbs,
# signs in through its API to run evaluations, and writes the database with its `backup` verb.
#   app/src/test/resources/upgrade/make-fixture.sh COMMIT
set -euo pipefail
commit="${1:?usage: make-fixture.sh COMMIT}"
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(git -C "$here" rev-parse --show-toplevel)"
work="$(mktemp -d)"
port=8297
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  git -C "$repo" worktree remove --force "$work/src" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

git -C "$repo" worktree add --detach "$work/src" "$commit" >/dev/null
(cd "$work/src" && mvn -B -q -DskipTests -pl app -am package)
jar="$(ls "$work"/src/app/target/innoladder-app-*-exec.jar)"
db=(--innoladder.database.embedded.data-dir="$work/postgres" --innoladder.database.embedded.port=54397)

# 120 enterprises over four years in the demo city, with their certificates
java -jar "$jar" generate --out "$work/facts.csv" --enterprises 120 --years 2021-2024 --seed 2026 --recognitions "$work/recognitions.csv"
java -jar "$jar" import "$work/facts.csv" "${db[@]}"
java -jar "$jar" import "$work/recognitions.csv" "${db[@]}"

# serve on a database that has enterprises: no demo data set, but the demo accounts, bank and example policies
java -jar "$jar" serve --server.port=$port "${db[@]}" >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 300); do
  grep -q "is serving http" "$work/serve.log" && break
  kill -0 "$server" || { cat "$work/serve.log"; exit 1; }
  sleep 1
done
for year in 2022 2023 2024; do
  run="$(curl -fsS -u admin:Demo@2026 -H 'Content-Type: application/json' \
    -d "{\"year\":\"$year\",\"rulesets\":[\"tsme\",\"hnte\",\"gazelle\",\"innovative_sme\"]}" \
    "http://localhost:$port/api/v1/evaluations" | sed -E 's/^\{"id":([0-9]+),.*/\1/')"
  for _ in $(seq 1 120); do
    curl -fsS -u admin:Demo@2026 "http://localhost:$port/api/v1/evaluations/$run" | grep -q '"status":"DONE"' && break
    sleep 1
  done
  curl -fsS -u admin:Demo@2026 "http://localhost:$port/api/v1/evaluations/$run" | grep -q '"status":"DONE"' \
    || { echo "evaluation run $run ($year) did not finish" >&2; exit 1; }
done
sleep 5   # the points and ladder-snapshot listeners after the last run
kill "$server"; wait "$server" || true; server=""

rm -f "$here/baseline.zip"
java -jar "$jar" backup --out "$here/baseline.zip" "${db[@]}"
git -C "$repo" rev-parse "$commit" >"$here/baseline.commit"
