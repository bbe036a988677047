//! The budget from the command line as the issue writes it: the contract set, an expense with
//! its receipt, staff time, a subcontract, `budget show --json` with the settlement's figures,
//! and the three exports (the budget sheet, the ledger with its receipts index, the settlement
//! summary 非公表用 on every page), each logged.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn tsudoi(db: &Path, args: &[&str]) -> (Output, Value) {
    let output = Command::new(common::tsudoi_bin())
        .arg("--db")
        .arg(db)
        .arg("--json")
        .args(args)
        .env_remove("TSUDOI_OPERATOR")
        .env_remove("TSUDOI_PIN")
        .output()
        .unwrap();
    let document = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
    (output, document)
}

fn ok(db: &Path, args: &[&str]) -> Value {
    let (output, value) = tsudoi(db, args);
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    value
}

#[test]
fn the_budget_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tsudoi.sqlite3");
    let receipt = dir.path().join("領収書.pdf");
    std::fs::write(&receipt, b"%PDF receipt of the hall").unwrap();
    let receipt = receipt.display().to_string();

    ok(
        &db,
        &[
            "project",
            "set",
            "--cap",
            "5000000",
            "--overhead-rate",
            "10",
            "--start",
            "2026-04-01",
            "--end",
            "2027-03-31",
        ],
    );
    let booked = ok(
        &db,
        &[
            "expense",
            "add",
            "--date",
            "2026-07-25",
            "--category",
            "venue",
            "--amount",
            "３００，０００",
            "--tax",
            "30000",
            "--payee",
            "市民会館",
            "--description",
            "第1回 会場使用料",
            "--receipt",
            &receipt,
        ],
    );
    assert_eq!(booked[0]["amount"], 300_000, "full-width digits read");
    assert_eq!(booked[0]["receipts"].as_array().unwrap().len(), 1);
    // The same receipt again is refused, with a message saying where it is booked.
    let (again, refusal) = tsudoi(
        &db,
        &[
            "expense",
            "add",
            "--date",
            "2026-07-26",
            "--category",
            "venue",
            "--amount",
            "1",
            "--payee",
            "x",
            "--description",
            "二重",
            "--receipt",
            &receipt,
        ],
    );
    assert!(!again.status.success(), "a receipt is booked once");
    assert_eq!(refusal["error"]["code"], "store.receipt_already_used");
    assert!(
        refusal["error"]["message"].as_str().unwrap().contains("伝票 1"),
        "says where it is booked: {refusal}"
    );

    let time = ok(
        &db,
        &[
            "time",
            "add",
            "--person",
            "山田",
            "--date",
            "2026-07-02",
            "--hours",
            "7.5",
            "--rate",
            "3000",
        ],
    );
    assert_eq!(time["cost"], 22_500);
    ok(
        &db,
        &[
            "subcontract",
            "add",
            "--name",
            "配信会社",
            "--amount-with-tax",
            "1100000",
            "--scope",
            "オンライン配信",
            "--date",
            "2026-07-20",
        ],
    );
    let list = ok(&db, &["expense", "list"]);
    assert_eq!(
        list.as_array().unwrap().len(),
        2,
        "the venue and the subcontract's line"
    );

    let b = ok(&db, &["budget", "show"]);
    // I 22,500; II 300,000; III 1,000,000; IV (22,500 + 300,000) × 10% = 32,250;
    // subtotal 1,354,750; tax 135,475; total 1,490,225.
    for (key, expected) in [
        ("personnel", 22_500),
        ("direct", 300_000),
        ("subcontract", 1_000_000),
        ("general_admin", 32_250),
        ("subtotal", 1_354_750),
        ("consumption_tax", 135_475),
        ("total", 1_490_225),
        ("cap", 5_000_000),
        ("remaining", 3_509_775),
    ] {
        assert_eq!(b[key], expected, "{key}");
    }
    // 1,100,000 ÷ 1,490,225 = 73.81…% → "73.8", above half: a warning, never a refusal.
    assert_eq!(b["subcontract_ratio_percent"], "73.8");
    let codes: Vec<&str> = b["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"budget.subcontract_over_half"), "{codes:?}");

    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let out_s = out.display().to_string();
    let sheet = ok(&db, &["budget", "sheet", "--out", &out_s]);
    let ledger = ok(&db, &["expense", "export", "--out", &out_s]);
    let settlement = ok(&db, &["budget", "settlement", "--out", &out_s]);
    let settlement_file = settlement["file"].as_str().unwrap();
    assert!(settlement_file.contains("非公表用"), "{settlement_file}");
    let settlement_file = common::answered_file(settlement_file, &out);
    let settlement_file = settlement_file.to_str().unwrap();
    for file in [&sheet["file"], &ledger["file"]] {
        let bytes = std::fs::read(common::answered_file(file.as_str().unwrap(), &out)).unwrap();
        assert!(bytes.starts_with(b"PK"), "an XLSX (zip) file");
    }

    let text = Command::new("pdftotext")
        .args(["-layout", settlement_file, "-"])
        .output()
        .expect("pdftotext (poppler-utils) reads the PDF's text layer");
    let text = String::from_utf8_lossy(&text.stdout);
    let pages: Vec<&str> = text.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
    assert!(!pages.is_empty());
    for page in &pages {
        assert!(page.contains("非公表用"), "every page is headed 非公表用: {page}");
    }
    assert!(text.contains("¥1,490,225"), "the total: {text}");
    assert!(text.contains("73.8%"), "the ratio: {text}");
    assert!(text.contains("50%"), "the warning: {text}");

    let log = ok(&db, &["audit", "--limit", "10"]);
    let actions: Vec<&str> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    for action in ["budget_sheet_export", "ledger_export", "settlement_export"] {
        assert!(actions.contains(&action), "{action}: {actions:?}");
    }
}

#[test]
fn a_wrong_category_says_which_ones_exist() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tsudoi.sqlite3");
    let (output, refusal) = tsudoi(
        &db,
        &[
            "expense",
            "add",
            "--date",
            "2026-07-01",
            "--category",
            "food",
            "--amount",
            "1000",
            "--description",
            "弁当",
        ],
    );
    assert!(!output.status.success());
    let message = refusal["error"]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("venue") && message.contains("consumables"),
        "{refusal}"
    );
    let (list, value) = tsudoi(&db, &["expense", "list"]);
    assert!(list.status.success());
    assert_eq!(value.as_array().map(Vec::len), Some(0), "nothing booked");
}
