-- The privacy log records more kinds of action (programme and minutes exports, photo deletions,
-- and more to come). The list of actions lives in core (`AuditAction`), which refuses an unknown
-- word when a line is read; the table no longer repeats it, so a new action needs no migration.
-- SQLite cannot drop a CHECK, so the table is copied.
CREATE TABLE audit_log_new (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL CHECK (action <> ''),
    event_id   INTEGER REFERENCES event (id) ON DELETE SET NULL,
    n_people   INTEGER NOT NULL CHECK (n_people >= 0),
    file       TEXT NOT NULL DEFAULT '',
    detail     TEXT NOT NULL DEFAULT ''
) STRICT;

INSERT INTO audit_log_new (id, at, actor, action, event_id, n_people, file, detail)
    SELECT id, at, actor, action, event_id, n_people, file, detail FROM audit_log;

DROP TABLE audit_log;
ALTER TABLE audit_log_new RENAME TO audit_log;
