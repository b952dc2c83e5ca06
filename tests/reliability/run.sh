#!/bin/sh
# Reliability tests (issue 7), bounded in time (about a minute):
#   1. kill -9 the server repeatedly during concurrent intake: every
#      acknowledged case is there afterwards, integrity_check says ok and
#      the event chain verifies;
#   2. a database on a full disk (a small tmpfs): a clear 503, the form
#      keeps what was typed, nothing half-written;
#   3. a read-only database (read-only bind mount): a clear 503, reads
#      still work;
#   4. concurrent writers (CLI processes beside the server) never see
#      "database is locked";
#   5. `foidesk backup` under load, and the copy opens and verifies;
#   6. slow clients from one address do not starve another (issue 16);
#   7. anonymous uploads are refused on their headers, memory bounded.
#   8. 64 concurrent searches leave the dashboard answering (issue 17).
# Needs root for the mounts (CI runs as root); without it 2 and 3 are
# skipped.  Ends with the line "N passed, M failed".
set -u
cd "$(dirname "$0")/../.."
BIN=${FOIDESK_BIN:-$PWD/build/release/foidesk}
export FOIDESK_TODAY=2026-11-20
T=$(mktemp -d /tmp/foidesk-rel-XXXXXX)
PASS=0
FAIL=0
SKIP=0
PIDS=""

ok() { PASS=$((PASS + 1)); echo "ok   - $*"; }
no() { FAIL=$((FAIL + 1)); echo "FAIL - $*"; }
skip() { SKIP=$((SKIP + 1)); echo "skip - $*"; }
cleanup() {
	for p in $PIDS; do kill -9 "$p" 2>/dev/null; done
	umount "$T/full" 2>/dev/null
	umount "$T/ro" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT

# serve DB PORT: starts the server in the background, waits until it
# answers; sets SPID.
serve() {
	"$BIN" --db "$1" serve --listen "127.0.0.1:$2" >> "$T/serve.log" 2>&1 &
	SPID=$!
	PIDS="$PIDS $SPID"
	i=0
	while ! curl -s -o /dev/null "http://127.0.0.1:$2/login"; do
		i=$((i + 1))
		[ $i -gt 100 ] && return 1
		sleep 0.05
	done
}

# login PORT USER: cookie jar $T/cj-USER, CSRF token in $T/csrf-USER.
login() {
	curl -s -c "$T/cj-$2" -H 'Content-Type: application/json' \
	    -d "{\"username\":\"$2\",\"password\":\"demo-pass-2026\"}" \
	    "http://127.0.0.1:$1/api/login" |
	    sed 's/.*"csrf":"\([0-9a-f]*\)".*/\1/' > "$T/csrf-$2"
}

# post PORT TAG: one intake through the API; prints "STATUS NUMBER".
post() {
	curl -s --max-time 5 -o "$T/resp-$2" -w '%{http_code}' \
	    -b "$T/cj-clerk" -H 'Content-Type: application/json' \
	    -H "X-CSRF-Token: $(cat "$T/csrf-clerk")" \
	    -d "{\"received\":\"2026-11-20\",\"channel\":\"online\",\"applicant\":\"可靠性测试$2\",\"applicant_type\":\"person\",\"request\":\"示范区第$2号文件全文\",\"phone\":\"13900001111\"}" \
	    "http://127.0.0.1:$1/api/cases" > "$T/code-$2" 2>/dev/null
	code=$(cat "$T/code-$2")
	num=$(sed -n 's/.*"number":"\([0-9-]*\)".*/\1/p' "$T/resp-$2" 2>/dev/null)
	echo "$code $num"
}

# client PORT ID: posts until the server is gone, logging acknowledged
# case numbers (HTTP 201 with a number) to $T/acked.
client() {
	n=0
	while [ ! -f "$T/stop" ]; do
		n=$((n + 1))
		set -- "$1" "$2" "$(post "$1" "$2-$n")"
		case "$3" in
		"201 "?*) echo "${3#201 }" >> "$T/acked" ;;
		"000 "*) break ;;
		esac
		set -- "$1" "$2"
	done
}

integrity() { [ "$(sqlite3 "$1" 'PRAGMA integrity_check')" = ok ]; }

# --- 1. kill -9 during concurrent intake ------------------------------
DB="$T/k9.db"
"$BIN" --db "$DB" init --demo > /dev/null || { no "init --demo"; exit 1; }
: > "$T/acked"
round=1
port=19200
while [ $round -le 6 ]; do
	serve "$DB" $port || { no "server start (round $round)"; break; }
	[ $round -eq 1 ] && login $port clerk
	rm -f "$T/stop"
	CP=""
	for c in 1 2 3 4; do client $port "r$round-c$c" & CP="$CP $!"; done
	sleep "0.$(( (round * 37) % 7 + 3 ))"
	kill -9 $SPID
	wait $SPID 2>/dev/null
	touch "$T/stop"
	wait $CP
	round=$((round + 1))
	port=$((port + 1))
