#!/bin/sh
# Search and export at scale (issues 15 and 17), run by bench/run.sh
# (or alone: sh bench/search.sh N...), on the database of N cases of
# bench/mkdb.sh.  Candidate and reference in turn, each 5 times, the
# median in the table and min/median/max beside it:
#
#   search, 1 and 2 characters, no hit / with hits: GET /api/cases?q=
#     (case_grams; curl's time of the request) beside the instr() scan
#     it replaces (the sqlite3 shell's .timer of the query);
#   search by 文号 in another bracket form (case_docrefs) beside the
#     same scan;
#   CSV export (GET /export.csv, every case) beside `sqlite3 -csv` of
#     the same columns in the same order.
#
# Prints rows "name<TAB>candidate<TAB>reference<TAB>comment" when
# called as `search.sh --rows N...`, else a readable table.
set -eu
cd "$(dirname "$0")/.."
OUT=bench/out
B=build/release
PORT=18183
export FOIDESK_TODAY=${FOIDESK_TODAY:-2026-11-20}
ROWS=0
if [ "${1:-}" = "--rows" ]; then ROWS=1; shift; fi
SIZES=${*:-"100000 1000000"}
mkdir -p "$OUT"
make -s foidesk $B/foidesk-gen >/dev/null
. bench/lib.sh
bench_need curl sqlite3

# pair NAME: runs cand and ref (shell functions set by the caller, each
# printing its time in ms) in turn, 5 times each.
pair() {
	: > "$OUT/s-c.txt"
	: > "$OUT/s-r.txt"
	for i in 1 2 3 4 5; do
		cand >> "$OUT/s-c.txt"
		ref >> "$OUT/s-r.txt"
	done
	c=$(mmm < "$OUT/s-c.txt")
	r=$(mmm < "$OUT/s-r.txt")
	out "$1" "$(med "$c")" "$(med "$r")" "ms, min/median/max $c vs $r"
}

# get PATH: the time of one request in ms (curl's time_total, without
# starting curl itself).
get() {
	curl -s -o /dev/null -w '%{time_total}\n' -H "Cookie: $COOKIE" \
	    "http://127.0.0.1:$PORT$1" | awk '{ printf "%.1f\n", $1 * 1000 }'
}

# scan Q: the sqlite3 shell's time (.timer) of the instr() scan the
# search used before, in ms.
scan() {
	printf ".parameter set :q '%s'\n.timer on\n%s;\n" "$1" "$SCAN" |
	    sqlite3 "$DB" | awk '/^Run Time/ { printf "%.1f\n", $4 * 1000 }'
}

for n in $SIZES; do
	DB=$(sh bench/mkdb.sh "$n")
	echo bench-pass-2026 | ./foidesk --db "$DB" user add bench-search \
	    --role officer >/dev/null 2>&1 || true
	./foidesk --db "$DB" serve --no-upkeep --listen 127.0.0.1:$PORT \
	    > "$OUT/search-serve.log" 2>&1 &
	SPID=$!
	sleep 1
	curl -s -c "$OUT/search-cj" -H 'Content-Type: application/json' \
	    -d '{"username":"bench-search","password":"bench-pass-2026"}' \
	    http://127.0.0.1:$PORT/api/login >/dev/null
	COOKIE="foidesk_session=$(awk '$6 == "foidesk_session" { print $7 }' "$OUT/search-cj")"
	SCAN="SELECT c.number FROM cases c JOIN applicants a ON a.id = c.applicant_id WHERE instr(c.request, :q) > 0 OR instr(a.name, :q) > 0 OR instr(c.number, :q) > 0 OR instr(c.doc_number, :q) > 0 ORDER BY c.received_on DESC, c.number DESC LIMIT 100"
	for q in 猫狗 鑫 征地 示; do
		enc=$(printf '%s' "$q" | od -An -tx1 | tr ' ' '\n' | grep . | sed 's/^/%/' | tr -d '\n')
		cand() { get "/api/cases?q=$enc"; }
		ref() { scan "$q"; }
		hits=$(curl -s -H "Cookie: $COOKIE" "http://127.0.0.1:$PORT/api/cases?q=$enc" | grep -o '"number"' | wc -l)
		pair "search '$q' ($hits hits, $n cases)"
	done
	cand() { get "/api/cases?q=%E7%A4%BA%E8%8C%83%E5%8F%91%5B2024%5D1%E5%8F%B7"; }
	ref() { scan '示范发[2024]1号'; }
	pair "search 文号 示范发[2024]1号 ($n cases)"
	cand() { wall curl -s -o /dev/null -H "Cookie: $COOKIE" "http://127.0.0.1:$PORT/export.csv"; }
	ref() { wall sqlite3 -csv "$DB" "SELECT c.number, c.received_on, c.channel, a.name, a.type, c.request, c.doc_number, c.state, c.handler, c.due, c.provisional, c.outcome, c.closed_on FROM cases c JOIN applicants a ON a.id = c.applicant_id ORDER BY c.year DESC, c.seq DESC"; }
	pair "CSV export, every case ($n cases)"
	kill $SPID
	wait $SPID 2>/dev/null || true
done
