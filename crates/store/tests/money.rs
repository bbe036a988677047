//! Money against a real SQLite file: the project, payees and payments (with their ledger lines),
//! the ledger with receipts, refunds and corrections, staff time, subcontracts and the budget.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use rusqlite::Connection;
use tsudoi_core::agenda::{AgendaItemDraft, AgendaKind, ItemPlace, SpeakerDraft};
use tsudoi_core::money::budget::{CategoryAmount, ExpenseCategory, ProjectChange};
use tsudoi_core::money::ledger::{ExpenseDraft, ExpenseSplit, StaffTimeDraft, SubcontractDraft};
use tsudoi_core::money::payment::{PayeeDraft, PaymentDraft};
use tsudoi_core::money::withholding::{PayeeKind, PaymentTerms, TravelLine, TravelPaidTo};
use tsudoi_core::money::{MoneyError, Rate, Yen};
use tsudoi_core::{AttendeeDraft, Category, EventDraft, EventId, Lang, Localized};
use tsudoi_store::{ExpenseCorrection, Store, StoreError};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 7, 1, 9, 0, 0).unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn hash(n: u8) -> String {
    format!("{n:02x}").repeat(32)
}

struct Fixture {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
    store: Store,
    event: EventId,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tsudoi.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let event = store
        .create_event(EventDraft::new("第1回", date(2026, 7, 25)), now())
        .unwrap()
        .id;
    store
        .set_project(
            &ProjectChange {
                period: Some(Some((date(2026, 6, 1), date(2027, 2, 26)))),
                ..ProjectChange::default()
            },
            now(),
        )
        .unwrap();
    Fixture {
        _dir: dir,
        path,
        store,
        event,
    }
}

fn travel(description: &str, amount: i64, paid_to: TravelPaidTo, receipt: Option<String>) -> TravelLine {
    TravelLine {
        description: description.into(),
        amount: Yen(amount),
        paid_to,
        receipt_sha256: receipt,
    }
}

/// A speaker on the programme of the event, and a payee who is that speaker.
fn speaker_payee(f: &mut Fixture, name: &str) -> tsudoi_core::money::payment::Payee {
    let speaker = f
        .store
        .add_speaker(
            SpeakerDraft {
                name: name.into(),
                ..SpeakerDraft::default()
            },
            now(),
        )
        .unwrap();
    f.store
        .add_agenda_item(
            f.event,
            AgendaItemDraft {
                starts_at: NaiveTime::from_hms_opt(13, 30, 0).unwrap(),
                ends_at: NaiveTime::from_hms_opt(14, 30, 0).unwrap(),
                kind: AgendaKind::Keynote,
                title: "基調講演".into(),
                place: ItemPlace::Hybrid,
                speaker_ids: vec![speaker.id],
                moderator_id: None,
                notes: String::new(),
            },
            now(),
        )
        .unwrap();
    f.store
        .add_payee(
            PayeeDraft {
                name: name.into(),
                kind: PayeeKind::Individual,
                speaker_id: Some(speaker.id),
                address: "東京都千代田区…".into(),
                bank_account: "○○銀行 本店 普通 1234567".into(),
                ..PayeeDraft::default()
            },
            "事務局",
            now(),
        )
        .unwrap()
}

#[test]
fn the_project_starts_with_defaults_and_keeps_what_is_set() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tsudoi.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let project = store.project().unwrap();
    assert_eq!(
        (
            project.terms.cap,
            project.terms.overhead_rate,
            project.terms.consumption_tax_rate,
            project.terms.period
        ),
        (Yen(5_000_000), Rate(1_000), Rate(1_000), None),
        "an unset project reads as the contract's defaults"
    );
    store
        .set_project(
            &ProjectChange {
                title: Some("事業承継支援 交流会事業".into()),
                contract_number: Some("20260601財中第1号".into()),
                cap: Some(Yen(4_800_000)),
                overhead_rate: Some(Rate::parse_percent("8.5").unwrap()),
                period: Some(Some((date(2026, 6, 1), date(2027, 2, 26)))),
                ..ProjectChange::default()
            },
            now(),
        )
        .unwrap();
    let reversed = ProjectChange {
        period: Some(Some((date(2026, 6, 1), date(2026, 5, 1)))),
        ..ProjectChange::default()
    };
    let error = store.set_project(&reversed, now()).unwrap_err();
    assert_eq!(error.code(), "money.period_reversed");
    drop(store);
    let store = Store::open(&path).unwrap();
    let project = store.project().unwrap();
    assert_eq!(project.title, "事業承継支援 交流会事業");
    assert_eq!(
        (project.terms.cap, project.terms.overhead_rate),
        (Yen(4_800_000), Rate(850))
    );
    assert_eq!(
        project.terms.period,
        Some((date(2026, 6, 1), date(2027, 2, 26))),
        "the refused change left it"
    );
}

