#!/bin/sh
# The pages at scale (issue 17 items 6 and 7), run by bench/run.sh or
# alone: sh bench/pages.sh [--rows] N...  (N cases, a multiple of 5,000;
# the database comes from bench/mkdb.sh, cached in bench/out/db-N.db).
#
# Each page beside nginx serving a static file of the same size (the
# page as the server sent it), IN TURN: wrk on the page, then wrk on the
# file, BENCH_ROUNDS times (default 3), BENCH_SECONDS each (default 5).
# The table has the median req/s of each; the comment has min/median/max
# of both, the median ratio and the p99 latency of the page and of
# nginx (min/median/max of the rounds).  The pages:
#
#   dashboard                /                      (64 connections)
#   case list, first page    /cases                 (64)
#   late keyset page         /cases?all=1&sort=number&after=Y,S, the
#                            cursor 90% of the way down the list (64)
#   filtered list, no match  /cases?all=1&channel=fax&applicant_type=
#                            research&year=2019 (no such case in the
#                            seed, so none in its copies) (64)
#   case page, 200 events    /cases/NUMBER of a case given 200 events
#                            here (`case correct`, once per database) (64)
#   the same, nothing kept   the same page from a server started with
#                            FOIDESK_MEMO=off: its timeline and action
#                            forms rendered on every request, as when
#                            something was committed in between (64)
#   /proactive               the Art. 44 groups (64)
#   2-character search       /search?q=征地 (1 connection: search is an
#                            expensive request, one slot with 2 threads)
#   report page              /reports/annual?year=2025 (1 connection,
#                            the same)
#
# Then the annual report beside the bare GROUP BY of bench/run.sh, both
# ways (see below): warm in-process, and whole processes with and
# without each program's start-up.
#
# Requests the server refused (non-2xx) are counted in the comment; a
# round with any is marked "REFUSED" rather than counted as fast.
#
# Then the server's peak RSS (VmHWM) under a mixed load, a fresh server
# per round, BENCH_ROUNDS rounds: 8 clients logging in over and over
# (POST /api/login, Argon2id 7 MiB each), 4 clients loading report
# pages (years 2023-2026 in turn) and wrk with 32 connections on the
# dashboard, lists and case pages, for 2 x BENCH_SECONDS; beside the
# 64 MB goal.
#
# PAGES_RSS_ONLY=1: only the peak RSS under the mixed load.
# PAGES_ONLY=TEXT: only the pages whose row name holds TEXT (e.g.
# "case page"), without the report comparison and the RSS.
# PAGES_BIN=PATH: serve with another build (an A/B of two trees, in
# turn, one round each: BENCH_ROUNDS=1).
#
# The server runs with --no-upkeep as in bench/run.sh (a copied
# database's Art. 44 backlog would keep the upkeep thread busy).
set -eu
cd "$(dirname "$0")/.."
OUT=bench/out
B=build/release
PORT=18186
NPORT=18187
SECS=${BENCH_SECONDS:-5}
ROUNDS=${BENCH_ROUNDS:-3}
export FOIDESK_TODAY=${FOIDESK_TODAY:-2026-11-20}
ROWS=0
if [ "${1:-}" = "--rows" ]; then ROWS=1; shift; fi
SIZES=${*:-"20000"}
W="$OUT/pages"
mkdir -p "$W/www"

. bench/lib.sh
bench_need wrk nginx sqlite3 curl
make -s foidesk >/dev/null
BIN=${PAGES_BIN:-$PWD/$B/foidesk}


# wrkrun CONNS URL [Cookie header]: one wrk run; prints "req/s p99ms bad".
wrkrun() {
	t=2; [ "$1" -lt 2 ] && t=1
	if [ -n "${3:-}" ]; then
		wrk -t$t -c"$1" -d"${SECS}s" --latency -H "$3" "$2" > "$W/wrk.txt"
	else
		wrk -t$t -c"$1" -d"${SECS}s" --latency "$2" > "$W/wrk.txt"
	fi
	awk '/Requests\/sec/ { r = $2 }
	    $1 == "99%" { p = $2; if (p ~ /us$/) p = p / 1000; else if (p ~ /ms$/) p = p + 0; else if (p ~ /s$/) p = p * 1000 }
	    /Non-2xx/ { bad = $NF }
	    END { printf "%.0f %.2f %d\n", r, p, bad }' "$W/wrk.txt"
}

