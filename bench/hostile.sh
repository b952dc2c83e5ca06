#!/bin/sh
# Hostile clients (issue 16), each figure beside its reference run in
# turn, 3 rounds, a fresh server on a demo database per round:
#   - server RSS: idle (reference) vs after 40 anonymous 12 MB uploads;
#   - /login probe latency: no other client (reference) vs 500 slowloris
#     sockets held open from other loopback addresses.
# Prints "name<TAB>median [min-max]<TAB>reference median [min-max]<TAB>unit".
# Usage: bench/hostile.sh FOIDESK_BIN WORKDIR
set -eu
BIN=$1
W=$2
PORT=18191
H=$(dirname "$0")/../tests/reliability/hostile.py
mkdir -p "$W"
rm -f "$W/h.db" "$W/h.db-wal" "$W/h.db-shm"
"$BIN" --db "$W/h.db" init --demo >/dev/null 2>&1
: > "$W/hostile.jsonl"
for round in 1 2 3; do
	"$BIN" --db "$W/h.db" serve --listen 127.0.0.1:$PORT \
	    > "$W/hostile-serve.log" 2>&1 &
	pid=$!
	i=0
	until curl -s -o /dev/null "http://127.0.0.1:$PORT/login"; do
		i=$((i + 1)); [ $i -gt 100 ] && exit 1; sleep 0.05
	done
	python3 "$H" slow $PORT 0 >> "$W/hostile.jsonl"
	python3 "$H" slow $PORT 500 >> "$W/hostile.jsonl"
	python3 "$H" uploads $PORT $pid >> "$W/hostile.jsonl"
	kill $pid
	wait $pid 2>/dev/null || true
done
python3 - "$W/hostile.jsonl" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
def mmm(v):
    return "%s [%s-%s]" % (round(statistics.median(v), 1), round(min(v), 1),
                           round(max(v), 1))
ref = [statistics.median(r["probe_ms"]) for r in rows[0::3]]
cand = [statistics.median(r["probe_ms"]) for r in rows[1::3]]
worst = [max(r["probe_ms"]) for r in rows[1::3]]
held = [r["held"] for r in rows[1::3]]
up = rows[2::3]
print("probe ms under 500 slow connections (held %s)\t%s\t%s\tmedian probe, no other client" %
      (min(held), mmm(cand), mmm(ref)))
print("worst probe ms under 500 slow connections\t%s\t%s\tworst probe, no other client" %
      (mmm(worst), mmm([max(r["probe_ms"]) for r in rows[0::3]])))
print("server RSS MB after 40 anonymous 12 MB uploads\t%s\t%s\tidle RSS, MB" %
      (mmm([round(r["rss_after_kb"] / 1024, 1) for r in up]),
       mmm([round(r["rss_before_kb"] / 1024, 1) for r in up])))
print("server peak RSS MB during them\t%s\t%s\tpeak before, MB (answered %s)" %
      (mmm([round(r["hwm_kb"] / 1024, 1) for r in up]),
       mmm([round(r["hwm_before_kb"] / 1024, 1) for r in up]),
       "/".join(str(r["answered"]) for r in up)))
PY