#[test]
fn a_payment_is_computed_when_read_and_booked_in_the_ledger() {
    let mut f = fixture();
    let payee = speaker_payee(&mut f, "山田 太郎");
    let payment = f
        .store
        .add_payment(
            PaymentDraft {
                payee_id: payee.id,
                event_id: Some(f.event),
                paid_on: date(2026, 7, 31),
                terms: PaymentTerms {
                    fee: Yen(100_000),
                    travel: vec![
                        travel("東京⇔大阪 新幹線", 23_000, TravelPaidTo::Payee, Some(hash(1))),
                        travel("ホテル1泊", 15_000, TravelPaidTo::Carrier, None),
                    ],
                    ..PaymentTerms::default()
                },
                notes: String::new(),
            },
            now(),
        )
        .unwrap();
    let c = payment.calculation;
    // Base 100,000 + 23,000 = 123,000; 123,000 × 10.21% = 12,558.3 → 12,558.
    assert_eq!(
        (c.gross, c.withholding_base, c.withholding, c.net_paid),
        (Yen(123_000), Yen(123_000), Yen(12_558), Yen(110_442))
    );
    assert_eq!((c.direct_travel, c.total_cost), (Yen(15_000), Yen(138_000)));
    assert_eq!(
        f.store.payment(payment.id).unwrap(),
        payment,
        "read back, computed the same"
    );

    let lines = f.store.payment_expenses(payment.id).unwrap();
    let booked: Vec<(ExpenseCategory, i64, i64)> =
        lines.iter().map(|l| (l.category, l.amount.0, l.tax.0)).collect();
    assert_eq!(
        booked,
        vec![
            (ExpenseCategory::Honoraria, 100_000, 0),
            // 23,000 with tax = 20,910 + 2,090; 15,000 = 13,637 + 1,363.
            (ExpenseCategory::Travel, 20_910, 2_090),
            (ExpenseCategory::Travel, 13_637, 1_363),
        ],
        "one voucher: the fee and each travel cost without tax"
    );
    assert!(lines
        .iter()
        .all(|l| l.voucher_id == lines[0].voucher_id && l.receipts == vec![hash(1)]));
    assert!(
        f.store.payment_warnings(payment.id).unwrap().is_empty(),
        "a speaker on the programme, in the period"
    );

    // The fee agreed as net: the payee receives exactly ¥100,000 for the talk.
    let net = f
        .store
        .add_payment(
            PaymentDraft {
                payee_id: payee.id,
                event_id: Some(f.event),
                paid_on: date(2026, 8, 3),
                terms: PaymentTerms {
                    fee: Yen(100_000),
                    fee_is_net: true,
                    ..PaymentTerms::default()
                },
                notes: String::new(),
            },
            now(),
        )
        .unwrap();
    assert_eq!(
        (net.calculation.fee, net.calculation.net_paid),
        (Yen(111_370), Yen(100_000))
    );
    let budget = f.store.budget().unwrap();
    assert_eq!(budget.actual.amount(ExpenseCategory::Honoraria), Yen(211_370));
    assert_eq!(budget.actual.amount(ExpenseCategory::Travel), Yen(34_547));

    let months = f.store.tax_months().unwrap();
    assert_eq!(months.len(), 2);
    assert_eq!(
        (months[0].month, months[0].total_withheld, months[0].due),
        (7, Yen(12_558), date(2026, 8, 10))
    );
    assert_eq!(
        (months[1].month, months[1].total_withheld, months[1].due),
        (8, Yen(11_370), date(2026, 9, 10))
    );
    let records = f.store.payment_records().unwrap();
    assert_eq!(records.len(), 1);
    assert_eq!(
        (
            records[0].total_paid,
            records[0].total_withheld,
            records[0].requires_record
        ),
        (Yen(234_370), Yen(23_928), true)
    );
}

