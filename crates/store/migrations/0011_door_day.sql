-- The event day under real hands.
-- An event may take more venue registrations than it has seats (some registered people never
-- come); beyond that limit registrations wait. NULL: the capacity is the limit.
ALTER TABLE event ADD COLUMN registration_limit INTEGER CHECK (registration_limit IS NULL OR registration_limit >= 0);
-- From when people on the waiting list are let in at the door while there are places ('HH:MM').
-- NULL: the event's start time.
ALTER TABLE event ADD COLUMN waitlist_opens_at TEXT;
-- A person deleted on request: their personal data is blanked and the row stays, anonymous, so
-- that the door's counts (category, mode, zone, who passed) keep adding up.
ALTER TABLE attendee ADD COLUMN erased_at TEXT;
