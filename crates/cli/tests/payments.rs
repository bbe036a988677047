//! Speakers' fees and travel from the command line, as the issue specifies them: a payee added,
//! payments recorded with --travel YEN:payee|carrier, --net and --consumption-tax, answering
//! gross, withholding_base, withholding and net_paid in yen; the statement PDF's text layer read
//! back (pdftotext); the tax by month and the payment-record data written.

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
    let (output, document) = tsudoi(db, args);
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    document
}

fn figures(payment: &Value) -> [i64; 4] {
    ["gross", "withholding_base", "withholding", "net_paid"].map(|key| {
        payment[key]
            .as_i64()
            .unwrap_or_else(|| panic!("{key} in yen: {payment}"))
    })
}

fn pdf_text(path: &Path) -> String {
    let output = Command::new("pdftotext")
        .args(["-enc", "UTF-8", "-raw"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed by scripts/test.sh");
    String::from_utf8(output.stdout)
        .unwrap()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

#[test]
fn payments_answer_their_figures_and_print_a_statement() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tsudoi.sqlite3");
    let event = ok(
        &db,
        &[
            "event",
            "create",
            "--title",
            "第1回 交流会",
            "--date",
            "2026-07-25",
        ],
    )["id"]
        .to_string();
    let speaker = ok(&db, &["speaker", "add", "--name", "山田 太郎"])["id"].to_string();
    let payee = ok(
        &db,
        &[
            "payee",
            "add",
            "--name",
            "山田 太郎",
            "--kind",
            "individual",
            "--speaker",
            &speaker,
        ],
    );
    assert_eq!(payee["kind"], "individual");
    let payee = payee["id"].to_string();

    let paid = ok(
        &db,
        &[
            "payment",
            "add",
            "--event",
            &event,
            "--payee",
            &payee,
            "--fee",
            "100000",
            "--travel",
            "23000:payee:新幹線 東京－仙台",
            "--travel",
            "15000:carrier",
            "--date",
            "2026-07-31",
        ],
    );
    assert_eq!(
        figures(&paid),
        [123_000, 123_000, 12_558, 110_442],
        "reimbursed travel in the base, travel paid to the carrier not"
    );
    assert_eq!(
        paid["warnings"][0]["code"], "payment.no_talk_in_programme",
        "a fee for someone with no talk in the programme is flagged"
    );
    let id = paid["id"].to_string();
    assert_eq!(figures(&ok(&db, &["payment", "show", &id])), figures(&paid));

    let net = ok(
        &db,
        &[
            "payment",
            "add",
            "--event",
            &event,
            "--payee",
            &payee,
            "--fee",
            "¥100,000",
            "--net",
            "--date",
            "2026-07-31",
        ],
    );
    assert_eq!(
        figures(&net),
        [111_370, 111_370, 11_370, 100_000],
        "grossed up to the net exactly"
    );

    let with_tax = ok(
        &db,
        &[
            "payment",
            "add",
            "--event",
            &event,
            "--payee",
            &payee,
            "--fee",
            "1000000",
            "--consumption-tax",
            "100000",
            "--date",
            "2026-08-03",
        ],
    );
    assert_eq!(
        figures(&with_tax),
        [1_100_000, 1_000_000, 102_100, 997_900],
        "stated consumption tax is paid but left out of the base"
    );

    let company = ok(
        &db,
        &["payee", "add", "--name", "株式会社講演企画", "--kind", "法人"],
    )["id"]
        .to_string();
    let to_company = ok(
        &db,
        &[
            "payment",
            "add",
            "--event",
            &event,
            "--payee",
            &company,
            "--fee",
            "200000",
            "--travel",
            "10000:payee",
        ],
    );
    assert_eq!(
        figures(&to_company),
        [210_000, 0, 0, 210_000],
        "a company is not withheld"
    );

    let (bad, error) = tsudoi(
        &db,
        &[
            "payment",
            "add",
            "--event",
            &event,
            "--payee",
            &payee,
            "--fee",
            "100000",
            "--travel",
            "23000:bus",
        ],
    );
    assert!(!bad.status.success());
    assert_eq!(error["error"]["code"], "validation.unknown_choice", "{error}");

    let listed = ok(&db, &["payment", "list", "--payee", &payee]);
    assert_eq!(listed.as_array().unwrap().len(), 3);

    // The statement, in the folder, under its 非公表用 name; its text layer holds the figures.
    let done = ok(
        &db,
        &[
            "payment",
            "statement",
            "--payee",
            &payee,
            "--out",
            dir.path().to_str().unwrap(),
        ],
    );
    let pdf = dir.path().join("支払明細_非公表用_山田_太郎.pdf");
    assert!(common::answered_is(&done["file"], &pdf), "{}", done["file"]);
    let text = pdf_text(&pdf);
    for expected in [
        "支払明細書",
        "非公表用",
        "山田太郎様",
        "¥123,000",
        "¥12,558",
        "¥110,442",
        "¥102,100",
        "新幹線東京-仙台", // as typed, normalised (NFKC)
        "¥1,208,342",      // 110,442 + 100,000 + 997,900 transferred
    ] {
        assert!(text.contains(expected), "{expected} in the statement: {text}");
    }
    let receipt = dir.path().join("受領書.pdf");
    ok(
        &db,
        &[
            "payment",
            "receipt",
            "--payee",
            &payee,
            "--out",
            receipt.to_str().unwrap(),
        ],
    );
    let text = pdf_text(&receipt);
    assert!(
        text.contains("受領書") && text.contains("¥1,208,342") && text.contains("署名"),
        "{text}"
    );
    let log = ok(&db, &["audit"]);
    assert_eq!(log[0]["action"], "payment_statement");
    assert_eq!(log[1]["action"], "payment_statement");

    // The tax to pay over, by month: July and August, each due on the 10th of the next month.
    let months = ok(&db, &["payment", "tax-months"]);
    assert_eq!(months[0]["total_withheld"], 12_558 + 11_370);
    assert_eq!(months[0]["due"], "2026-08-10");
    assert_eq!(months[1]["total_withheld"], 102_100);
    assert_eq!(months[1]["due"], "2026-09-10");
    let csv = dir.path().join("納付.csv");
    ok(&db, &["payment", "tax-months", "--out", csv.to_str().unwrap()]);
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(
        text.contains("2026-07,報酬・料金（講演料等）,1,2,234370,23928,2026-08-10"),
        "{text}"
    );

    let records = ok(&db, &["payment", "records", "--year", "2026"]);
    assert_eq!(records.as_array().unwrap().len(), 2);
    let xlsx = dir.path().join("支払調書.xlsx");
    let written = ok(
        &db,
        &[
            "payment",
            "records",
            "--year",
            "2026",
            "--out",
            xlsx.to_str().unwrap(),
        ],
    );
    assert_eq!(written["format"], "xlsx");
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));
    assert_eq!(ok(&db, &["audit"])[0]["action"], "payment_record_export");

    let voided = ok(&db, &["payment", "void", &id, "--reason", "二重登録"]);
    assert_eq!(voided["voided_reason"], "二重登録");
    assert_eq!(ok(&db, &["payment", "tax-months"])[0]["total_withheld"], 11_370);
}