#[test]
fn warnings_for_an_attendee_paid_without_a_talk_outside_the_period() {
    let mut f = fixture();
    f.store
        .add_attendee(
            f.event,
            AttendeeDraft {
                category: Category::Atotsugi,
                ..AttendeeDraft::new("鈴木　花子")
            },
            now(),
        )
        .unwrap();
    let payee = f
        .store
        .add_payee(
            PayeeDraft {
                name: "鈴木 花子".into(),
                ..PayeeDraft::default()
            },
            "事務局",
            now(),
        )
        .unwrap();
    let payment = f
        .store
        .add_payment(
            PaymentDraft {
                payee_id: payee.id,
                event_id: Some(f.event),
                paid_on: date(2027, 3, 1),
                terms: PaymentTerms {
                    fee: Yen(10_000),
                    ..PaymentTerms::default()
                },
                notes: String::new(),
            },
            now(),
        )
        .unwrap();
    let codes: Vec<&str> = f
        .store
        .payment_warnings(payment.id)
        .unwrap()
        .iter()
        .map(|w| w.code())
        .collect();
    assert_eq!(
        codes,
        [
            "payment.payee_is_attendee",
            "payment.no_talk_in_programme",
            "payment.outside_contract_period"
        ]
    );
}

#[test]
fn a_voided_payment_stays_and_its_lines_come_back_to_zero() {
    let mut f = fixture();
    let payee = speaker_payee(&mut f, "佐藤 次郎");
    let payment = f
        .store
        .add_payment(
            PaymentDraft {
                payee_id: payee.id,
                event_id: Some(f.event),
                paid_on: date(2026, 7, 31),
                terms: PaymentTerms {
                    fee: Yen(50_000),
                    travel: vec![travel("往復", 11_000, TravelPaidTo::Payee, None)],
                    ..PaymentTerms::default()
                },
                notes: String::new(),
            },
            now(),
        )
        .unwrap();
    // A correction made before the cancellation is taken into account by the reversal.
    let travel_line = f.store.payment_expenses(payment.id).unwrap()[1].id;
    f.store
        .correct_expense(
            travel_line,
            &ExpenseCorrection {
                date: date(2026, 8, 1),
                reason: "運賃の誤り".into(),
                replacement: Some(ExpenseSplit {
                    category: ExpenseCategory::Travel,
                    description: String::new(),
                    amount: Yen(9_000),
                    tax: Yen(900),
                }),
            },
            now(),
        )
        .unwrap();
    // 20:00 UTC on 31 July is already 1 August in Japan, where the books are kept.
    let late_evening = Utc.with_ymd_and_hms(2026, 7, 31, 20, 0, 0).unwrap();
    let void = f
        .store
        .void_payment(payment.id, "二重登録", late_evening)
        .unwrap();
    assert_eq!(void.voided_reason.as_deref(), Some("二重登録"));
    let reversal = f.store.payment_expenses(payment.id).unwrap().pop().unwrap();
    assert_eq!(
        (reversal.date, reversal.description.starts_with("取消")),
        (date(2026, 8, 1), true)
    );
    let budget = f.store.budget().unwrap();
    assert_eq!(
        budget.actual.direct,
        Yen(0),
        "every line of the payment is reversed"
    );
    assert!(
        f.store.expenses().unwrap().len() >= 6,
        "nothing was deleted: 2 lines, 2 corrections, 2 reversals"
    );
    assert!(
        f.store.tax_months().unwrap().is_empty(),
        "a void payment owes no tax"
    );
    assert!(f.store.payment_records().unwrap().is_empty());
    assert!(matches!(
        f.store.void_payment(payment.id, "again", now()),
        Err(StoreError::PaymentAlreadyVoid(_))
    ));
    assert!(matches!(
        f.store.void_payment(payment.id, " ", now()),
        Err(StoreError::Validation(_))
    ));
}

