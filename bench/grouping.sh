#!/bin/sh
# bench/grouping.sh [--rows] [N ...]: Art. 44 grouping at scale (issue 17),
# each figure beside a reference binary measured in turn with it.
#
#   (a) grouping one new case as the server's upkeep does it
#       (proactive_sync, bench/bench_group.c): ms per case, min / median
#       / max over GROUP_RUNS runs of GROUP_CASES cases each (the first
#       case of a run, which upgrades the group it joins, is not
#       counted), candidate and reference alternating run by run; each
#       run first groups GROUP_WARM cases (default 10) into other groups,
#       untimed, as a running server's upkeep connection has (its memory
#       in use, its statements prepared);
#   (b) the longest write-lock hold of one such grouping (the reference
#       groups in one transaction: its hold is the whole grouping);
#   (c) `proactive rebuild' in seconds, GROUP_REBUILD_RUNS runs up to
#       GROUP_REBUILD_UPTO cases (default 1000000: 7-8 minutes a run
#       there), the reference only up to GROUP_REF_REBUILD_MAX (default
#       20000: it grows as N^1.8).
#
# N: database sizes (default 10000 100000 1000000), from bench/mkdb.sh.
# GROUP_REF: the reference commit (default: the tree before issue 17's
# grouping work, 56e8c09), built once under bench/out/ref-COMMIT.  The
# reference opens the databases as they come from bench/mkdb.sh when
# their schema is not newer than its own; a database upgraded by this
# tree's binary is not used for it.  Both work on copies, whose pending
# upkeep (cases marked ungrouped by the copy) is marked done first, so
# that a run measures one case and not a backlog; the candidate's
# copy has its groups' classes built first (bench_group settle).
#
# Prints a table; with --rows, rows "name<TAB>candidate<TAB>reference
# <TAB>comment" for bench/run.sh.
set -eu
cd "$(dirname "$0")/.."
ROWS=0
if [ "${1:-}" = "--rows" ]; then ROWS=1; shift; fi
SIZES=${*:-"10000 100000 1000000"}
OUT=bench/out
B=build/release
REF=${GROUP_REF:-56e8c09}
RUNS=${GROUP_RUNS:-3}
CASES=${GROUP_CASES:-5}
WARM=${GROUP_WARM:-10}
RBMAX=${GROUP_REF_REBUILD_MAX:-20000}
RBRUNS=${GROUP_REBUILD_RUNS:-3}
RBUPTO=${GROUP_REBUILD_UPTO:-1000000}
mkdir -p "$OUT"
. bench/lib.sh
bench_need sqlite3
rm -f $B/bench/bench_group.o
make -s foidesk $B/bench_group >/dev/null

# The reference: the same bench_group.c built against commit REF.
RD="$OUT/ref-$REF"
if [ ! -x "$RD/$B/bench_group" ] || ! cmp -s bench/bench_group.c "$RD/bench/bench_group.c"; then
	echo "grouping: building the reference $REF (once) ..." >&2
	rm -rf "$RD"
	mkdir -p "$RD"
	git archive "$REF" | tar -x -C "$RD"
	cp bench/bench_group.c "$RD/bench/"
	# shellcheck disable=SC2016
	printf '%s\n' 'include Makefile' \
	    '$(B)/bench_group: $(B)/bench/bench_group.o $(LIBOBJS)' \
	    '	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)' > "$RD/ref.mk"
	make -s -C "$RD" -f ref.mk -j2 foidesk $B/bench_group >/dev/null
fi
# The reference's schema version: that of a new database it makes.
if [ ! -f "$RD/schema.version" ]; then
	rm -f "$RD/empty.db"
	"$RD/foidesk" --db "$RD/empty.db" init >/dev/null 2>&1
	sqlite3 "$RD/empty.db" "PRAGMA user_version;" > "$RD/schema.version"
fi
REFMIG=$(cat "$RD/schema.version")

