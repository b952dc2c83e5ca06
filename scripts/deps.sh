#!/bin/sh
# Installs the Debian 12 packages foidesk needs to build, test and run,
# but only when one is missing (so `make check` stays fast and offline
# on a machine that already has them).
set -eu

PKGS="build-essential pkg-config libsqlite3-dev sqlite3 libmicrohttpd-dev \
libhpdf-dev uuid-dev check libsubunit-dev libsodium-dev libharfbuzz-dev \
poppler-utils qpdf fonts-arphic-gbsn00lp fonts-arphic-gkai00mp \
libxlsxwriter-dev libzxcvbn-dev fonts-arphic-uming fonts-wqy-zenhei curl unzip \
libcurl4-openssl-dev python3-aiosmtpd libqpdf-dev libpng-dev"

missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
	    missing="$missing $p"
done
[ -z "$missing" ] && exit 0

echo "deps: installing:$missing"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
