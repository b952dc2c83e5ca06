#!/bin/sh
# Installs what the browser test needs, only when missing: Debian's
# chromium and poppler-utils (pdftotext), CJK fonts for the screenshots,
# Node.js and npm (Debian's, unless a node is already on PATH), a Java
# runtime for the Nu HTML checker (default-jre-headless), and
# playwright-core, axe-core and vnu-jar from npm into
# tests/e2e/node_modules.
set -eu
cd "$(dirname "$0")"
missing=""
for p in chromium poppler-utils fonts-noto-cjk default-jre-headless; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
	    missing="$missing $p"
done
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
if [ -n "$missing" ]; then
	echo "e2e deps: installing:$missing"
	SUDO=""
	[ "$(id -u)" -ne 0 ] && SUDO="sudo"
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get update -qq
	# shellcheck disable=SC2086
	$SUDO apt-get install -y -qq --no-install-recommends $missing
fi
[ -d node_modules/playwright-core ] && [ -d node_modules/axe-core ] &&
    [ -f node_modules/vnu-jar/build/dist/vnu.jar ] ||
	npm ci --no-audit --no-fund --loglevel=error
