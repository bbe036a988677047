//! The budget on a real database, as a worked example a person can follow by hand with a pen:
//! the contract's terms, staff time, a receipt split over two categories, a refund, a
//! correction, a subcontract and a fee, then every figure of the settlement. Also: the same
//! receipt twice is refused and nothing is written; the exports are written and logged.

use chrono::{FixedOffset, NaiveDate, TimeZone, Utc};
use tsudoi_app::budget::{
    self, CorrectionEntry, ExpenseEntry, PlanEntry, ProjectSettings, RefundEntry, SplitEntry, StaffTimeEntry,
    SubcontractEntry,
};
use tsudoi_app::output::Replace;
use tsudoi_app::{Clock, Ctx, Database};
use tsudoi_core::money::budget::ExpenseCategory;
use tsudoi_core::money::Yen;
use tsudoi_core::{EventDraft, EventId, Lang, Localized};

struct Office {
    dir: tempfile::TempDir,
    db: Database,
    event: EventId,
}

impl Office {
    fn new() -> Office {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Database::open(&dir.path().join("tsudoi.sqlite3")).unwrap();
        let event = {
            let mut ctx = Ctx::new(&mut db, Lang::Ja, clock());
            let date = NaiveDate::from_ymd_opt(2026, 7, 25).unwrap();
            tsudoi_app::events::create(&mut ctx, EventDraft::new("第1回", date))
                .unwrap()
                .id
        };
        Office { dir, db, event }
    }

    fn ctx(&mut self) -> Ctx<'_> {
        Ctx::new(&mut self.db, Lang::Ja, clock())
    }

    fn file(&self, name: &str, bytes: &[u8]) -> String {
        let path = self.dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path.display().to_string()
    }
}

fn clock() -> Clock {
    Clock::fixed(
        Utc.with_ymd_and_hms(2026, 8, 1, 0, 0, 0).unwrap(),
        FixedOffset::east_opt(9 * 3600).unwrap(),
    )
}

fn line(category: ExpenseCategory, amount: &str, tax: &str) -> SplitEntry {
    SplitEntry {
        category,
        description: String::new(),
        amount: amount.into(),
        tax: tax.into(),
    }
}

fn expense(
    date: &str,
    payee: &str,
    description: &str,
    lines: Vec<SplitEntry>,
    receipts: Vec<String>,
) -> ExpenseEntry {
    ExpenseEntry {
        date: date.into(),
        payee: payee.into(),
        description: description.into(),
        event_id: None,
        payment_method: Default::default(),
        lines,
        receipts,
        notes: String::new(),
    }
}

