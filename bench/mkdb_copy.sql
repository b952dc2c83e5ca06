-- Grows a foidesk-gen database of S cases to (1 + copies) * S cases
-- (bench/mkdb.sh; run by the sqlite3 shell with temp.copies set).
--
-- Copy r of every seed case keeps its dates (so deadlines, clocks and
-- working days stay exactly as the domain calls computed them), its
-- request text and outcome, under a new UUID and the number
-- YYYY-(r * 10000 + seq); its applicant is a copy with the same name
-- and another mobile number (so every copy is a different applicant
-- of the same kind, as at a real desk); its events and deliveries are
-- copied with it.  Identity keys are derived from the seed's (same
-- name key, the copy's phone), so the copies are already grouped:
-- each joins its seed's Art. 44 group, which grows by the same factor
-- as the database.  The groups' stored counts are marked for a
-- recount, which the next write through foidesk performs.
--
-- The copies' search index rows are not written here: the insert
-- trigger queues each case (fts_queue) and the next foidesk command to
-- open the database writes them (store_fts_leftover, store/store_ftsq.c).
--
-- Not copied: letters, attachments, audit rows (nothing a benchmark
-- reads depends on them); the copied events keep the seed's chain
-- hashes, so `foidesk audit verify` fails on such a database.
PRAGMA journal_mode = WAL;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -262144;

CREATE TEMP TABLE seed AS SELECT * FROM cases;
CREATE UNIQUE INDEX temp.seed_id ON seed (id);
CREATE TEMP TABLE rr (r INTEGER PRIMARY KEY);
WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
  WHERE i < (SELECT value FROM temp.copies))
INSERT INTO rr SELECT i FROM n;

-- The applicants: copy r of applicant a gets id a + r * step.
CREATE TEMP TABLE astep AS SELECT max(id) + 1 AS step FROM applicants;
CREATE TEMP TABLE aseed AS SELECT * FROM applicants;
INSERT INTO applicants (id, type, name, id_type, id_number, phone, address,
  email, created_at, on_file)
SELECT a.id + r.r * (SELECT step FROM astep), a.type, a.name, a.id_type,
  a.id_number,
  CASE WHEN a.phone = '' THEN '' ELSE '139' ||
    printf('%08d', (CAST(substr(a.phone, 4) AS INTEGER) +
    r.r * 1000003) % 100000000) END,
  a.address, a.email, a.created_at, a.on_file
FROM rr r, aseed a ORDER BY r.r, a.id;

-- Case ids: a UUID-shaped text per (copy, seed case).
CREATE TEMP TABLE cmap (old TEXT, r INTEGER, new TEXT,
  PRIMARY KEY (old, r)) WITHOUT ROWID;
INSERT INTO cmap
SELECT old, r, lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' ||
  substr(h, 14, 3) || '-a' || substr(h, 18, 3) || '-' || substr(h, 21, 12))
FROM (SELECT s.id AS old, r.r AS r, hex(randomblob(16)) AS h
  FROM rr r, seed s ORDER BY r.r, s.id);

INSERT INTO cases (id, year, seq, number, applicant_id, channel, arrived_on,
  confirmed_on, received_on, request, doc_number, delivery, state, outcome,
  handler, due, provisional, closed_on, created_at, updated_at, dept_id)
SELECT m.new, s.year, m.r * 10000 + s.seq,
  printf('%04d-%d', s.year, m.r * 10000 + s.seq),
  s.applicant_id + m.r * (SELECT step FROM astep), s.channel, s.arrived_on,
  s.confirmed_on, s.received_on, s.request, s.doc_number, s.delivery,
  s.state, s.outcome, s.handler, s.due, s.provisional, s.closed_on,
  s.created_at, s.updated_at, s.dept_id
FROM cmap m JOIN seed s ON s.id = m.old ORDER BY m.r, s.received_on, s.seq;

INSERT INTO events (case_id, seq, action, actor, at, effective, days, party,
  outcome, amount_fen, note, payload, addr, hash)
SELECT m.new, e.seq, e.action, e.actor, e.at, e.effective, e.days, e.party,
  e.outcome, e.amount_fen, e.note, e.payload, e.addr, e.hash
FROM cmap m JOIN events e ON e.case_id = m.old ORDER BY m.r, e.id;

INSERT INTO deliveries (case_id, kind, version, method, tracking, sent,
  received, proof, created_by, created_at)
SELECT m.new, d.kind, d.version, d.method, d.tracking, d.sent, d.received,
  NULL, d.created_by, d.created_at
FROM cmap m JOIN deliveries d ON d.case_id = m.old ORDER BY m.r, d.id;

-- Keys as the domain would derive them for the copy's applicant (the
-- triggers left them stale and ungrouped).
CREATE TEMP TABLE knew (case_id TEXT PRIMARY KEY, id_key TEXT, np_key TEXT,
  name_key TEXT, refreshed_at TEXT, grouped INTEGER) WITHOUT ROWID;
INSERT INTO knew
SELECT m.new, k.id_key, CASE WHEN k.np_key IS NULL THEN NULL ELSE
    k.name_key || '|' || a.phone END, k.name_key, k.refreshed_at, k.grouped
FROM cmap m JOIN case_keys k ON k.case_id = m.old
JOIN aseed s ON s.id = (SELECT applicant_id FROM seed WHERE id = m.old)
JOIN applicants a ON a.id = s.id + m.r * (SELECT step FROM astep);
UPDATE case_keys SET id_key = n.id_key, np_key = n.np_key,
  name_key = n.name_key, refreshed_at = n.refreshed_at, grouped = n.grouped,
  stale = 0
FROM knew n WHERE n.case_id = case_keys.case_id;

INSERT INTO proactive_members (case_id, group_id, how, score, added_at)
SELECT m.new, p.group_id, p.how, p.score, p.added_at
FROM cmap m JOIN proactive_members p ON p.case_id = m.old
ORDER BY m.r, p.group_id;
