-- The kiosk may ask for a ticket first, so that each attendee answers once and the answer knows
-- their category and way of attending (never their name). Which tickets answered is kept apart
-- from the answers: by the ticket's fingerprint (SHA-256 of its token), with no time and no
-- order (WITHOUT ROWID, keyed by the fingerprint), so no answer can be traced to a person.
CREATE TABLE survey_ticket_used (
    event_id      INTEGER NOT NULL REFERENCES event (id),
    ticket_sha256 TEXT NOT NULL CHECK (length(ticket_sha256) = 64),
    PRIMARY KEY (event_id, ticket_sha256)
) STRICT, WITHOUT ROWID;
