-- 0003_staff_and_case_workflow: the complaint case workflow (issue 4) and the staff API.
-- Cases get the workflow's own state, a link to the case they came from (a transfer, a split)
-- and a time of last change; staff members, investigation tasks sent to units, and the log of
-- every read of a complainant's identity are new.

-- SQLite (3.37+) checks a CHECK of an added column against the existing rows, and a NOT NULL
-- column needs a default: every existing case gets '{}', which passes json_valid. STRICT
-- tables keep their type checking for added columns. A REFERENCES column added while foreign
-- keys are on must default to NULL, which parent_case_id does (no default).
-- workflow_json: the workflow's state of the case (what the store does not interpret), a JSON
-- object written and read by workflows/.
ALTER TABLE cases ADD COLUMN workflow_json TEXT NOT NULL DEFAULT '{}'
  CHECK (json_valid(workflow_json) AND json_type(workflow_json) = 'object');
-- The case this one was split from or transferred out of; NULL for an original case.
ALTER TABLE cases ADD COLUMN parent_case_id INTEGER REFERENCES cases(id)
  CHECK (parent_case_id IS NULL OR parent_case_id <> id);
-- Unix seconds of the last workflow change (Cases::update); NULL until the first one.
ALTER TABLE cases ADD COLUMN updated_at INTEGER;

-- A unit's case list (Cases::forUnit): the cases it receives and the cases against it.
-- Two indexes, so the OR of the two conditions is answered by two index lookups.
CREATE INDEX cases_by_receiving_unit ON cases(receiving_unit_id, status);
CREATE INDEX cases_by_respondent_unit ON cases(respondent_unit_id, status);
-- The children of a case; also serves the foreign key's check when a case would be deleted.
CREATE INDEX cases_by_parent ON cases(parent_case_id);

-- Staff who use the staff API. The store never sees a token, only its hash (the bot hashes
-- with SHA-256); a disabled member keeps the row, so the records naming them still resolve.
CREATE TABLE staff_members (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL CHECK (name <> ''),
  role       TEXT NOT NULL CHECK (role IN ('handler', 'unit_head', 'leader',
                                           'receiving_department', 'leading_group_office',
                                           'admin')),
  unit_id    TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE CHECK (token_hash <> ''),
  created_at INTEGER NOT NULL,
  disabled   INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1))
) STRICT;

-- A request for facts sent to a unit while a case is investigated, and the unit's answer.
-- answered_at is set exactly when the task is answered, and an answered task has an answer.
CREATE TABLE investigation_tasks (
  id          INTEGER PRIMARY KEY,
  case_id     INTEGER NOT NULL REFERENCES cases(id),
  unit_id     TEXT NOT NULL CHECK (unit_id <> ''),
  request     TEXT NOT NULL,
  due_at      INTEGER NOT NULL,
  status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered', 'cancelled')),
  answer      TEXT,
  created_at  INTEGER NOT NULL,
  answered_at INTEGER,
  CHECK ((status = 'answered') = (answered_at IS NOT NULL)),
  CHECK (status <> 'answered' OR answer IS NOT NULL)
) STRICT;
-- A unit's open tasks, earliest due first (InvestigationTasks::openForUnit).
CREATE INDEX investigation_tasks_by_unit ON investigation_tasks(unit_id, status, due_at);
-- The tasks of a case; leading with case_id it also serves the foreign key.
CREATE INDEX investigation_tasks_by_case ON investigation_tasks(case_id);

-- RULES.md §1 Art. 14: every read of a complainant's identity is logged. Append-only, like
-- events: the triggers below make UPDATE and DELETE fail. staff_id is NULL when the reader is
-- not a staff member (the system, an export); actor names the reader either way.
CREATE TABLE identity_reads (
  id       INTEGER PRIMARY KEY,
  staff_id INTEGER REFERENCES staff_members(id),
  actor    TEXT NOT NULL CHECK (actor <> ''),
  case_id  INTEGER NOT NULL REFERENCES cases(id),
  purpose  TEXT NOT NULL CHECK (purpose <> ''),
  at       INTEGER NOT NULL
) STRICT;
CREATE INDEX identity_reads_by_case ON identity_reads(case_id, id);
CREATE INDEX identity_reads_by_staff ON identity_reads(staff_id);

CREATE TRIGGER identity_reads_no_update BEFORE UPDATE ON identity_reads
BEGIN
  SELECT RAISE(ABORT, 'identity_reads are append-only: UPDATE is not allowed');
END;

CREATE TRIGGER identity_reads_no_delete BEFORE DELETE ON identity_reads
BEGIN
  SELECT RAISE(ABORT, 'identity_reads are append-only: DELETE is not allowed');
END;
