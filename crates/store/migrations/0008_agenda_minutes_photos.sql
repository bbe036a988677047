-- The programme (次第), its speakers, the minutes (議事録) and the photos of the day.

CREATE TABLE speaker (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL CHECK (length(name) > 0),
    kana         TEXT NOT NULL DEFAULT '',
    organization TEXT NOT NULL DEFAULT '',
    title        TEXT NOT NULL DEFAULT '',
    biography    TEXT NOT NULL DEFAULT '',
    contact      TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;

CREATE TABLE agenda_item (
    id           INTEGER PRIMARY KEY,
    event_id     INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL CHECK (position >= 0),
    starts_at    TEXT NOT NULL CHECK (starts_at GLOB '[0-2][0-9]:[0-5][0-9]'),
    ends_at      TEXT NOT NULL CHECK (ends_at GLOB '[0-2][0-9]:[0-5][0-9]' AND ends_at > starts_at),
    kind         TEXT NOT NULL CHECK (kind IN ('opening', 'keynote', 'panel', 'talk', 'networking', 'break',
                                               'group_work', 'closing')),
    title        TEXT NOT NULL CHECK (length(title) > 0),
    place        TEXT NOT NULL CHECK (place IN ('hybrid', 'venue', 'online')),
    moderator_id INTEGER REFERENCES speaker (id) ON DELETE SET NULL,
    notes        TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;

CREATE INDEX agenda_item_by_event ON agenda_item (event_id, position);

CREATE TABLE agenda_speaker (
    agenda_item_id INTEGER NOT NULL REFERENCES agenda_item (id) ON DELETE CASCADE,
    speaker_id     INTEGER NOT NULL REFERENCES speaker (id) ON DELETE RESTRICT,
    position       INTEGER NOT NULL,
    PRIMARY KEY (agenda_item_id, speaker_id)
) STRICT;

-- The texts of an item's minutes, saved as they are typed.
CREATE TABLE minutes (
    agenda_item_id INTEGER PRIMARY KEY REFERENCES agenda_item (id) ON DELETE CASCADE,
    talk_summary   TEXT NOT NULL DEFAULT '',
    decisions      TEXT NOT NULL DEFAULT '',
    follow_ups     TEXT NOT NULL DEFAULT '',
    updated_at     TEXT NOT NULL
) STRICT;

-- Running notes, each with the time it was begun; rewritten in place while it is typed.
CREATE TABLE minutes_note (
    id             INTEGER PRIMARY KEY,
    agenda_item_id INTEGER NOT NULL REFERENCES agenda_item (id) ON DELETE CASCADE,
    at             TEXT NOT NULL,
    text           TEXT NOT NULL,
    updated_at     TEXT NOT NULL
) STRICT;

CREATE INDEX minutes_note_by_item ON minutes_note (agenda_item_id, at);

-- Photos: the file lives in the data folder under its SHA-256 (photos/ab/abcd….jpg) with a
-- thumbnail beside it; the row says where it belongs.
CREATE TABLE photo (
    id              INTEGER PRIMARY KEY,
    event_id        INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    sha256          TEXT NOT NULL CHECK (length(sha256) = 64),
    original_name   TEXT NOT NULL DEFAULT '',
    media_type      TEXT NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png')),
    width           INTEGER NOT NULL,
    height          INTEGER NOT NULL,
    -- The camera's local time (EXIF), YYYY-MM-DDTHH:MM:SS; NULL when the file does not say.
    taken_at        TEXT,
    agenda_item_id  INTEGER REFERENCES agenda_item (id) ON DELETE SET NULL,
    placed_by_hand  INTEGER NOT NULL DEFAULT 0 CHECK (placed_by_hand IN (0, 1)),
    caption         TEXT NOT NULL DEFAULT '',
    -- Consent of the people in it to the public report; off until someone says so.
    public_ok       INTEGER NOT NULL DEFAULT 0 CHECK (public_ok IN (0, 1)),
    added_at        TEXT NOT NULL,
    UNIQUE (event_id, sha256)
) STRICT;
