/* SPDX-License-Identifier: ISC */
/*
 * Database migrations.  PRAGMA user_version records how many entries of
 * migrations[] have been applied; each runs in one transaction with the
 * version bump.  Applied migrations are never edited: append a new one
 * (from 16 on they live in store/schema_since16.h, included below).
 */
#include <stddef.h>

#include "cases/limits.h"
#include "store/schema.h"
#include "store/schema_fts.h"
#include "store/schema_px.h"

/*
 * Migration 1 writes the statutory default correction period and the
 * range an agency may set as literals: an applied migration is never
 * edited, so a change of these limits needs a new migration.  These
 * checks keep the literals and cases/limits.h from drifting apart.
 */
_Static_assert(LAW_CORRECTION_PERIOD_WD == 15,
    "migration 1: correction_period DEFAULT 15");
_Static_assert(LIM_CORRECTION_PERIOD_MIN == 1 &&
    LIM_CORRECTION_PERIOD_MAX == 60,
    "migration 1: CHECK (correction_period BETWEEN 1 AND 60)");

/* Migration 17 and its triggers: the characters and character pairs
 * of the texts of rows (a SELECT of k, v) as (g, k) rows; the texts of
 * the case a trigger's NEW or OLD row is. */
#define GRAMS(rows)							\
	"SELECT substr(t.v, p.i, w.n), t.k FROM (" rows ") t,"		\
	" (SELECT 1 AS n UNION ALL SELECT 2) w, search_pos p"		\
	" WHERE p.i <= length(t.v) - w.n + 1"
#define CASE_TEXTS(r)							\
	"SELECT " r ".year * 10000000 + " r ".seq AS k, " r ".request AS v" \
	" UNION ALL SELECT " r ".year * 10000000 + " r ".seq, "		\
	r ".doc_number UNION ALL SELECT " r ".year * 10000000 + " r	\
	".seq, name FROM applicants WHERE id = " r ".applicant_id"
/* Their successor (case_gram_fts) and its case key: GRAMSTR,
 * CASE_GRAMSTR and C_K in store/schema_fts.h (the search index queue
 * computes the same tokens). */
/* The case_fts row of the case a trigger's OLD row is, found through
 * the trigram index of its number (a case's number is at least three
 * characters, and unique; case_id is not indexed, and a search by it
 * read every row: 0.3 s a correction at a million cases). */
#define FTS_ROW(r)							\
	"SELECT rowid FROM case_fts WHERE case_fts MATCH"		\
	" ('number : \"' || replace(" r ".number, '\"', '\"\"') || '\"')"	\
	" AND case_id = " r ".id"

