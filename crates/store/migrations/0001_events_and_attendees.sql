-- The first schema: events and the people registered for them.
-- Times are UTC RFC 3339 text; dates YYYY-MM-DD; times of day HH:MM. Choices are the identifiers
-- of tsudoi-core (snake_case), checked here as a second line of defence.

PRAGMA application_id = 1414743113; -- 'TSDI': marks the file as Tsudoi's

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE event (
    id            INTEGER PRIMARY KEY,
    title         TEXT NOT NULL CHECK (length(title) > 0),
    date          TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    start_time    TEXT CHECK (start_time GLOB '[0-2][0-9]:[0-5][0-9]'),
    end_time      TEXT CHECK (end_time GLOB '[0-2][0-9]:[0-5][0-9]'),
    venue_name    TEXT NOT NULL DEFAULT '',
    venue_address TEXT NOT NULL DEFAULT '',
    capacity      INTEGER NOT NULL CHECK (capacity >= 0),
    online_url    TEXT NOT NULL DEFAULT '',
    format        TEXT NOT NULL CHECK (format IN ('hybrid', 'venue', 'online')),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;

CREATE TABLE attendee (
    id           INTEGER PRIMARY KEY,
    event_id     INTEGER NOT NULL REFERENCES event (id) ON DELETE RESTRICT,
    name         TEXT NOT NULL CHECK (length(name) > 0),
    kana         TEXT NOT NULL DEFAULT '',
    organization TEXT NOT NULL DEFAULT '',
    title        TEXT NOT NULL DEFAULT '',
    email        TEXT NOT NULL DEFAULT '',
    phone        TEXT NOT NULL DEFAULT '',
    category     TEXT NOT NULL CHECK (category IN ('atotsugi', 'supporter', 'senior', 'stakeholder', 'other')),
    mode         TEXT NOT NULL CHECK (mode IN ('venue', 'online')),
    consent      INTEGER NOT NULL CHECK (consent IN (0, 1)),
    source       TEXT NOT NULL CHECK (source IN ('manual', 'import', 'demo', 'walk_in')),
    notes        TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL CHECK (status IN ('registered', 'cancelled')),
    -- Name, kana, organisation and email folded by tsudoi_core::text::search_key, for name search.
    search_text  TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;

CREATE INDEX attendee_by_event ON attendee (event_id, kana);
