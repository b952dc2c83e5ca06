#!/bin/bash
# Proves the README's set-up on a fresh Debian 12 machine: a new
# `debootstrap --variant=minbase bookworm` root (plus git, make, gcc), a
# clone of the commit under test, and inside a chroot exactly the
# README's two commands -- `make check` must pass, and `make run` must
# answer GET /login with 200 within 120 s.
#
# Usage: scripts/fresh-check.sh [PROJECT_DIR]      (as root; `make fresh-check`)
#
# The base system is cached as a tarball keyed by what it contains
# (suite, variant, packages, mirror) and re-made after 7 days; every run
# unpacks a fresh copy, so nothing that `make check` installed leaks
# into the next run.  Safety: every process started inside the root is
# stopped before unmounting, and the root is deleted only when nothing
# is mounted under it, with `rm --one-file-system` (a recursive delete
# through a bind-mounted /dev would destroy the machine's device nodes).
set -u
set -o pipefail

PROJ=$(cd "${1:-.}" && pwd)
WORK=${FRESH_DIR:-/var/tmp/foidesk-fresh}
ROOT="$WORK/root"
PORT=8080			# the README's `make run` address
SUITE=bookworm
INCLUDE=ca-certificates,git,make,gcc,libc6-dev
MAX_AGE_DAYS=7
T0=$(date +%s)

say() { printf '[fresh-check %4ss] %s\n' "$(( $(date +%s) - T0 ))" "$*"; }
die() { say "FAILED: $*"; exit 1; }

[ "$(id -u)" -eq 0 ] || die "must run as root (debootstrap, chroot, mount)"

