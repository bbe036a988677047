-- Mail to each person (個別メール, issue 19). A mailing is what was prepared (purpose, template,
-- filter), by whom, and who approved it; the outbox holds one row per recipient with its state,
-- so that a mailing interrupted at any point resumes without sending anyone twice. The people
-- left out are kept with their reason, for the approver to see.
CREATE TABLE mailing (
    id          INTEGER PRIMARY KEY,
    event_id    INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    purpose     TEXT NOT NULL,
    template    TEXT NOT NULL CHECK (template IN ('ticket', 'online', 'reminder', 'thanks')),
    filter      TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    approved_by TEXT,
    approved_at TEXT,
    CHECK ((approved_by IS NULL) = (approved_at IS NULL))
) STRICT;

-- The attendee is named by number without a foreign key: a merge or an erasure of the person
-- later must not be refused because of a mail once sent; the address is the one it went to.
-- 'sending' marks the message whose conversation with the server had begun: after a kill it is
-- never sent again on its own (it may have arrived), but shown as failed and retried on request.
CREATE TABLE outbox (
    id           INTEGER PRIMARY KEY,
    mailing_id   INTEGER NOT NULL REFERENCES mailing (id) ON DELETE CASCADE,
    attendee_id  INTEGER NOT NULL,
    address      TEXT NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('waiting', 'sending', 'sent', 'failed')),
    answer       TEXT NOT NULL DEFAULT '',
    attempted_at TEXT,
    UNIQUE (mailing_id, attendee_id)
) STRICT;

CREATE TABLE mailing_left_out (
    mailing_id  INTEGER NOT NULL REFERENCES mailing (id) ON DELETE CASCADE,
    attendee_id INTEGER NOT NULL,
    reason      TEXT NOT NULL,
    PRIMARY KEY (mailing_id, attendee_id)
) STRICT;
