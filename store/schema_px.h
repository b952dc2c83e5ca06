/* SPDX-License-Identifier: ISC */
/*
 * The texts of two migrations of store/schema.c (issue 17), kept here
 * because schema.c is near the 1,000-line limit of scripts/depcheck.sh.
 * Only schema.c includes it; an applied migration is never edited.
 */
#ifndef STORE_SCHEMA_PX_H
#define STORE_SCHEMA_PX_H

/*
 * (issue 17): the applicant classes of each Art. 44 group, so that a
 * new member updates the group's counts in O(log n) instead of a
 * recount of the group (store/store_pxcount.c).  px_class_keys maps
 * each key of a group's members to the member's class: 'i' + ID key,
 * 'n' + name|phone key (once a member without an ID number has it:
 * then the whole bucket is one class), 'm' + name key (members with
 * neither), and 'q' + name|phone key + US + ID key (class 0, read
 * while no 'n' row exists).  px_classes holds each class with the
 * latest receipt of its members, for the trigger's window count.  A
 * group's rows are exact while classes_ok = 1 and counts_dirty = 0;
 * the recount of a dirty group rebuilds them, so existing groups get
 * theirs on their next change.  And each member's rank_key (receipt
 * and case number, kept by triggers) in an index per group, so that
 * the oldest members a joining case is compared with are read from the
 * index instead of sorting the whole group.
 */
#define MIGRATION_PX_CLASSES						\
	"CREATE TABLE px_class_keys ("					\
	"  group_id INTEGER NOT NULL,"					\
	"  key TEXT NOT NULL,"						\
	"  cls INTEGER NOT NULL,"					\
	"  PRIMARY KEY (group_id, key)"					\
	") STRICT, WITHOUT ROWID;"					\
	"CREATE INDEX px_class_keys_cls ON px_class_keys (group_id, cls);" \
	"CREATE TABLE px_classes ("					\
	"  group_id INTEGER NOT NULL,"					\
	"  cls INTEGER NOT NULL,"					\
	"  last_day TEXT NOT NULL,"					\
	"  PRIMARY KEY (group_id, cls)"					\
	") STRICT, WITHOUT ROWID;"					\
	"CREATE INDEX px_classes_day ON px_classes (group_id, last_day);" \
	"ALTER TABLE proactive_groups ADD COLUMN classes_ok INTEGER"	\
	"  NOT NULL DEFAULT 0;"						\
	"CREATE TRIGGER px_classes_group_gone AFTER DELETE"		\
	"  ON proactive_groups BEGIN"					\
	"  DELETE FROM px_class_keys WHERE group_id = OLD.id;"		\
	"  DELETE FROM px_classes WHERE group_id = OLD.id; END;"	\
	"ALTER TABLE proactive_members ADD COLUMN rank_key TEXT;"	\
	"UPDATE proactive_members SET rank_key = (SELECT received_on"	\
	"  || ' ' || number FROM cases WHERE id = proactive_members.case_id);" \
	"CREATE INDEX proactive_members_rank"				\
	"  ON proactive_members (group_id, rank_key);"			\
	"CREATE TRIGGER px_members_rank_in AFTER INSERT"		\
	"  ON proactive_members BEGIN UPDATE proactive_members"	\
	"  SET rank_key = (SELECT received_on || ' ' || number FROM cases" \
	"  WHERE id = NEW.case_id) WHERE case_id = NEW.case_id; END;"	\
	"CREATE TRIGGER px_members_rank_case AFTER UPDATE OF received_on,"	\
	"  number ON cases BEGIN UPDATE proactive_members"		\
	"  SET rank_key = NEW.received_on || ' ' || NEW.number"		\
	"  WHERE case_id = NEW.id; END;"

/*
 * (issue 17): the texts a joining case is compared with, in the index
 * that orders a group's members.  group_admits() compares a case with
 * the oldest 200 members of the group; reading their request and 文号
 * from cases was 400 b-tree descents on pages spread over the file
 * (2-6 ms at 1,000,000 cases, most of a grouping).  head_request and
 * head_doc copy cases.request and cases.doc_number, kept by the
 * triggers that keep rank_key (same names, new bodies: they fire on
 * the texts too), and proactive_members_rank covers how and both, so
 * that the oldest members are one range of the index.
 */
