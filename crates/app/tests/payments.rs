//! Speakers' fees and travel on a real database: the figures exact to the yen (gross,
//! withholding base, tax, net) for a fee with reimbursed and direct travel, a fee agreed as net, a
//! company; the warnings (an attendee paid, a fee with no talk); the statement and the
//! payment-record file written and logged as exports; a voided payment left out of the tax; and
//! payees kept by those who may edit personal data once the roster exists.

use chrono::{FixedOffset, NaiveTime, TimeZone, Utc};
use tsudoi_app::handlers::{self, SignedIn};
use tsudoi_app::output::Replace;
use tsudoi_app::payments::{self, PaymentDocument, PaymentRequest, PaymentShown, TravelEntry};
use tsudoi_app::{Clock, Ctx, Database};
use tsudoi_core::agenda::{AgendaItemDraft, AgendaKind, ItemPlace, SpeakerDraft};
use tsudoi_core::handler::{HandlerDraft, HandlerRole};
use tsudoi_core::money::payment::{PayeeDraft, PayeeId};
use tsudoi_core::money::withholding::{PayeeKind, TravelLine, TravelPaidTo};
use tsudoi_core::money::Yen;
use tsudoi_core::privacy::AuditAction;
use tsudoi_core::{AttendeeDraft, EventDraft, EventId, Lang, Localized};

struct Office {
    dir: tempfile::TempDir,
    db: Database,
    event: EventId,
}

impl Office {
    fn new() -> Office {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Database::open(&dir.path().join("tsudoi.sqlite3")).unwrap();
        let date = chrono::NaiveDate::from_ymd_opt(2026, 7, 25).unwrap();
        let event = {
            let mut ctx = Ctx::new(&mut db, Lang::Ja, clock());
            tsudoi_app::events::create(&mut ctx, EventDraft::new("第1回 交流会", date))
                .unwrap()
                .id
        };
        Office { dir, db, event }
    }

    fn ctx(&mut self, who: Option<&SignedIn>) -> Ctx<'_> {
        Ctx::new(&mut self.db, Lang::Ja, clock()).signed_in(who)
    }

    fn payee(
        &mut self,
        name: &str,
        kind: PayeeKind,
        speaker: Option<tsudoi_core::agenda::SpeakerId>,
    ) -> PayeeId {
        payments::add_payee(
            &mut self.ctx(None),
            PayeeDraft {
                name: name.into(),
                kind,
                speaker_id: speaker,
                address: "仙台市青葉区1-2-3".into(),
                bank_account: "七十七銀行 本店 普通 1234567".into(),
                ..PayeeDraft::default()
            },
        )
        .unwrap()
        .id
    }

    fn pay(&mut self, payee: PayeeId, fee: i64, travel: Vec<TravelEntry>, fee_is_net: bool) -> PaymentShown {
        let event = self.event;
        payments::add_payment(
            &mut self.ctx(None),
            PaymentRequest {
                payee_id: payee,
                event_id: Some(event),
                paid_on: "2026-07-31".into(),
                fee: Yen(fee),
                fee_is_net,
                consumption_tax: Yen::ZERO,
                travel,
                declined: false,
                notes: String::new(),
            },
        )
        .unwrap()
    }
}

fn clock() -> Clock {
    Clock::fixed(
        Utc.with_ymd_and_hms(2026, 7, 1, 0, 0, 0).unwrap(),
        FixedOffset::east_opt(9 * 3600).unwrap(),
    )
}

fn travel(amount: i64, paid_to: TravelPaidTo) -> TravelEntry {
    TravelLine {
        description: "新幹線 東京－仙台".into(),
        amount: Yen(amount),
        paid_to,
        receipt_sha256: None,
    }
    .into()
}

fn figures(shown: &PaymentShown) -> (i64, i64, i64, i64) {
    let c = &shown.payment.calculation;
    (c.gross.0, c.withholding_base.0, c.withholding.0, c.net_paid.0)
}

fn codes(shown: &PaymentShown) -> Vec<&str> {
    shown.warnings.iter().map(|w| w.code.as_str()).collect()
}

