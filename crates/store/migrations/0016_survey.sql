-- The survey (アンケート, issue 15): questionnaires in versions, the answers to them from paper
-- sheets, the kiosk and Forms exports, and the hearings (ヒアリング) with their tags and quotes.

-- A questionnaire's versions, per event (event_id NULL: shared by the project's events). The
-- questions are core's `Question` list as JSON. A version with answers is frozen: a change makes
-- the next version (triggers below).
CREATE TABLE survey_questionnaire (
    id         INTEGER PRIMARY KEY,
    event_id   INTEGER REFERENCES event (id),
    version    INTEGER NOT NULL CHECK (version >= 1),
    questions  TEXT NOT NULL CHECK (json_valid(questions)),
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX survey_questionnaire_version ON survey_questionnaire (ifnull(event_id, 0), version);

-- One person's answers (core's `Answer` list as JSON, in the questions' order), anonymous: the
-- category and the way of attending at most. A paper sheet has its number (unique per event:
-- the same sheet typed twice is caught); a Forms row its identity (unique per event: importing
-- the same file again adds nothing).
CREATE TABLE survey_response (
    id               INTEGER PRIMARY KEY,
    event_id         INTEGER NOT NULL REFERENCES event (id),
    questionnaire_id INTEGER NOT NULL REFERENCES survey_questionnaire (id),
    source           TEXT NOT NULL CHECK (source IN ('paper', 'kiosk', 'forms')),
    sheet_number     INTEGER CHECK (sheet_number > 0),
    row_key          TEXT,
    category         TEXT CHECK (category IN ('atotsugi', 'supporter', 'senior', 'stakeholder', 'other')),
    mode             TEXT CHECK (mode IN ('venue', 'online')),
    answers          TEXT NOT NULL CHECK (json_valid(answers)),
    -- When the person sent it, as the form wrote it ('' when not known).
    submitted_at     TEXT NOT NULL DEFAULT '',
    created_by       TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    CHECK ((source = 'paper') = (sheet_number IS NOT NULL)),
    CHECK ((source = 'forms') = (row_key IS NOT NULL))
) STRICT;
CREATE UNIQUE INDEX survey_response_sheet ON survey_response (event_id, sheet_number)
    WHERE sheet_number IS NOT NULL;
CREATE UNIQUE INDEX survey_response_row ON survey_response (event_id, row_key)
    WHERE row_key IS NOT NULL;
CREATE INDEX survey_response_questionnaire ON survey_response (questionnaire_id);

CREATE TRIGGER survey_questionnaire_frozen_update BEFORE UPDATE ON survey_questionnaire
WHEN EXISTS (SELECT 1 FROM survey_response WHERE questionnaire_id = OLD.id)
BEGIN SELECT RAISE(ABORT, 'a questionnaire with answers is frozen: make a new version'); END;
CREATE TRIGGER survey_questionnaire_frozen_delete BEFORE DELETE ON survey_questionnaire
WHEN EXISTS (SELECT 1 FROM survey_response WHERE questionnaire_id = OLD.id)
BEGIN SELECT RAISE(ABORT, 'a questionnaire with answers is frozen: make a new version'); END;

-- Hearings: who (a registered person or not), when, how, who interviewed, consent to be quoted.
CREATE TABLE hearing (
    id            INTEGER PRIMARY KEY,
    event_id      INTEGER REFERENCES event (id),
    -- A merge deletes the absorbed registration: the hearing stays, unlinked.
    attendee_id   INTEGER REFERENCES attendee (id) ON DELETE SET NULL,
    person        TEXT NOT NULL CHECK (length(person) > 0),
    organization  TEXT NOT NULL DEFAULT '',
    held_at       TEXT NOT NULL,
    method        TEXT NOT NULL CHECK (method IN ('venue', 'online', 'phone')),
    interviewer   TEXT NOT NULL DEFAULT '',
    quote_consent INTEGER NOT NULL CHECK (quote_consent IN (0, 1)),
    created_by    TEXT NOT NULL,
    created_at    TEXT NOT NULL
) STRICT;

CREATE TABLE hearing_note (
    id         INTEGER PRIMARY KEY,
    hearing_id INTEGER NOT NULL REFERENCES hearing (id) ON DELETE CASCADE,
    theme      TEXT NOT NULL DEFAULT '',
    text       TEXT NOT NULL
) STRICT;

CREATE TABLE hearing_tag (
    hearing_id INTEGER NOT NULL REFERENCES hearing (id) ON DELETE CASCADE,
    tag        TEXT NOT NULL CHECK (length(tag) > 0),
    PRIMARY KEY (hearing_id, tag)
) STRICT;

-- A quote is publishable only when the person consented (core checks it; this is the second line).
CREATE TABLE hearing_quote (
    id          INTEGER PRIMARY KEY,
    hearing_id  INTEGER NOT NULL REFERENCES hearing (id) ON DELETE CASCADE,
    text        TEXT NOT NULL CHECK (length(text) > 0),
    tag         TEXT NOT NULL DEFAULT '',
    publishable INTEGER NOT NULL CHECK (publishable IN (0, 1))
) STRICT;
CREATE TRIGGER hearing_quote_needs_consent BEFORE INSERT ON hearing_quote
WHEN NEW.publishable = 1 AND (SELECT quote_consent FROM hearing WHERE id = NEW.hearing_id) = 0
BEGIN SELECT RAISE(ABORT, 'a publishable quote needs the person''s consent'); END;