stats() {	# numbers on stdin -> "min median max"
	sort -n | awk '{ a[NR] = $1 } END { if (NR == 0) { print "- - -"; exit }
	    printf "%s %s %s\n", a[1], a[int((NR + 1) / 2)], a[NR] }'
}
fresh() {	# fresh SRC DST: a copy with no upkeep backlog
	rm -f "$2" "$2-wal" "$2-shm"
	cp "$1" "$2"
	sqlite3 "$2" "UPDATE case_keys SET grouped = 1 WHERE grouped = 0;" \
	    >/dev/null
}
refcopy() {	# refcopy SRC DST: a fresh copy the reference can open
	fresh "$1" "$2"
	v=$(sqlite3 "$2" "PRAGMA user_version;")
	if [ "$v" -ge 35 ] && [ "$v" -gt "$REFMIG" ]; then
		# Migration 35: the members' keys, in the group index.
		sqlite3 "$2" "DROP TRIGGER IF EXISTS px_members_keys_in;
		    DROP TRIGGER IF EXISTS px_members_keys_set;
		    DROP TRIGGER IF EXISTS px_members_keys_out;
		    DROP INDEX proactive_members_group;
		    CREATE INDEX proactive_members_group
		    ON proactive_members (group_id);
		    ALTER TABLE proactive_members DROP COLUMN id_key;
		    ALTER TABLE proactive_members DROP COLUMN np_key;
		    ALTER TABLE proactive_members DROP COLUMN name_key;" \
		    >/dev/null 2>&1 || return 1
	fi
	if [ "$v" -gt "$REFMIG" ]; then
		# Undo what issue 17's grouping migration added (the
		# reference predates it); other newer migrations stay.
		sqlite3 "$2" "DROP TRIGGER IF EXISTS px_classes_group_gone;
		    DROP TRIGGER IF EXISTS px_members_rank_in;
		    DROP TRIGGER IF EXISTS px_members_rank_case;
		    DROP INDEX IF EXISTS proactive_members_rank;
		    DROP TABLE IF EXISTS px_class_keys;
		    DROP TABLE IF EXISTS px_classes;
		    ALTER TABLE proactive_members DROP COLUMN rank_key;
		    ALTER TABLE proactive_groups DROP COLUMN classes_ok;
		    PRAGMA user_version = $REFMIG;" >/dev/null 2>&1 || return 1
	fi
	return 0
}
[ $ROWS -eq 1 ] || out benchmark candidate reference "min/median/max; comment"
load="load $(cut -d' ' -f1-3 /proc/loadavg)"

for n in $SIZES; do
	src=$(sh bench/mkdb.sh "$n" 2>/dev/null) || {
		out "grouping one case ${n}" - - "no database (bench/mkdb.sh $n failed)"
		continue
	}
	refok=1
	C="$OUT/grp-cand-$n.db"
	R="$OUT/grp-ref-$n.db"
	fresh "$src" "$C"
	# As on a server after its first writes: every group recounted
	# once, its applicant classes built (untimed; a group from before
	# the upgrade is recounted at its first change).
	sqlite3 "$C" "UPDATE proactive_groups SET counts_dirty = 1;" \
	    >/dev/null 2>&1 || true
	$B/bench_group "$C" 0 settle
	refcopy "$src" "$R" || refok=0
	: > "$OUT/grp-cand-$n.txt"
	: > "$OUT/grp-ref-$n.txt"
	i=0
	while [ $i -lt "$RUNS" ]; do
		$B/bench_group "$C" $((CASES + 1)) warm $WARM | tail -n +2 \
		    >> "$OUT/grp-cand-$n.txt"
		if [ $refok -eq 1 ]; then
			"$RD/$B/bench_group" "$R" $((CASES + 1)) warm $WARM > "$OUT/grp.tmp" ||
			    refok=0
			tail -n +2 "$OUT/grp.tmp" >> "$OUT/grp-ref-$n.txt"
		fi
		i=$((i + 1))
	done
	cg=$(cut -f2 "$OUT/grp-cand-$n.txt" | stats | tr ' ' /)
	ch=$(cut -f4 "$OUT/grp-cand-$n.txt" | stats | tr ' ' /)
	rg=-; rh=-
	if [ $refok -eq 1 ]; then
		rg=$(cut -f2 "$OUT/grp-ref-$n.txt" | stats | tr ' ' /)
		rh=$(cut -f4 "$OUT/grp-ref-$n.txt" | stats | tr ' ' /)
	fi
	out "grouping one new case, ms, ${n}" "$cg" "$rg" \
	    "$RUNS runs x $CASES cases in turn, each run after $WARM untimed; $load"
	out "write lock held per grouping, ms, ${n}" "$ch" "$rh" \
	    "longest hold; reference: one transaction"
	rm -f "$C" "$C-wal" "$C-shm" "$R" "$R-wal" "$R-shm"

	# Rebuild, candidate and reference in turn on fresh copies.
	if [ "$n" -gt "$RBUPTO" ] || [ "$RBRUNS" -le 0 ]; then
		continue
	fi
	: > "$OUT/rb-cand-$n.txt"
	: > "$OUT/rb-ref-$n.txt"
	i=0
	while [ $i -lt "$RBRUNS" ]; do
		fresh "$src" "$C"
		$B/bench_group "$C" 0 rebuild | cut -f2 >> "$OUT/rb-cand-$n.txt"
		rm -f "$C" "$C-wal" "$C-shm"
		if [ $refok -eq 1 ] && [ "$n" -le "$RBMAX" ] &&
		    refcopy "$src" "$R"; then
			"$RD/$B/bench_group" "$R" 0 rebuild | cut -f2 \
			    >> "$OUT/rb-ref-$n.txt"
			rm -f "$R" "$R-wal" "$R-shm"
		fi
		i=$((i + 1))
	done
	rr=-
	[ ! -s "$OUT/rb-ref-$n.txt" ] || rr=$(stats < "$OUT/rb-ref-$n.txt" | tr ' ' /)
	out "proactive rebuild, s, ${n}" "$(stats < "$OUT/rb-cand-$n.txt" | tr ' ' /)" \
	    "$rr" "$RBRUNS runs in turn; reference only up to $RBMAX cases"
done