#[test]
fn a_worked_example_a_person_can_follow_by_hand() {
    let mut office = Office::new();
    let (r1, r2, r3) = (
        office.file("会場領収書.pdf", b"receipt: venue"),
        office.file("印刷領収書.jpg", b"receipt: printing and paper"),
        office.file("謝金領収書.pdf", b"receipt: fee"),
    );
    let event = office.event;
    let mut ctx = office.ctx();

    let half = budget::set_project(
        &mut ctx,
        &ProjectSettings {
            start: Some("2026-04-01".into()),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert_eq!(
        half.code(),
        "budget.period_incomplete",
        "a period needs both days"
    );

    // The contract: ¥5,000,000 with tax, overhead 10%, tax 10%, April to March.
    budget::set_project(
        &mut ctx,
        &ProjectSettings {
            cap: Some("５，０００，０００".into()),
            overhead_rate: Some("10".into()),
            start: Some("2026-04-01".into()),
            end: Some("2027-03-31".into()),
            ..Default::default()
        },
    )
    .unwrap();
    budget::set_plan(
        &mut ctx,
        &[
            PlanEntry {
                category: ExpenseCategory::Personnel,
                amount: "1200000".into(),
            },
            PlanEntry {
                category: ExpenseCategory::Venue,
                amount: "600,000".into(),
            },
            PlanEntry {
                category: ExpenseCategory::Subcontract,
                amount: "1500000".into(),
            },
        ],
    )
    .unwrap();

    // I 人件費: 山田 7.5 h × ¥3,000 = ¥22,500; 佐藤 7.25 h × ¥2,345 = ¥17,001.25 → ¥17,001 (cut);
    // a mistaken line of 山田 is voided and counts nowhere.
    budget::add_staff_time(
        &mut ctx,
        &StaffTimeEntry {
            person: "山田".into(),
            date: "2026-07-02".into(),
            hours: "７．５".into(),
            rate: "3000".into(),
            work: "会場手配".into(),
            event_id: Some(event.0),
        },
    )
    .unwrap();
    let sato = budget::add_staff_time(
        &mut ctx,
        &StaffTimeEntry {
            person: "佐藤".into(),
            date: "2026-07-03".into(),
            hours: "7:15".into(),
            rate: "2,345".into(),
            work: "広報".into(),
            event_id: None,
        },
    )
    .unwrap();
    assert_eq!(
        sato.cost,
        Yen(17_001),
        "7.25 h × ¥2,345 = ¥17,001.25, cut to ¥17,001"
    );
    let mistaken = budget::add_staff_time(
        &mut ctx,
        &StaffTimeEntry {
            person: "山田".into(),
            date: "2026-07-02".into(),
            hours: "2".into(),
            rate: "3000".into(),
            work: "二重入力".into(),
            event_id: None,
        },
    )
    .unwrap();
    budget::void_staff_time(&mut ctx, mistaken.id, "二重入力").unwrap();

    // II: the venue ¥300,000 + tax ¥30,000, for 第1回.
    let venue = budget::add_expense(
        &mut ctx,
        &ExpenseEntry {
            event_id: Some(event.0),
            ..expense(
                "2026-07-25",
                "市民会館",
                "第1回 会場使用料",
                vec![line(ExpenseCategory::Venue, "300000", "30000")],
                vec![r1.clone()],
            )
        },
    )
    .unwrap();
    // One receipt split over two categories: printing ¥50,000 + ¥5,000, paper ¥8,000 + ¥800.
    let split = budget::add_expense(
        &mut ctx,
        &expense(
            "2026-07-10",
            "印刷所",
            "チラシ印刷と用紙",
            vec![
                line(ExpenseCategory::Printing, "50000", "5000"),
                line(ExpenseCategory::Consumables, "8000", "800"),
            ],
            vec![r2],
        ),
    )
    .unwrap();
    assert_eq!(split.len(), 2, "one voucher, two lines");
    assert_eq!(split[0].voucher_id, split[1].voucher_id);
    // A fee outside consumption tax: ¥100,000.
    budget::add_expense(
        &mut ctx,
        &expense(
            "2026-07-25",
            "講師 鈴木",
            "講演謝金",
            vec![line(ExpenseCategory::Honoraria, "100000", "0")],
            vec![r3],
        ),
    )
    .unwrap();
    // The hall refunds ¥20,000 + ¥2,000 for a room not used: venue ¥300,000 → ¥280,000.
    let refund = budget::refund(
        &mut ctx,
        &RefundEntry {
            expense_id: venue[0].id,
            date: "2026-07-30".into(),
            amount: "20000".into(),
            tax: "2000".into(),
            reason: "控室キャンセル".into(),
            receipts: Vec::new(),
        },
    )
    .unwrap();
    assert_eq!(
        refund[0].amount,
        Yen(-20_000),
        "a refund is its own negative line"
    );
    assert_eq!(
        refund[0].corrects,
        Some(venue[0].id),
        "naming the line it refunds"
    );
    // The paper was printing material: the line is reversed and booked again as printing.
    budget::correct(
        &mut ctx,
        &CorrectionEntry {
            expense_id: split[1].id,
            date: "2026-07-31".into(),
            reason: "費目の誤り".into(),
            replacement: Some(line(ExpenseCategory::Printing, "8000", "800")),
        },
    )
    .unwrap();
    // III: a subcontract of ¥330,000 with tax = ¥300,000 + ¥30,000.
    budget::add_subcontract(
        &mut ctx,
        &SubcontractEntry {
            name: "配信会社".into(),
            amount_with_tax: "330000".into(),
            scope: "オンライン配信".into(),
            selection: "3社見積比較".into(),
            touches_core_management: false,
            date: "2026-07-20".into(),
            event_id: Some(event.0),
        },
    )
    .unwrap();

    let ledger = budget::expenses(&ctx).unwrap();
    assert_eq!(
        ledger.len(),
        1 + 2 + 1 + 1 + 2 + 1,
        "venue, the split voucher, the fee, the refund, the correction's two lines, the subcontract: nothing erased"
    );

    let b = budget::show(&ctx).unwrap();
    // I = 22,500 + 17,001 = 39,501.
    assert_eq!(b.personnel, Yen(39_501));
    // II = venue 280,000 + printing (50,000 + 8,000) + honoraria 100,000 = 438,000.
    assert_eq!(b.direct, Yen(438_000));
    let row = |c: ExpenseCategory| b.rows.iter().find(|r| r.category == c).unwrap();
    assert_eq!(row(ExpenseCategory::Venue).actual, Yen(280_000));
    assert_eq!(row(ExpenseCategory::Printing).actual, Yen(58_000));
    assert_eq!(row(ExpenseCategory::Consumables).actual, Yen(0), "corrected away");
    assert_eq!(
        row(ExpenseCategory::Venue).remaining,
        Some(Yen(320_000)),
        "600,000 planned"
    );
    // III = 300,000 (the tax is charged on the subtotal).
    assert_eq!(b.subcontract, Yen(300_000));
    // IV = (39,501 + 438,000) × 10% = 47,750.1 → 47,750.
    assert_eq!(b.general_admin, Yen(47_750));
    // Subtotal = 39,501 + 438,000 + 300,000 + 47,750 = 825,251.
    assert_eq!(b.subtotal, Yen(825_251));
    // Tax = 825,251 × 10% = 82,525.1 → 82,525; total = 907,776.
    assert_eq!(b.consumption_tax, Yen(82_525));
    assert_eq!(b.total, Yen(907_776));
    assert_eq!(b.cap, Yen(5_000_000));
    assert_eq!(b.remaining, Yen(4_092_224));
    // Subcontracting with tax 330,000 ÷ 907,776 = 36.35…% → 36.3 (cut).
    assert_eq!(b.subcontract_with_tax, Yen(330_000));
    assert_eq!(b.subcontract_ratio_percent, "36.3");
    assert!(!b.subcontract_over_half);
    let plan = b.plan.as_ref().expect("a plan was set");
    // Plan: I + II = 1,200,000 + 600,000 → IV 180,000; subtotal 3,480,000; tax 348,000.
    assert_eq!(plan.general_admin, Yen(180_000));
    assert_eq!(plan.total, Yen(3_828_000));
    // 第1回: venue 280,000 + 山田 22,500 + subcontract 300,000.
    let first = b.by_event.iter().find(|e| e.event_id == Some(event.0)).unwrap();
    assert_eq!(first.title, "第1回");
    assert_eq!(first.total_without_tax, Yen(602_500));

    let codes: Vec<&str> = b.warnings.iter().map(|w| w.code.as_str()).collect();
    assert!(
        codes.contains(&"budget.receipt_missing"),
        "the subcontract's invoice is not attached yet: {codes:?}"
    );
    assert!(!codes.contains(&"budget.over_cap"), "{codes:?}");
    assert!(!codes.contains(&"budget.subcontract_over_half"), "{codes:?}");

    let sheets = budget::staff_sheets(&ctx).unwrap();
    let yamada = sheets.iter().find(|s| s.person == "山田").unwrap();
    assert_eq!(
        (yamada.month.as_str(), yamada.hours.as_str(), yamada.cost),
        ("2026-07", "7.5", Yen(22_500)),
        "the voided line is not on the sheet"
    );
}

#[test]
fn the_same_receipt_twice_is_refused_and_nothing_is_written() {
    let mut office = Office::new();
    let first = office.file("receipt.pdf", b"one and the same receipt");
    let renamed = office.file("copy-of-receipt.pdf", b"one and the same receipt");
    let other = office.file("other.png", b"another receipt");
    let receipts_dir = office.dir.path().join("receipts");
    let mut ctx = office.ctx();
    budget::add_expense(
        &mut ctx,
        &expense(
            "2026-07-01",
            "店",
            "文具",
            vec![line(ExpenseCategory::Consumables, "1000", "100")],
            vec![first],
        ),
    )
    .unwrap();
    let files_before = walk(&receipts_dir);
    assert_eq!(files_before.len(), 1);

    let refused = budget::add_expense(
        &mut ctx,
        &expense(
            "2026-07-02",
            "店",
            "文具（二重）",
            vec![line(ExpenseCategory::Consumables, "1000", "100")],
            vec![other, renamed],
        ),
    )
    .unwrap_err();
    assert_eq!(
        refused.code(),
        "store.receipt_already_used",
        "same bytes under another name"
    );
    assert!(
        refused.message(Lang::Ja).contains("伝票 1"),
        "{}",
        refused.message(Lang::Ja)
    );
    assert_eq!(budget::expenses(&ctx).unwrap().len(), 1, "no line booked");
    assert_eq!(walk(&receipts_dir), files_before, "no receipt file left behind");

    let index = budget::expenses(&ctx).unwrap();
    let bytes = budget::receipt_bytes(&ctx, &index[0].receipts[0]).unwrap();
    assert_eq!(
        bytes, b"one and the same receipt",
        "kept by content, read back whole"
    );
}

#[test]
fn the_exports_are_written_and_logged() {
    let mut office = Office::new();
    let receipt = office.file("領収書.pdf", b"receipt");
    let out = office.dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let mut ctx = office.ctx();
    budget::add_expense(
        &mut ctx,
        &expense(
            "2026-07-01",
            "=HYPERLINK(\"x\")",
            "@SUM(A1)",
            vec![line(ExpenseCategory::Venue, "1234567", "123456")],
            vec![receipt],
        ),
    )
    .unwrap();
    let sheet = budget::export_budget_sheet(&mut ctx, &out, Replace(false)).unwrap();
    let ledger = budget::export_ledger(&mut ctx, &out, Replace(false)).unwrap();
    let settlement = budget::export_settlement(&mut ctx, &out, Replace(false)).unwrap();
    assert!(sheet.file.ends_with("予算書_非公表用.xlsx"), "{}", sheet.file);
    assert!(ledger.file.ends_with("経費明細_非公表用.xlsx"), "{}", ledger.file);
    assert!(
        settlement.file.ends_with("精算概要_非公表用.pdf"),
        "the file name says 非公表用"
    );
    assert!(std::fs::read(&settlement.file).unwrap().starts_with(b"%PDF"));
    for workbook in [&sheet.file, &ledger.file] {
        let mut zip = zip::ZipArchive::new(std::fs::File::open(workbook).unwrap()).unwrap();
        let sheets: Vec<String> = zip
            .file_names()
            .map(|n| n.unwrap().to_string())
            .filter(|n| n.starts_with("xl/worksheets/sheet"))
            .collect();
        assert!(!sheets.is_empty());
        for name in sheets {
            let mut xml = String::new();
            std::io::Read::read_to_string(&mut zip.by_name(&name).unwrap(), &mut xml).unwrap();
            assert!(
                xml.contains("<oddHeader>") && xml.contains("非公表用"),
                "{workbook} {name}: every printed page is headed 非公表用"
            );
        }
    }

    use calamine::{open_workbook, Data, Reader, Xlsx};
    let mut book: Xlsx<_> = open_workbook(&sheet.file).unwrap();
    let range = book.worksheet_range("予算書").unwrap();
    let venue = range
        .rows()
        .find(|r| r.get(1) == Some(&Data::String("会場費".into())))
        .unwrap();
    assert_eq!(venue[3], Data::Float(1234.0), "¥1,234,567 in thousands, cut off");

    let mut book: Xlsx<_> = open_workbook(&ledger.file).unwrap();
    let lines = book.worksheet_range("経費明細").unwrap();
    assert_eq!(
        lines.get((1, 4)),
        Some(&Data::String("=HYPERLINK(\"x\")".into())),
        "text, not a formula"
    );
    let formulas = book.worksheet_formula("経費明細").unwrap();
    assert!(
        formulas.rows().flatten().all(|f| f.is_empty()),
        "no cell runs as a formula"
    );
    let index = book.worksheet_range("領収書索引").unwrap();
    assert_eq!(index.get((1, 5)), Some(&Data::String("領収書.pdf".into())));
    let kept = index.get((1, 6)).unwrap().to_string();
    assert!(kept.starts_with("receipts/") && kept.ends_with(".pdf"), "{kept}");

    let log = tsudoi_app::privacy::log(&ctx, 10).unwrap();
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    for action in ["budget_sheet_export", "ledger_export", "settlement_export"] {
        assert!(actions.contains(&action), "{action} logged: {actions:?}");
    }
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                files.extend(walk(&path));
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}