done
acked=$(sort -u "$T/acked" | grep -c .)
missing=0
for n in $(sort -u "$T/acked"); do
	"$BIN" --db "$DB" case show "$n" --json > /dev/null 2>&1 ||
	    missing=$((missing + 1))
done
if [ "$acked" -gt 0 ] && [ $missing -eq 0 ]; then
	ok "kill -9 x6 during intake: all $acked acknowledged cases present"
else
	no "kill -9: $missing of $acked acknowledged cases missing"
fi
integrity "$DB" && ok "kill -9: integrity_check ok" || no "kill -9: integrity_check"
"$BIN" --db "$DB" audit verify > /dev/null 2>&1 && ok "kill -9: event chain verifies" ||
    no "kill -9: audit verify"

# --- 4 and 5. concurrent writers and backup under load ----------------
serve "$DB" 19300 && login 19300 clerk
rm -f "$T/stop"
: > "$T/acked"
CP=""
for c in 1 2; do client 19300 "bk$c" & CP="$CP $!"; done
nums=$("$BIN" --db "$DB" case list --state received | cut -f1 | head -8)
: > "$T/cli.out"
for n in $nums; do
	"$BIN" --db "$DB" case act "$n" register --by clerk >> "$T/cli.out" 2>&1 &
	CP="$CP $!"
done
"$BIN" --db "$DB" backup "$T/backup.db" > "$T/backup.out" 2>&1
brc=$?
sleep 1
touch "$T/stop"
wait $CP
kill $SPID 2>/dev/null
wait $SPID 2>/dev/null
if grep -qi "locked\|busy" "$T/cli.out" "$T/serve.log"; then
	no "concurrent writers saw 'database is locked'"
else
	ok "concurrent writers (CLI beside the server): no 'database is locked'"
fi
if [ $brc -eq 0 ] && integrity "$T/backup.db" &&
    "$BIN" --db "$T/backup.db" audit verify > /dev/null 2>&1 &&
    "$BIN" --db "$T/backup.db" case list --json > /dev/null 2>&1; then
	ok "backup under load: the copy opens, integrity ok, chain verifies"
else
	no "backup under load (rc $brc: $(cat "$T/backup.out"))"
fi

# --- 2. full disk -----------------------------------------------------
mkdir -p "$T/full"
if mount -t tmpfs -o size=4m tmpfs "$T/full" 2>/dev/null; then
	DB="$T/full/f.db"
	"$BIN" --db "$T/src.db" init --demo > /dev/null 2>&1
	sqlite3 "$T/src.db" 'PRAGMA wal_checkpoint(TRUNCATE)' > /dev/null
	cp "$T/src.db" "$DB"
	# Leave about 1.5 MB free, so that some cases fit and then none.
	free=$(df -k --output=avail "$T/full" | tail -1)
	dd if=/dev/zero of="$T/full/filler" bs=1k count=$((free - 1500)) \
	    2>/dev/null
	serve "$DB" 19400 && login 19400 clerk
	got503=0
	before=0
	i=0
	while [ $i -lt 4000 ]; do
		i=$((i + 1))
		r=$(post 19400 "full-$i")
		case "$r" in
		"201 "*) before=$((before + 1)); echo "${r#201 }" >> "$T/full.acked" ;;
		"503 "*) got503=1; break ;;
		*) break ;;
		esac
	done
	if [ $got503 -eq 1 ] && grep -q '"error":"unavailable"' "$T/resp-full-$i" &&
	    grep -q '磁盘空间已满' "$T/resp-full-$i"; then
		ok "full disk: 503 unavailable with a clear message after $before cases"
	else
		no "full disk: no clear 503 (last: $r; $(cat "$T/resp-full-$i" 2>/dev/null))"
	fi
	# The intake page keeps what was typed.
	csrf=$(cat "$T/csrf-clerk")
	curl -s -b "$T/cj-clerk" -o "$T/form.html" -w '%{http_code}' \
	    --data-urlencode "csrf=$csrf" --data-urlencode "channel=in_person" \
	    --data-urlencode "received=2026-11-20" \
	    --data-urlencode "applicant=满盘测试申请人" \
	    --data-urlencode "applicant_type=person" \
	    --data-urlencode "request=满盘测试所需信息" \
	    --data-urlencode "phone=13900002222" \
	    "http://127.0.0.1:19400/cases/new" > "$T/form.code"
	if [ "$(cat "$T/form.code")" = 503 ] && grep -q 满盘测试申请人 "$T/form.html" &&
	    grep -q 磁盘空间已满 "$T/form.html"; then
		ok "full disk: the intake page says why and keeps the typed input"
	else
		no "full disk: intake page (status $(cat "$T/form.code"))"
	fi
	code=$(curl -s -o /dev/null -w '%{http_code}' -b "$T/cj-clerk" "http://127.0.0.1:19400/cases")
	[ "$code" = 200 ] && ok "full disk: reading still works" || no "full disk: read $code"
	kill $SPID; wait $SPID 2>/dev/null
	integrity "$DB" && ok "full disk: integrity_check ok" || no "full disk: integrity"
	missing=0
	for n in $(cat "$T/full.acked" 2>/dev/null); do
		"$BIN" --db "$DB" case show "$n" > /dev/null 2>&1 ||
		    missing=$((missing + 1))
	done
	[ $missing -eq 0 ] && ok "full disk: every acknowledged case is there" ||
	    no "full disk: $missing acknowledged cases missing"
	umount "$T/full"
