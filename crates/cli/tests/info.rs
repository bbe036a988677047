//! `tsudoi info`: the versions a person reads out when asking for help.

mod common;

use std::process::Command;

use serde_json::Value;

#[test]
fn info_names_the_app_the_schema_and_the_database_engine() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tsudoi.sqlite3");
    let output = Command::new(common::tsudoi_bin())
        .env_remove("TSUDOI_DB")
        .env_remove("TSUDOI_PASSPHRASE")
        .arg("--db")
        .arg(&db)
        .args(["--json", "info"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let info: Value = serde_json::from_slice(&output.stdout).unwrap();
    let about = &info["about"];
    assert_eq!(
        about["app_version"],
        env!("CARGO_PKG_VERSION"),
        "this build's version"
    );
    assert_eq!(
        about["schema_version"], info["schema_version"],
        "a new database has the schema this Tsudoi writes"
    );
    let sqlite = about["sqlite_version"].as_str().unwrap();
    assert!(sqlite.starts_with("3."), "SQLite 3: {sqlite}");
    let sqlcipher = about["sqlcipher_version"].as_str().unwrap();
    assert!(sqlcipher.starts_with('4'), "SQLCipher 4: {sqlcipher}");
    assert!(
        about["platform"].as_str().unwrap().contains("x86_64"),
        "the platform of the binary run: {}",
        about["platform"]
    );

    let table = Command::new(common::tsudoi_bin())
        .env_remove("TSUDOI_DB")
        .env_remove("TSUDOI_PASSPHRASE")
        .arg("--db")
        .arg(&db)
        .args(["--lang", "ja", "info"])
        .output()
        .unwrap();
    let text = String::from_utf8(table.stdout).unwrap();
    for expected in ["スキーマ版", "SQLite: 3.", "SQLCipher: 4"] {
        assert!(text.contains(expected), "the table says {expected:?}:\n{text}");
    }
}
