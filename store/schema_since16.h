/* SPDX-License-Identifier: ISC */
/*
 * The schema migrations from 16 on (issues 13 to 17), continuing
 * migrations[] in store/schema.c: included by it, inside that array,
 * and by nothing else.  Append-only, like the array: a new migration
 * goes at the end of this file.
 */
	/* 16 (issue 13): departments (承办科室) and assignment.  A case
	 * belongs to one department (cases.dept_id) and, within it, to
	 * one officer (cases.handler, already there); a department has a
	 * head (科室负责人) who sees its unassigned cases.  An assisting
	 * department (协办) has its own internal due date.  Users get an
	 * e-mail address for reminders.  `code` is also the 机构代码 of
	 * the 档号 (issue 14). */
	"CREATE TABLE departments ("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE,"		/* `department add CODE` */
	"  name TEXT NOT NULL UNIQUE,"
	"  head TEXT REFERENCES users (name),"
	"  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),"
	"  created_at TEXT NOT NULL"
	") STRICT;"
	"ALTER TABLE users ADD COLUMN dept_id INTEGER"
	"  REFERENCES departments (id);"
	"ALTER TABLE users ADD COLUMN email TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE cases ADD COLUMN dept_id INTEGER"
	"  REFERENCES departments (id);"
	"CREATE INDEX cases_dept_open ON cases"
	"  (dept_id, coalesce(due, '9999-12-31'), number)"
	"  WHERE state NOT IN ('replied', 'archived');"
	"CREATE TABLE case_assists ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id TEXT NOT NULL REFERENCES cases (id),"
	"  dept_id INTEGER NOT NULL REFERENCES departments (id),"
	"  due TEXT NOT NULL,"
	"  note TEXT NOT NULL DEFAULT '',"
	"  done_on TEXT,"
	"  created_by TEXT NOT NULL,"
	"  created_at TEXT NOT NULL,"
	"  UNIQUE (case_id, dept_id)"
	") STRICT;",

	/* (issue 13 item 3): reminders and 督办 by e-mail, one row per
	 * message: recorded when planned (dedup makes a digest once per
	 * officer per day and a 督办 once per case, stage and recipient),
	 * then sent; a failed relay leaves it pending with attempts,
	 * next_attempt (backoff) and last_error. */
	"CREATE TABLE reminders ("
	"  id INTEGER PRIMARY KEY,"
	"  kind TEXT NOT NULL CHECK (kind IN ('digest', 'soon', 'overdue')),"
	"  dedup TEXT NOT NULL UNIQUE,"
	"  recipient TEXT NOT NULL,"		/* users.name */
	"  email TEXT NOT NULL,"
	"  cases TEXT NOT NULL,"		/* case numbers, space-separated */
	"  subject TEXT NOT NULL,"
	"  body TEXT NOT NULL,"
	"  created_at TEXT NOT NULL,"
	"  sent_at TEXT,"
	"  attempts INTEGER NOT NULL DEFAULT 0,"
	"  next_attempt TEXT NOT NULL,"
	"  last_error TEXT NOT NULL DEFAULT ''"
	") STRICT;"
	"CREATE INDEX reminders_pending ON reminders (next_attempt)"
	"  WHERE sent_at IS NULL;",
	/* (issue 13 item 4): the sign-off chain.  signoff_steps is the
	 * agency's configuration: per kind of decision (reply,
	 * not_processed -- a reply with an outcome not_processed.* --,
	 * extend) the ordered steps (拟办, 审核, 签发 ...) and who may sign
	 * each: "role:CODE", "head" (the head of the case's department),
	 * "requester" (the officer who filed the request) or
	 * "users:NAME,NAME".  No rows for a kind: one step signed by a
	 * reviewer, the behaviour before.  approval_steps is one request's
	 * chain, copied from the configuration when it is filed, with the
	 * signer, opinion and time of each step signed. */
	"CREATE TABLE signoff_steps ("
	"  kind TEXT NOT NULL CHECK (kind IN ('reply', 'not_processed',"
	"    'extend', 'fee_notice')),"
	"  pos INTEGER NOT NULL CHECK (pos BETWEEN 1 AND 9),"
	"  name TEXT NOT NULL,"
	"  signer TEXT NOT NULL,"
	"  updated_by TEXT NOT NULL,"
	"  updated_at TEXT NOT NULL,"
	"  PRIMARY KEY (kind, pos)"
	") STRICT, WITHOUT ROWID;"
	/* approvals, rebuilt (a CHECK cannot be altered): an officer's
	 * fee notice may now be filed for approval too ('fee-notice',
	 * with its 109号 input in fee, the JSON of fee_notice_json), and
	 * form says whether approving the request issues the 办理审批单
	 * (a chain the agency configured; the default chain keeps the
	 * behaviour before: no form). */
	"CREATE TABLE approvals_new ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id TEXT NOT NULL REFERENCES cases (id),"
	"  action TEXT NOT NULL CHECK (action IN ('reply', 'extend',"
	"    'fee-notice')),"
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
	"  comment TEXT NOT NULL DEFAULT '',"
	"  form INTEGER NOT NULL DEFAULT 0 CHECK (form IN (0, 1)),"
	"  fee TEXT"
	") STRICT;"
	"INSERT INTO approvals_new (id, case_id, action, effective, outcome,"
	"  days, told_on, note, requested_by, requested_at, status,"
	"  decided_by, decided_at, comment)"
	"  SELECT id, case_id, action, effective, outcome, days, told_on,"
	"  note, requested_by, requested_at, status, decided_by, decided_at,"
	"  comment FROM approvals;"
	"DROP TABLE approvals;"
	"ALTER TABLE approvals_new RENAME TO approvals;"
	"CREATE UNIQUE INDEX approvals_pending ON approvals (case_id)"
	"  WHERE status = 'pending';"
	"CREATE INDEX approvals_status ON approvals (status, id);"
	"CREATE TABLE approval_steps ("
	"  approval_id INTEGER NOT NULL REFERENCES approvals (id),"
	"  pos INTEGER NOT NULL CHECK (pos >= 1),"
	"  name TEXT NOT NULL,"
	"  signer TEXT NOT NULL,"
	"  decision TEXT CHECK (decision IN ('approve', 'reject')),"
	"  signed_by TEXT,"
	"  opinion TEXT NOT NULL DEFAULT '',"
	"  signed_at TEXT,"
	"  PRIMARY KEY (approval_id, pos)"
	") STRICT, WITHOUT ROWID;",
	/* (issue 17): one- and two-character search through an index
	 * (a trigram index cannot answer them): every distinct character
	 * and pair of adjacent characters of a case's applicant name,
	 * request text and 文号 field, keyed by the case's number as one
	 * integer (year * 10000000 + seq, newest last), so that a query
	 * walks its entries newest first and stops at the page size.
	 * search_pos numbers the character positions a field can have
	 * (LIM_REQUEST_CHARS); triggers keep case_grams in step with
	 * every write in the writer's transaction, from any connection.
	 * Identity numbers and normalised phone numbers get indexes of
	 * their own for the search box. */
	"CREATE TABLE search_pos (i INTEGER PRIMARY KEY) STRICT;"
	"WITH RECURSIVE p (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM p"
	"  WHERE i < 10000) INSERT INTO search_pos (i) SELECT i FROM p;"
	"CREATE TABLE case_grams ("
	"  g TEXT NOT NULL,"
	"  k INTEGER NOT NULL,"
	"  PRIMARY KEY (g, k)"
	") STRICT, WITHOUT ROWID;"
	"INSERT OR IGNORE INTO case_grams (g, k) " GRAMS(
	"SELECT " C_K " AS k, c.request AS v FROM cases c"
	" UNION ALL SELECT " C_K ", c.doc_number FROM cases c"
	" UNION ALL SELECT " C_K ", a.name FROM cases c"
	" JOIN applicants a ON a.id = c.applicant_id") " ORDER BY 1, 2;"
	"CREATE TRIGGER case_grams_insert AFTER INSERT ON cases BEGIN"
	"  INSERT OR IGNORE INTO case_grams (g, k) " GRAMS(CASE_TEXTS("NEW"))
	";  END;"
	"CREATE TRIGGER case_grams_update AFTER UPDATE OF request, doc_number,"
	"  applicant_id ON cases BEGIN"
	"  DELETE FROM case_grams WHERE (g, k) IN (" GRAMS(CASE_TEXTS("OLD"))
	");  INSERT OR IGNORE INTO case_grams (g, k) " GRAMS(CASE_TEXTS("NEW"))
	";  END;"
	"CREATE TRIGGER case_grams_delete AFTER DELETE ON cases BEGIN"
	"  DELETE FROM case_grams WHERE (g, k) IN (" GRAMS(CASE_TEXTS("OLD"))
	");  END;"
	"CREATE TRIGGER case_grams_applicant AFTER UPDATE OF name"
	"  ON applicants WHEN OLD.name IS NOT NEW.name BEGIN"
	"  DELETE FROM case_grams WHERE (g, k) IN (" GRAMS(
	"SELECT " C_K " AS k, OLD.name AS v FROM cases c"
	" WHERE c.applicant_id = NEW.id") ");"
	"  INSERT OR IGNORE INTO case_grams (g, k) " GRAMS(
	"SELECT " C_K " AS k, c.request AS v FROM cases c"
	" WHERE c.applicant_id = NEW.id"
	" UNION ALL SELECT " C_K ", c.doc_number FROM cases c"
	" WHERE c.applicant_id = NEW.id"
	" UNION ALL SELECT " C_K ", NEW.name FROM cases c"
	" WHERE c.applicant_id = NEW.id") ";"
	"  END;"
	"CREATE INDEX applicants_id_number ON applicants (id_number)"
	"  WHERE id_number IS NOT NULL;"
	"CREATE INDEX applicants_phone_key ON applicants"
	"  (replace(replace(replace(replace(replace(phone, '-', ''), ' ', ''),"
	"  '(', ''), ')', ''), '+86', ''));",
	/* Archiving (issue 14): the sealed case file (一案一档) of each
	 * archived case, item 0, and the supplementary items (补充件) a
	 * re-handling after an appeal adds (decision 12), each its own
	 * sealed PDF with a manifest of every part's SHA-256.  A sealed
	 * row is never updated or deleted, and while a case is archived
	 * with a seal nothing of it changes: the triggers refuse every
	 * UPDATE or DELETE of its rows, except the reopening of the case
	 * for re-handling (archived -> handling); new rows (an appeal,
	 * its events) are INSERTs and pass. */
	"CREATE TABLE archive_files ("
	"  id INTEGER PRIMARY KEY,"
	"  case_id TEXT NOT NULL REFERENCES cases (id),"
	"  item INTEGER NOT NULL CHECK (item >= 0),"
	"  refers INTEGER REFERENCES archive_files (id),"
	"  dangan TEXT NOT NULL,"
	"  fonds TEXT NOT NULL,"
	"  year INTEGER NOT NULL,"
	"  retention TEXT NOT NULL CHECK (retention IN ('Y', 'D30',"
	"    'D10')),"
	"  dept TEXT NOT NULL,"
	"  seq INTEGER NOT NULL CHECK (seq >= 1),"
	"  pages INTEGER NOT NULL,"
	"  pdf BLOB NOT NULL,"
	"  pdf_sha256 TEXT NOT NULL,"
	"  manifest TEXT NOT NULL,"
	"  manifest_sha256 TEXT NOT NULL,"
	"  sealed_by TEXT NOT NULL,"
	"  sealed_at TEXT NOT NULL,"
	"  UNIQUE (case_id, item),"
	"  UNIQUE (dangan, item)"
	") STRICT;"
	"CREATE INDEX archive_files_year ON archive_files (year, dangan);"
	"CREATE TRIGGER archive_files_no_update BEFORE UPDATE ON"
	"  archive_files BEGIN SELECT RAISE(ABORT,"
	"  '该案件已归档封存，不能修改'); END;"
	"CREATE TRIGGER archive_files_no_delete BEFORE DELETE ON"
	"  archive_files BEGIN SELECT RAISE(ABORT,"
	"  '该案件已归档封存，不能修改'); END;",
	/* The triggers that keep a sealed, archived case unchanged
	 * (issue 14, with the migration before). */
	"CREATE VIEW archive_sealed AS SELECT a.case_id FROM archive_files"
	"  a JOIN cases c ON c.id = a.case_id WHERE c.state = 'archived';"
	"CREATE TRIGGER archive_cases_update BEFORE UPDATE ON cases"
	"  WHEN OLD.state = 'archived' AND NEW.state IS NOT 'handling'"
	"  AND OLD.id IN (SELECT case_id FROM archive_files) BEGIN"
	"  SELECT RAISE(ABORT, '该案件已归档封存，不能修改'); END;"
	"CREATE TRIGGER archive_cases_delete BEFORE DELETE ON cases"
	"  WHEN OLD.id IN (SELECT case_id FROM archive_files) BEGIN"
	"  SELECT RAISE(ABORT, '该案件已归档封存，不能修改'); END;"
	"CREATE TRIGGER archive_events_update BEFORE UPDATE ON events"
	"  WHEN OLD.case_id IN (SELECT case_id FROM archive_sealed) BEGIN"
	"  SELECT RAISE(ABORT, '该案件已归档封存，不能修改'); END;"
	"CREATE TRIGGER archive_events_delete BEFORE DELETE ON events"
	"  WHEN OLD.case_id IN (SELECT case_id FROM archive_sealed) BEGIN"
	"  SELECT RAISE(ABORT, '该案件已归档封存，不能修改'); END;"
	"CREATE TRIGGER archive_letters_update BEFORE UPDATE ON letters"
	"  WHEN OLD.case_id IN (SELECT case_id FROM archive_sealed) BEGIN"
	"  SELECT RAISE(ABORT, '该案件已归档封存，不能修改'); END;"
	"CREATE TRIGGER archive_letters_delete BEFORE DELETE ON letters"
	"  WHEN OLD.case_id IN (SELECT case_id FROM archive_sealed) BEGIN"
	"  SELECT RAISE(ABORT, '该案件已归档封存，不能修改'); END;"
	"CREATE TRIGGER archive_attachments_update BEFORE UPDATE ON attachments"
	"  WHEN OLD.case_id IN (SELECT case_id FROM archive_sealed) BEGIN"
	"  SELECT RAISE(ABORT, '该案件已归档封存，不能修改'); END;"
	"CREATE TRIGGER archive_attachments_delete BEFORE DELETE ON attachments"
	"  WHEN OLD.case_id IN (SELECT case_id FROM archive_sealed) BEGIN"
	"  SELECT RAISE(ABORT, '该案件已归档封存，不能修改'); END;"
	"CREATE TRIGGER archive_deliveries_update BEFORE UPDATE ON deliveries"
	"  WHEN OLD.case_id IN (SELECT case_id FROM archive_sealed) BEGIN"
	"  SELECT RAISE(ABORT, '该案件已归档封存，不能修改'); END;"
	"CREATE TRIGGER archive_deliveries_delete BEFORE DELETE ON deliveries"
	"  WHEN OLD.case_id IN (SELECT case_id FROM archive_sealed) BEGIN"
	"  SELECT RAISE(ABORT, '该案件已归档封存，不能修改'); END;"
	"CREATE TRIGGER archive_case_texts_update BEFORE UPDATE ON case_texts"
	"  WHEN OLD.case_id IN (SELECT case_id FROM archive_sealed) BEGIN"
	"  SELECT RAISE(ABORT, '该案件已归档封存，不能修改'); END;"
	"CREATE TRIGGER archive_case_texts_delete BEFORE DELETE ON case_texts"
	"  WHEN OLD.case_id IN (SELECT case_id FROM archive_sealed) BEGIN"
	"  SELECT RAISE(ABORT, '该案件已归档封存，不能修改'); END;"
	"CREATE TRIGGER archive_notes_update BEFORE UPDATE ON notes"
	"  WHEN OLD.case_id IN (SELECT case_id FROM archive_sealed) BEGIN"
	"  SELECT RAISE(ABORT, '该案件已归档封存，不能修改'); END;"
	"CREATE TRIGGER archive_notes_delete BEFORE DELETE ON notes"
	"  WHEN OLD.case_id IN (SELECT case_id FROM archive_sealed) BEGIN"
	"  SELECT RAISE(ABORT, '该案件已归档封存，不能修改'); END;",

	/* (issue 17): a group's counts are stored, so that listing groups
	 * computes nothing: members, distinct applicants (px_distinct(),
	 * the aggregate store_px_register() adds to every read-write
	 * connection: proactive_distinct_applicants), the latest
	 * receipt, and the most distinct applicants within one window of
	 * the art. 44 trigger (px_window(): proactive_trigger_met).  Any change of a group's members, of a member's
	 * identity keys or of its receipt marks the group counts_dirty
	 * (these triggers, O(1)); the store recounts the marked groups
	 * before every commit (store_px_settle), so that a merge or a
	 * rebuild recounts each group once, not once per member. */
	"ALTER TABLE proactive_groups ADD COLUMN n_members INTEGER NOT NULL"
	"  DEFAULT 0;"
	"ALTER TABLE proactive_groups ADD COLUMN n_applicants INTEGER NOT NULL"
	"  DEFAULT 0;"
	"ALTER TABLE proactive_groups ADD COLUMN last_received TEXT;"
	"ALTER TABLE proactive_groups ADD COLUMN n_window INTEGER NOT NULL"
	"  DEFAULT 0;"
	"ALTER TABLE proactive_groups ADD COLUMN counts_dirty INTEGER NOT NULL"
	"  DEFAULT 1;"
	"CREATE INDEX proactive_groups_dirty ON proactive_groups (id)"
	"  WHERE counts_dirty = 1;"
	"CREATE TRIGGER px_counts_member_in AFTER INSERT ON proactive_members"
	"  BEGIN UPDATE proactive_groups SET counts_dirty = 1"
	"  WHERE id = NEW.group_id AND counts_dirty = 0; END;"
	"CREATE TRIGGER px_counts_member_out AFTER DELETE ON proactive_members"
	"  BEGIN UPDATE proactive_groups SET counts_dirty = 1"
	"  WHERE id = OLD.group_id AND counts_dirty = 0; END;"
	"CREATE TRIGGER px_counts_member_move AFTER UPDATE OF group_id"
	"  ON proactive_members WHEN NEW.group_id IS NOT OLD.group_id"
	"  BEGIN UPDATE proactive_groups SET counts_dirty = 1"
	"  WHERE id IN (OLD.group_id, NEW.group_id) AND counts_dirty = 0; END;"
	"CREATE TRIGGER px_counts_keys_in AFTER INSERT ON case_keys"
	"  BEGIN UPDATE proactive_groups SET counts_dirty = 1"
	"  WHERE id = (SELECT group_id FROM proactive_members"
	"  WHERE case_id = NEW.case_id) AND counts_dirty = 0; END;"
	"CREATE TRIGGER px_counts_keys_out AFTER DELETE ON case_keys"
	"  BEGIN UPDATE proactive_groups SET counts_dirty = 1"
	"  WHERE id = (SELECT group_id FROM proactive_members"
	"  WHERE case_id = OLD.case_id) AND counts_dirty = 0; END;"
	"CREATE TRIGGER px_counts_keys_set AFTER UPDATE OF id_key, np_key,"
	"  name_key ON case_keys WHEN NEW.id_key IS NOT OLD.id_key"
	"  OR NEW.np_key IS NOT OLD.np_key OR NEW.name_key IS NOT OLD.name_key"
	"  BEGIN UPDATE proactive_groups SET counts_dirty = 1"
	"  WHERE id = (SELECT group_id FROM proactive_members"
	"  WHERE case_id = NEW.case_id) AND counts_dirty = 0; END;"
	/* n_window (the most distinct applicants within one window of
	 * the art. 44 trigger) depends on the window setting. */
	"CREATE TRIGGER px_counts_window_in AFTER INSERT ON settings"
	"  WHEN NEW.key = 'proactive_window_months'"
	"  BEGIN UPDATE proactive_groups SET counts_dirty = 1; END;"
	"CREATE TRIGGER px_counts_window_set AFTER UPDATE ON settings"
	"  WHEN NEW.key = 'proactive_window_months'"
	"  AND NEW.value IS NOT OLD.value"
	"  BEGIN UPDATE proactive_groups SET counts_dirty = 1; END;"
	"CREATE TRIGGER px_counts_received AFTER UPDATE OF received_on ON cases"
	"  WHEN NEW.received_on IS NOT OLD.received_on"
	"  BEGIN UPDATE proactive_groups SET counts_dirty = 1"
	"  WHERE id = (SELECT group_id FROM proactive_members"
	"  WHERE case_id = NEW.id) AND counts_dirty = 0; END;"
	"UPDATE proactive_groups SET"
	"  n_members = (SELECT count(*) FROM proactive_members m"
	"    WHERE m.group_id = proactive_groups.id),"
	"  n_applicants = (SELECT px_distinct(k.id_key, k.np_key, k.name_key)"
	"    FROM proactive_members m LEFT JOIN case_keys k"
	"    ON k.case_id = m.case_id WHERE m.group_id = proactive_groups.id),"
	"  last_received = (SELECT max(c.received_on) FROM proactive_members m"
	"    JOIN cases c ON c.id = m.case_id"
	"    WHERE m.group_id = proactive_groups.id),"
	"  n_window = (SELECT px_window(k.id_key, k.np_key, k.name_key,"
	"    c.received_on, (SELECT value FROM settings"
	"    WHERE key = 'proactive_window_months'))"
	"    FROM proactive_members m JOIN cases c ON c.id = m.case_id"
	"    LEFT JOIN case_keys k ON k.case_id = m.case_id"
	"    WHERE m.group_id = proactive_groups.id),"
	"  counts_dirty = 0;",

	/* (issue 17): cases_received (received_on) is a prefix of
	 * cases_received_key (received_on, number): every query planned
	 * on it plans the same on the longer one (EXPLAIN QUERY PLAN of
	 * every statement reading received_on), and intake writes one
	 * b-tree less. */
	"DROP INDEX IF EXISTS cases_received;",

	/* (issue 17): covered by cases_state_key and applicants_id_number;
	 * every statement the tests prepare plans the same shape without
	 * them (state=?; id_number=?), and intake writes two b-trees less. */
	"DROP INDEX IF EXISTS cases_state_due;"
	"DROP INDEX IF EXISTS applicants_idnum;",

	/* (issue 17): the dashboard's late 补正 count reads these few. */
	"CREATE INDEX IF NOT EXISTS events_late_corr ON events (case_id)"
	" WHERE action = 'request-correction'"
	" AND json_extract(payload, '$.late_correction') = 1;",

	/* (issue 17): applicant classes per group (store/schema_px.h). */
	MIGRATION_PX_CLASSES,

	/* (issue 17): the case list filtered by channel, by year or by
	 * both walks only those cases, in due order (store_web.c): a rare
	 * filter combination walked every case due from the year on. */
	"CREATE INDEX IF NOT EXISTS cases_channel_key ON cases"
	"  (channel, coalesce(due, '9999-12-31'), number);"
	"CREATE INDEX IF NOT EXISTS cases_year_key ON cases"
	"  (year, coalesce(due, '9999-12-31'), number);"
	"CREATE INDEX IF NOT EXISTS cases_channel_year_key ON cases"
	"  (channel, year, coalesce(due, '9999-12-31'), number);",

	/* (issue 17): letters composed in a write but typeset after its
	 * commit (ops/letter_pending.c): the 登记回执 of an intake keeps
	 * here its identity (case, kind, version, created_by, created_at)
	 * and its content (the composed document and faces, util/doc.c
	 * doc_pack) fixed at intake, until the renderer stores the PDF in
	 * letters under the same identity and deletes the row.  A render
	 * that failed is retried from next_try on (attempts, last_error
	 * say why, on /admin).  letters stays as it was: its pdf, sha256
	 * and size are NOT NULL. */
	"CREATE TABLE letters_pending ("
	"  case_id TEXT NOT NULL REFERENCES cases (id),"
	"  kind TEXT NOT NULL,"
	"  version INTEGER NOT NULL,"
	"  doc_number TEXT NOT NULL DEFAULT '',"
	"  outcome TEXT,"
	"  content BLOB NOT NULL,"
	"  created_by TEXT NOT NULL,"
	"  created_at TEXT NOT NULL,"
	"  attempts INTEGER NOT NULL DEFAULT 0,"
	"  last_error TEXT NOT NULL DEFAULT '',"
	"  next_try TEXT NOT NULL DEFAULT '',"
	"  PRIMARY KEY (case_id, kind, version)"
	") STRICT, WITHOUT ROWID;",

	/* (issue 17): one- and two-character search through an FTS5
	 * index instead of the table case_grams.  That table's entries
	 * are keyed by gram first, so an intake wrote one b-tree page per
	 * distinct gram of its texts (about 50 of the about 100 WAL pages
	 * an intake wrote at 100,000 cases); FTS5 writes each transaction's
	 * entries as one small segment and merges later.  Contentless
	 * (content=''), neither positions nor sizes kept (detail=none,
	 * columnsize=0): a query needs the cases only, numbered by rowid = year * 10000000 + seq as
	 * before.  Each gram is a hex token (GRAMSTR) for the built-in
	 * "ascii" tokenizer, so that SQL triggers keep it from any
	 * connection, the sqlite3 shell included; a contentless table
	 * forgets a case by the 'delete' command given the old texts,
	 * which the triggers compute from the OLD row. */
	"DROP TRIGGER IF EXISTS case_grams_insert;"
	"DROP TRIGGER IF EXISTS case_grams_update;"
	"DROP TRIGGER IF EXISTS case_grams_delete;"
	"DROP TRIGGER IF EXISTS case_grams_applicant;"
	"DROP TABLE IF EXISTS case_grams;"
	"CREATE VIRTUAL TABLE case_gram_fts USING fts5 (g, content = '',"
	"  detail = none, columnsize = 0, tokenize = 'ascii');"
	"INSERT INTO case_gram_fts (rowid, g) SELECT " C_K ", "
	GRAMSTR("c.request", "c.doc_number", "a.name") " FROM cases c"
	" LEFT JOIN applicants a ON a.id = c.applicant_id ORDER BY 1;"
	/* One segment: else the merge the fill left going goes on a few
	 * dozen pages at every later write (intake). */
	"INSERT INTO case_gram_fts (case_gram_fts) VALUES ('optimize');"
	"CREATE TRIGGER case_gram_fts_insert AFTER INSERT ON cases BEGIN"
	"  INSERT INTO case_gram_fts (rowid, g) VALUES"
	"  (NEW.year * 10000000 + NEW.seq, " CASE_GRAMSTR("NEW") ");  END;"
	"CREATE TRIGGER case_gram_fts_update AFTER UPDATE OF request,"
	"  doc_number, applicant_id ON cases BEGIN"
	"  INSERT INTO case_gram_fts (case_gram_fts, rowid, g) VALUES"
	"  ('delete', OLD.year * 10000000 + OLD.seq, " CASE_GRAMSTR("OLD") ");"
	"  INSERT INTO case_gram_fts (rowid, g) VALUES"
	"  (NEW.year * 10000000 + NEW.seq, " CASE_GRAMSTR("NEW") ");  END;"
	"CREATE TRIGGER case_gram_fts_delete AFTER DELETE ON cases BEGIN"
	"  INSERT INTO case_gram_fts (case_gram_fts, rowid, g) VALUES"
	"  ('delete', OLD.year * 10000000 + OLD.seq, " CASE_GRAMSTR("OLD") ");"
	"  END;"
	"CREATE TRIGGER case_gram_fts_applicant AFTER UPDATE OF name"
	"  ON applicants WHEN OLD.name IS NOT NEW.name BEGIN"
	"  INSERT INTO case_gram_fts (case_gram_fts, rowid, g) SELECT"
	"  'delete', " C_K ", " GRAMSTR("c.request", "c.doc_number", "OLD.name")
	"  FROM cases c WHERE c.applicant_id = NEW.id;"
	"  INSERT INTO case_gram_fts (rowid, g) SELECT " C_K ", "
	GRAMSTR("c.request", "c.doc_number", "NEW.name")
	"  FROM cases c WHERE c.applicant_id = NEW.id;  END;",

	/* (issue 17): the triggers keeping case_fts find the case's row
	 * through the index (FTS_ROW) instead of reading every row, a case
	 * with a number under three characters (none is made so) by
	 * reading them as before; an applicant's new name reaches the
	 * rows of the applicant's cases, as it does case_gram_fts. */
	"DROP TRIGGER IF EXISTS cases_fts_update;"
	"DROP TRIGGER IF EXISTS cases_fts_delete;"
	"CREATE TRIGGER cases_fts_update AFTER UPDATE OF number, request,"
	"  doc_number, applicant_id ON cases WHEN length(OLD.number) >= 3"
	"  BEGIN UPDATE case_fts SET number = NEW.number,"
	"    applicant = (SELECT name FROM applicants"
	"    WHERE id = NEW.applicant_id), request = NEW.request,"
	"    doc_number = NEW.doc_number WHERE rowid IN (" FTS_ROW("OLD") ");"
	"  END;"
	"CREATE TRIGGER cases_fts_update_short AFTER UPDATE OF number,"
	"  request, doc_number, applicant_id ON cases"
	"  WHEN length(OLD.number) < 3 BEGIN"
	"  UPDATE case_fts SET number = NEW.number, applicant = (SELECT name"
	"    FROM applicants WHERE id = NEW.applicant_id),"
	"    request = NEW.request, doc_number = NEW.doc_number"
	"    WHERE case_id = OLD.id;"
	"  END;"
	"CREATE TRIGGER cases_fts_delete AFTER DELETE ON cases"
	"  WHEN length(OLD.number) >= 3 BEGIN"
	"  DELETE FROM case_fts WHERE rowid IN (" FTS_ROW("OLD") ");"
	"  END;"
	"CREATE TRIGGER cases_fts_delete_short AFTER DELETE ON cases"
	"  WHEN length(OLD.number) < 3 BEGIN"
	"  DELETE FROM case_fts WHERE case_id = OLD.id;"
	"  END;"
	"CREATE TRIGGER cases_fts_applicant AFTER UPDATE OF name"
	"  ON applicants WHEN OLD.name IS NOT NEW.name BEGIN"
	"  UPDATE case_fts SET applicant = NEW.name WHERE rowid IN"
	"  (SELECT f.rowid FROM cases c JOIN case_fts f"
	"  ON f.case_fts MATCH ('number : \"' || replace(c.number, '\"',"
	"  '\"\"') || '\"') AND f.case_id = c.id"
	"  WHERE c.applicant_id = NEW.id);"
	"  END;",

	/* (issue 17): the oldest members' texts in their index
	 * (store/schema_px.h). */
	MIGRATION_PX_HEAD_TEXTS,

	/* (issue 17 item 5): a new case's rows in the two search indexes
	 * are written once per transaction, not once per case.  FTS5
	 * writes its pending rows out as a new segment (and merges) at
	 * every savepoint's release, so a batch of the server's writer (one
	 * transaction, a savepoint per intake) wrote two segments per
	 * intake, most of its ~150-200 WAL pages.  The insert trigger now
	 * only queues the case (fts_queue: its cases rowid); the store
	 * writes the queued cases' rows from their current values once,
	 * before the outermost commit, and empties the queue
	 * (store/store_ftsq.c), so that after every commit the queue is
	 * empty.  The update, delete and rename triggers skip a queued
	 * case (FTS_QUEUED): it has no rows yet, and the flush takes its
	 * final values; a queued case deleted is skipped by the flush.  A
	 * row left by another writer (the sqlite3 shell) is flushed by the
	 * next store_open() or commit. */
	"CREATE TABLE fts_queue (case_rowid INTEGER PRIMARY KEY) STRICT;"
	"DROP TRIGGER IF EXISTS case_gram_fts_update;"
	"DROP TRIGGER IF EXISTS case_gram_fts_delete;"
	"DROP TRIGGER IF EXISTS case_gram_fts_applicant;"
	"CREATE TRIGGER case_gram_fts_update AFTER UPDATE OF request,"
	"  doc_number, applicant_id ON cases WHEN NOT " FTS_QUEUED("OLD")
	"  BEGIN"
	"  INSERT INTO case_gram_fts (case_gram_fts, rowid, g) VALUES"
	"  ('delete', OLD.year * 10000000 + OLD.seq, " CASE_GRAMSTR("OLD") ");"
	"  INSERT INTO case_gram_fts (rowid, g) VALUES"
	"  (NEW.year * 10000000 + NEW.seq, " CASE_GRAMSTR("NEW") ");  END;"
	"CREATE TRIGGER case_gram_fts_delete AFTER DELETE ON cases"
	"  WHEN NOT " FTS_QUEUED("OLD") " BEGIN"
	"  INSERT INTO case_gram_fts (case_gram_fts, rowid, g) VALUES"
	"  ('delete', OLD.year * 10000000 + OLD.seq, " CASE_GRAMSTR("OLD") ");"
	"  END;"
	"CREATE TRIGGER case_gram_fts_applicant AFTER UPDATE OF name"
	"  ON applicants WHEN OLD.name IS NOT NEW.name BEGIN"
	"  INSERT INTO case_gram_fts (case_gram_fts, rowid, g) SELECT"
	"  'delete', " C_K ", " GRAMSTR("c.request", "c.doc_number", "OLD.name")
	"  FROM cases c WHERE c.applicant_id = NEW.id"
	"  AND NOT " FTS_QUEUED("c") ";"
	"  INSERT INTO case_gram_fts (rowid, g) SELECT " C_K ", "
	GRAMSTR("c.request", "c.doc_number", "NEW.name")
	"  FROM cases c WHERE c.applicant_id = NEW.id"
	"  AND NOT " FTS_QUEUED("c") ";  END;",

	/* (issue 17 item 5, continued): the insert trigger queues the
	 * case instead of writing its rows; the case_fts triggers skip
	 * a queued case (two migrations: one string each, of at most
	 * 4,095 characters). */
	"DROP TRIGGER IF EXISTS cases_fts_insert;"
	"DROP TRIGGER IF EXISTS case_gram_fts_insert;"
	"DROP TRIGGER IF EXISTS cases_fts_update;"
	"DROP TRIGGER IF EXISTS cases_fts_update_short;"
	"DROP TRIGGER IF EXISTS cases_fts_delete;"
	"DROP TRIGGER IF EXISTS cases_fts_delete_short;"
	"DROP TRIGGER IF EXISTS cases_fts_applicant;"
	/* OR IGNORE: a case deleted while queued left its rowid, which the
	 * next case inserted can be given; the row queues that case. */
	"CREATE TRIGGER cases_fts_queue AFTER INSERT ON cases BEGIN"
	"  INSERT OR IGNORE INTO fts_queue (case_rowid) VALUES (NEW.rowid);"
	"  END;"
	"CREATE TRIGGER cases_fts_update AFTER UPDATE OF number, request,"
	"  doc_number, applicant_id ON cases WHEN length(OLD.number) >= 3"
	"  AND NOT " FTS_QUEUED("OLD") " BEGIN"
	"  UPDATE case_fts SET number = NEW.number,"
	"    applicant = (SELECT name FROM applicants"
	"    WHERE id = NEW.applicant_id), request = NEW.request,"
	"    doc_number = NEW.doc_number WHERE rowid IN (" FTS_ROW("OLD") ");"
	"  END;"
	"CREATE TRIGGER cases_fts_update_short AFTER UPDATE OF number,"
	"  request, doc_number, applicant_id ON cases"
	"  WHEN length(OLD.number) < 3 AND NOT " FTS_QUEUED("OLD") " BEGIN"
	"  UPDATE case_fts SET number = NEW.number, applicant = (SELECT name"
	"    FROM applicants WHERE id = NEW.applicant_id),"
	"    request = NEW.request, doc_number = NEW.doc_number"
	"    WHERE case_id = OLD.id;"
	"  END;"
	"CREATE TRIGGER cases_fts_delete AFTER DELETE ON cases"
	"  WHEN length(OLD.number) >= 3 AND NOT " FTS_QUEUED("OLD") " BEGIN"
	"  DELETE FROM case_fts WHERE rowid IN (" FTS_ROW("OLD") ");"
	"  END;"
	"CREATE TRIGGER cases_fts_delete_short AFTER DELETE ON cases"
	"  WHEN length(OLD.number) < 3 AND NOT " FTS_QUEUED("OLD") " BEGIN"
	"  DELETE FROM case_fts WHERE case_id = OLD.id;"
	"  END;"
	"CREATE TRIGGER cases_fts_applicant AFTER UPDATE OF name"
	"  ON applicants WHEN OLD.name IS NOT NEW.name BEGIN"
	"  UPDATE case_fts SET applicant = NEW.name WHERE rowid IN"
	"  (SELECT f.rowid FROM cases c JOIN case_fts f"
	"  ON f.case_fts MATCH ('number : \"' || replace(c.number, '\"',"
	"  '\"\"') || '\"') AND f.case_id = c.id"
	"  WHERE c.applicant_id = NEW.id AND NOT " FTS_QUEUED("c") ");"
	"  END;",

	/* (issue 17 item 5): case_fts reads its text from cases (external
	 * content, through the view case_fts_src) instead of keeping a
	 * copy of every request, number, name and 文号: a row fewer to
	 * write per intake, the copy's pages out of the file.  Its rowid is
	 * now the case's rowid, so the triggers name the row directly
	 * instead of finding it through the number (FTS_ROW); as with
	 * case_gram_fts, a row is taken out with the values it was indexed
	 * with ('delete'), the old ones.  The index is rebuilt from cases
	 * (~4 us a case), less the cases still queued, which the flush
	 * writes (store/store_ftsq.c). */
	"DROP TRIGGER IF EXISTS cases_fts_update;"
	"DROP TRIGGER IF EXISTS cases_fts_update_short;"
	"DROP TRIGGER IF EXISTS cases_fts_delete;"
	"DROP TRIGGER IF EXISTS cases_fts_delete_short;"
	"DROP TRIGGER IF EXISTS cases_fts_applicant;"
	"DROP TABLE IF EXISTS case_fts_vocab;"
	"DROP TABLE case_fts;"
	"CREATE VIEW case_fts_src (k, case_id, number, applicant, request,"
	"  doc_number) AS SELECT c.rowid, c.id, c.number, a.name, c.request,"
	"  c.doc_number FROM cases c LEFT JOIN applicants a"
	"  ON a.id = c.applicant_id;"
	"CREATE VIRTUAL TABLE case_fts USING fts5 (case_id UNINDEXED,"
	"  number, applicant, request, doc_number, tokenize = 'trigram',"
	"  content = 'case_fts_src', content_rowid = 'k');"
	"INSERT INTO case_fts (case_fts) VALUES ('rebuild');"
	"INSERT INTO case_fts (case_fts, rowid, " FTS_COLS ") SELECT"
	"  'delete', s.k, s.case_id, s.number, s.applicant, s.request,"
	"  s.doc_number FROM fts_queue q JOIN case_fts_src s"
	"  ON s.k = q.case_rowid;"
	"CREATE VIRTUAL TABLE case_fts_vocab USING fts5vocab (case_fts,"
	"  'col');"
	"CREATE TRIGGER cases_fts_update AFTER UPDATE OF number, request,"
	"  doc_number, applicant_id ON cases WHEN NOT " FTS_QUEUED("OLD")
	"  BEGIN"
	"  INSERT INTO case_fts (case_fts, rowid, " FTS_COLS ") VALUES"
	"  ('delete', OLD.rowid, " CASE_FTS_VALS("OLD") ");"
	"  INSERT INTO case_fts (rowid, " FTS_COLS ") VALUES"
	"  (NEW.rowid, " CASE_FTS_VALS("NEW") ");  END;"
	"CREATE TRIGGER cases_fts_delete AFTER DELETE ON cases"
	"  WHEN NOT " FTS_QUEUED("OLD") " BEGIN"
	"  INSERT INTO case_fts (case_fts, rowid, " FTS_COLS ") VALUES"
	"  ('delete', OLD.rowid, " CASE_FTS_VALS("OLD") ");  END;"
	"CREATE TRIGGER cases_fts_applicant AFTER UPDATE OF name"
	"  ON applicants WHEN OLD.name IS NOT NEW.name BEGIN"
	"  INSERT INTO case_fts (case_fts, rowid, " FTS_COLS ") SELECT"
	"  'delete', c.rowid, c.id, c.number, OLD.name, c.request,"
	"  c.doc_number FROM cases c WHERE c.applicant_id = NEW.id"
	"  AND NOT " FTS_QUEUED("c") ";"
	"  INSERT INTO case_fts (rowid, " FTS_COLS ") SELECT c.rowid, c.id,"
	"  c.number, NEW.name, c.request, c.doc_number FROM cases c"
	"  WHERE c.applicant_id = NEW.id AND NOT " FTS_QUEUED("c") ";  END;",

	/* (issue 17): each member's identity keys in the index that lists
	 * a group's members, for the recount (store/schema_px.h). */
	MIGRATION_PX_MEMBER_KEYS,

	/* (issue 17): the renderer's batch of due letters, oldest first
	 * (store/store_lpending.c), through an index in that order instead
	 * of a scan of every pending row with its content: 100-170 ms per
	 * batch of 32 with 30,000 receipts waiting after an intake burst
	 * at 1,000,000 cases; and the dashboard's count of them from the
	 * index alone. */
	"CREATE INDEX letters_pending_due ON letters_pending"
	"  (created_at, next_try, attempts);",

	/* (issue 17): a case's approval requests, newest first, through an
	 * index (store/store_signoff.c: approval_latest, the list on the
	 * case page) instead of every pending or approved request sorted
	 * in a temporary b-tree: 4% of a case page's time with none at
	 * all, and growing with every request ever made. */
	"CREATE INDEX approvals_case ON approvals (case_id, id);",