#[test]
fn payments_come_to_the_yen_warn_and_print() {
    let mut office = Office::new();
    let event = office.event;
    let speaker = tsudoi_app::agenda::add_speaker(
        &mut office.ctx(None),
        SpeakerDraft {
            name: "山田 太郎".into(),
            ..SpeakerDraft::default()
        },
    )
    .unwrap();
    tsudoi_app::agenda::add_item(
        &mut office.ctx(None),
        event,
        AgendaItemDraft {
            starts_at: NaiveTime::from_hms_opt(13, 0, 0).unwrap(),
            ends_at: NaiveTime::from_hms_opt(14, 0, 0).unwrap(),
            kind: AgendaKind::Talk,
            title: "基調講演".into(),
            place: ItemPlace::default(),
            speaker_ids: vec![speaker.id],
            moderator_id: None,
            notes: String::new(),
        },
    )
    .unwrap();

    let yamada = office.payee("山田 太郎", PayeeKind::Individual, Some(speaker.id));
    let paid = office.pay(
        yamada,
        100_000,
        vec![
            travel(23_000, TravelPaidTo::Payee),
            travel(15_000, TravelPaidTo::Carrier),
        ],
        false,
    );
    assert_eq!(
        figures(&paid),
        (123_000, 123_000, 12_558, 110_442),
        "reimbursed travel is in the base (10.21% of 123,000 = 12,558.3), the hotel paid direct is not"
    );
    assert_eq!(paid.payment.calculation.direct_travel, Yen(15_000));
    assert!(
        paid.warnings.is_empty(),
        "a speaker with a talk: {:?}",
        paid.warnings
    );
    assert_eq!(paid.event_title, "第1回 交流会");
    let json = serde_json::to_value(&paid).unwrap();
    assert_eq!(
        (json["gross"].as_i64(), json["net_paid"].as_i64()),
        (Some(123_000), Some(110_442)),
        "both doors answer the figures at the top level"
    );

    // Agreed as net: grossed up so that the fee minus the tax is exactly the net.
    let net = office.pay(yamada, 100_000, vec![], true);
    assert_eq!(figures(&net), (111_370, 111_370, 11_370, 100_000));

    // An attendee paid, with no talk: both warnings, never silent.
    let sato = office.payee("佐藤 花子", PayeeKind::Individual, None);
    tsudoi_app::attendees::add(&mut office.ctx(None), event, AttendeeDraft::new("佐藤　花子")).unwrap();
    let warned = office.pay(sato, 30_000, vec![], false);
    assert_eq!(
        codes(&warned),
        ["payment.payee_is_attendee", "payment.no_talk_in_programme"]
    );
    assert!(warned.warnings[0].message.contains("契約で禁じられています"));

    // A company is not withheld.
    let company = office.payee("株式会社講演企画", PayeeKind::Company, None);
    let empty_receipt = office.dir.path().join("受領書.pdf");
    let nothing = payments::print(
        &mut office.ctx(None),
        company,
        PaymentDocument::Receipt,
        None,
        &empty_receipt,
        Replace(false),
    )
    .unwrap_err();
    assert_eq!(
        nothing.code(),
        "payment.none_to_print",
        "no receipt for nothing paid"
    );
    assert!(!empty_receipt.exists());
    let to_company = office.pay(company, 200_000, vec![travel(10_000, TravelPaidTo::Payee)], false);
    assert_eq!(figures(&to_company), (210_000, 0, 0, 210_000));

    let listed = payments::list_payments(&office.ctx(None), Some(event), Some(yamada)).unwrap();
    assert_eq!(listed.len(), 2);

    // The statement: named for the payee and 非公表用, written and logged as an export.
    let folder = office.dir.path().to_path_buf();
    let done = payments::print(
        &mut office.ctx(None),
        yamada,
        PaymentDocument::Statement,
        None,
        &folder,
        Replace(false),
    )
    .unwrap();
    let pdf = office.dir.path().join("支払明細_非公表用_山田_太郎.pdf");
    assert_eq!(done.file, pdf.display().to_string());
    assert_eq!((done.n_payments, done.net_paid), (2, Yen(210_442)));
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    let receipt = payments::print(
        &mut office.ctx(None),
        yamada,
        PaymentDocument::Receipt,
        Some(event),
        &folder,
        Replace(false),
    )
    .unwrap();
    assert!(receipt.file.ends_with("受領書_非公表用_山田_太郎.pdf"));
    let log = tsudoi_app::privacy::log(&office.ctx(None), 10).unwrap();
    assert_eq!(log[0].action, AuditAction::PaymentStatement);
    assert_eq!(log[1].action, AuditAction::PaymentStatement);
    assert_eq!(log[1].n_people, 1);

    // The tax by month: July, three people withheld (the company is not), due 10 August.
    let months = payments::tax_months(&office.ctx(None)).unwrap();
    assert_eq!(months.len(), 1);
    assert_eq!(
        (months[0].n_payees, months[0].total_paid, months[0].total_withheld),
        (2, Yen(123_000 + 111_370 + 30_000), Yen(12_558 + 11_370 + 3_063))
    );
    assert_eq!(months[0].due.to_string(), "2026-08-10");

    // The payment-record data as CSV: 山田 above ¥50,000 needs a 支払調書, 佐藤 does not.
    let csv_path = office.dir.path().join("支払調書.csv");
    let written =
        payments::export_payment_records(&mut office.ctx(None), Some(2026), &csv_path, Replace(false))
            .unwrap();
    assert_eq!(written.n_lines, 3);
    let text = std::fs::read_to_string(&csv_path).unwrap();
    assert!(
        text.contains("山田 太郎,個人,2,234370,0,23928,要（5万円超）"),
        "{text}"
    );
    assert!(text.contains("佐藤 花子,個人,1,30000,0,3063,不要"), "{text}");
    let log = tsudoi_app::privacy::log(&office.ctx(None), 1).unwrap();
    assert_eq!(
        (log[0].action, log[0].n_people),
        (AuditAction::PaymentRecordExport, 3)
    );
    let xlsx = office.dir.path().join("納付.xlsx");
    payments::export_tax_months(&mut office.ctx(None), &xlsx, Replace(false)).unwrap();
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));

    // A voided payment counts in no tax figure.
    let voided = payments::void_payment(&mut office.ctx(None), warned.payment.id, "二重登録").unwrap();
    assert_eq!(voided.payment.voided_reason.as_deref(), Some("二重登録"));
    let months = payments::tax_months(&office.ctx(None)).unwrap();
    assert_eq!(months[0].total_withheld, Yen(12_558 + 11_370));
}

