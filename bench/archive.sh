#!/bin/sh
# Archiving (issue 14): seals N replied cases (each with a 登记回执, an
# extension notice and a reply: three letters) through the CLI, one
# `case act ID archive` each, and prints tab-separated rows
#   name  value  reference  comment
# for bench/run.sh.  The time includes starting the foidesk process per
# case, as an officer archiving from the CLI would; the PDF work itself
# (rendering the 卷内目录, 登记表 and event log, merging with qpdf) is
# most of it.  Usage: sh bench/archive.sh FOIDESK OUTDIR [N]
set -eu
F=$1
OUT=$2
N=${3:-20}
DB="$OUT/archive.db"
mkdir -p "$OUT"
rm -f "$DB" "$DB-wal" "$DB-shm"
export FOIDESK_TODAY=2026-11-20
$F --db "$DB" init --agency 示范局 >/dev/null
$F --db "$DB" agency set --name 示范局 --address 某路1号 \
    --review-body 某市人民政府 --review-address 某路2号 \
    --court 某区人民法院 --court-address 某路3号 >/dev/null
i=1
while [ "$i" -le "$N" ]; do
	num=$(printf '2026-%04d' "$i")
	$F --db "$DB" case new --received 2026-11-02 --channel in_person \
	    --applicant "申请人$i" --applicant-type person \
	    --request "某文件$i" --address 某市某路1号 >/dev/null
	for a in register review accept; do
		$F --db "$DB" case act "$num" $a --on 2026-11-02 >/dev/null 2>&1
	done
	$F --db "$DB" case act "$num" extend --on 2026-11-10 >/dev/null
	$F --db "$DB" case act "$num" reply --on 2026-11-16 \
	    --outcome disclosed --provided 某文件全文 --how-to-obtain 邮寄 \
	    >/dev/null 2>&1
	i=$((i + 1))
done
s=$(date +%s%N)
i=1
while [ "$i" -le "$N" ]; do
	$F --db "$DB" case act "$(printf '2026-%04d' "$i")" archive >/dev/null
	i=$((i + 1))
done
e=$(date +%s%N)
sealed=$(sqlite3 "$DB" "SELECT count(*) FROM archive_files")
kb=$(sqlite3 "$DB" "SELECT printf('%.1f', avg(length(pdf)) / 1024.0) FROM archive_files")
letkb=$(sqlite3 "$DB" "SELECT printf('%.1f', sum(length(pdf)) / 1024.0 / $sealed) FROM letters")
cps=$(awk -v n="$sealed" -v ns="$((e - s))" 'BEGIN { printf("%.1f", n / (ns / 1e9)) }')
printf 'cases sealed/s (CLI, 3 letters each)\t%s\t-\t%s cases; one process per case\n' "$cps" "$sealed"
printf 'KB per sealed case (8 pages)\t%s\t%s\treference: KB of its 3 letters\n' "$kb" "$letkb"
