//! The security measures report (情報セキュリティ対策の実施状況報告) the annex asks for every half
//! year: each measure with 実施 / 未実施 / 該当なし and the reason or what was done, pre-filled
//! from what Tsudoi knows, and open to a person's correction before it goes to the bureau.
//!
//! The rule for each measure lives here, in one place: which facts make it 実施, which 未実施.

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

choice_enum! {
    /// How a measure stands.
    pub enum MeasureStatus as "status" {
        #[default]
        Done = "done", "実施", "Done";
        NotDone = "not_done", "未実施", "Not done";
        NotApplicable = "not_applicable", "該当なし", "Not applicable";
    }
}

/// What Tsudoi knows for the report's half year.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SecurityFacts {
    /// People on the roster (active), and how many of them are 情報管理責任者.
    pub handlers: u32,
    pub officers: u32,
    pub encrypted: bool,
    /// The privacy log's chain: whole or not, and its lines.
    pub audit_intact: bool,
    pub audit_lines: u32,
    /// Exports of personal data logged in the period.
    pub exports: u32,
    pub backups: u32,
    /// Incidents recorded in the period, and those still open.
    pub incidents: u32,
    pub incidents_open: u32,
    /// External services registered, and those without the bureau's approval date.
    pub services: u32,
    pub services_unapproved: u32,
    pub idle_lock_seconds: u32,
    pub failed_sign_ins: u32,
    /// Erasures done in the period (an event's personal data, early).
    pub erasures: u32,
}

/// One measure on the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MeasureLine {
    /// A stable key (`roster`, `encryption` …) a person's correction names.
    pub key: String,
    pub item: String,
    pub status: MeasureStatus,
    pub note: String,
}

/// The keys of the measures, in the report's order.
pub const MEASURE_KEYS: [&str; 10] = [
    "roster",
    "sign_in",
    "roles",
    "idle_lock",
    "encryption",
    "audit_log",
    "exports",
    "incidents",
    "services",
    "erasure",
];

