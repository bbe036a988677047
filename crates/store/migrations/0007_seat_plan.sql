-- The optional seat plan (座席表): rows or tables of seats per zone, and who sits where.
-- An event without blocks has no seat plan: people sit anywhere in their zone.

CREATE TABLE seat_block (
    event_id INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    -- The order the desk offers seats in (front rows first).
    position INTEGER NOT NULL,
    zone     TEXT NOT NULL CHECK (zone IN ('general', 'stakeholder')),
    label    TEXT NOT NULL CHECK (length(label) > 0),
    n_seats  INTEGER NOT NULL CHECK (n_seats BETWEEN 1 AND 100),
    PRIMARY KEY (event_id, position),
    UNIQUE (event_id, label)
) STRICT;

-- One seat per person, one person per seat. Given at the person's first entry (the next free
-- seat of their zone, or one an operator chose) and kept through exits and re-entries; freed
-- when the entry is undone, the registration cancelled or the person moved to another zone.
CREATE TABLE seat_assignment (
    attendee_id INTEGER PRIMARY KEY REFERENCES attendee (id) ON DELETE CASCADE,
    event_id    INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    -- tsudoi_core::seating::seat_label: the block's label and the seat's number, `A-3`.
    seat        TEXT NOT NULL,
    assigned_at TEXT NOT NULL,
    UNIQUE (event_id, seat)
) STRICT;