#[test]
fn one_receipt_splits_over_categories_but_is_never_booked_twice() {
    let mut f = fixture();
    let receipt = hash(7);
    let draft = ExpenseDraft {
        date: date(2026, 7, 20),
        payee: "文具店".into(),
        description: "会場準備品".into(),
        event_id: Some(f.event),
        payment_method: tsudoi_core::money::ledger::PaymentMethod::Card,
        receipts: vec![receipt.to_uppercase()],
        lines: vec![
            ExpenseSplit {
                category: ExpenseCategory::Consumables,
                description: "名札ケース".into(),
                amount: Yen(3_000),
                tax: Yen(300),
            },
            ExpenseSplit {
                category: ExpenseCategory::Printing,
                description: "案内表示".into(),
                amount: Yen(2_000),
                tax: Yen(200),
            },
        ],
        corrects: None,
        notes: String::new(),
    };
    let lines = f.store.add_expense(draft.clone(), now()).unwrap();
    assert_eq!(lines.len(), 2);
    assert!(
        lines.iter().all(|l| l.receipts == vec![receipt.clone()]),
        "both lines show the voucher's receipt"
    );
    assert_eq!(
        f.store.receipt_voucher(&receipt).unwrap(),
        Some(lines[0].voucher_id)
    );

    let error = f.store.add_expense(draft, now()).unwrap_err();
    assert!(
        matches!(error, StoreError::ReceiptAlreadyUsed { voucher_id, .. } if voucher_id == lines[0].voucher_id.0)
    );
    assert!(error.message(Lang::Ja).contains("二重"));
    assert_eq!(
        f.store.expenses().unwrap().len(),
        2,
        "the refused voucher wrote nothing"
    );

    // A voucher without a receipt is warned about until one is attached.
    let taxi = f
        .store
        .add_expense(
            ExpenseDraft::single(
                date(2026, 7, 25),
                ExpenseCategory::Travel,
                Yen(2_000),
                Yen(200),
                "タクシー",
                "会場まで",
            ),
            now(),
        )
        .unwrap();
    let missing = |store: &Store| {
        store
            .budget()
            .unwrap()
            .warnings
            .iter()
            .filter(|w| w.code() == "budget.receipt_missing")
            .count()
    };
    assert_eq!(missing(&f.store), 1);
    assert!(matches!(
        f.store
            .attach_receipt(taxi[0].voucher_id, &receipt, "レシート.jpg", now()),
        Err(StoreError::ReceiptAlreadyUsed { .. })
    ));
    f.store
        .attach_receipt(taxi[0].voucher_id, &hash(8), "レシート.jpg", now())
        .unwrap();
    assert_eq!(missing(&f.store), 0);
}

