-- The information-handler roster (情報取扱者名簿): only the people on it handle personal data.
-- The PIN or passphrase is kept only as a memory-hard hash (argon2id, PHC string); the sensitive
-- columns are optional and shown only to the 情報管理責任者.
CREATE TABLE handler (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
    department      TEXT NOT NULL DEFAULT '',
    title           TEXT NOT NULL DEFAULT '',
    organization    TEXT NOT NULL CHECK (organization IN ('contractor', 'subcontractor')),
    company         TEXT NOT NULL DEFAULT '',
    role            TEXT NOT NULL CHECK (role IN ('officer', 'manager', 'staff')),
    home_address    TEXT NOT NULL DEFAULT '',
    birth_date      TEXT NOT NULL DEFAULT '',
    passport_number TEXT NOT NULL DEFAULT '',
    nationality     TEXT NOT NULL DEFAULT '',
    pin_hash        TEXT NOT NULL CHECK (pin_hash LIKE '$argon2%'),
    -- Wrong PINs in a row, and until when the next try must wait.
    failures        INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
    wait_until      TEXT,
    active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;

-- Every change to the roster, with who made it and when (kept when a handler leaves).
CREATE TABLE handler_change (
    id         INTEGER PRIMARY KEY,
    handler_id INTEGER NOT NULL REFERENCES handler (id),
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    change     TEXT NOT NULL
) STRICT;

CREATE TRIGGER handler_change_append_only_update BEFORE UPDATE ON handler_change
BEGIN SELECT RAISE(ABORT, 'the roster history is append-only'); END;
CREATE TRIGGER handler_change_append_only_delete BEFORE DELETE ON handler_change
BEGIN SELECT RAISE(ABORT, 'the roster history is append-only'); END;