const char *const migrations[] = {
	/* 1: the core schema. */
	"CREATE TABLE agency ("
	"  id INTEGER PRIMARY KEY CHECK (id = 1),"
	"  name TEXT NOT NULL,"
	"  code TEXT NOT NULL DEFAULT '',"		/* 字号 for 发文字号 */
	"  address TEXT NOT NULL DEFAULT '',"
	"  postcode TEXT NOT NULL DEFAULT '',"
	"  phone TEXT NOT NULL DEFAULT '',"
	"  review_body TEXT NOT NULL DEFAULT '',"	/* 复议机关 */
	"  review_address TEXT NOT NULL DEFAULT '',"
	"  court TEXT NOT NULL DEFAULT '',"
	"  court_address TEXT NOT NULL DEFAULT '',"
	/* LAW_CORRECTION_PERIOD_WD, LIM_CORRECTION_PERIOD_MIN/MAX. */
	"  correction_period INTEGER NOT NULL DEFAULT 15"
	"    CHECK (correction_period BETWEEN 1 AND 60),"
	"  updated_at TEXT NOT NULL"
	") STRICT;"
	"CREATE TABLE calendar ("
	"  day TEXT PRIMARY KEY,"
	"  kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),"
	"  name TEXT NOT NULL DEFAULT '',"
	"  source TEXT NOT NULL CHECK (source IN ('national', 'local'))"
	") STRICT, WITHOUT ROWID;"
	"CREATE TABLE calendar_years ("
	"  year INTEGER PRIMARY KEY,"
	"  imported_at TEXT NOT NULL,"
	"  origin TEXT NOT NULL"
	") STRICT;"
	"CREATE TABLE users ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  role TEXT NOT NULL"
	"    CHECK (role IN ('clerk', 'officer', 'reviewer', 'admin')),"
	"  pw_hash TEXT NOT NULL,"
	"  disabled INTEGER NOT NULL DEFAULT 0,"
	"  created_at TEXT NOT NULL"
	") STRICT;"
	"CREATE TABLE applicants ("
	"  id INTEGER PRIMARY KEY,"
	"  type TEXT NOT NULL,"
	"  name TEXT NOT NULL,"
	"  id_type TEXT,"
	"  id_number TEXT,"
	"  phone TEXT NOT NULL DEFAULT '',"
	"  address TEXT NOT NULL DEFAULT '',"
	"  email TEXT NOT NULL DEFAULT '',"
	"  created_at TEXT NOT NULL"
	") STRICT;"
	"CREATE INDEX applicants_idnum ON applicants (id_type, id_number)"
	"  WHERE id_number IS NOT NULL;"
	"CREATE INDEX applicants_name ON applicants (name);"
	"CREATE TABLE cases ("
	"  id TEXT PRIMARY KEY,"			/* UUID */
	"  year INTEGER NOT NULL,"
	"  seq INTEGER NOT NULL,"
	"  number TEXT NOT NULL UNIQUE,"		/* 2026-0001 */
	"  applicant_id INTEGER NOT NULL REFERENCES applicants (id),"
	"  channel TEXT NOT NULL,"
	"  arrived_on TEXT NOT NULL,"			/* physical arrival */
	"  confirmed_on TEXT,"				/* Art 31 confirmation */
	"  received_on TEXT NOT NULL,"			/* the date that counts */
	"  request TEXT NOT NULL,"
	"  doc_number TEXT NOT NULL DEFAULT '',"
	"  delivery TEXT NOT NULL DEFAULT '',"
	"  state TEXT NOT NULL,"
	"  outcome TEXT,"
	"  handler TEXT,"
	"  due TEXT,"		/* cache of the derived deadline, see case.c */
	"  provisional INTEGER NOT NULL DEFAULT 0,"
	"  closed_on TEXT,"
	"  created_at TEXT NOT NULL,"
	"  updated_at TEXT NOT NULL,"
	"  UNIQUE (year, seq)"
	") STRICT;"
	"CREATE INDEX cases_state_due ON cases (state, due);"
	"CREATE INDEX cases_open_due ON cases (due)"
	"  WHERE state NOT IN ('replied', 'archived');"
	"CREATE INDEX cases_applicant ON cases (applicant_id, received_on);"
	"CREATE INDEX cases_received ON cases (received_on);"
	"CREATE TABLE events ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id TEXT NOT NULL REFERENCES cases (id),"
	"  seq INTEGER NOT NULL,"
	"  action TEXT NOT NULL,"
	"  actor TEXT NOT NULL,"
	"  at TEXT NOT NULL,"				/* wall clock, UTC */
	"  effective TEXT NOT NULL,"			/* effective date */
	"  days INTEGER NOT NULL DEFAULT 0,"
	"  party TEXT NOT NULL DEFAULT '',"
	"  outcome TEXT,"
	"  amount_fen INTEGER,"
	"  note TEXT NOT NULL DEFAULT '',"
	"  payload TEXT NOT NULL DEFAULT '{}',"
	"  UNIQUE (case_id, seq)"
	") STRICT;"
	"CREATE TABLE appeals ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id TEXT NOT NULL REFERENCES cases (id),"
	"  kind TEXT NOT NULL CHECK (kind IN ('reconsideration',"
	"    'litigation_direct', 'litigation_after_review')),"
	"  filed_on TEXT NOT NULL,"
	"  body TEXT NOT NULL DEFAULT '',"
	"  result TEXT NOT NULL DEFAULT 'pending' CHECK (result IN"
	"    ('upheld', 'corrected', 'other', 'pending')),"
	"  decided_on TEXT,"
	"  created_at TEXT NOT NULL"
	") STRICT;"
	"CREATE INDEX appeals_case ON appeals (case_id);"
	"CREATE TABLE attachments ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id TEXT NOT NULL REFERENCES cases (id),"
	"  name TEXT NOT NULL,"
	"  mime TEXT NOT NULL,"
	"  size INTEGER NOT NULL,"
	"  sha256 TEXT NOT NULL,"
	"  data BLOB NOT NULL,"
	"  uploaded_by TEXT NOT NULL,"
	"  uploaded_at TEXT NOT NULL"
	") STRICT;"
	"CREATE INDEX attachments_case ON attachments (case_id);",

	/* 2: generated letters, document numbers, the audit trail. */
	"CREATE TABLE letters ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id TEXT NOT NULL REFERENCES cases (id),"
	"  kind TEXT NOT NULL,"
	"  version INTEGER NOT NULL,"
	"  doc_number TEXT NOT NULL DEFAULT '',"
	"  outcome TEXT,"
	"  sha256 TEXT NOT NULL,"
	"  size INTEGER NOT NULL,"
	"  pdf BLOB NOT NULL,"
	"  created_by TEXT NOT NULL,"
	"  created_at TEXT NOT NULL,"
	"  UNIQUE (case_id, kind, version)"
	") STRICT;"
	"CREATE TABLE doc_numbers ("		/* 发文字号, allocated once */
	"  case_id TEXT NOT NULL REFERENCES cases (id),"
	"  kind TEXT NOT NULL,"
	"  year INTEGER NOT NULL,"
	"  seq INTEGER NOT NULL,"
	"  number TEXT NOT NULL,"
	"  PRIMARY KEY (case_id, kind),"
	"  UNIQUE (year, seq)"
	") STRICT;"
	"ALTER TABLE events ADD COLUMN addr TEXT NOT NULL DEFAULT '';"
	"CREATE TABLE audit ("
	"  id INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL,"
	"  actor TEXT NOT NULL,"
	"  addr TEXT NOT NULL DEFAULT '',"
	"  action TEXT NOT NULL,"
	"  object TEXT NOT NULL DEFAULT '',"
	"  detail TEXT NOT NULL DEFAULT '{}'"
	") STRICT;"
	"CREATE INDEX audit_at ON audit (at);",

	/* 3: case-specific letter paragraphs; agency-level settings. */
	"CREATE TABLE case_texts ("
	"  case_id TEXT NOT NULL REFERENCES cases (id),"
	"  key TEXT NOT NULL,"
	"  value TEXT NOT NULL,"
	"  updated_by TEXT NOT NULL,"
	"  updated_at TEXT NOT NULL,"
	"  PRIMARY KEY (case_id, key)"
	") STRICT, WITHOUT ROWID;"
	"CREATE TABLE settings ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL"
	") STRICT, WITHOUT ROWID;",

	/* 4: annual report (30号): table 二 figures, the office's sections,
	 * published years with their frozen figures. */
	"CREATE TABLE report_figures ("
	"  year INTEGER NOT NULL,"
	"  key TEXT NOT NULL,"
	"  value INTEGER NOT NULL CHECK (value >= 0),"	/* fees: yuan */
	"  updated_by TEXT NOT NULL,"
	"  updated_at TEXT NOT NULL,"
	"  PRIMARY KEY (year, key)"
	") STRICT, WITHOUT ROWID;"
	"CREATE TABLE report_texts ("
	"  year INTEGER NOT NULL,"
	"  section TEXT NOT NULL CHECK (section IN ('一', '五', '六')),"
	"  body TEXT NOT NULL,"
	"  updated_by TEXT NOT NULL,"
	"  updated_at TEXT NOT NULL,"
	"  PRIMARY KEY (year, section)"
	") STRICT, WITHOUT ROWID;"
	"CREATE TABLE report_years ("		/* a row = published, locked */
	"  year INTEGER PRIMARY KEY,"
	"  published_at TEXT NOT NULL,"
	"  published_by TEXT NOT NULL,"
	"  snapshot TEXT NOT NULL"		/* the JSON as published */
	") STRICT;"
	"CREATE TABLE report_cells ("		/* the published figures */
	"  year INTEGER NOT NULL REFERENCES report_years (year)"
	"    ON DELETE CASCADE,"
	"  tab TEXT NOT NULL,"
	"  row TEXT NOT NULL,"
	"  col TEXT NOT NULL,"
	"  n INTEGER NOT NULL,"
	"  PRIMARY KEY (year, tab, row, col)"
	") STRICT, WITHOUT ROWID;"
	"CREATE INDEX appeals_filed ON appeals (filed_on);"
	"CREATE INDEX cases_closed ON cases (closed_on)"
	"  WHERE closed_on IS NOT NULL;",

	/* 5: the web application: sessions, login throttling, approvals
	 * of extensions and replies, notes, full-text search (FTS5 trigram,
	 * so that Chinese substrings match), and the indexes behind keyset
	 * pagination of the case list. */
	"CREATE TABLE sessions ("
	"  id TEXT PRIMARY KEY,"		/* SHA-256 of the cookie token */
	"  user TEXT NOT NULL REFERENCES users (name),"
	"  csrf TEXT NOT NULL,"
	"  addr TEXT NOT NULL DEFAULT '',"
	"  created_at TEXT NOT NULL,"
	"  last_seen INTEGER NOT NULL"		/* Unix seconds */
	") STRICT, WITHOUT ROWID;"
	"CREATE INDEX sessions_user ON sessions (user);"
	"CREATE TABLE login_throttle ("
	"  kind TEXT NOT NULL CHECK (kind IN ('user', 'addr')),"
	"  key TEXT NOT NULL,"
	"  failures INTEGER NOT NULL,"
	"  window_start INTEGER NOT NULL,"
	"  locked_until INTEGER NOT NULL DEFAULT 0,"
	"  PRIMARY KEY (kind, key)"
	") STRICT, WITHOUT ROWID;"
	"CREATE TABLE approvals ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id TEXT NOT NULL REFERENCES cases (id),"
	"  action TEXT NOT NULL CHECK (action IN ('reply', 'extend')),"
	"  effective TEXT,"
	"  outcome TEXT,"
	"  days INTEGER NOT NULL DEFAULT -1,"
	"  told_on TEXT,"
	"  note TEXT NOT NULL DEFAULT '',"
	"  requested_by TEXT NOT NULL,"
	"  requested_at TEXT NOT NULL,"
	"  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN"
	"    ('pending', 'approved', 'rejected', 'withdrawn')),"
	"  decided_by TEXT,"
	"  decided_at TEXT,"
	"  comment TEXT NOT NULL DEFAULT ''"
	") STRICT;"
	"CREATE UNIQUE INDEX approvals_pending ON approvals (case_id)"
	"  WHERE status = 'pending';"
	"CREATE INDEX approvals_status ON approvals (status, id);"
	"CREATE TABLE notes ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id TEXT NOT NULL REFERENCES cases (id),"
	"  author TEXT NOT NULL,"
	"  at TEXT NOT NULL,"
	"  text TEXT NOT NULL"
	") STRICT;"
	"CREATE INDEX notes_case ON notes (case_id, id);"
	"CREATE INDEX audit_object ON audit (object, id);"
	"CREATE INDEX cases_due_key ON cases"
	"  (coalesce(due, '9999-12-31'), number);"
	"CREATE INDEX cases_open_key ON cases"
	"  (coalesce(due, '9999-12-31'), number)"
	"  WHERE state NOT IN ('replied', 'archived');"
	"CREATE INDEX cases_state_key ON cases"
	"  (state, coalesce(due, '9999-12-31'), number);"
	"CREATE INDEX cases_received_key ON cases (received_on, number);"
	"CREATE INDEX cases_handler ON cases (handler, state)"
	"  WHERE handler IS NOT NULL;"
	"CREATE VIRTUAL TABLE case_fts USING fts5 (case_id UNINDEXED,"
	"  number, applicant, request, doc_number, tokenize = 'trigram');"
	"INSERT INTO case_fts (case_id, number, applicant, request,"
	"  doc_number) SELECT c.id, c.number, a.name, c.request, c.doc_number"
	"  FROM cases c JOIN applicants a ON a.id = c.applicant_id;"
	"CREATE TRIGGER cases_fts_insert AFTER INSERT ON cases BEGIN"
	"  INSERT INTO case_fts (case_id, number, applicant, request,"
	"    doc_number) VALUES (NEW.id, NEW.number, (SELECT name FROM"
	"    applicants WHERE id = NEW.applicant_id), NEW.request,"
	"    NEW.doc_number);"
	"  END;"
	"CREATE TRIGGER cases_fts_update AFTER UPDATE OF number, request,"
	"  doc_number, applicant_id ON cases BEGIN"
	"  UPDATE case_fts SET number = NEW.number, applicant = (SELECT name"
	"    FROM applicants WHERE id = NEW.applicant_id),"
	"    request = NEW.request, doc_number = NEW.doc_number"
	"    WHERE case_id = OLD.id;"
	"  END;"
	"CREATE TRIGGER cases_fts_delete AFTER DELETE ON cases BEGIN"
	"  DELETE FROM case_fts WHERE case_id = OLD.id;"
	"  END;",

	/* 6: the tamper-evident event chain (cases/chain.h); hashes of older
	 * events are filled in by store_open(). */
	"ALTER TABLE events ADD COLUMN hash TEXT NOT NULL DEFAULT '';",

	/* 7: frequently requested information (Reg. art. 44), repeat
	 * requests (art. 36(6)) and fees (art. 42, 109号): per-case identity
	 * and 文号 keys, groups of requests for the same information,
	 * officers' links, proposals and publications, tags for the 热点分析,
	 * fee computations (cases/proactive.c, repeat.c, fee.c). */
	"CREATE TABLE case_keys ("
	"  case_id TEXT PRIMARY KEY REFERENCES cases (id),"
	"  id_key TEXT,"			/* normalised ID number */
	"  np_key TEXT,"			/* normalised name|phone */
	"  name_key TEXT NOT NULL DEFAULT '',"
	"  month TEXT NOT NULL,"		/* YYYY-MM of received_on */
	"  refreshed_at TEXT NOT NULL"
	") STRICT, WITHOUT ROWID;"
	"CREATE INDEX case_keys_id ON case_keys (id_key, month);"
	"CREATE INDEX case_keys_np ON case_keys (np_key, month);"
	"CREATE TABLE case_docrefs ("		/* 文号 a case cites */
	"  case_id TEXT NOT NULL REFERENCES cases (id),"
	"  tail TEXT NOT NULL,"			/* 〔2024〕15号 */
	"  prefix TEXT NOT NULL,"		/* 示范教发 */
	"  PRIMARY KEY (case_id, tail, prefix)"
	") STRICT, WITHOUT ROWID;"
	"CREATE INDEX case_docrefs_tail ON case_docrefs (tail);"
	"CREATE TABLE proactive_groups ("
	"  id INTEGER PRIMARY KEY,"
	"  key TEXT NOT NULL,"
	"  label TEXT NOT NULL,"
	"  created_at TEXT NOT NULL,"
	"  updated_at TEXT NOT NULL"
	") STRICT;"
	"CREATE TABLE proactive_members ("
	"  case_id TEXT PRIMARY KEY REFERENCES cases (id),"
	"  group_id INTEGER NOT NULL REFERENCES proactive_groups (id),"
	"  how TEXT NOT NULL"
	"    CHECK (how IN ('doc', 'text', 'link', 'proposal')),"
	"  score REAL NOT NULL DEFAULT 0,"
	"  added_at TEXT NOT NULL"
	") STRICT, WITHOUT ROWID;"
	"CREATE INDEX proactive_members_group ON proactive_members (group_id);"
	"CREATE TABLE proactive_links ("		/* officers' decisions */
	"  a TEXT NOT NULL REFERENCES cases (id),"
	"  b TEXT NOT NULL REFERENCES cases (id),"
	"  kind TEXT NOT NULL CHECK (kind IN ('link', 'unlink')),"
	"  actor TEXT NOT NULL,"
	"  at TEXT NOT NULL,"
	"  PRIMARY KEY (a, b),"
	"  CHECK (a < b)"
	") STRICT, WITHOUT ROWID;"
	"CREATE INDEX proactive_links_b ON proactive_links (b);"
	"CREATE TABLE proactive_publications ("
	"  id INTEGER PRIMARY KEY,"
	"  group_id INTEGER REFERENCES proactive_groups (id)"
	"    ON DELETE SET NULL,"
	"  title TEXT NOT NULL,"
	"  doc_number TEXT NOT NULL DEFAULT '',"
	"  location TEXT NOT NULL,"		/* web column or URL */
	"  published_on TEXT NOT NULL,"
	"  recorded_by TEXT NOT NULL,"
	"  recorded_at TEXT NOT NULL"
	") STRICT;"
	"CREATE INDEX proactive_publications_on"
	"  ON proactive_publications (published_on);"
	"CREATE INDEX proactive_publications_group"
	"  ON proactive_publications (group_id);"
	"CREATE TABLE proactive_proposals ("
	"  id INTEGER PRIMARY KEY,"
	"  group_id INTEGER REFERENCES proactive_groups (id)"
	"    ON DELETE SET NULL,"
	"  source TEXT NOT NULL"
	"    CHECK (source IN ('trigger', 'applicant', 'officer')),"
	"  case_id TEXT REFERENCES cases (id),"	/* the applicant's case */
	"  reason TEXT NOT NULL DEFAULT '',"
	"  applicants INTEGER NOT NULL DEFAULT 0,"
	"  status TEXT NOT NULL DEFAULT 'open'"
	"    CHECK (status IN ('open', 'accepted', 'declined')),"
	"  opened_by TEXT NOT NULL,"
	"  opened_at TEXT NOT NULL,"
	"  decided_by TEXT,"
	"  decided_at TEXT,"
	"  decline_reason TEXT NOT NULL DEFAULT '',"
	"  publication_id INTEGER REFERENCES proactive_publications (id)"
	") STRICT;"
	"CREATE INDEX proactive_proposals_group"
	"  ON proactive_proposals (group_id, status);"
	"CREATE INDEX proactive_proposals_status"
	"  ON proactive_proposals (status);"
	"CREATE TABLE case_tags ("
	"  case_id TEXT NOT NULL REFERENCES cases (id),"
	"  tag TEXT NOT NULL,"
	"  actor TEXT NOT NULL,"
	"  at TEXT NOT NULL,"
	"  PRIMARY KEY (case_id, tag)"
	") STRICT, WITHOUT ROWID;"
	"CREATE INDEX case_tags_tag ON case_tags (tag);"
	"CREATE TABLE fee_charges ("
	"  case_id TEXT PRIMARY KEY REFERENCES cases (id),"
	"  method TEXT NOT NULL CHECK (method IN ('item', 'volume')),"
	"  count INTEGER NOT NULL CHECK (count >= 1),"
	"  first_unit INTEGER NOT NULL,"
	"  last_unit INTEGER NOT NULL,"
	"  amount INTEGER NOT NULL CHECK (amount >= 0),"	/* yuan */
	"  computation TEXT NOT NULL,"
	"  applied_by TEXT NOT NULL,"
	"  applied_at TEXT NOT NULL"
	") STRICT, WITHOUT ROWID;"
	"CREATE INDEX events_action_effective ON events (action, effective);",

	/* 8: the web application's list and dashboard at a million cases:
	 * per-handler keys for "my cases", and case counts per state kept
	 * by triggers, so that the dashboard need not count every case. */
	"DROP INDEX cases_handler;"
	"CREATE INDEX cases_handler_key ON cases"
	"  (handler, coalesce(due, '9999-12-31'), number)"
	"  WHERE handler IS NOT NULL;"
	"CREATE INDEX cases_handler_open ON cases"
	"  (handler, coalesce(due, '9999-12-31'), number)"
	"  WHERE handler IS NOT NULL AND state NOT IN ('replied', 'archived');"
	"CREATE TABLE case_counts ("
	"  state TEXT PRIMARY KEY,"
	"  n INTEGER NOT NULL"
	") STRICT, WITHOUT ROWID;"
	"INSERT INTO case_counts (state, n)"
	"  SELECT state, count(*) FROM cases GROUP BY state;"
	"CREATE TRIGGER cases_count_insert AFTER INSERT ON cases BEGIN"
	"  INSERT INTO case_counts (state, n) VALUES (NEW.state, 1)"
	"    ON CONFLICT (state) DO UPDATE SET n = n + 1;"
	"  END;"
	"CREATE TRIGGER cases_count_update AFTER UPDATE OF state ON cases"
	"  WHEN OLD.state IS NOT NEW.state BEGIN"
	"  UPDATE case_counts SET n = n - 1 WHERE state = OLD.state;"
	"  INSERT INTO case_counts (state, n) VALUES (NEW.state, 1)"
	"    ON CONFLICT (state) DO UPDATE SET n = n + 1;"
	"  END;"
	"CREATE TRIGGER cases_count_delete AFTER DELETE ON cases BEGIN"
	"  UPDATE case_counts SET n = n - 1 WHERE state = OLD.state;"
	"  END;",

	/* 9: proactive disclosure at scale (cases/proactive.c): every case
	 * has a case_keys row, marked stale by triggers when a case is
	 * created or its request, 文号, receipt date or applicant changes,
	 * so that catching up reads only the stale rows; grouping and the
	 * art. 44 trigger (FTS5 candidates, similarity) catch up in batches
	 * (grouped = 0 until done, and again after a disclosure); the term
	 * statistics of the trigram index pick the rarest trigrams of a
	 * request for the candidate query. */
	"ALTER TABLE case_keys ADD COLUMN grouped INTEGER NOT NULL DEFAULT 1;"
	"ALTER TABLE case_keys ADD COLUMN stale INTEGER NOT NULL DEFAULT 0;"
	"CREATE INDEX case_keys_ungrouped ON case_keys (case_id)"
	"  WHERE grouped = 0;"
	"CREATE INDEX case_keys_stale ON case_keys (case_id) WHERE stale = 1;"
	"INSERT INTO case_keys (case_id, name_key, month, refreshed_at,"
	"  grouped, stale) SELECT id, '', substr(received_on, 1, 7), '', 0, 1"
	"  FROM cases WHERE id NOT IN (SELECT case_id FROM case_keys);"
	"CREATE TRIGGER case_keys_insert AFTER INSERT ON cases BEGIN"
	"  INSERT INTO case_keys (case_id, name_key, month, refreshed_at,"
	"    grouped, stale) VALUES (NEW.id, '', substr(NEW.received_on, 1, 7),"
	"    '', 0, 1) ON CONFLICT (case_id) DO UPDATE SET grouped = 0,"
	"    stale = 1;"
	"  END;"
	"CREATE TRIGGER case_keys_update AFTER UPDATE OF request, doc_number,"
	"  received_on, applicant_id ON cases BEGIN"
	"  UPDATE case_keys SET grouped = 0, stale = 1 WHERE case_id = NEW.id;"
	"  END;"
	"CREATE TRIGGER case_keys_outcome AFTER UPDATE OF outcome ON cases"
	"  WHEN NEW.outcome IN ('disclosed', 'partial') BEGIN"
	"  UPDATE case_keys SET grouped = 0 WHERE case_id = NEW.id;"
	"  END;"
	"CREATE TRIGGER case_keys_applicant AFTER UPDATE OF name, id_number,"
	"  phone ON applicants BEGIN"
	"  UPDATE case_keys SET grouped = 0, stale = 1 WHERE case_id IN"
	"    (SELECT id FROM cases WHERE applicant_id = NEW.id);"
	"  END;"
	"CREATE VIRTUAL TABLE case_fts_vocab USING fts5vocab (case_fts, 'col');",

	/* 10: the agency's own standard letter texts (issue 11 item 7):
	 * every version of the text of a letter kind (and for a reply, an
	 * outcome; '' otherwise), kept for good.  body NULL marks a
	 * restore: the shipped text applies again.  The latest version of
	 * a kind and outcome is in force. */
	"CREATE TABLE letter_texts ("
	"  id INTEGER PRIMARY KEY,"
	"  kind TEXT NOT NULL,"
	"  outcome TEXT NOT NULL DEFAULT '',"
	"  version INTEGER NOT NULL CHECK (version >= 1),"
	"  body TEXT,"
	"  note TEXT NOT NULL DEFAULT '',"
	"  actor TEXT NOT NULL,"
	"  at TEXT NOT NULL,"
	"  UNIQUE (kind, outcome, version)"
	") STRICT;"
	"CREATE TRIGGER letter_texts_keep_update BEFORE UPDATE ON letter_texts"
	"  BEGIN SELECT RAISE(ABORT, 'letter text versions are kept'); END;"
	"CREATE TRIGGER letter_texts_keep_delete BEFORE DELETE ON letter_texts"
	"  BEGIN SELECT RAISE(ABORT, 'letter text versions are kept'); END;",

	/* 11: the applicant record on file for an identity document is
	 * the newest row with on_file = 1; a case whose typed details
	 * differ from it keeps its own row (on_file = 0), so that typed
	 * details are never replaced by the stored ones (ops/case.c). */
	"ALTER TABLE applicants ADD COLUMN on_file INTEGER NOT NULL DEFAULT 1"
	"  CHECK (on_file IN (0, 1));",

	/* 12: the phrasebook (store/phrases.h): standard wordings per
	 * outcome (or action) and text, seeded with the shipped ones;
	 * administrators edit them (ops/phrasebook.c). */
	"CREATE TABLE phrases ("
	"  id INTEGER PRIMARY KEY,"
	"  scope TEXT NOT NULL,"
	"  field TEXT NOT NULL,"
	"  text TEXT NOT NULL CHECK (length(text) > 0),"
	"  pos INTEGER NOT NULL DEFAULT 0"
	") STRICT;"
	"CREATE INDEX phrases_scope ON phrases (scope, field, pos);"
	"INSERT INTO phrases (scope, field, text, pos) VALUES"
	"  ('disclosed', 'provided',"
	"   '《……》（文号：……）', 1),"
	"  ('disclosed', 'how_to_obtain',"
	"   '随本答复书提供该政府信息的复制件，请查收。', 1),"
	"  ('disclosed', 'how_to_obtain',"
	"   '请于收到本答复书之日起15个工作日内的工作时间，到本机关政府信息公开查阅点查阅、复制。', 2),"
	"  ('disclosed', 'published_where',"
	"   '该信息已在本机关门户网站“政府信息公开”专栏主动公开，网址：……', 1),"
	"  ('partial', 'withheld_items',"
	"   '……——涉及第三方商业秘密，经征求意见第三方不同意公开（条例第十五条）', 1),"
	"  ('partial', 'withheld_items',"
	"   '……——涉及个人隐私，公开会对第三方合法权益造成损害（条例第十五条）', 2),"
	"  ('partial', 'withheld_items',"
	"   '……——属于内部事务信息（条例第十六条第一款）', 3),"
	"  ('partial', 'withheld_items',"
	"   '……——属于过程性信息（条例第十六条第二款）', 4),"
	"  ('partial', 'how_to_obtain',"
	"   '随本答复书提供可以公开部分的复制件，请查收。', 1),"
	"  ('withheld.state_secret', 'reasons',"
	"   '该信息已依法确定为国家秘密，保密期限尚未届满，依照《中华人民共和国保守国家秘密法》的规定不得公开。', 1),"
	"  ('withheld.law', 'reasons',"
	"   '《中华人民共和国……法》第……条规定，该类信息不得公开。', 1),"
	"  ('withheld.safety', 'reasons',"
	"   '该信息公开后可能危及国家安全、公共安全、经济安全和社会稳定。', 1),"
	"  ('withheld.third_party', 'reasons',"
	"   '该信息涉及第三方商业秘密，本机关已书面征求第三方意见，第三方不同意公开，且不公开不会对公共利益造成重大影响。', 1),"
	"  ('withheld.third_party', 'reasons',"
	"   '该信息涉及个人隐私，公开会对第三方合法权益造成损害。', 2),"
	"  ('withheld.internal', 'reasons',"
	"   '该信息属于本机关的人事管理、后勤管理、内部工作流程等方面的内部事务信息。', 1),"
	"  ('withheld.process', 'reasons',"
	"   '该信息属于本机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息。', 1),"
	"  ('withheld.enforcement', 'reasons',"
	"   '该信息属于行政执法案卷信息。', 1),"
	"  ('withheld.query', 'how_to_obtain',"
	"   '请向不动产登记机构申请查询，依照《不动产登记资料查询暂行办法》办理。', 1),"
	"  ('withheld.query', 'how_to_obtain',"
	"   '请向市场监督管理部门申请查询企业登记档案。', 2),"
	"  ('withheld.query', 'reasons',"
	"   '申请获取的信息属于不动产登记资料。', 1);",

	/* 13: the phrasebook's shipped wordings, continued. */
	"INSERT INTO phrases (scope, field, text, pos) VALUES"
	"  ('unavailable.not_held', 'reasons',"
	"   '经检索，本机关未制作或获取该政府信息。', 1),"
	"  ('unavailable.not_held', 'reasons',"
	"   '经检索本机关档案及业务系统，未发现所申请的政府信息。', 2),"
	"  ('unavailable.needs_creation', 'reasons',"
	"   '本机关未以所要求的形式保存该信息，提供该信息需要对现有政府信息进行加工、分析。', 1),"
	"  ('unavailable.unclear', 'reasons',"
	"   '补正后的申请仍未写明所需政府信息的名称、文号或者便于本机关查询的其他特征性描述。', 1),"
	"  ('not_processed.petition', 'reasons',"
	"   '该申请实质上是对……事项的投诉举报。', 1),"
	"  ('not_processed.petition', 'how_to_obtain',"
	"   '可向本机关信访部门提出，地址：……', 1),"
	"  ('not_processed.repeat', 'reasons',"
	"   '本次申请与此前申请的内容相同，本机关已作出答复，且该信息此后未发生变化。', 1),"
	"  ('not_processed.publication', 'how_to_obtain',"
	"   '可通过邮局订阅或到公共图书馆查阅。', 1),"
	"  ('not_processed.excessive', 'reasons',"
	"   '申请人在……期间共提出……件申请，内容大量重复，经本机关要求说明理由，申请人未能说明合理理由。', 1),"
	"  ('not_processed.confirmation', 'reasons',"
	"   '申请人要求本机关确认……的真实性，该要求不属于申请获取政府信息。', 1),"
	"  ('request-correction', 'correction_items',"
	"   '请写明所需政府信息的名称、文号或者便于本机关查询的其他特征性描述', 1),"
	"  ('request-correction', 'correction_items',"
	"   '请明确所需信息的形成时间或时间范围', 2),"
	"  ('request-correction', 'correction_items',"
	"   '请提供申请人的身份证明', 3),"
	"  ('consult-start', 'consult_subject',"
	"   '……（拟公开信息的名称），该信息可能涉及你单位的商业秘密', 1);",

	/* 14 (issue 12, decision 11): the delivery (送达) of an issued
	 * letter version: method, tracking number (post), dispatch and
	 * received dates, proof attachment.  The received date starts
	 * the periods that run from the recipient's receipt (decision
	 * 10); NULL until it is known. */
	"CREATE TABLE deliveries ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id TEXT NOT NULL REFERENCES cases (id),"
	"  kind TEXT NOT NULL,"
	"  version INTEGER NOT NULL CHECK (version >= 1),"
	"  method TEXT NOT NULL CHECK (method IN ('in_person', 'post',"
	"    'email', 'online', 'other')),"
	"  tracking TEXT NOT NULL DEFAULT '',"
	"  sent TEXT NOT NULL,"
	"  received TEXT,"
	"  proof INTEGER REFERENCES attachments (id),"
	"  created_by TEXT NOT NULL,"
	"  created_at TEXT NOT NULL,"
	"  UNIQUE (case_id, kind, version)"
	") STRICT;"
	"CREATE INDEX deliveries_open ON deliveries (received, case_id);",

	/* 15 (issue 16, M5): the audit table joins a hash chain of its
	 * own (store/store_achain.c): NULL until the store seals the row
	 * at the end of the transaction that wrote it. */
	"ALTER TABLE audit ADD COLUMN hash TEXT;",

	/* 16 on (issues 13 to 17): store/schema_since16.h. */
#include "store/schema_since16.h"
};

const size_t migrations_count = sizeof(migrations) / sizeof(migrations[0]);