/// The measures pre-filled from `facts`, in `lang`.
pub fn security_measures(facts: &SecurityFacts, lang: Lang) -> Vec<MeasureLine> {
    let ja = lang == Lang::Ja;
    let line = |key: &str, ja_item: &str, en_item: &str, status: MeasureStatus, note: String| MeasureLine {
        key: key.to_string(),
        item: if ja { ja_item } else { en_item }.to_string(),
        status,
        note,
    };
    let has_roster = facts.handlers > 0;
    let done_if = |ok: bool| {
        if ok {
            MeasureStatus::Done
        } else {
            MeasureStatus::NotDone
        }
    };
    vec![
        line(
            "roster",
            "情報取扱者名簿の整備（情報管理責任者の指定を含む）",
            "Handler roster kept (security officer named)",
            done_if(has_roster && facts.officers > 0),
            if ja {
                format!(
                    "名簿 {} 名（うち情報管理責任者 {} 名）",
                    facts.handlers, facts.officers
                )
            } else {
                format!(
                    "{} people on the roster ({} officers)",
                    facts.handlers, facts.officers
                )
            },
        ),
        line(
            "sign_in",
            "名簿に載った者だけが個人情報を扱う（サインイン）",
            "Only listed handlers reach personal data (sign-in)",
            done_if(has_roster),
            if ja {
                format!(
                    "名前と暗証番号でサインイン。期間中のサインイン失敗 {} 回",
                    facts.failed_sign_ins
                )
            } else {
                format!(
                    "Name and PIN sign-in; {} failed sign-ins in the period",
                    facts.failed_sign_ins
                )
            },
        ),
        line(
            "roles",
            "役割に応じた操作の制限",
            "Operations limited by role",
            done_if(has_roster),
            if ja {
                "書き出し・取り込み・消去は情報取扱管理者以上、名簿と設定は情報管理責任者".into()
            } else {
                "Exports, imports and erasure for managers and above; the roster and settings for the officer"
                    .into()
            },
        ),
        line(
            "idle_lock",
            "離席時の画面ロック",
            "Screen locked when left idle",
            done_if(has_roster && facts.idle_lock_seconds > 0),
            if ja {
                format!(
                    "{} 分操作がないとロック（受付は受付画面のみ）",
                    facts.idle_lock_seconds.div_ceil(60)
                )
            } else {
                format!(
                    "Locks after {} minutes idle (the desk stays desk-only)",
                    facts.idle_lock_seconds.div_ceil(60)
                )
            },
        ),
        line(
            "encryption",
            "保存データの暗号化（データベース・写真・領収書・バックアップ）",
            "Data encrypted at rest (database, photos, receipts, backups)",
            done_if(facts.encrypted),
            if facts.encrypted {
                if ja {
                    format!(
                        "パスフレーズによる暗号化。期間中のバックアップ {} 件（暗号化）",
                        facts.backups
                    )
                } else {
                    format!(
                        "Encrypted under a passphrase; {} encrypted backups in the period",
                        facts.backups
                    )
                }
            } else if ja {
                "データベースが暗号化されていません（tsudoi encrypt で暗号化できます）".into()
            } else {
                "The database is not encrypted (tsudoi encrypt does it)".into()
            },
        ),
        line(
            "audit_log",
            "取扱いの記録と改ざんの検知",
            "Handling logged, tampering detectable",
            done_if(facts.audit_intact),
            match (facts.audit_intact, ja) {
                (true, true) => format!("監査ログ {} 行、改ざんなし（連鎖を検証）", facts.audit_lines),
                (true, false) => format!("{} log lines, chain verified intact", facts.audit_lines),
                (false, true) => "監査ログの連鎖が途切れています。インシデントとして報告してください".into(),
                (false, false) => "The log's chain is broken: report it as an incident".into(),
            },
        ),
        line(
            "exports",
            "個人情報の持ち出しの記録",
            "Exports of personal data recorded",
            MeasureStatus::Done,
            if ja {
                format!("期間中の書き出し {} 件をすべて記録", facts.exports)
            } else {
                format!("{} exports in the period, each recorded", facts.exports)
            },
        ),
        line(
            "incidents",
            "事故（インシデント）の記録と報告",
            "Incidents recorded and reported",
            if facts.incidents == 0 {
                MeasureStatus::NotApplicable
            } else {
                done_if(facts.incidents_open == 0)
            },
            if ja {
                format!(
                    "期間中 {} 件（対応中 {} 件）",
                    facts.incidents, facts.incidents_open
                )
            } else {
                format!(
                    "{} in the period ({} open)",
                    facts.incidents, facts.incidents_open
                )
            },
        ),
        line(
            "services",
            "外部サービスの利用承認",
            "External services approved by the bureau",
            if facts.services == 0 {
                MeasureStatus::NotApplicable
            } else {
                done_if(facts.services_unapproved == 0)
            },
            if ja {
                format!(
                    "登録 {} 件（承認日の無いもの {} 件）",
                    facts.services, facts.services_unapproved
                )
            } else {
                format!(
                    "{} registered ({} without an approval date)",
                    facts.services, facts.services_unapproved
                )
            },
        ),
        line(
            "erasure",
            "不要になった個人情報の消去",
            "Personal data erased when no longer needed",
            if facts.erasures == 0 {
                MeasureStatus::NotApplicable
            } else {
                MeasureStatus::Done
            },
            if ja {
                format!(
                    "期間中の消去 {} 件（消去証明書あり）。契約終了時に全データを消去",
                    facts.erasures
                )
            } else {
                format!(
                    "{} erasures in the period (with certificates); all data at the contract's end",
                    facts.erasures
                )
            },
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(lines: &[MeasureLine], key: &str) -> MeasureStatus {
        lines
            .iter()
            .find(|l| l.key == key)
            .map(|l| l.status)
            .unwrap_or_default()
    }

    #[test]
    fn a_database_with_nothing_set_up_reports_what_is_missing() {
        let lines = security_measures(&SecurityFacts::default(), Lang::Ja);
        assert_eq!(lines.len(), MEASURE_KEYS.len());
        for key in [
            "roster",
            "sign_in",
            "roles",
            "idle_lock",
            "encryption",
            "audit_log",
        ] {
            assert_eq!(status(&lines, key), MeasureStatus::NotDone, "{key}");
        }
        for key in ["incidents", "services", "erasure"] {
            assert_eq!(status(&lines, key), MeasureStatus::NotApplicable, "{key}");
        }
        assert!(lines.iter().map(|l| l.key.as_str()).eq(MEASURE_KEYS));
    }

    #[test]
    fn each_measure_turns_at_its_edge() {
        let facts = SecurityFacts {
            handlers: 3,
            officers: 1,
            encrypted: true,
            audit_intact: true,
            audit_lines: 40,
            idle_lock_seconds: 300,
            incidents: 1,
            incidents_open: 0,
            services: 2,
            services_unapproved: 0,
            erasures: 1,
            ..SecurityFacts::default()
        };
        let lines = security_measures(&facts, Lang::Ja);
        assert!(lines.iter().all(|l| l.status == MeasureStatus::Done), "{lines:?}");
        let lines = security_measures(
            &SecurityFacts {
                officers: 0,
                incidents_open: 1,
                services_unapproved: 1,
                idle_lock_seconds: 0,
                ..facts
            },
            Lang::En,
        );
        for key in ["roster", "incidents", "services", "idle_lock"] {
            assert_eq!(status(&lines, key), MeasureStatus::NotDone, "{key}");
        }
        assert!(lines[0].note.contains("0 officers"));
    }
}