#[test]
fn payees_are_kept_by_those_who_may_edit_personal_data() {
    let mut office = Office::new();
    let yamada = office.payee("山田 太郎", PayeeKind::Individual, None);
    let person = |name: &str, role| HandlerDraft {
        name: name.into(),
        role,
        ..HandlerDraft::default()
    };
    handlers::add(
        &mut office.ctx(None),
        person("責任 者", HandlerRole::Officer),
        "9876",
    )
    .unwrap();
    let officer = handlers::sign_in(&mut office.ctx(None), "責任 者", "9876").unwrap();
    handlers::add(
        &mut office.ctx(Some(&officer)),
        person("従事 者", HandlerRole::Staff),
        "4444",
    )
    .unwrap();
    let staff = handlers::sign_in(&mut office.ctx(None), "従事 者", "4444").unwrap();
    let refused = payments::list_payees(&office.ctx(Some(&staff))).unwrap_err();
    assert_eq!(
        refused.code(),
        "auth.not_permitted",
        "a payee's bank details are not the desk's"
    );
    assert_eq!(
        payments::list_payees(&office.ctx(None)).unwrap_err().code(),
        "auth.sign_in_required"
    );
    let payees = payments::list_payees(&office.ctx(Some(&officer))).unwrap();
    assert_eq!(payees[0].id, yamada);
    assert_eq!(payees[0].details.bank_account, "七十七銀行 本店 普通 1234567");
}

