-- Grows a foidesk-gen database (schema before the search index) to
-- :copies times its cases by copying them (bench/search.sh): the same
-- texts, applicants and states under new ids and numbers, spread over
-- ten years of receipt (a copy's number keeps the seed's year and
-- number apart: seed years have about 500 cases each, under 1,000).  The store's triggers (trigram index, counts,
-- keys) run as for any insert.  Run by the sqlite3 shell.
PRAGMA journal_mode = WAL;
PRAGMA synchronous = OFF;
CREATE TEMP TABLE seed AS SELECT * FROM cases;
WITH RECURSIVE r (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r
  WHERE i < (SELECT value FROM temp.copies))
INSERT INTO cases (id, year, seq, number, applicant_id, channel, arrived_on,
  confirmed_on, received_on, request, doc_number, delivery, state, outcome,
  handler, due, provisional, closed_on, created_at, updated_at)
SELECT lower(hex(randomblob(16))), y, q, printf('%04d-%04d', y, q),
  applicant_id, channel, printf('%04d', y) || substr(arrived_on, 5),
  CASE WHEN confirmed_on IS NULL THEN NULL
    ELSE printf('%04d', y) || substr(confirmed_on, 5) END,
  printf('%04d', y) || substr(received_on, 5), request, doc_number,
  delivery, state, outcome, handler,
  CASE WHEN due IS NULL THEN NULL ELSE printf('%04d', y + (substr(due, 1, 4)
    - 2017)) || substr(due, 5) END, provisional,
  CASE WHEN closed_on IS NULL THEN NULL ELSE printf('%04d', y +
    (substr(closed_on, 1, 4) - 2017)) || substr(closed_on, 5) END,
  created_at, updated_at
FROM (SELECT s.*, 2017 + r.i % 10 AS y,
  (r.i / 10 + 1) * 10000 + (s.year - 2017) * 1000 + s.seq AS q
  FROM r, seed s ORDER BY r.i, s.seq);
