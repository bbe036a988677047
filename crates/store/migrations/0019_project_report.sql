-- The project report (事業報告書, issue 16). The organizer's texts (outline, aims, the measures
-- needed) are saved as typed, one row per section. A passage of free text naming a registered
-- person is found when the report is read, never stored; what a person decided about it is
-- stored, keyed by the passage as written, so that a changed passage is flagged again.
CREATE TABLE report_text (
    section    TEXT PRIMARY KEY CHECK (section IN ('outline', 'aims', 'measures')),
    text       TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE report_flag_resolution (
    id          INTEGER PRIMARY KEY,
    -- 'outline', 'aims', 'measures', or 'summary:<agenda item id>'.
    source      TEXT NOT NULL CHECK (source <> ''),
    passage     TEXT NOT NULL CHECK (passage <> ''),
    decision    TEXT NOT NULL CHECK (decision IN ('keep', 'rewrite')),
    -- The text printed instead in the public edition (rewrite only).
    replacement TEXT NOT NULL DEFAULT '' CHECK (decision = 'rewrite' OR replacement = ''),
    decided_by  TEXT NOT NULL CHECK (decided_by <> ''),
    decided_at  TEXT NOT NULL,
    UNIQUE (source, passage)
) STRICT;
