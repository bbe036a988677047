-- The privacy log shows tampering: each line carries the hash of the line before (`prev_hash`)
-- and its own (`hash`, SHA-256 in hex over its content and `prev_hash`), computed by the store
-- when the line is written (`crates/store/src/audit.rs`). SQL cannot compute SHA-256, so lines
-- written before this migration stay unchained (both columns NULL); `verify_audit_chain` counts
-- them apart. The chain starts at the first line written after it, whose `prev_hash` is the
-- genesis value (64 zeros).
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT CHECK (prev_hash IS NULL OR length(prev_hash) = 64);
ALTER TABLE audit_log ADD COLUMN hash TEXT CHECK (hash IS NULL OR length(hash) = 64);

-- The hash of the latest line, updated in the same transaction as each line, so that a deleted
-- last line is seen too; and the last line written before the chain (lines up to it may be
-- unchained, any later one may not).
INSERT INTO meta (key, value)
    VALUES ('audit_head', '0000000000000000000000000000000000000000000000000000000000000000'),
           ('audit_chain_after', (SELECT CAST(coalesce(max(id), 0) AS TEXT) FROM audit_log))
    ON CONFLICT (key) DO UPDATE SET value = excluded.value;

-- Defence in depth: SQLite itself refuses to change or delete a chained line. Someone editing the
-- file by hand can drop these triggers; that is what the chain detects. (An event named by a
-- chained line cannot be deleted either: `ON DELETE SET NULL` would change the line.)
CREATE TRIGGER audit_log_chained_no_update BEFORE UPDATE ON audit_log
    WHEN OLD.hash IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'audit_log: a chained line of the privacy log cannot be changed');
END;

CREATE TRIGGER audit_log_chained_no_delete BEFORE DELETE ON audit_log
    WHEN OLD.hash IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'audit_log: a chained line of the privacy log cannot be deleted');
END;
