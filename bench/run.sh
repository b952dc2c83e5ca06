#!/bin/sh
# make bench: every benchmark of foidesk, each beside a reference run in
# the same invocation, printed as one table (also saved to
# bench/out/results.txt).  Needs wrk and nginx (installed if missing).
#
#   BENCH_CASES="10000 100000 1000000"   database sizes (multiples of
#                                  5,000; made once by bench/mkdb.sh,
#                                  cached in bench/out/db-N.db)
#   BENCH_SECONDS=10               wrk duration per run
set -eu
cd "$(dirname "$0")/.."
OUT=bench/out
B=build/release
SIZES=${BENCH_CASES:-"10000 100000 1000000"}
SECS=${BENCH_SECONDS:-10}
PORT=18181
NPORT=18182
export FOIDESK_TODAY=2026-11-20
mkdir -p "$OUT"

need=""
command -v wrk >/dev/null || need="$need wrk"
command -v nginx >/dev/null || need="$need nginx"
command -v sqlite3 >/dev/null || need="$need sqlite3"
if [ -n "$need" ]; then
	SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
	$SUDO apt-get update -qq
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $need
fi
make -s foidesk $B/foidesk-gen $B/bench_core $B/bench_letters >/dev/null

RES="$OUT/results.txt"
: > "$RES"
row() {	# name value reference unit/comment
	awk -v n="$1" -v v="$2" -v r="$3" -v c="$4" 'BEGIN {
	    ratio = (r + 0 > 0) ? sprintf("%.2f", v / r) : "-";
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

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
ms() {	# run a command 3 times, print the median wall time in ms
	for i in 1 2 3; do
		s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N)
		echo $(( (e - s) / 1000000 ))
	done | median
}

for n in $SIZES; do
	DB=$(sh bench/mkdb.sh "$n")

	# Annual report beside the sqlite3 shell's bare GROUP BY (table 三).
	./foidesk --db "$DB" report annual --year 2025 >/dev/null
	rep=$(ms ./foidesk --db "$DB" report annual --year 2025 --format json)
	Q="SELECT 'new', a.type, COUNT(*) FROM cases c JOIN applicants a ON a.id = c.applicant_id WHERE c.received_on BETWEEN '2025-01-01' AND '2025-12-31' GROUP BY 2 UNION ALL SELECT 'in', a.type, COUNT(*) FROM cases c JOIN applicants a ON a.id = c.applicant_id WHERE c.received_on < '2025-01-01' AND (c.closed_on IS NULL OR c.closed_on >= '2025-01-01') GROUP BY 2 UNION ALL SELECT c.outcome, a.type, COUNT(*) FROM cases c JOIN applicants a ON a.id = c.applicant_id WHERE c.closed_on BETWEEN '2025-01-01' AND '2025-12-31' GROUP BY 1, 2 UNION ALL SELECT 'out', a.type, COUNT(*) FROM cases c JOIN applicants a ON a.id = c.applicant_id WHERE c.received_on <= '2025-12-31' AND (c.closed_on IS NULL OR c.closed_on > '2025-12-31') GROUP BY 2;"
	grp=$(ms sqlite3 "$DB" "$Q")
	row "annual report ms ($n cases)" "$rep" "$grp" "sqlite3 shell GROUP BY, ms (lower is better)"

	# Office statistics (docs/stats.md) beside the annual report: every
	# case concluded in the year has its deadline derived again.
	./foidesk --db "$DB" stats --year 2025 --json >/dev/null
	sta=$(ms ./foidesk --db "$DB" stats --year 2025 --json)
	row "office statistics ms ($n cases)" "$sta" "$rep" "annual report, ms (lower is better)"

	# The server, and nginx serving a file of the same size.
	# Generated databases have every case still to be grouped (Art 44):
	# the upkeep thread would spend the whole run on that backlog.
	./foidesk --db "$DB" serve --no-upkeep --listen 127.0.0.1:$PORT \
	    > "$OUT/serve.log" 2>&1 &
	SPID=$!
	sleep 1
	login() {
		curl -s -c "$OUT/cj" -H 'Content-Type: application/json' \
		    -d "{\"username\":\"$1\",\"password\":\"bench-pass-2026\"}" \
		    http://127.0.0.1:$PORT/api/login
	}
	login bench-officer >/dev/null
	COOKIE="foidesk_session=$(awk '$6 == "foidesk_session" { print $7 }' "$OUT/cj")"
	mkdir -p "$OUT/www"
	cat > "$OUT/nginx.conf" <<NG
