#!/usr/bin/env bash
# Benchmark of `contract drift` end to end, against a real PostgreSQL:
#
#     examples/bench_drift.sh [TABLES]        # default 1000
#
# Generates the synthetic catalogue of `bench_check --migrations` (half events, half tables),
# starts a throwaway server (.ci/postgres), applies every table's v1 migration (v2 is a draft,
# which drift does not compare), and times the release binary five times on the database as
# built, then five times after every table lost a column and had another retyped.
set -euo pipefail
cd "$(dirname "$0")/.."
tables="${1:-1000}"
contracts=$((tables * 2))
work="$(mktemp -d)"
. .ci/postgres
previous_exit_trap="$(trap -p EXIT | sed -E "s/^trap -- '(.*)' EXIT$/\1/")"
trap "rm -rf '$work'; ${previous_exit_trap}" EXIT

cargo build --quiet --release
cargo run --quiet --release --example bench_check -- --migrations --keep "$work" "$contracts" >/dev/null
catalog="$work/with-$contracts/contracts"
binary="$PWD/target/release/contract"

createdb bench
for schema in $(seq 0 $(((contracts - 1) / 1000))); do
  psql -q -X -v ON_ERROR_STOP=1 -d bench -c "CREATE SCHEMA bench$schema"
done
cat "$work/with-$contracts"/migrations/t*_v1.sql > "$work/v1.sql"
psql -q -X -v ON_ERROR_STOP=1 -d bench -f "$work/v1.sql"

run() {
  for _ in 1 2 3 4 5; do
    # drift exits 1 when it finds drift; the timing is what matters here.
    /usr/bin/time -f "  %e s wall, %U s user" "$binary" drift "$catalog" \
      --database "host=$PGHOST port=$PGPORT user=$PGUSER dbname=bench" 2>&1 >/dev/null | tail -1 || true
  done
}
echo "contract drift, $tables tables as built:"
run
sed -n 's/^CREATE TABLE \([^ ]*\) (/ALTER TABLE \1 DROP COLUMN column_0, ALTER COLUMN column_1 TYPE text;/p' \
  "$work/v1.sql" > "$work/drift.sql"
psql -q -X -v ON_ERROR_STOP=1 -d bench -f "$work/drift.sql"
echo "contract drift, $tables tables each with a dropped and a retyped column:"
run