#[test]
fn refunds_and_corrections_are_lines_of_their_own_and_history_cannot_be_edited() {
    let mut f = fixture();
    let venue = f
        .store
        .add_expense(
            ExpenseDraft {
                receipts: vec![hash(1)],
                ..ExpenseDraft::single(
                    date(2026, 7, 25),
                    ExpenseCategory::Venue,
                    Yen(300_000),
                    Yen(30_000),
                    "会館",
                    "会場使用料",
                )
            },
            now(),
        )
        .unwrap()[0]
        .clone();
    // A refund: its own voucher with its own slip, naming the line.
    f.store
        .add_expense(
            ExpenseDraft {
                receipts: vec![hash(2)],
                corrects: Some(venue.id),
                ..ExpenseDraft::single(
                    date(2026, 8, 5),
                    ExpenseCategory::Venue,
                    Yen(-50_000),
                    Yen(-5_000),
                    "会館",
                    "一部返金",
                )
            },
            now(),
        )
        .unwrap();
    // A correction: the category was wrong.
    let fixed = f
        .store
        .correct_expense(
            venue.id,
            &ExpenseCorrection {
                date: date(2026, 8, 6),
                reason: "費目の誤り".into(),
                replacement: Some(ExpenseSplit {
                    category: ExpenseCategory::Rental,
                    description: String::new(),
                    amount: Yen(300_000),
                    tax: Yen(30_000),
                }),
            },
            now(),
        )
        .unwrap();
    assert_eq!(fixed.len(), 2);
    assert_eq!(
        (fixed[0].amount, fixed[0].corrects),
        (Yen(-300_000), Some(venue.id))
    );
    assert_eq!(
        (fixed[1].category, fixed[1].corrects),
        (ExpenseCategory::Rental, Some(venue.id))
    );
    assert_eq!(
        f.store.expense(venue.id).unwrap(),
        venue,
        "the original is as it was"
    );
    let budget = f.store.budget().unwrap();
    assert_eq!(budget.actual.amount(ExpenseCategory::Venue), Yen(-50_000));
    assert_eq!(budget.actual.amount(ExpenseCategory::Rental), Yen(300_000));
    assert!(f
        .store
        .correct_expense(
            tsudoi_core::money::ledger::ExpenseId(999),
            &ExpenseCorrection {
                date: date(2026, 8, 6),
                reason: "x".into(),
                replacement: None
            },
            now()
        )
        .is_err());
    assert!(matches!(
        f.store.add_expense(
            ExpenseDraft::single(
                date(2026, 8, 5),
                ExpenseCategory::Venue,
                Yen(-1),
                Yen(0),
                "会館",
                "返金"
            ),
            now()
        ),
        Err(StoreError::Money(MoneyError::Negative { .. }))
    ));

    // Even SQL written by hand cannot change or delete the books.
    drop(f.store);
    let conn = Connection::open(&f.path).unwrap();
    for sql in [
        "UPDATE expense SET amount = 1 WHERE id = 1",
        "DELETE FROM expense WHERE id = 1",
        "UPDATE expense_voucher SET date = '2026-01-01' WHERE id = 1",
        "DELETE FROM expense_voucher WHERE id = 1",
        "DELETE FROM expense_receipt",
    ] {
        let error = conn.execute(sql, []).unwrap_err();
        assert!(error.to_string().contains("never"), "{sql}: {error}");
    }
}

