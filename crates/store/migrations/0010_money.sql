-- Money: the contract record (事業), the budget plan, payees and payments to speakers (謝金,
-- 旅費), the expense ledger with its receipts, staff time (人件費) and subcontracts.
-- Amounts are INTEGER yen; rates are INTEGER basis points (10% = 1000). Computed figures
-- (withholding, the budget) are never stored: core computes them when they are read.

-- One row (id 1), written the first time the project is set; read as defaults before that.
CREATE TABLE project (
    id                      INTEGER PRIMARY KEY CHECK (id = 1),
    title                   TEXT NOT NULL DEFAULT '',
    contract_number         TEXT NOT NULL DEFAULT '',
    bureau_section          TEXT NOT NULL DEFAULT '',
    contractor              TEXT NOT NULL DEFAULT '',
    period_start            TEXT CHECK (period_start IS NULL OR period_start GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    period_end              TEXT CHECK (period_end IS NULL OR period_end GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    cap                     INTEGER NOT NULL DEFAULT 5000000 CHECK (cap >= 0),
    overhead_rate_bp        INTEGER NOT NULL DEFAULT 1000 CHECK (overhead_rate_bp BETWEEN 0 AND 10000),
    consumption_tax_rate_bp INTEGER NOT NULL DEFAULT 1000 CHECK (consumption_tax_rate_bp BETWEEN 0 AND 10000),
    updated_at              TEXT NOT NULL,
    CHECK ((period_start IS NULL) = (period_end IS NULL) AND (period_start IS NULL OR period_end >= period_start))
) STRICT;

-- The budget plan by category (without tax); 一般管理費 is computed, never planned by hand.
CREATE TABLE budget_plan (
    category TEXT PRIMARY KEY CHECK (category IN ('personnel', 'travel', 'venue', 'honoraria', 'equipment',
        'rental', 'consumables', 'printing', 'assistant_wages', 'other', 'subcontract')),
    amount   INTEGER NOT NULL CHECK (amount >= 0)
) STRICT;

-- A person or company paid by the project. address and bank_account are sensitive (handlers
-- only). There is no column for the individual number (マイナンバー), by design.
CREATE TABLE payee (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL CHECK (length(name) > 0),
    kana         TEXT NOT NULL DEFAULT '',
    kind         TEXT NOT NULL CHECK (kind IN ('individual', 'company')),
    speaker_id   INTEGER REFERENCES speaker (id) ON DELETE SET NULL,
    address      TEXT NOT NULL DEFAULT '',
    bank_account TEXT NOT NULL DEFAULT '',
    notes        TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;

-- A payment's inputs. A mistaken payment is voided (with a reason), never deleted; its ledger
-- lines are then reversed by correction lines.
CREATE TABLE payment (
    id              INTEGER PRIMARY KEY,
    payee_id        INTEGER NOT NULL REFERENCES payee (id) ON DELETE RESTRICT,
    -- The payee's kind when the payment was made: a later change of the payee never changes
    -- what was withheld.
    payee_kind      TEXT NOT NULL CHECK (payee_kind IN ('individual', 'company')),
    event_id        INTEGER REFERENCES event (id) ON DELETE RESTRICT,
    paid_on         TEXT NOT NULL CHECK (paid_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    fee             INTEGER NOT NULL CHECK (fee >= 0),
    fee_is_net      INTEGER NOT NULL CHECK (fee_is_net IN (0, 1)),
    consumption_tax INTEGER NOT NULL CHECK (consumption_tax >= 0),
    declined        INTEGER NOT NULL CHECK (declined IN (0, 1)),
    notes           TEXT NOT NULL DEFAULT '',
    voided_at       TEXT,
    voided_reason   TEXT CHECK ((voided_at IS NULL) = (voided_reason IS NULL)),
    created_at      TEXT NOT NULL
) STRICT;

CREATE INDEX payment_by_payee ON payment (payee_id, paid_on);

CREATE TABLE payment_travel (
    id             INTEGER PRIMARY KEY,
    payment_id     INTEGER NOT NULL REFERENCES payment (id) ON DELETE RESTRICT,
    position       INTEGER NOT NULL,
    description    TEXT NOT NULL CHECK (length(description) > 0),
    amount         INTEGER NOT NULL CHECK (amount >= 0),
    paid_to        TEXT NOT NULL CHECK (paid_to IN ('payee', 'carrier')),
    receipt_sha256 TEXT CHECK (receipt_sha256 IS NULL OR length(receipt_sha256) = 64),
    UNIQUE (payment_id, position)
) STRICT;

CREATE TABLE subcontract (
    id                      INTEGER PRIMARY KEY,
    name                    TEXT NOT NULL CHECK (length(name) > 0),
    amount_with_tax         INTEGER NOT NULL CHECK (amount_with_tax >= 0),
    scope                   TEXT NOT NULL CHECK (length(scope) > 0),
    selection               TEXT NOT NULL DEFAULT '',
    touches_core_management INTEGER NOT NULL CHECK (touches_core_management IN (0, 1)),
    date                    TEXT NOT NULL,
    event_id                INTEGER REFERENCES event (id) ON DELETE RESTRICT,
    created_at              TEXT NOT NULL
) STRICT;

-- A voucher (伝票): one receipt or one transfer, split over one or more ledger lines. A payment
-- or a subcontract writes its own vouchers (payment_id, subcontract_id) in the same transaction.
CREATE TABLE expense_voucher (
    id             INTEGER PRIMARY KEY,
    date           TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    payee          TEXT NOT NULL DEFAULT '',
    description    TEXT NOT NULL CHECK (length(description) > 0),
    event_id       INTEGER REFERENCES event (id) ON DELETE RESTRICT,
    payment_method TEXT NOT NULL CHECK (payment_method IN ('bank_transfer', 'cash', 'card', 'electronic', 'other')),
    payment_id     INTEGER REFERENCES payment (id) ON DELETE RESTRICT,
    subcontract_id INTEGER REFERENCES subcontract (id) ON DELETE RESTRICT,
    notes          TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL
) STRICT;

CREATE INDEX expense_voucher_by_payment ON expense_voucher (payment_id) WHERE payment_id IS NOT NULL;

-- The ledger's lines, amounts without tax. A refund or a correction is a line of its own
-- (negative amounts allowed there) that names the line it corrects.
CREATE TABLE expense (
    id          INTEGER PRIMARY KEY,
    voucher_id  INTEGER NOT NULL REFERENCES expense_voucher (id) ON DELETE RESTRICT,
    position    INTEGER NOT NULL,
    category    TEXT NOT NULL CHECK (category IN ('personnel', 'travel', 'venue', 'honoraria', 'equipment',
        'rental', 'consumables', 'printing', 'assistant_wages', 'other', 'subcontract')),
    description TEXT NOT NULL CHECK (length(description) > 0),
    amount      INTEGER NOT NULL,
    tax         INTEGER NOT NULL,
    corrects    INTEGER REFERENCES expense (id) ON DELETE RESTRICT,
    CHECK (corrects IS NOT NULL OR (amount >= 0 AND tax >= 0)),
    UNIQUE (voucher_id, position)
) STRICT;

CREATE INDEX expense_by_corrected ON expense (corrects) WHERE corrects IS NOT NULL;

-- Receipts by content (SHA-256 of the file): one file backs one voucher, so the same receipt
-- booked twice is refused.
CREATE TABLE expense_receipt (
    sha256        TEXT PRIMARY KEY CHECK (length(sha256) = 64),
    voucher_id    INTEGER NOT NULL REFERENCES expense_voucher (id) ON DELETE RESTRICT,
    original_name TEXT NOT NULL DEFAULT '',
    added_at      TEXT NOT NULL
) STRICT;

CREATE INDEX expense_receipt_by_voucher ON expense_receipt (voucher_id);

-- The books are kept for an inspection: what was written stays as it was.
CREATE TRIGGER expense_voucher_kept BEFORE UPDATE ON expense_voucher
BEGIN SELECT RAISE(ABORT, 'ledger vouchers are never changed; add a correction'); END;
CREATE TRIGGER expense_voucher_not_deleted BEFORE DELETE ON expense_voucher
BEGIN SELECT RAISE(ABORT, 'ledger vouchers are never deleted; add a correction'); END;
CREATE TRIGGER expense_kept BEFORE UPDATE ON expense
BEGIN SELECT RAISE(ABORT, 'ledger lines are never changed; add a correction'); END;
CREATE TRIGGER expense_not_deleted BEFORE DELETE ON expense
BEGIN SELECT RAISE(ABORT, 'ledger lines are never deleted; add a correction'); END;
CREATE TRIGGER expense_receipt_not_deleted BEFORE DELETE ON expense_receipt
BEGIN SELECT RAISE(ABORT, 'receipts are never removed from the ledger'); END;

-- Staff time for 人件費. A mistaken line is voided with a reason, never deleted.
CREATE TABLE staff_time (
    id            INTEGER PRIMARY KEY,
    person        TEXT NOT NULL CHECK (length(person) > 0),
    date          TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    minutes       INTEGER NOT NULL CHECK (minutes > 0),
    work          TEXT NOT NULL CHECK (length(work) > 0),
    hourly_rate   INTEGER NOT NULL CHECK (hourly_rate >= 0),
    event_id      INTEGER REFERENCES event (id) ON DELETE RESTRICT,
    voided_at     TEXT,
    voided_reason TEXT CHECK ((voided_at IS NULL) = (voided_reason IS NULL)),
    created_at    TEXT NOT NULL
) STRICT;

CREATE INDEX staff_time_by_person ON staff_time (person, date);