worker_processes 2;
pid $PWD/$OUT/nginx.pid;
error_log $PWD/$OUT/nginx-error.log;
events { worker_connections 1024; }
http {
	access_log off;
	server {
		listen 127.0.0.1:$NPORT;
		root $PWD/$OUT/www;
	}
}
NG
	nginx -c "$PWD/$OUT/nginx.conf" -p "$PWD/$OUT"
	sleep 0.5
	for page in / /cases; do
		name=$(echo "$page" | sed 's|^/$|dashboard|; s|^/cases$|case list|')
		curl -s -H "Cookie: $COOKIE" "http://127.0.0.1:$PORT$page" > "$OUT/www/page.html"
		wrk -t2 -c64 -d"${SECS}s" --latency -H "Cookie: $COOKIE" \
		    "http://127.0.0.1:$PORT$page" > "$OUT/wrk-app.txt"
		wrk -t2 -c64 -d"${SECS}s" --latency \
		    "http://127.0.0.1:$NPORT/page.html" > "$OUT/wrk-nginx.txt"
		rps=$(awk '/Requests\/sec/ { printf "%.0f", $2 }' "$OUT/wrk-app.txt")
		nrps=$(awk '/Requests\/sec/ { printf "%.0f", $2 }' "$OUT/wrk-nginx.txt")
		p99=$(awk '$1 == "99%" { print $2 }' "$OUT/wrk-app.txt")
		row "$name req/s ($n cases), p99 $p99" "$rps" "$nrps" "nginx, same-size static file ($(wc -c < "$OUT/www/page.html") B)"
	done
	kill "$(cat "$OUT/nginx.pid")"

	# Intake through the JSON API (durable), as a clerk.
	login bench-clerk > "$OUT/login.json"
	CSRF=$(sed 's/.*"csrf":"\([0-9a-f]*\)".*/\1/' "$OUT/login.json")
	COOKIE="foidesk_session=$(awk '$6 == "foidesk_session" { print $7 }' "$OUT/cj")"
	cat > "$OUT/intake.lua" <<LUA
-- Each request a different applicant and request text, as at a real
-- front desk (the same applicant asking the same thing thousands of
-- times would measure the repeat-request check instead).
local n = 0
request = function()
	n = n + 1
	local body = string.format('{"received":"2026-11-20","channel":"online",' ..
	    '"applicant":"申请人%d-%d","applicant_type":"person",' ..
	    '"request":"示范区%d年第%d号征地补偿安置方案及补偿标准",' ..
	    '"phone":"139%08d"}', math.random(1e6), n, 2000 + n % 26,
	    math.random(1e6), math.random(1e8 - 1))
	return wrk.format("POST", "/api/cases", {
		["Content-Type"] = "application/json",
		["X-CSRF-Token"] = "$CSRF",
		["Cookie"] = "$COOKIE" }, body)
end
LUA
	wrk -t2 -c8 -d5s -s "$OUT/intake.lua" http://127.0.0.1:$PORT/api/cases > "$OUT/wrk-intake.txt"
	irps=$(awk '/Requests\/sec/ { printf "%.0f", $2 }' "$OUT/wrk-intake.txt")
	raw=$(awk -F '|' '/intake cases/ { gsub(/ /, "", $4); print $4 }' "$RES" | head -1)
	row "intake via JSON API cases/s ($n cases)" "$irps" "$raw" "raw sqlite3 inserts, same pragmas"
	rss=$(awk '/VmHWM/ { printf "%.1f", $2 / 1024 }' /proc/$SPID/status)
	row "server peak RSS MB ($n cases)" "$rss" 64 "target < 64 MB"
	kill $SPID
	wait $SPID 2>/dev/null || true
done
# --- search and export (issues 15, 17; bench/search.sh) -------------
# Its own databases (5,000 generated cases copied to each size), the
# search box and the CSV export beside the sqlite3 shell, 5 runs each
# in turn, min/median/max in the comment.
search_bench() {
	sh bench/search.sh --rows $SIZES | while IFS="$(printf '\t')" read -r n v r c; do
		row "$n" "$v" "$r" "$c"
	done
}
search_bench
# --- end of search and export ----------------------------------------

echo "results: $RES" >&2
