#!/bin/sh
# Renders page 1 of every letter kind (and of every reply outcome) with
# the demo agency's texts to docs/letters/NAME.png, 60 dpi, for the
# README.  The PDFs come from the letterfit suite of the Check tests
# (tests/check_letterfit.c), which writes what it renders to
# $FOIDESK_LETTERS_OUT.  Needs poppler-utils (pdftoppm).
set -eu

cd "$(dirname "$0")/.."
B=${B:-build/release}
OUT=docs/letters
make -s -j2 "$B/check_foidesk" >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
FOIDESK_LETTERS_OUT=$tmp CK_RUN_SUITE=letterfit CK_VERBOSITY=silent \
    "$B/check_foidesk" 2>/dev/null
mkdir -p "$OUT"
rm -f "$OUT"/*.png
for pdf in "$tmp"/*.pdf; do
	name=$(basename "$pdf" .pdf)
	case $name in
	# Test variants, not letter kinds.
	receipt-long|service-face|partial|law) continue ;;
	esac
	pdftoppm -r 60 -png -f 1 -l 1 -singlefile "$pdf" "$OUT/$name" \
	    2>/dev/null
done
ls "$OUT"
