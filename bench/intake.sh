#!/bin/sh
# Intake at scale (issue 17, item 5), run by bench/run.sh (or alone:
# sh bench/intake.sh N...), on a copy of the database of N cases of
# bench/mkdb.sh, the server with its upkeep thread ON (as deployed):
#
#   API intake cases/s: POST /api/cases (durable: each 201 after the
#     commit containing it), wrk -t2 -c8, every request a distinct
#     applicant (bench/out/intake.lua), beside raw sqlite3 inserts with
#     the same pragmas (WAL, synchronous=FULL), one transaction of two
#     rows (case + event) per insert, as bench/bench_core.c does; in
#     turn (A B A B ...), INTAKE_ROUNDS rounds (default 3) of
#     INTAKE_SECS seconds (default 5), min/median/max; each intake
#     leaves its receipt for the server's renderer, which waits for a
#     pause in the write requests (web/receipts.c): the receipts still
#     waiting after the rounds are counted;
#   intake latency p50/p99 under that load (wrk --latency; the median
#     round);
#   intake latency p50/p99 at a steady 1 request/s (curl's time_total,
#     INTAKE_STEADY requests, default 40), beside the latency of one
#     raw insert transaction;
#   WAL pages written per intake (20 intakes one by one, fresh WAL;
#     the frames of the WAL's current generation, summed intake by
#     intake, so that a restart of the WAL is counted right)
#     beside the raw insert's.
#
# Prints rows "name<TAB>candidate<TAB>reference<TAB>comment" when
# called as `intake.sh --rows N...`, else a readable table.
set -eu
cd "$(dirname "$0")/.."
OUT=bench/out
B=build/release
PORT=${INTAKE_PORT:-18184}
ROUNDS=${INTAKE_ROUNDS:-3}
SECS=${INTAKE_SECS:-5}
STEADY=${INTAKE_STEADY:-40}
export FOIDESK_TODAY=${FOIDESK_TODAY:-2026-11-20}
ROWS=0
if [ "${1:-}" = "--rows" ]; then ROWS=1; shift; fi
SIZES=${*:-"20000 100000"}
mkdir -p "$OUT"
make -s foidesk >/dev/null
. bench/lib.sh
bench_need wrk curl sqlite3
# pct P: the P-th percentile (nearest rank) of the numbers on stdin.
pct() { sort -n | awk -v p="$1" '{ a[NR] = $1 } END { i = int(NR * p / 100 + 0.999); if (i < 1) i = 1; print a[i] }'; }
# ms VALUE UNIT: wrk's latency (e.g. 12.3ms, 1.2s, 800us) in ms.
wrkms() { echo "$1" | awk '{ v = $1 + 0; if ($1 ~ /us$/) v /= 1000; else if ($1 ~ /[0-9]s$/) v *= 1000; else if ($1 ~ /m$/) v *= 60000; printf "%.1f", v }'; }

