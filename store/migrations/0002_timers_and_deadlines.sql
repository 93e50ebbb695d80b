-- 0002_timers_and_deadlines: persisted deadlines and durable timers (reminders, escalations).
-- The store does not interpret a deadline: body_json holds the whole Deadline as the workflows
-- serialise it; the columns beside it are copies kept only because queries filter on them.

-- due_at is the exclusive end of the period: 24:00 Asia/Shanghai of the due day, so a deadline
-- is overdue from the moment now >= due_at. met_at is set exactly when the deadline is met.
CREATE TABLE deadlines (
  id          INTEGER PRIMARY KEY,
  case_id     INTEGER REFERENCES cases(id),  -- NULL: an obligation not tied to one case
  rule_id     TEXT NOT NULL CHECK (rule_id <> ''),
  due_at      INTEGER NOT NULL,
  provisional INTEGER NOT NULL CHECK (provisional IN (0, 1)),
  status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'met', 'cancelled')),
  body_json   TEXT NOT NULL CHECK (json_valid(body_json) AND json_type(body_json) = 'object'),
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  met_at      INTEGER,
  CHECK ((status = 'met') = (met_at IS NOT NULL))
) STRICT;
-- overdue(): open and due_at <= now, earliest first, one range scan (PERF-NOTES: the composite
-- index, not one on due_at alone).
CREATE INDEX deadlines_due ON deadlines(status, due_at);
-- openForCase(): (case_id, status, due_at) rather than (case_id) alone. With (case_id) alone
-- the planner prefers deadlines_due, which also yields the due_at order, and walks every open
-- deadline of every case. Leading with case_id it still serves the foreign key.
CREATE INDEX deadlines_by_case ON deadlines(case_id, status, due_at);
-- Provisional deadlines (a date computed before the calendar for its year was published) are
-- few and must be found to recompute them when the calendar arrives: index only those. The
-- constant leading columns are there for the planner: with an index on (due_at) alone it
-- picks deadlines_due (status = ?) and filters every open deadline.
CREATE INDEX deadlines_provisional_open ON deadlines(provisional, status, due_at)
  WHERE provisional = 1 AND status = 'open';

-- One row per future firing. The idempotency key names the firing, so a workflow step that is
-- retried schedules nothing twice. Rows are never deleted: fired and cancelled rows are the
-- record of which reminders went out.
CREATE TABLE timers (
  id              INTEGER PRIMARY KEY,
  kind            TEXT NOT NULL CHECK (kind <> ''),
  deadline_id     INTEGER REFERENCES deadlines(id),  -- NULL: a timer about no deadline
  due_at          INTEGER NOT NULL,
  status          TEXT NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'fired', 'cancelled')),
  idempotency_key TEXT NOT NULL UNIQUE CHECK (idempotency_key <> ''),
  payload_json    TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(payload_json)),
  fired_at        INTEGER,
  created_at      INTEGER NOT NULL,
  CHECK ((status = 'fired') = (fired_at IS NOT NULL))
) STRICT;
-- The timer loop's query. Partial: fired and cancelled rows pile up forever but are never
-- looked at by the loop, so they stay out of the index it walks. Entries are ordered by
-- (due_at, rowid), which is exactly the ORDER BY due_at, id of due(): no sort step.
CREATE INDEX timers_pending_due ON timers(due_at) WHERE status = 'pending';
-- cancelForDeadline(): the pending timers of one deadline, without a scan of all timers.
-- Partial, so it cannot serve the foreign key's check on a DELETE of a deadline; deadlines are
-- never deleted (they are met or cancelled).
CREATE INDEX timers_pending_by_deadline ON timers(deadline_id) WHERE status = 'pending';
