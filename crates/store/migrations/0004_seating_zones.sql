-- Seating zones (関係者席 / 一般者席) per event: each zone's own capacity, where each category
-- sits, and people moved to another zone by an operator, with the reason.
-- An event without rows here uses the defaults of tsudoi_core::ZonePlan.

CREATE TABLE zone_setting (
    event_id INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    zone     TEXT NOT NULL CHECK (zone IN ('general', 'stakeholder')),
    -- NULL: only the venue's capacity limits the zone.
    capacity INTEGER CHECK (capacity IS NULL OR capacity >= 0),
    PRIMARY KEY (event_id, zone)
) STRICT;

CREATE TABLE zone_mapping (
    event_id INTEGER NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    category TEXT NOT NULL CHECK (category IN ('atotsugi', 'supporter', 'senior', 'stakeholder', 'other')),
    zone     TEXT NOT NULL CHECK (zone IN ('general', 'stakeholder')),
    PRIMARY KEY (event_id, category)
) STRICT;

-- Set only by an operator's move; NULL means the category's zone.
ALTER TABLE attendee ADD COLUMN zone_override TEXT CHECK (zone_override IN ('general', 'stakeholder'));

-- Every move, kept: who was moved where, why, by whom.
CREATE TABLE zone_move (
    id          INTEGER PRIMARY KEY,
    attendee_id INTEGER NOT NULL REFERENCES attendee (id) ON DELETE CASCADE,
    from_zone   TEXT NOT NULL CHECK (from_zone IN ('general', 'stakeholder')),
    to_zone     TEXT NOT NULL CHECK (to_zone IN ('general', 'stakeholder')),
    reason      TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    operator    TEXT NOT NULL DEFAULT '',
    at          TEXT NOT NULL
) STRICT;
