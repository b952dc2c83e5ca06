#!/bin/sh
# make bench: every benchmark of foidesk, each beside a reference run in
# the same invocation, printed as one table (also saved to
# bench/out/results.txt).  Needs wrk and nginx (installed if missing).
#
#   BENCH_CASES="10000 100000 1000000"   database sizes (multiples of
#                                  5,000; made once by bench/mkdb.sh,
#                                  cached in bench/out/db-N.db)
#   BENCH_SECONDS=5                wrk duration per round (pages.sh)
#   BENCH_ROUNDS=3                 rounds of each page beside nginx
#   INTAKE_ROUNDS, INTAKE_SECS, GROUP_RUNS, GROUP_REF ...: see the
#                                  header of each script below
set -eu
cd "$(dirname "$0")/.."
OUT=bench/out
B=build/release
SIZES=${BENCH_CASES:-"10000 100000 1000000"}
export FOIDESK_TODAY=2026-11-20
mkdir -p "$OUT"

. bench/lib.sh
bench_need wrk nginx sqlite3 curl
make -s foidesk $B/foidesk-gen $B/bench_core $B/bench_letters >/dev/null

RES="$OUT/results.txt"
: > "$RES"
row() {	# name value reference unit/comment
	# A value written min/median/max is compared by its median.
	awk -v n="$1" -v v="$2" -v r="$3" -v c="$4" 'BEGIN {
	    vm = v; rm = r;
	    if (split(v, a, "/") == 3) vm = a[2];
	    if (split(r, b, "/") == 3) rm = b[2];
	    ratio = (rm + 0 > 0) ? sprintf("%.2f", vm / rm) : "-";
	    printf("| %-44s | %12s | %12s | %6s | %s |\n", n, v, r, ratio, c) }' |
	    tee -a "$RES"
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr), $(date -u +%F)" | tee -a "$RES"
printf '| %-44s | %12s | %12s | %6s | %s |\n' benchmark foidesk reference ratio "reference / unit" | tee -a "$RES"
printf '|%s|%s|%s|%s|%s|\n' ---------------------------------------------- -------------- -------------- -------- ----- | tee -a "$RES"

# Core: add-workdays, deadline engine, durable intake.
$B/bench_core "$OUT" | tail -n +2 | while IFS="$(printf '\t')" read -r n v r ratio c; do
	row "$(echo "$n" | sed 's/ *$//')" "$(echo "$v" | tr -d ' ')" \
	    "$(echo "$r" | tr -d ' ')" "$c"
done

# Letters: one PDF per letter, and a batch.
$B/bench_letters 300 > "$OUT/letters.txt"
lps=$(awk '/one PDF each/ { for (i = 1; i <= NF; i++) if ($i == "letters/s,") print $(i-1) }' "$OUT/letters.txt")
kb=$(awk '/one PDF each/ { for (i = 1; i <= NF; i++) if ($i == "KB/letter") print $(i-1) }' "$OUT/letters.txt")
row "letters/s, one PDF each (1 core)" "$lps" 100 "target 100/s"
row "KB per one-page letter" "$kb" 60 "target <= 60 KB"

# ---- Archiving (issue 14): sealing case files, beside the letters ----
# cases sealed per second through `case act ID archive`, and the size
# of a sealed file against the letters it holds (bench/archive.sh).
sh bench/archive.sh "$PWD/foidesk" "$OUT/archive" 20 |
    while IFS="$(printf '\t')" read -r n v r c; do row "$n" "$v" "$r" "$c"; done
# ---- end of archiving ----

# Hostile clients (issue 16), each beside its reference in turn, 3 rounds.
sh bench/hostile.sh "$PWD/foidesk" "$OUT/hostile" |
    while IFS="$(printf '\t')" read -r n v r c; do row "$n" "$v" "$r" "$c"; done

for n in $SIZES; do
	DB=$(sh bench/mkdb.sh "$n")
	# Office statistics (docs/stats.md) beside the annual report, in
	# turn, 3 times each: every case concluded in the year has its
	# deadline derived again.
	./foidesk --db "$DB" stats --year 2025 --json >/dev/null
	: > "$OUT/st-c.txt"
	: > "$OUT/st-r.txt"
	for i in 1 2 3; do
		wall ./foidesk --db "$DB" stats --year 2025 --json >> "$OUT/st-c.txt"
		wall ./foidesk --db "$DB" report annual --year 2025 --format json >> "$OUT/st-r.txt"
	done
	c=$(mmm < "$OUT/st-c.txt")
	r=$(mmm < "$OUT/st-r.txt")
	row "office statistics ms ($n cases)" "$(echo "$c" | cut -d/ -f2)" \
	    "$(echo "$r" | cut -d/ -f2)" "annual report, ms, min/median/max $c vs $r (lower is better)"
done

# The scripts of issue 17, each printing rows "name<TAB>candidate<TAB>
# reference<TAB>comment", every figure beside its reference in turn:
#   pages.sh     the pages beside nginx serving a same-size file, the
#                annual report beside the bare GROUP BY, the server's
#                peak RSS under the mixed load;
#   intake.sh    API intake beside raw sqlite3 inserts, its latency
#                with the upkeep on, WAL pages per intake;
#   grouping.sh  Art. 44 grouping of one new case, its write-lock hold
#                and `proactive rebuild`, beside the tree before issue 17;
#   search.sh    1-2 character search, 文号 search, CSV export.
for s in pages intake grouping search; do
	# shellcheck disable=SC2086
	sh bench/$s.sh --rows $SIZES | while IFS="$(printf '\t')" read -r n v r c; do
		row "$n" "$v" "$r" "$c"
	done
done

echo "results: $RES" >&2
