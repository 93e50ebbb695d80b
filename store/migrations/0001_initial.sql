-- 0001_initial: citizens, conversations, messages, complaint cases, the event log, the outbox.
-- Times are Unix seconds (INTEGER). Tables are STRICT so a wrong type is an error, not a
-- silent conversion. JSON columns are checked with json_valid so a bad write fails at once
-- instead of when someone reads the row months later.

CREATE TABLE citizens (
  id         INTEGER PRIMARY KEY,
  created_at INTEGER NOT NULL
) STRICT;

-- One row per address a citizen reached us from (a WeChat OpenID, a phone number...).
CREATE TABLE contacts (
  id         INTEGER PRIMARY KEY,
  citizen_id INTEGER NOT NULL REFERENCES citizens(id),
  channel    TEXT NOT NULL,
  address    TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (channel, address)
) STRICT;
CREATE INDEX contacts_by_citizen ON contacts(citizen_id);

-- The dialog snapshot of each conversation: state id + slots, restored on the next message.
CREATE TABLE conversations (
  key              TEXT PRIMARY KEY,
  citizen_id       INTEGER NOT NULL REFERENCES citizens(id),
  state            TEXT NOT NULL,
  slots_json       TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(slots_json)),
  last_activity_at INTEGER NOT NULL,
  version          INTEGER NOT NULL
) STRICT;
CREATE INDEX conversations_by_citizen ON conversations(citizen_id);

-- Also the dedupe table: a platform retry hits UNIQUE(channel, platform_id) and finds the
-- answer the first delivery got. platform_id is NULL for channels without message ids (NULLs
-- never collide in a UNIQUE constraint, so such messages are never taken for retries).
CREATE TABLE inbound_messages (
  id          INTEGER PRIMARY KEY,
  channel     TEXT NOT NULL,
  platform_id TEXT,
  citizen_id  INTEGER NOT NULL REFERENCES citizens(id),
  kind        TEXT NOT NULL,
  text        TEXT NOT NULL DEFAULT '',
  media_id    TEXT NOT NULL DEFAULT '',
  media_url   TEXT NOT NULL DEFAULT '',
  sent_at     INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  answer_mode TEXT NOT NULL DEFAULT 'pending'
              CHECK (answer_mode IN ('pending', 'passive', 'async', 'none')),
  answer_json TEXT NOT NULL DEFAULT '[]'
              CHECK (json_valid(answer_json) AND json_type(answer_json) = 'array'),
  UNIQUE (channel, platform_id)
) STRICT;
CREATE INDEX inbound_messages_by_citizen ON inbound_messages(citizen_id, received_at);

CREATE TABLE outbound_messages (
  id          INTEGER PRIMARY KEY,
  channel     TEXT NOT NULL,
  citizen_id  INTEGER REFERENCES citizens(id),  -- NULL: not to a citizen (staff notices)
  recipient   TEXT NOT NULL,
  text        TEXT NOT NULL,
  via         TEXT NOT NULL,
  in_reply_to INTEGER REFERENCES inbound_messages(id),
  at          INTEGER NOT NULL
) STRICT;
CREATE INDEX outbound_messages_by_citizen ON outbound_messages(citizen_id, at);

-- Cases of every kind; `kind` says whose rules apply. form_json is the source of truth for
-- the form; respondent_unit_id and ground are copies kept as columns for queries.
CREATE TABLE cases (
  id                 INTEGER PRIMARY KEY,
  case_no            TEXT NOT NULL UNIQUE,
  kind               TEXT NOT NULL DEFAULT 'complaint',
  status             TEXT NOT NULL,
  citizen_id         INTEGER NOT NULL REFERENCES citizens(id),
  channel            TEXT NOT NULL,
  respondent_unit_id TEXT NOT NULL,
  receiving_unit_id  TEXT NOT NULL,
  ground             INTEGER CHECK (ground IS NULL OR ground BETWEEN 1 AND 8),
  form_json          TEXT NOT NULL CHECK (json_valid(form_json)),
  received_at        INTEGER NOT NULL,
  registered_at      INTEGER
) STRICT;
CREATE INDEX cases_by_citizen ON cases(citizen_id, received_at);

-- Case number sequences, one per (prefix, year of receipt). Incremented inside the
-- transaction that inserts the case, so a rolled-back registration leaves no gap.
CREATE TABLE case_counters (
  prefix   TEXT NOT NULL,
  year     INTEGER NOT NULL,
  last_seq INTEGER NOT NULL CHECK (last_seq >= 0),
  PRIMARY KEY (prefix, year)
) STRICT, WITHOUT ROWID;

-- Append-only: the triggers below make UPDATE and DELETE fail, so the record of who did what
-- cannot be rewritten by a bug or a careless query (only by dropping the triggers).
CREATE TABLE events (
  id           INTEGER PRIMARY KEY,
  case_id      INTEGER REFERENCES cases(id),
  kind         TEXT NOT NULL,
  actor        TEXT NOT NULL,
  at           INTEGER NOT NULL,
  payload_json TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(payload_json))
) STRICT;
CREATE INDEX events_by_case ON events(case_id, id);

CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN
  SELECT RAISE(ABORT, 'events are append-only: UPDATE is not allowed');
END;

CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN
  SELECT RAISE(ABORT, 'events are append-only: DELETE is not allowed');
END;

-- Durable sends. lease_until is set while a sender holds the row ('sending'); a lease that
-- runs out means the sender died, and the row is claimed again.
CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY,
  channel         TEXT NOT NULL,
  recipient       TEXT NOT NULL,
  text            TEXT NOT NULL,
  idempotency_key TEXT NOT NULL UNIQUE CHECK (idempotency_key <> ''),
  citizen_id      INTEGER REFERENCES citizens(id),
  case_id         INTEGER REFERENCES cases(id),
  status          TEXT NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'sending', 'sent', 'dead')),
  attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at INTEGER NOT NULL,
  lease_until     INTEGER,
  last_error      TEXT NOT NULL DEFAULT '',
  provider_id     TEXT NOT NULL DEFAULT '',
  created_at      INTEGER NOT NULL,
  sent_at         INTEGER
) STRICT;
-- claimDue and nextDueAt filter on status and order by next_attempt_at (PERF-NOTES: the
-- composite index, not one on the time alone).
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
