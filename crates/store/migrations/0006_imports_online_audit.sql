-- Registration imports, online attendance and the privacy log (監査ログ).

-- When the person answered the registration form (the form's local time, YYYY-MM-DDTHH:MM:SS);
-- NULL for people typed in by hand. A later import changes a person only with a newer answer.
ALTER TABLE attendee ADD COLUMN answered_at TEXT;

-- The column mapping a person confirmed for a file, remembered for files with the same headers.
CREATE TABLE import_mapping (
    -- The headers, folded and joined (tsudoi_import::mapping::header_signature).
    signature  TEXT PRIMARY KEY,
    -- JSON: one field name or null per column.
    mapping    TEXT NOT NULL CHECK (json_valid(mapping)),
    updated_at TEXT NOT NULL
) STRICT;

-- What a person decided a category word of a form means (学生 → other), for every later import.
CREATE TABLE category_word (
    word       TEXT PRIMARY KEY,
    category   TEXT NOT NULL CHECK (category IN ('atotsugi', 'supporter', 'senior', 'stakeholder', 'other')),
    updated_at TEXT NOT NULL
) STRICT;

-- Seen in the online meeting, from a Teams or Zoom attendance report. One row per person: a
-- second report of the same meeting replaces the first.
CREATE TABLE online_attendance (
    attendee_id INTEGER PRIMARY KEY REFERENCES attendee (id) ON DELETE CASCADE,
    source      TEXT NOT NULL CHECK (source IN ('teams', 'zoom', 'other')),
    -- The meeting's local times, as the report wrote them (YYYY-MM-DDTHH:MM:SS).
    first_join  TEXT,
    last_leave  TEXT,
    minutes     INTEGER CHECK (minutes IS NULL OR minutes >= 0),
    imported_at TEXT NOT NULL
) STRICT;

-- Every time personal data left the database or came into it by a file: who, when, what, how
-- many people. Kept when the event goes, so the log can prove what happened to the data.
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL CHECK (action IN ('attendance_export', 'ticket_export', 'seat_chart_export',
                                               'registration_import', 'online_attendance_import')),
    event_id   INTEGER REFERENCES event (id) ON DELETE SET NULL,
    n_people   INTEGER NOT NULL CHECK (n_people >= 0),
    -- The file written or read.
    file       TEXT NOT NULL DEFAULT '',
    -- What else a reader of the log needs: the format, the columns, the counts.
    detail     TEXT NOT NULL DEFAULT ''
) STRICT;
