#!/usr/bin/env python3
"""Independent oracle for tests/check_calendar.c: counts working days
day by day over cases/cn-calendar.tsv and prints the expected table
(the day before each official holiday period plus 1, 3 and 20 working
days).  Not used at build or run time; rerun it when the TSV changes."""
import datetime as dt
import sys

path = sys.argv[1] if len(sys.argv) > 1 else "cases/cn-calendar.tsv"
rows = [l.rstrip("\n").split("\t") for l in open(path, encoding="utf-8")
        if not l.startswith("#") and not l.startswith("date")]
kind = {dt.date.fromisoformat(d): k for d, k, n in rows}


def work(d):
    k = kind.get(d)
    if k == "holiday":
        return False
    if k == "workday":
        return True
    return d.weekday() < 5


def add(d, n):
    while n > 0:
        d += dt.timedelta(1)
        if work(d):
            n -= 1
    return d


hol = sorted((dt.date.fromisoformat(d), n) for d, k, n in rows if k == "holiday")
periods = []
for d, n in hol:
    if periods and (d - periods[-1][1]).days <= 1 and periods[-1][2] == n:
        periods[-1][1] = d
    else:
        periods.append([d, d, n])
for a, b, n in periods:
    s = a - dt.timedelta(1)
    for N in (1, 3, 20):
        print(f'\t{{ "{s}", {N}, "{add(s, N)}" }},\t/* {n} {a.year} */')