#[test]
fn a_travel_line_keeps_its_receipt_file_with_the_ledger() {
    let mut office = Office::new();
    let event = office.event;
    let yamada = office.payee("山田 太郎", PayeeKind::Individual, None);
    let ticket = office.dir.path().join("新幹線 領収書.pdf");
    std::fs::write(&ticket, b"%PDF-1.4 shinkansen receipt").unwrap();
    let hotel = office.dir.path().join("hotel.jpg");
    std::fs::write(&hotel, b"hotel receipt bytes").unwrap();
    let with_receipt = |line: TravelEntry, path: &std::path::Path| TravelEntry {
        receipt_file: path.display().to_string(),
        ..line
    };
    let request = PaymentRequest {
        payee_id: yamada,
        event_id: Some(event),
        paid_on: "2026-07-31".into(),
        fee: Yen(50_000),
        fee_is_net: false,
        consumption_tax: Yen::ZERO,
        travel: vec![
            with_receipt(travel(23_000, TravelPaidTo::Payee), &ticket),
            with_receipt(travel(12_000, TravelPaidTo::Carrier), &hotel),
            travel(1_000, TravelPaidTo::Payee),
        ],
        declined: false,
        notes: String::new(),
    };
    let paid = payments::add_payment(&mut office.ctx(None), request.clone()).unwrap();
    let lines = &paid.payment.terms.travel;
    let ticket_sha = tsudoi_store::receipt_sha256(&std::fs::read(&ticket).unwrap());
    assert_eq!(lines[0].receipt_sha256.as_deref(), Some(ticket_sha.as_str()));
    assert!(lines[1].receipt_sha256.is_some(), "the hotel's receipt");
    assert_eq!(
        lines[2].receipt_sha256, None,
        "a line without a receipt file stays without"
    );
    // The file is kept by content beside the database and read back through the store.
    assert_eq!(
        tsudoi_app::budget::receipt_bytes(&office.ctx(None), &ticket_sha).unwrap(),
        b"%PDF-1.4 shinkansen receipt"
    );
    assert!(office.dir.path().join("receipts").join(&ticket_sha[..2]).is_dir());
    // It backs the payment's voucher in the ledger, under the name it had.
    let ledger = tsudoi_app::budget::expenses(&office.ctx(None)).unwrap();
    let voucher = ledger
        .iter()
        .find(|l| l.receipts.contains(&ticket_sha))
        .expect("the payment's voucher names the receipt");
    assert_eq!(voucher.receipts.len(), 2, "both files back the one voucher");
    let index = tsudoi_store::Store::open(&office.dir.path().join("tsudoi.sqlite3"))
        .unwrap()
        .receipt_files()
        .unwrap();
    assert!(index
        .iter()
        .any(|r| r.sha256 == ticket_sha && r.original_name == "新幹線 領収書.pdf"));

    // The same receipt again is refused before anything is recorded.
    let before = payments::list_payments(&office.ctx(None), None, None)
        .unwrap()
        .len();
    let refused = payments::add_payment(&mut office.ctx(None), request).unwrap_err();
    assert_eq!(refused.code(), "store.receipt_already_used");
    assert_eq!(
        payments::list_payments(&office.ctx(None), None, None)
            .unwrap()
            .len(),
        before,
        "nothing recorded"
    );
    // A receipt file that cannot be read refuses the payment with its path.
    let missing = PaymentRequest {
        travel: vec![with_receipt(
            travel(5_000, TravelPaidTo::Payee),
            &office.dir.path().join("ない.pdf"),
        )],
        ..paid_request(yamada, event)
    };
    assert!(payments::add_payment(&mut office.ctx(None), missing).is_err());
}

fn paid_request(payee: PayeeId, event: EventId) -> PaymentRequest {
    PaymentRequest {
        payee_id: payee,
        event_id: Some(event),
        paid_on: "2026-07-31".into(),
        fee: Yen(30_000),
        fee_is_net: false,
        consumption_tax: Yen::ZERO,
        travel: vec![],
        declined: false,
        notes: String::new(),
    }
}