#[test]
fn staff_time_subcontracts_and_the_budget_by_hand() {
    let mut f = fixture();
    f.store
        .set_budget_plan(&[
            CategoryAmount {
                category: ExpenseCategory::Personnel,
                amount: Yen(600_000),
            },
            CategoryAmount {
                category: ExpenseCategory::Venue,
                amount: Yen(600_000),
            },
        ])
        .unwrap();
    assert!(f
        .store
        .set_budget_plan(&[CategoryAmount {
            category: ExpenseCategory::GeneralAdmin,
            amount: Yen(1)
        }])
        .is_err());
    assert_eq!(
        f.store.budget_plan().unwrap().len(),
        2,
        "the refused plan left the old one"
    );

    let staff = |person: &str, d: NaiveDate, minutes: i64, rate: i64| StaffTimeDraft {
        person: person.into(),
        date: d,
        minutes,
        work: "会場手配・運営".into(),
        hourly_rate: Yen(rate),
        event_id: None,
    };
    f.store
        .add_staff_time(staff("田中", date(2026, 7, 1), 450, 3_000), now())
        .unwrap(); // 22,500
    f.store
        .add_staff_time(staff("田中", date(2026, 7, 2), 480, 3_000), now())
        .unwrap(); // 24,000
    f.store
        .add_staff_time(staff("佐藤", date(2026, 7, 2), 50, 2_345), now())
        .unwrap(); // 1,954.17 → 1,954
    let wrong = f
        .store
        .add_staff_time(staff("佐藤", date(2026, 7, 3), 600, 2_345), now())
        .unwrap();
    f.store.void_staff_time(wrong.id, "日付の誤り", now()).unwrap();
    assert!(matches!(
        f.store.void_staff_time(wrong.id, "again", now()),
        Err(StoreError::StaffTimeAlreadyVoid(_))
    ));
    let sheets = f.store.staff_time_sheets().unwrap();
    let summary: Vec<(&str, u32, i64, i64)> = sheets
        .iter()
        .map(|s| (s.person.as_str(), s.month, s.minutes, s.cost.0))
        .collect();
    assert_eq!(
        summary,
        vec![("佐藤", 7, 50, 1_954), ("田中", 7, 930, 46_500)],
        "the voided line counts nowhere"
    );

    let lines = [
        (ExpenseCategory::Venue, 300_000, 30_000, "会場使用料", 1),
        (ExpenseCategory::Honoraria, 100_000, 0, "講師謝金", 2),
        (ExpenseCategory::Travel, 20_910, 2_090, "講師旅費", 3),
        (ExpenseCategory::Consumables, 1_237, 123, "名札ケース", 4),
        (ExpenseCategory::Printing, 45_000, 4_500, "チラシ印刷", 5),
    ];
    let mut venue = None;
    for (category, amount, tax, description, receipt) in lines {
        let stored = f
            .store
            .add_expense(
                ExpenseDraft {
                    receipts: vec![hash(receipt)],
                    event_id: Some(f.event),
                    ..ExpenseDraft::single(
                        date(2026, 7, 25),
                        category,
                        Yen(amount),
                        Yen(tax),
                        "支払先",
                        description,
                    )
                },
                now(),
            )
            .unwrap();
        venue = venue.or(Some(stored[0].id));
    }
    f.store
        .add_expense(
            ExpenseDraft {
                receipts: vec![hash(6)],
                corrects: venue,
                ..ExpenseDraft::single(
                    date(2026, 8, 5),
                    ExpenseCategory::Venue,
                    Yen(-50_000),
                    Yen(-5_000),
                    "支払先",
                    "一部返金",
                )
            },
            now(),
        )
        .unwrap();
    let subcontract = f
        .store
        .add_subcontract(
            SubcontractDraft {
                name: "配信会社".into(),
                amount_with_tax: Yen(1_100_000),
                scope: "オンライン配信".into(),
                selection: "3社相見積".into(),
                touches_core_management: false,
                date: date(2026, 9, 1),
                event_id: None,
            },
            now(),
        )
        .unwrap();
    let sub_lines: Vec<_> = f
        .store
        .expenses()
        .unwrap()
        .into_iter()
        .filter(|e| e.subcontract_id == Some(subcontract.id))
        .collect();
    assert_eq!(sub_lines.len(), 1);
    assert_eq!(
        (sub_lines[0].amount, sub_lines[0].tax),
        (Yen(1_000_000), Yen(100_000))
    );
    f.store
        .attach_receipt(sub_lines[0].voucher_id, &hash(9), "請求書.pdf", now())
        .unwrap();

    // The worked example of core's budget tests, through the store: I 48,454; II 417,147;
    // III 1,000,000; IV 46,560; subtotal 1,512,161; tax 151,216; total 1,663,377.
    let budget = f.store.budget().unwrap();
    let a = &budget.actual;
    assert_eq!(
        (
            a.personnel,
            a.direct,
            a.subcontract,
            a.general_admin,
            a.subtotal,
            a.consumption_tax,
            a.total,
            a.remaining
        ),
        (
            Yen(48_454),
            Yen(417_147),
            Yen(1_000_000),
            Yen(46_560),
            Yen(1_512_161),
            Yen(151_216),
            Yen(1_663_377),
            Yen(3_336_623)
        )
    );
    assert_eq!(a.subcontract_ratio.to_string(), "66.1%");
    let codes: Vec<&str> = budget.warnings.iter().map(|w| w.code()).collect();
    assert_eq!(codes, ["budget.subcontract_over_half"]);
    assert_eq!(
        budget.plan.as_ref().map(|p| p.total),
        Some(Yen(1_452_000)),
        "(600,000 + 600,000) × 1.1 × 1.1"
    );

    // A subcontract that touches the core of the project is warned about.
    f.store
        .add_subcontract(
            SubcontractDraft {
                name: "企画会社".into(),
                amount_with_tax: Yen(0),
                scope: "事業全体の企画".into(),
                selection: String::new(),
                touches_core_management: true,
                date: date(2026, 9, 1),
                event_id: None,
            },
            now(),
        )
        .unwrap();
    let codes: Vec<String> = f
        .store
        .budget()
        .unwrap()
        .warnings
        .iter()
        .map(|w| w.code().to_string())
        .collect();
    assert!(
        codes.contains(&"budget.subcontract_core_management".to_string()),
        "{codes:?}"
    );
}
