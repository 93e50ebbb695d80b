-- Issue 5: SMS, email and hotline intake.

-- An outgoing email's threading headers (subject, message_id, in_reply_to, references); '{}'
-- for every other channel.
ALTER TABLE outbox ADD COLUMN headers_json TEXT NOT NULL DEFAULT '{}'
  CHECK (json_valid(headers_json));

-- Delivery reports of SMS gateways (Twilio status callbacks, Aliyun SmsReport, Tencent status),
-- one row per provider message id. Callbacks arrive out of order: the bot only moves a row
-- forward (channels/sms/SmsDelivery.hpp says what forward is).
CREATE TABLE delivery_reports (
  provider_id TEXT PRIMARY KEY,
  channel     TEXT NOT NULL,
  status      TEXT NOT NULL,
  error_code  TEXT NOT NULL DEFAULT '',
  updated_at  INTEGER NOT NULL
) STRICT;

-- Message-IDs that belong to a citizen and (once there is one) a case: ours, written into each
-- outgoing mail, and the citizen's own. A reply naming one in In-Reply-To/References joins it.
CREATE TABLE mail_threads (
  message_id TEXT PRIMARY KEY,
  citizen_id INTEGER NOT NULL REFERENCES citizens(id),
  case_id    INTEGER REFERENCES cases(id),
  direction  TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  at         INTEGER NOT NULL
) STRICT;
CREATE INDEX mail_threads_by_citizen ON mail_threads(citizen_id);

-- Files that came with a message (email attachments), kept as evidence.
CREATE TABLE attachments (
  id                 INTEGER PRIMARY KEY,
  inbound_message_id INTEGER NOT NULL REFERENCES inbound_messages(id),
  filename           TEXT NOT NULL,
  content_type       TEXT NOT NULL,
  size               INTEGER NOT NULL CHECK (size >= 0),
  sha256             TEXT NOT NULL,
  data               BLOB NOT NULL
) STRICT;
CREATE INDEX attachments_by_message ON attachments(inbound_message_id);

-- One row per hotline call (idempotent on call_id: the same call twice gets the stored
-- answer). outcome 'callback' is a call-back task for the operator: `missing` lists what the
-- caller still has to give.
CREATE TABLE hotline_calls (
  call_id         TEXT PRIMARY KEY CHECK (call_id <> ''),
  caller          TEXT NOT NULL,
  operator        TEXT NOT NULL,
  started_at      INTEGER NOT NULL,
  ended_at        INTEGER NOT NULL,
  transcript_json TEXT NOT NULL CHECK (json_valid(transcript_json)),
  outcome         TEXT NOT NULL CHECK (outcome IN ('registered', 'callback')),
  case_id         INTEGER REFERENCES cases(id),
  missing_json    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(missing_json)),
  task_status     TEXT NOT NULL DEFAULT 'none'
                  CHECK (task_status IN ('none', 'open', 'done')),
  response_json   TEXT NOT NULL CHECK (json_valid(response_json)),
  received_at     INTEGER NOT NULL
) STRICT;
CREATE INDEX hotline_calls_open_tasks ON hotline_calls(task_status, received_at);
