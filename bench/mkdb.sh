#!/bin/sh
# bench/mkdb.sh N: prints the path of a benchmark database of N cases
# (N a multiple of 5,000), made once and cached as bench/out/db-N.db.
#
# foidesk-gen writes 5,000 cases through the domain calls, then
# `proactive rebuild` groups them as a running server's upkeep would
# have (bench/out/mkdb-seed.db, once, ~1 min); the
# sqlite3 shell copies them N/5,000 - 1 times (bench/mkdb_copy.sql: new
# ids, numbers and applicants, the same dates, texts and events) and
# `foidesk init` brings the schema up to date.  A million cases take
# about 10 minutes on two cores, most of it the search index: the shell's
# inserts only queue the cases (fts_queue), whose index rows the first
# foidesk command after the copy writes (store_fts_leftover).
# The benchmark users bench-clerk, bench-officer, bench-reviewer and
# bench-admin (password bench-pass-2026) are added; adding them is the
# first write, which recounts the Art. 44 groups the copy grew.
#
# MKDB_FROM=DIR: take DIR/db-N.db when it is there (a copy, so that
# several checkouts on one machine share one generated database).
set -eu
cd "$(dirname "$0")/.."
N=${1:?usage: bench/mkdb.sh N}
OUT=bench/out
B=build/release
SEED=5000
DB="$OUT/db-$N.db"
[ $((N % SEED)) -eq 0 ] || { echo "mkdb: N must be a multiple of $SEED" >&2; exit 2; }
mkdir -p "$OUT"
if [ ! -f "$DB" ] && [ -n "${MKDB_FROM:-}" ] && [ -f "$MKDB_FROM/db-$N.db" ]; then
	cp "$MKDB_FROM/db-$N.db" "$DB.tmp" && mv "$DB.tmp" "$DB"
fi
if [ -f "$DB" ]; then
	echo "$DB"
	exit 0
fi
. bench/lib.sh
bench_need sqlite3
make -s foidesk $B/foidesk-gen >/dev/null
export FOIDESK_TODAY=${FOIDESK_TODAY:-2026-11-20}
if [ ! -f "$OUT/mkdb-seed.db" ]; then
	echo "mkdb: generating the $SEED seed cases (once) ..." >&2
	rm -f "$OUT/mkdb-seed.tmp"*
	$B/foidesk-gen --db "$OUT/mkdb-seed.tmp" --cases $SEED >&2
	# Grouped as the upkeep would leave a running database (the
	# generator leaves outcome changes to be re-evaluated), so that
	# the copies start with no upkeep backlog.
	./foidesk --db "$OUT/mkdb-seed.tmp" proactive rebuild >&2
	sqlite3 "$OUT/mkdb-seed.tmp" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
	mv "$OUT/mkdb-seed.tmp" "$OUT/mkdb-seed.db"
	rm -f "$OUT/mkdb-seed.tmp"*
fi
T="$OUT/db-$N.tmp"
rm -f "$T" "$T-wal" "$T-shm"
cp "$OUT/mkdb-seed.db" "$T"
./foidesk --db "$T" init >/dev/null
s=$(date +%s)
if [ "$N" -gt $SEED ]; then
	echo "mkdb: copying to $N cases ..." >&2
	{
		echo "CREATE TEMP TABLE copies (value INTEGER);"
		echo "INSERT INTO copies VALUES ($((N / SEED - 1)));"
		cat bench/mkdb_copy.sql
		echo "PRAGMA wal_checkpoint(TRUNCATE);"
	} | sqlite3 "$T" >/dev/null
fi
for u in clerk officer reviewer admin; do
	echo bench-pass-2026 | ./foidesk --db "$T" user add "bench-$u" \
	    --role $u >/dev/null 2>&1 ||
	    echo bench-pass-2026 | ./foidesk --db "$T" user passwd \
	    "bench-$u" >/dev/null
done
sqlite3 "$T" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
mv "$T" "$DB"
rm -f "$T-wal" "$T-shm"
echo "mkdb: $N cases in $(( $(date +%s) - s )) s" >&2
echo "$DB"
