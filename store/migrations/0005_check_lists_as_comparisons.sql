-- 0005_check_lists_as_comparisons: every CHECK that lists three or more values is written as
-- OR-ed comparisons. SQLite checks "x IN ('a', 'b', 'c')" on each INSERT and UPDATE by first
-- building an ephemeral b-tree of the list (EXPLAIN shows OpenEphemeral): for the inbound
-- message and the outbox row that the store's writer inserts per message, that cost more than
-- the insert itself (bench/RESULTS.md). The allowed values are the same, so every stored row
-- still satisfies them.
--
-- SQLite's procedure for changing a CHECK constraint without rebuilding the table
-- (https://www.sqlite.org/lang_altertable.html#otheralter): rewrite the table's SQL in
-- sqlite_schema under writable_schema, then change the schema version (here with a DDL
-- statement) so that every connection reads the schema again. The store runs a migration in
-- one transaction: all of it, or none.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
  SET sql = replace(sql, 'CHECK (answer_mode IN (''pending'', ''passive'', ''async'', ''none''))',
                    'CHECK (answer_mode = ''pending'' OR answer_mode = ''passive'' OR answer_mode = ''async'' OR answer_mode = ''none'')')
  WHERE type = 'table' AND name = 'inbound_messages';
UPDATE sqlite_schema
  SET sql = replace(sql, 'CHECK (status IN (''pending'', ''sending'', ''sent'', ''dead''))',
                    'CHECK (status = ''pending'' OR status = ''sending'' OR status = ''sent'' OR status = ''dead'')')
  WHERE type = 'table' AND name = 'outbox';
UPDATE sqlite_schema
  SET sql = replace(sql, 'CHECK (status IN (''open'', ''met'', ''cancelled''))',
                    'CHECK (status = ''open'' OR status = ''met'' OR status = ''cancelled'')')
  WHERE type = 'table' AND name = 'deadlines';
UPDATE sqlite_schema
  SET sql = replace(sql, 'CHECK (status IN (''pending'', ''fired'', ''cancelled''))',
                    'CHECK (status = ''pending'' OR status = ''fired'' OR status = ''cancelled'')')
  WHERE type = 'table' AND name = 'timers';
UPDATE sqlite_schema
  SET sql = replace(sql, 'CHECK (status IN (''open'', ''answered'', ''cancelled''))',
                    'CHECK (status = ''open'' OR status = ''answered'' OR status = ''cancelled'')')
  WHERE type = 'table' AND name = 'investigation_tasks';
UPDATE sqlite_schema
  SET sql = replace(sql, 'CHECK (task_status IN (''none'', ''open'', ''done''))',
                    'CHECK (task_status = ''none'' OR task_status = ''open'' OR task_status = ''done'')')
  WHERE type = 'table' AND name = 'hotline_calls';
UPDATE sqlite_schema
  SET sql = replace(sql, 'CHECK (role IN (''handler'', ''unit_head'', ''leader'',
                                           ''receiving_department'', ''leading_group_office'',
                                           ''admin''))',
                    'CHECK (role = ''handler'' OR role = ''unit_head'' OR role = ''leader'' OR role = ''receiving_department'' OR role = ''leading_group_office'' OR role = ''admin'')')
  WHERE type = 'table' AND name = 'staff_members';
PRAGMA writable_schema = RESET;

-- Each of the seven was found and rewritten, or the migration fails here and rolls back.
CREATE TEMP TABLE migration_0005_rewritten (tables INTEGER NOT NULL CHECK (tables = 7));
INSERT INTO migration_0005_rewritten SELECT
  (SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'inbound_messages'
     AND instr(sql, 'CHECK (answer_mode = ''pending'' OR answer_mode = ''passive'' OR answer_mode = ''async'' OR answer_mode = ''none'')') > 0) +
  (SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'outbox'
     AND instr(sql, 'CHECK (status = ''pending'' OR status = ''sending'' OR status = ''sent'' OR status = ''dead'')') > 0) +
  (SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'deadlines'
     AND instr(sql, 'CHECK (status = ''open'' OR status = ''met'' OR status = ''cancelled'')') > 0) +
  (SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'timers'
     AND instr(sql, 'CHECK (status = ''pending'' OR status = ''fired'' OR status = ''cancelled'')') > 0) +
  (SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'investigation_tasks'
     AND instr(sql, 'CHECK (status = ''open'' OR status = ''answered'' OR status = ''cancelled'')') > 0) +
  (SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'hotline_calls'
     AND instr(sql, 'CHECK (task_status = ''none'' OR task_status = ''open'' OR task_status = ''done'')') > 0) +
  (SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'staff_members'
     AND instr(sql, 'CHECK (role = ''handler'' OR role = ''unit_head'' OR role = ''leader'' OR role = ''receiving_department'' OR role = ''leading_group_office'' OR role = ''admin'')') > 0);
DROP TABLE migration_0005_rewritten;

-- The schema version changes with any DDL: other connections then re-read the schema.
CREATE TABLE migration_0005_schema_changed (x INTEGER);
DROP TABLE migration_0005_schema_changed;