SALT=$$
# The wrk script: each thread its own id (setup), each request its own
# number, each run its own salt, so that every request is a distinct
# applicant (the same applicant asking the same thing again is refused
# by the similar-request gate, 409, which would measure the refusal);
# done() prints the non-2xx count.
lua() {	# CSRF COOKIE
	cat > "$OUT/intake.lua" <<LUA
local threads = {}
function setup(thread)
	thread:set("tid", #threads + 1)
	table.insert(threads, thread)
end
function init(args)
	salt = args[1] or "0"
	n = 0
	bad = 0
end
function request()
	n = n + 1
	local body = string.format('{"received":"2026-11-20","channel":"online",' ..
	    '"applicant":"申请人%s-%d-%d","applicant_type":"person",' ..
	    '"request":"示范区%d年第%d号征地补偿安置方案及补偿标准",' ..
	    '"phone":"13%d%08d"}', salt, tid, n, 2000 + n % 26, n, tid % 10,
	    n % 100000000)
	return wrk.format("POST", "/api/cases", {
		["Content-Type"] = "application/json",
		["X-CSRF-Token"] = "$1",
		["Cookie"] = "$2" }, body)
end
function response(status, headers, body)
	if status < 200 or status > 299 then bad = bad + 1 end
end
function done(summary, latency, requests)
	local b = 0
	for _, t in ipairs(threads) do b = b + t:get("bad") end
	io.write(string.format("non-2xx: %d\n", b))
end
LUA
}

SPID=""
stop() {
	if [ -n "$SPID" ]; then
		kill "$SPID" 2>/dev/null || true
		wait "$SPID" 2>/dev/null || true
		SPID=""
	fi
}
trap stop EXIT

# serve DB: starts the server (upkeep on) and logs the clerk in (CSRF,
# COOKIE).
serve() {
	if curl -s -o /dev/null http://127.0.0.1:$PORT/; then
		echo "intake.sh: port $PORT is in use (INTAKE_PORT=...)" >&2
		exit 1
	fi
	./foidesk --db "$1" serve --listen 127.0.0.1:$PORT \
	    > "$OUT/intake-serve.log" 2>&1 &
	SPID=$!
	i=0
	until curl -s -o /dev/null http://127.0.0.1:$PORT/login; do
		i=$((i + 1)); [ $i -lt 600 ] || { echo "intake.sh: no server" >&2; exit 1; }
		kill -0 "$SPID" 2>/dev/null || { echo "intake.sh: the server did not start" >&2; exit 1; }
		sleep 0.1
	done
	curl -s -c "$OUT/intake-cj" -H 'Content-Type: application/json' \
	    -d '{"username":"bench-clerk","password":"bench-pass-2026"}' \
	    http://127.0.0.1:$PORT/api/login > "$OUT/intake-login.json"
	CSRF=$(sed 's/.*"csrf":"\([0-9a-f]*\)".*/\1/' "$OUT/intake-login.json")
	COOKIE="foidesk_session=$(awk '$6 == "foidesk_session" { print $7 }' "$OUT/intake-cj")"
}

# post I: one intake by curl, its time in ms; fails unless 201.
post() {
	r=$(curl -s -o /dev/null -w '%{http_code} %{time_total}\n' \
	    -H 'Content-Type: application/json' -H "X-CSRF-Token: $CSRF" \
	    -H "Cookie: $COOKIE" -d "{\"received\":\"2026-11-20\",\"channel\":\"online\",\"applicant\":\"稳态申请人$SALT-$1\",\"applicant_type\":\"person\",\"request\":\"示范区$1号地块的规划许可证及附图\",\"phone\":\"13700000000\"}" \
	    http://127.0.0.1:$PORT/api/cases)
	[ "${r%% *}" = 201 ] || { echo "intake.sh: intake answered ${r%% *}" >&2; echo -1; return; }
	echo "$r" | awk '{ printf "%.1f\n", $2 * 1000 }'
}

# The reference: raw inserts, two rows per durable transaction.
RAW="$OUT/intake-raw.db"
RAWN=2000
rawsql() {	# N FIRST
	awk -v n="$1" -v f="$2" 'BEGIN {
	    for (i = f; i < f + n; i++) {
		printf "BEGIN IMMEDIATE;\n"
		printf "INSERT INTO c VALUES (printf(\"%%036d\", %d), printf(\"2026-%%06d\", %d), \"2026-03-02\", \"online\", \"王伟\", \"示范区2025年征地补偿安置方案及补偿标准\", \"received\", \"2026-03-30\");\n", i, i
		printf "INSERT INTO e (case_id, seq, action, at) VALUES (printf(\"%%036d\", %d), 1, \"receive\", \"2026-03-02\");\n", i
		printf "COMMIT;\n"
	    } }'
}
rawinit() {
	rm -f "$RAW" "$RAW-wal" "$RAW-shm"
	sqlite3 "$RAW" "PRAGMA journal_mode=WAL;" >/dev/null
	sqlite3 "$RAW" "CREATE TABLE c (id TEXT PRIMARY KEY, number TEXT UNIQUE,
	    received TEXT, channel TEXT, applicant TEXT, request TEXT,
	    state TEXT, due TEXT) STRICT; CREATE TABLE e (id INTEGER PRIMARY
	    KEY, case_id TEXT, seq INTEGER, action TEXT, at TEXT) STRICT;"
}
rawrun() {	# N: inserts/s of N raw insert transactions
	at=$(sqlite3 "$RAW" "SELECT count(*) FROM c;")
	rawsql "$1" "$at" > "$OUT/intake-raw.sql"
	s=$(date +%s%N)
	{ echo "PRAGMA synchronous=FULL;"; cat "$OUT/intake-raw.sql"; } | sqlite3 -bail "$RAW"
	e=$(date +%s%N)
	awk -v n="$1" -v t=$((e - s)) 'BEGIN { printf "%.0f\n", n / (t / 1e9) }'
}
rawlat() {	# ms per raw insert transaction, over a run of 50
	rawrun 50 > "$OUT/intake-rl.txt"
	awk '{ printf "%.1f\n", 1000 / $1 }' "$OUT/intake-rl.txt"
}
# walpages DBFILE: the frames of its WAL's current generation: those
# whose salt is the header's.  Not the file's size: a WAL restarted
# after a checkpoint (every ~1,000 pages) is written again from the
# start and keeps its size, which capped the figure near 1,000 / 20.
walpages() {
	[ -s "$1-wal" ] || { echo 0; return; }
	ps=$(sqlite3 "$1" "PRAGMA page_size;")
	salt=$(head -c 24 "$1-wal" | tail -c 8 | od -An -tx1 -v | tr -d ' \n')
	tail -c +33 "$1-wal" | od -An -tx1 -v -w$((ps + 24)) | cut -c 25-48 |
	    tr -d ' ' | awk -v s="$salt" '$0 != s { exit } { n++ }
	    END { print n + 0 }'
}