else
	skip "full disk (cannot mount a tmpfs here)"
fi

# --- 3. read-only database --------------------------------------------
# On a read-only file system the server refuses to start and the CLI
# refuses writes, each saying why; nothing changes.  (A file system that
# turns read-only under a running server cannot be remounted here while
# the database is open; such writes fail like the full disk above.)
mkdir -p "$T/rw" "$T/ro"
DB="$T/rw/f.db"
"$BIN" --db "$DB" init --demo > /dev/null 2>&1
before=$(sqlite3 "$DB" .dump | md5sum)
if mount --bind "$T/rw" "$T/ro" 2>/dev/null &&
    mount -o remount,ro,bind "$T/ro" 2>/dev/null; then
	if "$BIN" --db "$T/ro/f.db" serve --listen 127.0.0.1:19501 \
	    > "$T/ro.log" 2>&1; then
		no "read-only: the server started on a read-only database"
	else
		grep -q "只读" "$T/ro.log" &&
		    ok "read-only: the server refuses to start, saying why" ||
		    no "read-only: unclear start failure: $(cat "$T/ro.log")"
	fi
	"$BIN" --db "$T/ro/f.db" case act 2026-0001 register > "$T/ro2.log" 2>&1
	rc=$?
	[ $rc -ne 0 ] && grep -q "只读" "$T/ro2.log" &&
	    ok "read-only: a CLI write is refused, saying why (exit $rc)" ||
	    no "read-only: CLI write rc $rc: $(cat "$T/ro2.log")"
	umount "$T/ro"
	[ "$(sqlite3 "$DB" .dump | md5sum)" = "$before" ] &&
	    ok "read-only: nothing changed" || no "read-only: database changed"
else
	skip "read-only (cannot bind-mount here)"
fi

# 6. Slow clients (issue 16 M1): 600 sockets (more than the old limit
#    of 512 connections) from 127.0.0.2 each send a
#    header line every 2 s for 8 s (a slowloris); meanwhile 8 probes from
#    127.0.0.1 must each be answered within 2 s.  Bounded: 600 sockets,
#    about 10 s, loopback only.
if command -v python3 >/dev/null 2>&1; then
	sport=19300
	serve "$T/k9.db" $sport || no "slow clients: server start"
	python3 - "$sport" > "$T/slow.log" 2>&1 <<'PY' &
import socket, sys, time
port = int(sys.argv[1])
socks = []
for i in range(600):
    try:
        s = socket.socket()
        s.bind(("127.0.0.2", 0))
        s.settimeout(1)
        s.connect(("127.0.0.1", port))
        s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
        socks.append(s)
    except OSError:
        pass
end = time.time() + 8
while time.time() < end:
    for s in socks:
        try:
            s.sendall(b"X-Slow: 1\r\n")
        except OSError:
            pass
    time.sleep(2)
print("held", len(socks))
PY
	SLOWPID=$!
	PIDS="$PIDS $SLOWPID"
	sleep 1
	answered=0
	for i in 1 2 3 4 5 6 7 8; do
		code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 \
		    "http://127.0.0.1:$sport/login")
		[ "$code" = 200 ] && answered=$((answered + 1))
		sleep 0.5
	done
	wait $SLOWPID 2>/dev/null
	[ $answered -eq 8 ] &&
	    ok "slow clients: 8 of 8 probes answered under a 600-socket slowloris" ||
	    no "slow clients: $answered of 8 probes answered ($(cat "$T/slow.log"))"
	kill "$SPID" 2>/dev/null
	wait "$SPID" 2>/dev/null
else
	skip "slow clients (no python3)"
fi

