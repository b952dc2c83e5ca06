#!/bin/sh
# SPDX-License-Identifier: ISC
#
# The dependency rule of docs/design.md, checked on the #include lines of
# every .c and .h file of the modules (the top folders util cases store
# forms pdfgen ops web cli).  Fails (exit 1), naming the files, on
#
#  (a) a circle between modules (module A includes B, B includes ... A);
#  (b) a cases/ file including sqlite3.h or any header outside cases/
#      and util/ (the domain is pure);
#  (c) a third-party header outside its owner module: sqlite3.h only in
#      store/, hpdf.h, qpdf/qpdf-c.h and png.h only in pdfgen/, microhttpd.h only in web/,
#      curl/curl.h only in ops/ (ops/mail.c);
#  (d) a .c or .h file over 1,000 lines in cases store ops forms pdfgen
#      web, unless listed in scripts/depcheck.allow (temporary
#      exemptions; one path per line, # comments).
#
# Usage: sh scripts/depcheck.sh           self-test, then the tree
#        sh scripts/depcheck.sh -r DIR    only the tree under DIR
#
# The self-test runs the check on the fixtures of tests/depcheck/ (a
# module circle; cases/ including sqlite3.h), each of which must fail.

MODULES="util cases store forms pdfgen ops web cli"
MAXLINES=1000

# check ROOT [ALLOW]: prints the problems, returns 1 if there are any.
check() {
	root=$1
	allow=$2
	files=
	for m in $MODULES; do
		[ -d "$root/$m" ] || continue
		for f in "$root/$m"/*.c "$root/$m"/*.h; do
			[ -f "$f" ] && files="$files $f"
		done
	done
	[ -n "$files" ] || { echo "depcheck: no sources under $root" >&2;
	    return 1; }
	# shellcheck disable=SC2086
	awk -v root="$root/" -v modules="$MODULES" -v maxlines="$MAXLINES" \
	    -v allowfile="$allow" '
	BEGIN {
		n = split(modules, ml, " ")
		for (i = 1; i <= n; i++)
			ismod[ml[i]] = 1
		owner["sqlite3.h"] = "store"
		owner["hpdf.h"] = "pdfgen"
		owner["qpdf/qpdf-c.h"] = "pdfgen"
		owner["png.h"] = "pdfgen"
		owner["microhttpd.h"] = "web"
		owner["curl/curl.h"] = "ops"
		split("cases store ops forms pdfgen web", lm, " ")
		for (i in lm)
			limited[lm[i]] = 1
		if (allowfile != "")
			while ((getline line < allowfile) > 0) {
				sub(/#.*/, "", line)
				gsub(/[ \t]/, "", line)
				if (line != "")
					allowed[line] = 1
			}
		bad = 0
	}
	FNR == 1 {
		if (prev != "")
			lines_of(prev, prevn)
		file = substr(FILENAME, length(root) + 1)
		mod = file
		sub(/\/.*/, "", mod)
		prev = file
	}
	{ prevn = FNR }
	/^[ \t]*#[ \t]*include[ \t]*[<"]/ {
		inc = $0
		sub(/^[ \t]*#[ \t]*include[ \t]*/, "", inc)
		q = substr(inc, 1, 1)
		inc = substr(inc, 2)
		sub(q == "<" ? ">.*" : "\".*", "", inc)
		if (inc in owner && owner[inc] != mod) {
			if (mod == "cases")
				printf("depcheck: %s: the domain includes "\
				    "%s (cases/ may include only cases/ and "\
				    "util/)\n", file, inc)
			else
				printf("depcheck: %s: includes %s, which only "\
				    "%s/ may include\n", file, inc, owner[inc])
			bad = 1
		}
		if (q != "\"")
			next
		to = inc
		if (index(to, "/") == 0)
			next
		sub(/\/.*/, "", to)
		if (!(to in ismod))
			next
		if (mod == "cases" && to != "cases" && to != "util") {
			printf("depcheck: %s: the domain includes \"%s\" "\
			    "(cases/ may include only cases/ and util/)\n",
			    file, inc)
			bad = 1
		}
		if (to != mod) {
			edge[mod, to] = 1
			if (!((mod, to, file) in seen)) {
				seen[mod, to, file] = 1
				via[mod, to] = via[mod, to] " " file
			}
		}
	}
	function lines_of(f, k) {
		m = f
		sub(/\/.*/, "", m)
		if (k > maxlines && (m in limited) && !(f in allowed)) {
			printf("depcheck: %s: %d lines (at most %d; split it)\n",
			    f, k, maxlines)
			bad = 1
		}
	}
	END {
		if (prev != "")
			lines_of(prev, prevn)
		# Reachability between modules (Floyd-Warshall on n nodes).
		for (i = 1; i <= n; i++)
			for (j = 1; j <= n; j++)
				reach[ml[i], ml[j]] = ((ml[i], ml[j]) in edge)
		for (k = 1; k <= n; k++)
			for (i = 1; i <= n; i++)
				for (j = 1; j <= n; j++)
					if (reach[ml[i], ml[k]] &&
					    reach[ml[k], ml[j]])
						reach[ml[i], ml[j]] = 1
		# The edges on a circle; the one with the fewest including
		# files is most likely the mistake: name its files.
		best = ""
		for (i = 1; i <= n; i++)
			for (j = 1; j <= n; j++) {
				a = ml[i]
				b = ml[j]
				if (!((a, b) in edge) || !reach[b, a])
					continue
				k = split(via[a, b], tmp, " ")
				ncyc++
				cyc[ncyc] = a " -> " b " (" k " files)"
				if (best == "" || k < bestk) {
					best = a SUBSEP b
					bestk = k
					ba = a
					bb = b
				}
			}
		if (best != "") {
			path = ba " -> " bb
			cur = bb
			for (step = 0; cur != ba && step < n; step++)
				for (j = 1; j <= n; j++)
					if (((cur, ml[j]) in edge) &&
					    (ml[j] == ba || reach[ml[j], ba])) {
						cur = ml[j]
						path = path " -> " cur
						break
					}
			printf("depcheck: module circle: %s\n", path)
			printf("depcheck:   %s/ includes %s/ in:%s\n", ba, bb,
			    via[ba, bb])
			for (i = 1; i <= ncyc; i++)
				printf("depcheck:   on a circle: %s\n", cyc[i])
			bad = 1
		}
		exit bad
	}' $files
}

if [ "${1:-}" = "-r" ]; then
	[ -n "${2:-}" ] || { echo "usage: depcheck.sh [-r DIR]" >&2; exit 2; }
	check "$2" ""
	exit $?
fi

here=$(dirname "$0")
top=$(cd "$here/.." && pwd)

# Self-test: every fixture must be rejected, for the reason it shows.
for t in circle sqlite; do
	d="$top/tests/depcheck/$t"
	if out=$(check "$d" "" 2>&1); then
		echo "depcheck: self-test: the fixture $t was not rejected" >&2
		exit 1
	fi
	case $t in
	circle)	want="module circle" ;;
	sqlite)	want="sqlite3.h" ;;
	esac
	case $out in
	*"$want"*) ;;
	*)	echo "depcheck: self-test: fixture $t: no \"$want\" in:" >&2
		echo "$out" >&2
		exit 1 ;;
	esac
done

if check "$top" "$top/scripts/depcheck.allow"; then
	echo "depcheck: ok (modules: $MODULES)"
	exit 0
fi
echo "depcheck: the include rules of docs/design.md are broken (above)" >&2
exit 1