# page NAME PATH CONNS: the page beside nginx, in turn, ROUNDS times.
page() {
	case "$1" in *"${PAGES_ONLY:-}"*) ;; *) return ;; esac
	code=$(curl -s -o "$W/www/page.html" -w '%{http_code}' \
	    -H "Cookie: $COOKIE" "http://127.0.0.1:$PORT$2")
	size=$(wc -c < "$W/www/page.html")
	if [ "$code" != 200 ]; then
		out "$1 ($n cases)" 0 0 "HTTP $code for $2"
		return
	fi
	: > "$W/c.txt"; : > "$W/r.txt"; : > "$W/p.txt"; : > "$W/np.txt"
	bad=0
	i=0
	while [ $i -lt "$ROUNDS" ]; do
		set -- "$1" "$2" "$3" $(wrkrun "$3" "http://127.0.0.1:$PORT$2" "Cookie: $COOKIE")
		echo "$4" >> "$W/c.txt"; echo "$5" >> "$W/p.txt"
		bad=$((bad + $6))
		set -- "$1" "$2" "$3" $(wrkrun "$3" "http://127.0.0.1:$NPORT/page.html")
		echo "$4" >> "$W/r.txt"; echo "$5" >> "$W/np.txt"
		i=$((i + 1))
	done
	c=$(mmm < "$W/c.txt"); r=$(mmm < "$W/r.txt"); p=$(mmm < "$W/p.txt")
	np=$(mmm < "$W/np.txt")
	ratio=$(awk -v a="$(med "$c")" -v b="$(med "$r")" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }')
	note=""
	[ $bad -gt 0 ] && note=", REFUSED $bad"
	out "$1 ($n cases)" "$(med "$c")" "$(med "$r")" \
	    "req/s vs nginx same-size file ($size B, c$3): $c vs $r, ratio $ratio; p99 ms $p vs nginx $np$note"
}

login() {	# USER: a session cookie value
	curl -s -c "$W/cj" -H 'Content-Type: application/json' \
	    -d "{\"username\":\"$1\",\"password\":\"bench-pass-2026\"}" \
	    "http://127.0.0.1:$PORT/api/login" >/dev/null
	awk '$6 == "foidesk_session" { print "foidesk_session=" $7 }' "$W/cj"
}

start_server() {
	"$BIN" --db "$DB" serve --no-upkeep --listen 127.0.0.1:$PORT \
	    > "$W/serve.log" 2>&1 &
	SPID=$!
	k=0
	until curl -s -o /dev/null "http://127.0.0.1:$PORT/login"; do
		k=$((k + 1)); [ $k -gt 100 ] && { echo "server did not start" >&2; exit 1; }
		sleep 0.05
	done
}

stop_server() {
	kill "$SPID"
	wait "$SPID" 2>/dev/null || true
}

cat > "$W/nginx.conf" <<NG
worker_processes 2;
pid $PWD/$W/nginx.pid;
error_log $PWD/$W/nginx-error.log;
events { worker_connections 1024; }
http {
	access_log off;
	server {
		listen 127.0.0.1:$NPORT;
		root $PWD/$W/www;
	}
}
NG