#define MIGRATION_PX_HEAD_TEXTS						\
	"ALTER TABLE proactive_members ADD COLUMN head_request TEXT;"	\
	"ALTER TABLE proactive_members ADD COLUMN head_doc TEXT;"	\
	"UPDATE proactive_members SET head_request = c.request,"	\
	"  head_doc = c.doc_number FROM cases c"			\
	"  WHERE c.id = proactive_members.case_id;"			\
	"DROP INDEX proactive_members_rank;"				\
	"CREATE INDEX proactive_members_rank ON proactive_members"	\
	"  (group_id, rank_key, how, head_request, head_doc);"		\
	"DROP TRIGGER px_members_rank_in;"				\
	"CREATE TRIGGER px_members_rank_in AFTER INSERT"		\
	"  ON proactive_members BEGIN UPDATE proactive_members SET"	\
	"  (rank_key, head_request, head_doc) = (SELECT received_on"	\
	"  || ' ' || number, request, doc_number FROM cases"		\
	"  WHERE id = NEW.case_id) WHERE case_id = NEW.case_id; END;"	\
	"DROP TRIGGER px_members_rank_case;"				\
	"CREATE TRIGGER px_members_rank_case AFTER UPDATE OF received_on," \
	"  number, request, doc_number ON cases BEGIN"			\
	"  UPDATE proactive_members SET"				\
	"  rank_key = NEW.received_on || ' ' || NEW.number,"		\
	"  head_request = NEW.request, head_doc = NEW.doc_number"	\
	"  WHERE case_id = NEW.id; END;"

/*
 * (issue 17): the identity keys of each member, beside its rank_key, in
 * the index that lists a group's members.  The recount of a group
 * (store_px_settle) read every member's keys from case_keys and its
 * receipt from cases: three b-tree descents per member on pages spread
 * over the file, 65-190 ms for a group of 9,800 at 1,000,000 cases,
 * under the write lock.  From this index it is one range: ~3 ms.  The
 * keys are kept by triggers on case_keys; rank_key (receipt, space,
 * number) already was.  proactive_members_group (group_id) becomes
 * the covering index, so no index is added.
 */
#define MIGRATION_PX_MEMBER_KEYS					\
	"ALTER TABLE proactive_members ADD COLUMN id_key TEXT;"		\
	"ALTER TABLE proactive_members ADD COLUMN np_key TEXT;"		\
	"ALTER TABLE proactive_members ADD COLUMN name_key TEXT;"	\
	"UPDATE proactive_members SET id_key = k.id_key,"		\
	"  np_key = k.np_key, name_key = k.name_key FROM case_keys k"	\
	"  WHERE k.case_id = proactive_members.case_id;"		\
	"DROP INDEX proactive_members_group;"				\
	"CREATE INDEX proactive_members_group ON proactive_members"	\
	"  (group_id, rank_key, id_key, np_key, name_key);"		\
	"DROP TRIGGER px_members_rank_in;"				\
	"CREATE TRIGGER px_members_rank_in AFTER INSERT"		\
	"  ON proactive_members BEGIN UPDATE proactive_members SET"	\
	"  (rank_key, head_request, head_doc, id_key, np_key, name_key)" \
	"  = (SELECT c.received_on || ' ' || c.number, c.request,"	\
	"  c.doc_number, k.id_key, k.np_key, k.name_key FROM cases c"	\
	"  LEFT JOIN case_keys k ON k.case_id = c.id"			\
	"  WHERE c.id = NEW.case_id) WHERE case_id = NEW.case_id; END;"	\
	"CREATE TRIGGER px_members_keys_in AFTER INSERT ON case_keys"	\
	"  BEGIN UPDATE proactive_members SET id_key = NEW.id_key,"	\
	"  np_key = NEW.np_key, name_key = NEW.name_key"		\
	"  WHERE case_id = NEW.case_id; END;"				\
	"CREATE TRIGGER px_members_keys_set AFTER UPDATE OF id_key, np_key," \
	"  name_key ON case_keys WHEN NEW.id_key IS NOT OLD.id_key"	\
	"  OR NEW.np_key IS NOT OLD.np_key"				\
	"  OR NEW.name_key IS NOT OLD.name_key"				\
	"  BEGIN UPDATE proactive_members SET id_key = NEW.id_key,"	\
	"  np_key = NEW.np_key, name_key = NEW.name_key"		\
	"  WHERE case_id = NEW.case_id; END;"				\
	"CREATE TRIGGER px_members_keys_out AFTER DELETE ON case_keys"	\
	"  BEGIN UPDATE proactive_members SET id_key = NULL,"		\
	"  np_key = NULL, name_key = NULL"				\
	"  WHERE case_id = OLD.case_id; END;"

#endif
