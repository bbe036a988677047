-- Tickets (受付票) and every attempt at the reception desk.

CREATE TABLE ticket (
    id          INTEGER PRIMARY KEY,
    attendee_id INTEGER NOT NULL REFERENCES attendee (id) ON DELETE CASCADE,
    -- tsudoi_core::TicketToken: 16 random base-32 symbols and a check symbol.
    token       TEXT NOT NULL UNIQUE CHECK (length(token) = 17),
    issued_at   TEXT NOT NULL,
    -- Set when the ticket is replaced; the token then opens no door.
    revoked_at  TEXT
) STRICT;

-- At most one ticket per person opens the door.
CREATE UNIQUE INDEX ticket_active_per_attendee ON ticket (attendee_id) WHERE revoked_at IS NULL;

-- Every scan, search or walk-in at the desk, refused ones too. Counts are recounted from the
-- attempts that stand; an undo marks an attempt, it never deletes it.
CREATE TABLE door_attempt (
    id              INTEGER PRIMARY KEY,
    event_id        INTEGER NOT NULL REFERENCES event (id),
    attendee_id     INTEGER REFERENCES attendee (id),
    -- The code as read (canonical when it parsed), or empty for a search or walk-in.
    code            TEXT NOT NULL DEFAULT '',
    direction       TEXT NOT NULL CHECK (direction IN ('entry', 'exit')),
    method          TEXT NOT NULL CHECK (method IN ('qr', 'camera', 'search', 'walk_in')),
    outcome         TEXT NOT NULL CHECK (outcome IN ('ok', 'duplicate', 'unknown', 'misread', 'revoked',
                                                     'cancelled', 'wrong_event', 'full', 'repeat', 'not_in_room',
                                                     'waitlisted')),
    desk            TEXT NOT NULL,
    operator        TEXT NOT NULL DEFAULT '',
    -- Why an operator let the person through a refusal (a full room, a cancelled registration).
    override_reason TEXT,
    at              TEXT NOT NULL,
    undone_at       TEXT,
    undone_by       TEXT,
    undo_reason     TEXT,
    CHECK ((undone_at IS NULL) = (undone_by IS NULL))
) STRICT;

-- Two indexes only: each one is another page written to the log at every check-in. A person's
-- standing (in the room? last pass of this code?) reads the first; the room's count the second.
-- The desk's log walks the rowids backwards.
CREATE INDEX door_attempt_by_attendee ON door_attempt (attendee_id, event_id, outcome);
CREATE INDEX door_attempt_standing ON door_attempt (event_id, direction) WHERE outcome = 'ok' AND undone_at IS NULL;