for n in $SIZES; do
	DB=$(sh bench/mkdb.sh "$n")
	# The case with 200 events: an open case, corrected (a phone number,
	# back and forth) by a reviewer until it has them; once per database.
	CASE=$(sqlite3 "$DB" "SELECT number FROM cases WHERE state = 'handling' ORDER BY year, seq LIMIT 1")
	have=$(sqlite3 "$DB" "SELECT count(*) FROM events WHERE case_id = (SELECT id FROM cases WHERE number = '$CASE')")
	if [ "$have" -lt 200 ]; then
		echo "giving case $CASE 200 events (once) ..." >&2
		echo bench-pass-2026 | "$BIN" --db "$DB" user add bench-reviewer \
		    --role reviewer >/dev/null 2>&1 || true
		while [ "$have" -lt 200 ]; do
			"$BIN" --db "$DB" case correct "$CASE" \
			    --phone "1390000$(printf '%04d' "$have")" \
			    --reason "核对联系电话（基准测试）" --by bench-reviewer >/dev/null
			have=$((have + 1))
		done
	fi
	have=$(sqlite3 "$DB" "SELECT count(*) FROM events WHERE case_id = (SELECT id FROM cases WHERE number = '$CASE')")
	# The late keyset page: 90% of the way down the list by number.
	AFTER=$(sqlite3 "$DB" "SELECT printf('%04d,%d', year, seq) FROM cases ORDER BY year DESC, seq DESC LIMIT 1 OFFSET $((n * 9 / 10))")

	if [ -z "${PAGES_RSS_ONLY:-}" ]; then
	start_server
	COOKIE=$(login bench-officer)
	nginx -c "$PWD/$W/nginx.conf" -p "$PWD/$W"
	sleep 0.3
	page "dashboard" "/" 64
	page "case list, first page" "/cases" 64
	page "case list, late keyset page" "/cases?all=1&sort=number&after=$AFTER" 64
	page "filtered list, no match" "/cases?all=1&channel=fax&applicant_type=research&year=2019" 64
	page "case page, $have events" "/cases/$CASE" 64
	# The same page rendered in full on every request: a server that
	# keeps nothing between requests (FOIDESK_MEMO=off; the timeline and
	# action forms are otherwise kept while nothing is committed).
	stop_server
	export FOIDESK_MEMO=off
	start_server
	unset FOIDESK_MEMO
	COOKIE=$(login bench-officer)
	page "case page, $have events, nothing kept" "/cases/$CASE" 64
	stop_server
	start_server
	COOKIE=$(login bench-officer)
	page "/proactive" "/proactive" 64
	page "search, 2 characters" "/search?q=%E5%BE%81%E5%9C%B0" 1
	page "annual report page" "/reports/annual?year=2025" 1
	kill "$(cat "$W/nginx.pid")"
	if [ -n "${PAGES_ONLY:-}" ]; then
		stop_server
		continue
	fi

	# The annual report beside the bare GROUP BY of bench/run.sh, in
	# turn, 5 times each, measured both ways:
	#  - warm, in-process: GET /api/reports/annual on the running server
	#    (curl's time, the server warmed up) beside the sqlite3 shell's
	#    .timer of the query run a second time in the same shell;
	#  - whole processes: `foidesk report annual` beside `sqlite3 DB Q`,
	#    as run.sh measures, and the same less each program's own
	#    start-up (`foidesk --help`: 53 shared libraries to load;
	#    `sqlite3 DB "SELECT 1"`), measured in the same turns.
	Q="SELECT 'new', a.type, COUNT(*) FROM cases c JOIN applicants a ON a.id = c.applicant_id WHERE c.received_on BETWEEN '2025-01-01' AND '2025-12-31' GROUP BY 2 UNION ALL SELECT 'in', a.type, COUNT(*) FROM cases c JOIN applicants a ON a.id = c.applicant_id WHERE c.received_on < '2025-01-01' AND (c.closed_on IS NULL OR c.closed_on >= '2025-01-01') GROUP BY 2 UNION ALL SELECT c.outcome, a.type, COUNT(*) FROM cases c JOIN applicants a ON a.id = c.applicant_id WHERE c.closed_on BETWEEN '2025-01-01' AND '2025-12-31' GROUP BY 1, 2 UNION ALL SELECT 'out', a.type, COUNT(*) FROM cases c JOIN applicants a ON a.id = c.applicant_id WHERE c.received_on <= '2025-12-31' AND (c.closed_on IS NULL OR c.closed_on > '2025-12-31') GROUP BY 2;"
	wall() { s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
	curl -s -o /dev/null -H "Cookie: $COOKIE" "http://127.0.0.1:$PORT/api/reports/annual?year=2025"
	for f in rc rr pc pr sc sr; do : > "$W/$f.txt"; done
	i=0
	while [ $i -lt 5 ]; do
		curl -s -o /dev/null -w '%{time_total}\n' -H "Cookie: $COOKIE" \
		    "http://127.0.0.1:$PORT/api/reports/annual?year=2025" |
		    awk '{ printf "%.1f\n", $1 * 1000 }' >> "$W/rc.txt"
		printf '%s\n.timer on\n%s\n' "$Q" "$Q" | sqlite3 "$DB" |
		    awk '/^Run Time/ { printf "%.1f\n", $4 * 1000 }' >> "$W/rr.txt"
		wall "$BIN" --db "$DB" report annual --year 2025 --format json >> "$W/pc.txt"
		wall sqlite3 "$DB" "$Q" >> "$W/pr.txt"
		wall "$BIN" --help >> "$W/sc.txt"
		wall sqlite3 "$DB" "SELECT 1" >> "$W/sr.txt"
		i=$((i + 1))
	done
	stop_server
	rc=$(mmm < "$W/rc.txt"); rr=$(mmm < "$W/rr.txt")
	out "annual report ms, warm in-process ($n cases)" "$(med "$rc")" "$(med "$rr")" \
	    "GET /api/reports/annual vs the GROUP BY again in one sqlite3 shell (.timer), min/median/max $rc vs $rr (lower is better)"
	pc=$(mmm < "$W/pc.txt"); pr=$(mmm < "$W/pr.txt")
	sc=$(mmm < "$W/sc.txt"); sr=$(mmm < "$W/sr.txt")
	out "annual report ms, whole process ($n cases)" "$(med "$pc")" "$(med "$pr")" \
	    "foidesk report annual vs sqlite3 shell GROUP BY, min/median/max $pc vs $pr (lower is better)"
	out "annual report ms, less start-up ($n cases)" "$(( $(med "$pc") - $(med "$sc") ))" "$(( $(med "$pr") - $(med "$sr") ))" \
	    "the same less each program's start-up: foidesk --help $sc ms, sqlite3 SELECT 1 $sr ms (lower is better)"
	fi

	# Peak RSS under the mixed load, a fresh server per round.
	cat > "$W/mix.lua" <<LUA
local paths = { "/", "/cases", "/cases?all=1&sort=number&after=$AFTER",
    "/cases/$CASE", "/proactive", "/cases?all=1&sort=received" }
local i = 0
request = function()
	i = i + 1
	return wrk.format("GET", paths[i % #paths + 1])
end
LUA
	: > "$W/rss.txt"; : > "$W/idle.txt"; : > "$W/mixn.txt"
	i=0
	while [ $i -lt "$ROUNDS" ]; do
		start_server
		COOKIE=$(login bench-officer)
		awk '/VmRSS/ { printf "%.1f\n", $2 / 1024 }' /proc/$SPID/status >> "$W/idle.txt"
		python3 - "$PORT" $((SECS * 2)) > "$W/mix.out" <<'PY' &
import http.client, json, sys, threading, time
port, secs = int(sys.argv[1]), float(sys.argv[2])
end = time.time() + secs
counts = {"login": 0, "login_busy": 0, "report": 0, "report_busy": 0}
lock = threading.Lock()
def req(method, path, body=None, headers={}):
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        c.request(method, path, body=body, headers=headers)
        r = c.getresponse()
        data = r.read()
        c.close()
        return r.status, r.getheader("Set-Cookie"), data
    except OSError:
        return 0, None, b""
def logins():
    while time.time() < end:
        s, _, _ = req("POST", "/api/login", json.dumps({"username": "bench-officer",
            "password": "bench-pass-2026"}), {"Content-Type": "application/json"})
        with lock:
            counts["login" if s == 200 else "login_busy"] += 1
def reports(cookie, k):
    y = 2023 + k
    while time.time() < end:
        s, _, _ = req("GET", "/reports/annual?year=%d" % y, headers={"Cookie": cookie})
        with lock:
            counts["report" if s == 200 else "report_busy"] += 1
        y = 2023 + (y - 2022) % 4
s, setc, _ = req("POST", "/api/login", json.dumps({"username": "bench-officer",
    "password": "bench-pass-2026"}), {"Content-Type": "application/json"})
cookie = setc.split(";")[0]
ts = [threading.Thread(target=logins) for _ in range(8)]
ts += [threading.Thread(target=reports, args=(cookie, k)) for k in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print("%d/%d logins, %d/%d report pages" % (counts["login"], counts["login"] +
    counts["login_busy"], counts["report"], counts["report"] + counts["report_busy"]))
PY
		MPID=$!
		wrk -t2 -c32 -d"$((SECS * 2))s" -s "$W/mix.lua" -H "Cookie: $COOKIE" \
		    "http://127.0.0.1:$PORT/" > "$W/wrk-mix.txt"
		wait $MPID
		awk '/VmHWM/ { printf "%.1f\n", $2 / 1024 }' /proc/$SPID/status >> "$W/rss.txt"
		echo "$(cat "$W/mix.out"), $(awk '/Requests\/sec/ { printf "%.0f", $2 }' "$W/wrk-mix.txt") pages/s" >> "$W/mixn.txt"
		stop_server
		i=$((i + 1))
	done
	rss=$(mmm < "$W/rss.txt")
	out "server peak RSS MB, mixed load ($n cases)" "$(med "$rss")" 64 \
	    "target < 64 MB; peak min/median/max $rss, idle $(mmm < "$W/idle.txt"); $(tail -1 "$W/mixn.txt")"
done
