-- The waiting list (キャンセル待ち): a venue registration beyond the capacity waits, in the order it
-- came, until a place frees (a cancellation, a larger capacity). NULL: the person has a place.

ALTER TABLE attendee ADD COLUMN waitlisted_at TEXT;

CREATE INDEX attendee_waiting ON attendee (event_id, waitlisted_at, id) WHERE waitlisted_at IS NOT NULL;

-- The venue's taken places, counted at every registration.
CREATE INDEX attendee_seated ON attendee (event_id) WHERE status = 'registered' AND mode = 'venue' AND waitlisted_at IS NULL;