# The mirror the machine's own apt sources name, never a fixed host.
mirror() {
	local m=""
	if ls /etc/apt/sources.list.d/*.sources >/dev/null 2>&1; then
		m=$(awk '$1 == "URIs:" && $2 !~ /security/ { print $2; exit }' \
		    /etc/apt/sources.list.d/*.sources)
	fi
	if [ -z "$m" ] && [ -f /etc/apt/sources.list ]; then
		m=$(awk '$1 == "deb" && $0 !~ /security/ {
		    for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit } }' \
		    /etc/apt/sources.list)
	fi
	printf '%s' "$m"
}

# Processes whose root directory is inside $ROOT.
root_pids() {
	local p r
	for p in /proc/[0-9]*; do
		r=$(readlink "$p/root" 2>/dev/null) || continue
		case "$r" in "$ROOT"|"$ROOT"/*) echo "${p#/proc/}" ;; esac
	done
}

stop_root_processes() {
	local pids i
	pids=$(root_pids)
	[ -z "$pids" ] && return 0
	# shellcheck disable=SC2086
	kill -TERM $pids 2>/dev/null
	for i in $(seq 1 20); do
		[ -z "$(root_pids)" ] && return 0
		sleep 0.5
	done
	# shellcheck disable=SC2046
	kill -KILL $(root_pids) 2>/dev/null
	sleep 1
}

mounted_under_root() {
	awk -v r="$ROOT/" 'index($2 "/", r) == 1 { print $2 }' /proc/mounts
}

cleanup() {
	local m
	stop_root_processes
	# Deepest first.
	for m in $(mounted_under_root | sort -r); do
		umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null
	done
}

remove_root() {
	[ -e "$ROOT" ] || return 0
	cleanup
	if [ -n "$(mounted_under_root)" ]; then
		say "still mounted under $ROOT, not removing it:"
		mounted_under_root
		exit 2
	fi
	rm -rf --one-file-system "$ROOT"
}

trap cleanup EXIT
trap 'exit 130' INT TERM

MIRROR=$(mirror)
[ -n "$MIRROR" ] || die "no Debian mirror in /etc/apt/sources.list(.d)"
need=""
for t in debootstrap curl git; do command -v $t >/dev/null || need="$need $t"; done
if [ -n "$need" ]; then
	say "installing$need"
	# shellcheck disable=SC2086
	{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install \
	    -y -qq --no-install-recommends $need; } >/dev/null ||
	    die "cannot install$need"
fi
# The probe must reach the root's server, not something already there.
[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 \
    "http://127.0.0.1:$PORT/login" 2>/dev/null)" = 000 ] ||
	die "something already answers on 127.0.0.1:$PORT; stop it first"

# 1. The base system, cached by content and age.
mkdir -p "$WORK"
KEY=$(printf '%s %s %s %s' "$SUITE" minbase "$INCLUDE" "$MIRROR" |
    sha256sum | cut -c1-16)
BASE="$WORK/base-$KEY.tar"
if [ ! -s "$BASE" ] || [ -n "$(find "$BASE" -mtime +$MAX_AGE_DAYS)" ]; then
	say "debootstrap --variant=minbase $SUITE from $MIRROR (base $KEY)"
	NEW="$WORK/base.new"
	rm -rf --one-file-system "$NEW"
	debootstrap --variant=minbase --include="$INCLUDE" "$SUITE" "$NEW" \
	    "$MIRROR" >"$WORK/debootstrap.log" 2>&1 ||
	    { tail -5 "$WORK/debootstrap.log"; die "debootstrap"; }
	rm -f "$NEW"/var/cache/apt/archives/*.deb
	tar -C "$NEW" -cf "$BASE.tmp" . && mv "$BASE.tmp" "$BASE" &&
	    rm -rf --one-file-system "$NEW"
	# Older bases (other keys) are no longer needed.
	find "$WORK" -maxdepth 1 -name 'base-*.tar' ! -name "base-$KEY.tar" -delete
else
	say "base system $KEY cached ($(du -h "$BASE" | cut -f1))"
fi

# 2. A fresh copy of it, the machine's apt sources, and the commit under test.
remove_root
mkdir -p "$ROOT"
tar -C "$ROOT" -xf "$BASE" || die "unpacking the base system"
if ls /etc/apt/sources.list.d/*.sources >/dev/null 2>&1; then
	rm -f "$ROOT/etc/apt/sources.list"
	cp /etc/apt/sources.list.d/*.sources "$ROOT/etc/apt/sources.list.d/"
fi
cp /etc/resolv.conf "$ROOT/etc/resolv.conf" 2>/dev/null
COMMIT=$(git -C "$PROJ" rev-parse HEAD) || die "$PROJ is not a git checkout"
[ -z "$(git -C "$PROJ" status --porcelain --untracked-files=no)" ] ||
	say "note: uncommitted changes in $PROJ are not part of the check"
mkdir -p "$ROOT/home/user"
git clone -q --no-hardlinks "$PROJ" "$ROOT/home/user/foidesk" &&
	git -C "$ROOT/home/user/foidesk" checkout -q "$COMMIT" ||
	die "cloning $COMMIT"
say "fresh root ready, commit ${COMMIT:0:12}"
for m in proc sys dev; do
	mount --bind "/$m" "$ROOT/$m" || die "mount $m"
done

in_root() {
	env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
	    HOME=/root TERM=dumb LANG=C.UTF-8 \
	    chroot "$ROOT" /bin/bash -c "cd /home/user/foidesk && $1"
}

# 3. The README's first command: make check.
say "== make check (inside the fresh root)"
LOG="$WORK/check.log"
S=$(date +%s)
in_root 'make check' >"$LOG" 2>&1 </dev/null
rc=$?
grep -E '^[0-9]+%: Checks: ' "$LOG" | sed 's/^/    /'
if [ "$rc" -ne 0 ]; then
	grep -v "^cc " "$LOG" | tail -30 | sed "s/^/    /"
	die "make check exited $rc in the fresh root (log: $LOG)"
fi
say "make check passed in the fresh root in $(( $(date +%s) - S )) s"

# 4. The README's second command: make run answers GET /login.
say "== make run (inside the fresh root)"
RUNLOG="$WORK/run.log"
S=$(date +%s)
in_root 'exec setsid make run' >"$RUNLOG" 2>&1 </dev/null &
code=000
while [ $(( $(date +%s) - S )) -lt 120 ]; do
	code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 \
	    "http://127.0.0.1:$PORT/login" 2>/dev/null)
	[ "$code" = 200 ] && break
	sleep 1
done
stop_root_processes
wait 2>/dev/null
if [ "$code" != 200 ]; then
	tail -20 "$RUNLOG" | sed 's/^/    /'
	die "GET /login answered $code after $(( $(date +%s) - S )) s"
fi
say "make run: GET http://127.0.0.1:$PORT/login -> 200 after $(( $(date +%s) - S )) s"

cleanup
remove_root
say "fresh Debian 12 check passed"