# 7. Anonymous uploads (issue 16 H1): 40 sockets each announce a 12 MB
#    attachment without a session and send all but its last byte; each
#    is answered on its headers and the server's peak memory grows by
#    less than 16 MB (it grew by 490 MB when bodies were read first).
#    Bounded: 40 sockets, a few seconds, loopback only.
if command -v python3 >/dev/null 2>&1; then
	uport=19301
	serve "$T/k9.db" $uport || no "uploads: server start"
	python3 "$(dirname "$0")/hostile.py" uploads $uport "$SPID" \
	    > "$T/up.json" 2>&1
	if python3 - "$T/up.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
grow = (r["hwm_kb"] - r["hwm_before_kb"]) / 1024
print("uploads: %d of 40 answered, peak +%.1f MB" % (r["answered"], grow))
sys.exit(0 if r["answered"] == 40 and grow < 16 else 1)
PY
	then ok "uploads: 40 anonymous 12 MB uploads answered on their headers, memory bounded"
	else no "uploads: $(cat "$T/up.json")"
	fi
	kill "$SPID" 2>/dev/null
	wait "$SPID" 2>/dev/null
else
	skip "anonymous uploads (no python3)"
fi

# 8. Expensive requests (issue 17): 64 clients (from 127.0.0.3 to
#    127.0.0.6) search at once, over and over, for 6 s (one and two characters, text, 文号); meanwhile 8
#    probes of the dashboard must each be answered (200) within 2 s, and
#    every search is answered 200 or 503 系统繁忙 with Retry-After,
#    never left hanging.  Bounded: 64 threads, about 8 s, loopback.
if command -v python3 >/dev/null 2>&1; then
	hport=19310
	serve "$T/k9.db" $hport || no "busy searches: server start"
	python3 - "$hport" > "$T/heavy.log" 2>&1 <<'PY'
import http.client, json, sys, threading, time, urllib.parse
port = int(sys.argv[1])

def login(user):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    c.request("POST", "/api/login", json.dumps(
        {"username": user, "password": "demo-pass-2026"}),
        {"Content-Type": "application/json"})
    r = c.getresponse()
    r.read()
    ck = r.getheader("Set-Cookie").split(";")[0]
    c.close()
    return ck

cookie = login("officer")
queries = ["示", "示范", "文件全文", "可靠性测试", "烟政办发[2020]17号",
           "2020年17号", "13900001111", "号文"]
codes = {}
bad = []
lock = threading.Lock()
end = time.time() + 6

def searcher(i):
    n = 0
    while time.time() < end:
        q = urllib.parse.quote(queries[(i + n) % len(queries)])
        n += 1
        try:
            # Four client addresses of 16 each: well under the
            # per-address connection limit (64), which section 6 tests.
            # With two of 32, a closed connection the server had not
            # yet reaped (its workers busy) now and then counted
            # against the limit, and the next was refused (3 resets in
            # 23,000 searches, CI of 2026-12-03).
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=10,
                source_address=("127.0.0.%d" % (3 + i % 4), 0))
            c.request("GET", "/search?q=" + q, headers={"Cookie": cookie})
            r = c.getresponse()
            body = r.read().decode("utf-8", "replace")
            c.close()
            st = r.status
            if st == 503 and ("系统繁忙" not in body or
                              r.getheader("Retry-After") is None):
                st = "503-without-notice"
        except Exception as e:
            st = "error: %s" % e
        with lock:
            codes[st] = codes.get(st, 0) + 1

ts = [threading.Thread(target=searcher, args=(i,)) for i in range(64)]
for t in ts:
    t.start()
time.sleep(1)
answered, worst = 0, 0.0
for i in range(8):
    t0 = time.time()
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        c.request("GET", "/", headers={"Cookie": cookie})
        r = c.getresponse()
        r.read()
        c.close()
        dt = time.time() - t0
        worst = max(worst, dt)
        if r.status == 200 and dt <= 2:
            answered += 1
    except Exception as e:
        bad.append(str(e))
    time.sleep(0.5)
for t in ts:
    t.join()
print("probes", answered, "worst %.3f" % worst, "searches", codes, bad)
ok = answered == 8 and set(codes) <= {200, 503} and codes.get(200, 0) > 0
sys.exit(0 if ok else 1)
PY
	rc=$?
	[ $rc -eq 0 ] &&
	    ok "busy searches: dashboard answered 8 of 8 under 64 concurrent searches ($(cat "$T/heavy.log"))" ||
	    no "busy searches: $(cat "$T/heavy.log")"
	kill "$SPID" 2>/dev/null
	wait "$SPID" 2>/dev/null
else
	skip "busy searches (no python3)"
fi

echo "$PASS passed, $FAIL failed${SKIP:+, $SKIP skipped}"
[ $FAIL -eq 0 ]
