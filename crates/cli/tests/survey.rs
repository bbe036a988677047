//! The survey and the hearings from the command line, as a person runs them: the real
//! Microsoft Forms export imported (twice: nothing changes the second time), the results as the
//! documented JSON, a paper sheet typed with the number keys (the same sheet twice caught), the
//! documents written with their edition in the name, and a hearing summed up by tag.

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

fn ok(output: &Output) {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn a_forms_export_is_imported_tabulated_and_written_out() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tsudoi.sqlite3");
    let (created, event) = tsudoi(
        &db,
        &[
            "event",
            "create",
            "--title",
            "第2回 交流会",
            "--date",
            "2026-10-24",
        ],
    );
    ok(&created);
    let id = event["id"].as_i64().unwrap().to_string();
    let sample =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../app/tests/fixtures/survey-msforms-utf8bom.csv");
    let sample = sample.to_str().unwrap();

    let (first, done) = tsudoi(&db, &["survey", "import", "--event", &id, sample]);
    ok(&first);
    assert_eq!(done["added"], 25);
    assert_eq!(done["made_questionnaire"], true);
    let (second, again) = tsudoi(&db, &["survey", "import", "--event", &id, sample]);
    ok(&second);
    assert_eq!(
        (again["added"].as_u64(), again["unchanged"].as_u64()),
        (Some(0), Some(25))
    );

    let (results, json) = tsudoi(&db, &["survey", "results", "--event", &id]);
    ok(&results);
    assert_eq!(json["responses"], 25);
    let q = &json["questions"][0];
    assert_eq!(q["text"], "本日のセミナーの満足度をお聞かせください");
    assert_eq!(q["kind"], "scale");
    assert_eq!(q["answers"], 25);
    assert!(q["mean"].as_f64().unwrap() > 3.0, "{q}");
    assert!(q["counts"].is_object());
    let programmes = &json["questions"][2];
    assert_eq!(programmes["kind"], "multiple");
    let picked: u64 = programmes["counts"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert!(picked > 25, "one answer counts once under each choice it picked");

    // A paper sheet: 4 on the first scale, choices 1 and 3, a scale of 5, a comment.
    let (paper, sheet) = tsudoi(
        &db,
        &[
            "survey",
            "paper",
            "--event",
            &id,
            "--category",
            "アトツギ",
            "--mode",
            "会場",
            "大変満足",
            "1",
            "1,3",
            "5",
            "とても良かった",
        ],
    );
    ok(&paper);
    assert_eq!(
        (sheet["sheet_number"].as_u64(), sheet["next_sheet"].as_u64()),
        (Some(1), Some(2))
    );
    let (twice, refused) = tsudoi(&db, &["survey", "paper", "--event", &id, "--sheet", "1", ""]);
    assert!(!twice.status.success());
    assert_eq!(refused["error"]["code"], "store.duplicate_sheet");

    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let out_text = out.to_str().unwrap();
    for (args, name) in [
        (
            vec!["survey", "report", "--event", &id, "--out", out_text, "--public"],
            "調査報告書_公表用.pdf",
        ),
        (
            vec!["survey", "report", "--event", &id, "--out", out_text],
            "調査報告書_非公表用.pdf",
        ),
        (
            vec!["survey", "export", "--event", &id, "--out", out_text],
            "アンケート結果_非公表用.xlsx",
        ),
        (
            vec!["survey", "form", "--event", &id, "--out", out_text],
            "アンケート用紙_公表用.pdf",
        ),
    ] {
        let (written, file) = tsudoi(&db, &args);
        ok(&written);
        assert!(file["file"].as_str().unwrap().ends_with(name), "{file}");
        assert!(out.join(name).is_file());
    }

    let (added, hearing) = tsudoi(
        &db,
        &[
            "hearing",
            "add",
            "--event",
            &id,
            "--person",
            "山田 太郎",
            "--at",
            "2026-10-24 17:00",
            "--consent",
            "--tag",
            "課題",
            "--public-quote",
            "必要な支援: 相談できる先輩がほしい",
            "--quote",
            "父とはまだ話していない",
        ],
    );
    ok(&added);
    assert_eq!(hearing["tags"], serde_json::json!(["課題", "必要な支援"]));
    let (summary, tags) = tsudoi(&db, &["hearing", "summary", "--event", &id, "--public"]);
    ok(&summary);
    let quotes: Vec<&str> = tags
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|t| t["quotes"].as_array().unwrap())
        .map(|q| q["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        quotes,
        ["相談できる先輩がほしい"],
        "only the publishable quote, in public"
    );
    let (refused, error) = tsudoi(
        &db,
        &[
            "hearing",
            "add",
            "--person",
            "鈴木",
            "--at",
            "2026-10-24 18:00",
            "--public-quote",
            "x",
        ],
    );
    assert!(!refused.status.success());
    assert_eq!(error["error"]["code"], "survey.quote_without_consent");
}

#[test]
fn questions_written_by_hand_take_paper_sheets_and_freeze_into_versions() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tsudoi.sqlite3");
    let (created, event) = tsudoi(
        &db,
        &["event", "create", "--title", "第1回", "--date", "2026-07-25"],
    );
    ok(&created);
    let id = event["id"].as_i64().unwrap().to_string();
    let file = dir.path().join("questions.json");
    std::fs::write(
        &file,
        r#"[{"text": "満足度", "kind": "scale", "required": true, "choices": ["不満", "やや不満", "どちらともいえない", "満足", "大変満足"]},
            {"text": "参考になった内容", "kind": "multiple", "choices": ["講演", "交流", "展示"]},
            {"text": "ご意見", "kind": "free_text"}]"#,
    )
    .unwrap();
    let (saved, q) = tsudoi(
        &db,
        &["survey", "questions", "--event", &id, file.to_str().unwrap()],
    );
    ok(&saved);
    assert_eq!(q["version"], 1);
    for answers in [["4", "1,2", ""], ["5", "3", "よかった"], ["", "", ""]] {
        let mut args = vec!["survey", "paper", "--event", &id];
        args.extend(answers);
        let (entered, _) = tsudoi(&db, &args);
        ok(&entered);
    }
    let (bad, error) = tsudoi(&db, &["survey", "paper", "--event", &id, "7"]);
    assert!(!bad.status.success());
    assert_eq!(error["error"]["code"], "survey.out_of_scale");
    let (_, results) = tsudoi(&db, &["survey", "results", "--event", &id]);
    assert_eq!(results["responses"], 3, "a blank sheet counts as a response");
    assert_eq!(results["questions"][0]["mean"], 4.5);
    assert_eq!(results["questions"][1]["counts"]["講演"], 1);

    // Answered: a change is the next version, and the old answers still count.
    std::fs::write(&file, r#"[{"text": "満足度", "kind": "scale", "choices": ["不満", "やや不満", "どちらともいえない", "満足", "大変満足"]}]"#).unwrap();
    let (_, q2) = tsudoi(
        &db,
        &["survey", "questions", "--event", &id, file.to_str().unwrap()],
    );
    assert_eq!(q2["version"], 2);
    let (_, results) = tsudoi(&db, &["survey", "results", "--event", &id]);
    assert_eq!(results["version"], 2);
    assert_eq!(results["questions"][0]["answers"], 2);
    std::fs::write(&file, "not json").unwrap();
    let (refused, error) = tsudoi(
        &db,
        &["survey", "questions", "--event", &id, file.to_str().unwrap()],
    );
    assert!(!refused.status.success());
    assert_eq!(error["error"]["code"], "survey.bad_questions_file");
}
