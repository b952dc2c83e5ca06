#!/bin/sh
# The search index queue (issue 17 item 5): the database side of a
# writer batch, the index rows written once before the commit (queue)
# beside written by the insert trigger (trig, as before), in turn,
# FTSQ_ROUNDS rounds (default 3) on a fresh copy of the database of N
# cases (bench/mkdb.sh) each, for batches of 1, 4 and 8 cases
# (FTSQ_BATCHES), 400 cases a run: CPU ms per case (the process's,
# all of it SQLite) and wall ms per case (with the commits' fsyncs).
# Usage: sh bench/ftsq.sh [N] (default 100000).
set -eu
cd "$(dirname "$0")/.."
OUT=bench/out
B=build/release
N=${1:-100000}
ROUNDS=${FTSQ_ROUNDS:-3}
make -s foidesk $B/bench_ftsq >/dev/null
. bench/lib.sh
SRC=$(sh bench/mkdb.sh "$N")
DB="$OUT/ftsq.db"
rm -f "$DB" "$DB-wal" "$DB-shm"
cp --reflink=auto "$SRC" "$OUT/ftsq-src.db"
./foidesk --db "$OUT/ftsq-src.db" init >/dev/null
for bs in ${FTSQ_BATCHES:-1 4 8}; do
	: > "$OUT/ftsq-queue.txt"
	: > "$OUT/ftsq-trig.txt"
	r=1
	while [ $r -le "$ROUNDS" ]; do
		for m in trig queue; do
			rm -f "$DB" "$DB-wal" "$DB-shm"
			cp --reflink=auto "$OUT/ftsq-src.db" "$DB"
			$B/bench_ftsq "$DB" $m "$bs" $((400 / bs)) \
			    >> "$OUT/ftsq-$m.txt"
		done
		r=$((r + 1))
	done
	for k in 3 4; do
		q=$(cut -d' ' -f$k "$OUT/ftsq-queue.txt" | mmm)
		t=$(cut -d' ' -f$k "$OUT/ftsq-trig.txt" | mmm)
		what=$([ $k = 3 ] && echo "CPU" || echo "wall")
		out "$what ms per case, batches of $bs ($N cases)" "$(med "$q")" \
		    "$(med "$t")" "queue vs trigger, in turn x$ROUNDS, min/median/max $q vs $t"
	done
done
rm -f "$DB" "$DB-wal" "$DB-shm" "$OUT/ftsq-src.db"*
