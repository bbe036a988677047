-- Incident records (インシデント記録, issue 13): what happened to personal data, whose and how
-- many people's, who was told at the bureau and when, and what was done. The times are local
-- wall-clock times as typed, 'YYYY-MM-DD HH:MM' (bureau_told_at empty until the bureau is told).
CREATE TABLE incident (
    id             INTEGER PRIMARY KEY,
    title          TEXT NOT NULL CHECK (length(title) > 0),
    happened_at    TEXT NOT NULL,
    noticed_at     TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('misdirected_mail', 'loss', 'unauthorized_access',
                                                 'wrong_disclosure', 'other')),
    data_involved  TEXT NOT NULL DEFAULT '',
    n_people       INTEGER NOT NULL DEFAULT 0 CHECK (n_people >= 0),
    bureau_contact TEXT NOT NULL DEFAULT '',
    bureau_told_at TEXT NOT NULL DEFAULT '',
    actions_taken  TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    created_by     TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
) STRICT;

-- Every recording and change of an incident, with who made it and when: the record the bureau
-- reads must show how it grew, so the history is append-only.
CREATE TABLE incident_change (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incident (id),
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    change      TEXT NOT NULL
) STRICT;

CREATE TRIGGER incident_change_append_only_update BEFORE UPDATE ON incident_change
BEGIN SELECT RAISE(ABORT, 'the incident history is append-only'); END;
CREATE TRIGGER incident_change_append_only_delete BEFORE DELETE ON incident_change
BEGIN SELECT RAISE(ABORT, 'the incident history is append-only'); END;