for n in $SIZES; do
	SRC=$(sh bench/mkdb.sh "$n")
	DB="$OUT/intake-$n.db"
	rm -f "$DB" "$DB-wal" "$DB-shm"
	cp --reflink=auto "$SRC" "$DB"
	# The copy's pages written back now, not by the server's first
	# checkpoint: its fdatasync of a freshly copied 3.4 GB file took
	# ~0.9 s at 1M and held every WAL commit meanwhile (one round's
	# p99 near 0.5 s, and ~10% off the intake rate at 1M).
	sync
	echo bench-pass-2026 | ./foidesk --db "$DB" user add bench-clerk \
	    --role clerk >/dev/null 2>&1 || true
	rawinit
	load="$(cat /proc/loadavg | cut -d' ' -f1-3)"

	# Throughput, in turn.
	: > "$OUT/intake-a.txt"
	: > "$OUT/intake-b.txt"
	: > "$OUT/intake-p.txt"
	bad=0
	r=1
	while [ $r -le "$ROUNDS" ]; do
		serve "$DB"
		lua "$CSRF" "$COOKIE"
		wrk -t2 -c8 -d"${SECS}s" --latency -s "$OUT/intake.lua" \
		    http://127.0.0.1:$PORT/api/cases -- "$SALT$r" > "$OUT/intake-wrk.txt"
		stop
		awk '/Requests\/sec/ { printf "%.0f\n", $2 }' "$OUT/intake-wrk.txt" >> "$OUT/intake-a.txt"
		p50=$(awk '$1 == "50%" { print $2 }' "$OUT/intake-wrk.txt")
		p99=$(awk '$1 == "99%" { print $2 }' "$OUT/intake-wrk.txt")
		echo "$(wrkms "$p99") $(wrkms "$p50")" >> "$OUT/intake-p.txt"
		b=$(awk '/^non-2xx:/ { print $2 }' "$OUT/intake-wrk.txt")
		bad=$((bad + ${b:-0}))
		rawrun $RAWN >> "$OUT/intake-b.txt"
		r=$((r + 1))
	done
	a=$(mmm < "$OUT/intake-a.txt")
	b=$(mmm < "$OUT/intake-b.txt")
	# The receipts the rounds left to typeset: the renderer waits for
	# a pause in the write requests (web/receipts.c), so a burst leaves
	# most of its receipts for after it.
	pend=$(sqlite3 "$DB" "SELECT count(*) FROM letters_pending;")
	out "API intake cases/s ($n cases, upkeep on)" "$(med "$a")" "$(med "$b")" \
	    "raw sqlite3 inserts/s, same pragmas, 1 txn each; in turn x$ROUNDS, min/median/max $a vs $b; non-2xx $bad; receipts left to typeset after the rounds $pend; load $load"
	mp=$(sort -n "$OUT/intake-p.txt" | awk '{ a[NR] = $0 } END { print a[int((NR + 1) / 2)] }')
	out "intake p99 ms under load ($n cases, upkeep on)" "${mp%% *}" 50 \
	    "target ms; wrk -t2 -c8, the median round's p99 (p50 ${mp##* } ms); p99 of rounds: $(cut -d' ' -f1 "$OUT/intake-p.txt" | mmm)"

	# Steady 1 request/s with the upkeep on, beside one raw insert, on
	# a fresh copy: the rounds above leave tens of thousands of
	# receipts for the server's renderer to typeset (in the background,
	# SCHED_IDLE, in the pauses between requests), which would be the
	# next phases' load too.
	rm -f "$DB" "$DB-wal" "$DB-shm"
	cp --reflink=auto "$SRC" "$DB"
	sync
	echo bench-pass-2026 | ./foidesk --db "$DB" user add bench-clerk \
	    --role clerk >/dev/null 2>&1 || true
	serve "$DB"
	: > "$OUT/intake-s.txt"
	: > "$OUT/intake-r.txt"
	i=1
	while [ $i -le "$STEADY" ]; do
		post "s$i" >> "$OUT/intake-s.txt"
		rawlat >> "$OUT/intake-r.txt"
		sleep 1
		i=$((i + 1))
	done
	stop
	s50=$(pct 50 < "$OUT/intake-s.txt")
	s99=$(pct 99 < "$OUT/intake-s.txt")
	r50=$(pct 50 < "$OUT/intake-r.txt")
	r99=$(pct 99 < "$OUT/intake-r.txt")
	out "intake p99 ms at 1 request/s ($n cases, upkeep on)" "$s99" "$r99" \
	    "raw insert txn, ms (runs of 50); $STEADY requests in turn with it; p50 $s50 vs $r50 ms; max $(sort -n "$OUT/intake-s.txt" | tail -1) ms; target <= 50"

	# WAL pages per intake: 20 intakes one by one on a fresh WAL,
	# before the upkeep's first pass.
	sqlite3 "$DB" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
	serve "$DB"
	# Summed intake by intake: fewer frames than before means the WAL
	# restarted at that intake's transaction, all of whose frames are
	# then the new generation's.
	w0=$(walpages "$DB")
	w1=0
	i=1
	while [ $i -le 20 ]; do
		post "w$i" >/dev/null
		w=$(walpages "$DB")
		if [ "$w" -lt "$w0" ]; then w1=$((w1 + w)); else w1=$((w1 + w - w0)); fi
		w0=$w
		i=$((i + 1))
	done
	# And the receipts' own commits, which the renderer makes once the
	# requests pause (at most 30 s).
	i=0
	while [ "$(sqlite3 "$DB" "SELECT count(*) FROM letters_pending;")" != 0 ] && [ $i -lt 300 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	w=$(walpages "$DB")
	if [ "$w" -lt "$w0" ]; then w1=$((w1 + w)); else w1=$((w1 + w - w0)); fi
	stop
	# A second connection keeps the shell's WAL from being folded
	# back and removed when it exits.
	sqlite3 "$RAW" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
	{ echo "SELECT count(*) FROM c;"; sleep 5; } | sqlite3 "$RAW" >/dev/null &
	hold=$!
	sleep 0.5
	rawrun 20 >/dev/null
	rw=$(walpages "$RAW")
	kill $hold 2>/dev/null || true
	wait $hold 2>/dev/null || true
	out "WAL pages per intake ($n cases)" \
	    "$(awk -v b="$w1" 'BEGIN { printf "%.1f", b / 20 }')" \
	    "$(awk -v a="$rw" 'BEGIN { printf "%.1f", a / 20 }')" \
	    "raw insert txn (case + event); 20 intakes one by one through the API"
	rm -f "$DB" "$DB-wal" "$DB-shm"
done
