-- The register of external services used with personal data (forms, video meetings, mail),
-- with the date the bureau approved each: the security annex asks for it.
CREATE TABLE external_service (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL CHECK (length(name) > 0),
    purpose       TEXT NOT NULL DEFAULT '',
    personal_data TEXT NOT NULL DEFAULT '',
    -- YYYY-MM-DD, or NULL while the bureau has not approved it.
    approved_on   TEXT,
    approved_by   TEXT NOT NULL DEFAULT '',
    created_by    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;