#[test]
fn every_warning_reaches_the_person_before_the_save() {
    let mut office = Office::new();
    let event = office.event;
    tsudoi_app::budget::set_project(
        &mut office.ctx(None),
        &tsudoi_app::budget::ProjectSettings {
            start: Some("2026-06-01".into()),
            end: Some("2027-02-28".into()),
            ..Default::default()
        },
    )
    .unwrap();
    let sato = office.payee("佐藤 花子", PayeeKind::Individual, None);
    tsudoi_app::attendees::add(&mut office.ctx(None), event, AttendeeDraft::new("佐藤　花子")).unwrap();
    let request = PaymentRequest {
        paid_on: "2027-03-15".into(),
        ..paid_request(sato, event)
    };
    let preview = payments::preview(&office.ctx(None), &request).unwrap();
    let codes: Vec<&str> = preview.warnings.iter().map(|w| w.code.as_str()).collect();
    assert_eq!(
        codes,
        [
            "payment.payee_is_attendee",
            "payment.no_talk_in_programme",
            "payment.outside_contract_period"
        ],
        "all three before anything is saved"
    );
    assert_eq!(preview.calculation.withholding, Yen(3_063));
    assert!(
        payments::list_payments(&office.ctx(None), None, None)
            .unwrap()
            .is_empty(),
        "a preview records nothing"
    );
    let json = serde_json::to_value(&preview).unwrap();
    assert_eq!(json["net_paid"], 26_937, "the figures at the top, as before");
    assert_eq!(json["warnings"][2]["code"], "payment.outside_contract_period");

    // Inside the period, declined: no fee, so no talk is needed; the attendee warning stays.
    let declined = PaymentRequest {
        paid_on: "2026-07-31".into(),
        declined: true,
        ..paid_request(sato, event)
    };
    let preview = payments::preview(&office.ctx(None), &declined).unwrap();
    let codes: Vec<&str> = preview.warnings.iter().map(|w| w.code.as_str()).collect();
    assert_eq!(codes, ["payment.payee_is_attendee"]);

    // Saved anyway, the payment shows the same warnings afterwards.
    let saved = payments::add_payment(&mut office.ctx(None), request).unwrap();
    assert_eq!(saved.warnings.len(), 3);
}

#[test]
fn payee_changes_are_logged_by_field_never_by_value() {
    let mut office = Office::new();
    let yamada = office.payee("山田 太郎", PayeeKind::Individual, None);
    let mut draft = payments::get_payee(&office.ctx(None), yamada).unwrap().details;
    draft.bank_account = "ゆうちょ銀行 〇一八 普通 7654321".into();
    draft.address = "大阪市北区9-9".into();
    payments::update_payee(&mut office.ctx(None), yamada, draft.clone()).unwrap();
    // Saving the same details again changes nothing and logs nothing.
    payments::update_payee(&mut office.ctx(None), yamada, draft).unwrap();

    let log = tsudoi_app::privacy::log(&office.ctx(None), 10).unwrap();
    let lines: Vec<_> = log
        .iter()
        .filter(|l| l.action == AuditAction::PayeeChange)
        .collect();
    assert_eq!(lines.len(), 2, "the addition and the one real change: {log:?}");
    assert_eq!(
        lines[0].detail,
        format!("受取人 #{yamada} を変更（項目: 住所、振込先）")
    );
    assert!(lines[1].detail.starts_with(&format!("受取人 #{yamada} を登録")));
    assert_eq!(lines[0].actor, lines[1].actor);
    let store = tsudoi_store::Store::open(&office.dir.path().join("tsudoi.sqlite3")).unwrap();
    let raw = store.audit_log(10).unwrap();
    for line in &raw {
        for secret in ["7654321", "大阪市", "1234567", "仙台市", "山田"] {
            assert!(
                !line.detail.contains(secret) && !line.file.contains(secret),
                "the log never holds a payee's sensitive values or name: {line:?}"
            );
        }
    }
    assert!(store.verify_audit_chain().unwrap().intact);
}