#[test]
fn warnings_are_printed_before_and_after_saving_and_travel_keeps_its_receipt() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tsudoi.sqlite3");
    let event = ok(
        &db,
        &["event", "create", "--title", "第1回", "--date", "2026-07-25"],
    );
    let event = event["id"].as_i64().unwrap().to_string();
    ok(
        &db,
        &["project", "set", "--start", "2026-06-01", "--end", "2027-02-28"],
    );
    ok(
        &db,
        &["attendee", "add", "--event", &event, "--name", "佐藤 花子"],
    );
    let payee = ok(
        &db,
        &["payee", "add", "--name", "佐藤 花子", "--kind", "individual"],
    );
    let payee = payee["id"].as_i64().unwrap().to_string();
    let receipt = dir.path().join("新幹線.pdf");
    std::fs::write(&receipt, b"%PDF-1.4 fare").unwrap();
    let receipt_arg = format!("1={}", receipt.display());
    let args = [
        "payment",
        "add",
        "--event",
        &event,
        "--payee",
        &payee,
        "--fee",
        "30000",
        "--travel",
        "23000:payee:新幹線 東京－仙台",
        "--travel-receipt",
        &receipt_arg,
        "--date",
        "2027-03-10",
    ];

    // Before saving: --dry-run shows the figures and every warning, and records nothing.
    let mut dry = args.to_vec();
    dry.push("--dry-run");
    let (output, preview) = tsudoi(&db, &dry);
    assert!(output.status.success());
    let codes: Vec<&str> = preview["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "payment.payee_is_attendee",
            "payment.no_talk_in_programme",
            "payment.outside_contract_period"
        ]
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        stderr.matches("注意:").count(),
        3,
        "with --json the warnings go to the standard error too: {stderr}"
    );
    assert_eq!(ok(&db, &["payment", "list"]).as_array().unwrap().len(), 0);
    assert!(
        !dir.path().join("receipts").exists(),
        "a dry run keeps no receipt file"
    );

    // Saved: the same warnings, never silent; the travel line names its receipt.
    let (output, saved) = tsudoi(&db, &args);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(saved["warnings"].as_array().unwrap().len(), 3);
    assert!(String::from_utf8_lossy(&output.stderr).contains("事業期間の外"));
    let sha = saved["terms"]["travel"][0]["receipt_sha256"].as_str().unwrap();
    assert_eq!(sha.len(), 64);
    let ledger = ok(&db, &["expense", "list"]);
    assert!(
        ledger.to_string().contains(sha),
        "the receipt backs the payment's ledger voucher: {ledger}"
    );

    // A receipt for a travel line that does not exist is refused, with what to type.
    let (output, _) = tsudoi(
        &db,
        &[
            "payment",
            "add",
            "--event",
            &event,
            "--payee",
            &payee,
            "--fee",
            "1000",
            "--travel-receipt",
            "2=x.pdf",
        ],
    );
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("--travel-receipt"));

    // The payee's change is in the privacy log, by field, never by value.
    ok(
        &db,
        &[
            "payee",
            "update",
            &payee,
            "--bank-account",
            "七十七銀行 普通 7654321",
        ],
    );
    let log = ok(&db, &["audit"]);
    let line = &log[0];
    assert_eq!(line["action"], "payee_change");
    assert!(!log.to_string().contains("7654321"), "{log}");
}
