-- Mail to each person (issue 19): a person's own words for a built-in template, per language,
-- kept until they go back to the built-in text (the row is deleted); and the words and language
-- of each mailing fixed when it is prepared, so that what the approver saw is what is sent even
-- if the template is edited afterwards. Mailings prepared before this have none: the built-in
-- Japanese words (what they were prepared with) are read for them.
CREATE TABLE mail_template_text (
    template   TEXT NOT NULL CHECK (template IN ('ticket', 'online', 'reminder', 'thanks')),
    lang       TEXT NOT NULL CHECK (lang IN ('ja', 'en')),
    subject    TEXT NOT NULL,
    body       TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (template, lang)
) STRICT;

ALTER TABLE mailing ADD COLUMN lang TEXT NOT NULL DEFAULT 'ja' CHECK (lang IN ('ja', 'en'));
ALTER TABLE mailing ADD COLUMN subject TEXT;
ALTER TABLE mailing ADD COLUMN body TEXT;
