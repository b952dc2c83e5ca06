# Shell functions shared by the benchmark scripts of bench/ (sourced
# with `. bench/lib.sh` after setting ROWS: 1 for --rows output).

# bench_need TOOL...: installs the Debian packages of the tools missing
# (wrk, nginx, sqlite3, curl: each package is named as its tool).
bench_need() {
	need=""
	for t in "$@"; do
		command -v "$t" >/dev/null || need="$need $t"
	done
	[ -z "$need" ] && return 0
	SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
	$SUDO apt-get update -qq
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $need
}

# out NAME CANDIDATE REFERENCE COMMENT: a row for bench/run.sh (tab-
# separated) with --rows, else a line of a readable table.
out() {
	if [ "${ROWS:-0}" -eq 1 ]; then
		printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4"
	else
		printf '%-48s %10s %10s  %s\n' "$1" "$2" "$3" "$4"
	fi
}

# mmm: min/median/max of the numbers on stdin; med M/M/M: the median.
mmm() { sort -g | awk '{ a[NR] = $1 } END { printf "%s/%s/%s", a[1], a[int((NR + 1) / 2)], a[NR] }'; }
med() { echo "$1" | cut -d/ -f2; }

# wall CMD...: the wall time of a command in ms.
wall() {
	s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N)
	echo $(( (e - s) / 1000000 ))
}
