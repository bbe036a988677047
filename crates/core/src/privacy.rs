//! The words of the privacy log (監査ログ): what was done with personal data.

use crate::i18n::Lang;

choice_enum! {
    /// An action on personal data that the privacy log records.
    pub enum AuditAction as "audit action" {
        #[default]
        AttendanceExport = "attendance_export", "出欠の書き出し", "Attendance export";
        TicketExport = "ticket_export", "受付票の書き出し", "Ticket export";
        SeatChartExport = "seat_chart_export", "座席表の書き出し", "Seat chart export";
        RegistrationImport = "registration_import", "申込の取り込み", "Registration import";
        OnlineAttendanceImport = "online_attendance_import", "オンライン出席の取り込み", "Online attendance import";
        AgendaExport = "agenda_export", "次第の書き出し", "Programme export";
        MinutesExport = "minutes_export", "議事録の書き出し", "Minutes export";
        PhotoDelete = "photo_delete", "写真の削除", "Photo deletion";
        AttendeeMerge = "attendee_merge", "参加者の統合（重複登録）", "Attendees merged (duplicate)";
        AttendeeErase = "attendee_erase", "参加者の削除（本人の申出）", "Attendee deleted on request";
        RosterPrint = "roster_print", "受付名簿の書き出し", "Reception roster export";
        BadgePrint = "badge_print", "名札の書き出し", "Name badge export";
        SignInFailed = "sign_in_failed", "サインインの失敗", "Failed sign-in";
        HandlerRosterExport = "handler_roster_export", "情報取扱者名簿の書き出し", "Handler roster export";
        HandlerChange = "handler_change", "情報取扱者名簿の変更", "Handler roster change";
        IncidentRecord = "incident_record", "インシデントの記録", "Incident recorded";
        IncidentPrint = "incident_print", "インシデント報告の書き出し", "Incident report export";
        DatabaseEncrypt = "database_encrypt", "データベースの暗号化", "Database encrypted";
        PassphraseChange = "passphrase_change", "パスフレーズの変更", "Passphrase changed";
        Backup = "backup", "バックアップの作成", "Backup made";
        BackupRemoved = "backup_removed", "古いバックアップの削除", "Old backup removed";
        Restore = "restore", "バックアップからの復元", "Restored from a backup";
        EventErase = "event_erase", "行事の個人情報の消去", "Event's personal data erased";
        SecurityReportExport = "security_report_export", "セキュリティ対策報告の書き出し", "Security measures report export";
        PaymentStatement = "payment_statement", "支払明細・受領書の書き出し", "Payment statement or receipt export";
        PaymentRecordExport = "payment_record_export", "支払調書データの書き出し", "Payment record data export";
        SurveyImport = "survey_import", "アンケート回答の取り込み", "Survey answers import";
        SurveyExport = "survey_export", "アンケート結果の書き出し", "Survey results export";
        HearingRecord = "hearing_record", "ヒアリングの記録", "Hearing recorded";
        BudgetSheetExport = "budget_sheet_export", "予算書の書き出し", "Budget sheet export";
        LedgerExport = "ledger_export", "経費明細の書き出し", "Ledger export";
        SettlementExport = "settlement_export", "精算概要の書き出し", "Settlement summary export";
        Mailing = "mailing", "個別メール", "Mail to each person";
        ProjectReportExport = "project_report_export", "事業報告書の書き出し", "Project report export";
        PayeeChange = "payee_change", "受取人の登録・変更", "Payee added or changed";
    }
}

/// What a privacy-log line says beyond its action, kept as data (JSON in the `detail` column) so
/// that the log reads in the language of whoever reads it, not of whoever wrote it. Lines written
/// before this existed hold plain text, shown as written.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AuditDetail {
    /// A registration file read into the event.
    RegistrationImport {
        imported: u32,
        updated: u32,
        merged: u32,
        unchanged: u32,
    },
    /// An online meeting's attendance report read in.
    OnlineImport {
        source: String,
        matched: u32,
        unmatched: u32,
    },
    /// The attendance file: its format, its text encoding, whether email and phone went with it.
    AttendanceExport {
        format: String,
        encoding: Option<String>,
        with_contact: bool,
    },
    /// Documents written: their formats, the edition (公表用 or 非公表用) and photos in them.
    Documents {
        formats: String,
        public: Option<bool>,
        photos: Option<u32>,
    },
    /// A photo deleted: its file name and the start of its fingerprint.
    PhotoDelete { name: String, sha256: String },
    /// An action on one registration (or two, merged), with the reason given. Only row numbers:
    /// never the person's name, which may be what is being deleted.
    Registration { rows: String, reason: String },
    /// Files written or removed in one go (a backup, an erasure): how many, and how many people.
    Files { files: u32, people: u32 },
    /// Survey answers read from a Forms export: added, already there, left out (reported).
    SurveyImport {
        added: u32,
        unchanged: u32,
        left_out: u32,
    },
    /// A step of a mailing (prepared, approved, sent, written as .eml files): its number, purpose,
    /// who approved it and how the messages went.
    Mailing {
        mailing: i64,
        purpose: String,
        step: String,
        approver: String,
        sent: u32,
        failed: u32,
    },
    /// A payee (謝金・旅費) added or changed: its row number and the names of the fields that
    /// changed, never their values (the address and bank details are sensitive).
    PayeeChange {
        payee: i64,
        added: bool,
        fields: Vec<String>,
    },
}

impl AuditDetail {
    /// The text kept in the log's `detail` column.
    pub fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A log line's detail in `lang`: the structured detail described, or old plain text as is.
    pub fn describe_stored(stored: &str, lang: Lang) -> String {
        match serde_json::from_str::<AuditDetail>(stored) {
            Ok(detail) => detail.describe(lang),
            Err(_) => stored.to_string(),
        }
    }

    pub fn describe(&self, lang: Lang) -> String {
        let edition = |public: bool| if public { "公表用" } else { "非公表用" };
        match (self, lang) {
            (
                AuditDetail::RegistrationImport {
                    imported,
                    updated,
                    merged,
                    unchanged,
                },
                Lang::Ja,
            ) => {
                format!("新規 {imported} 件、更新 {updated} 件、統合 {merged} 件、変更なし {unchanged} 件")
            }
            (
                AuditDetail::RegistrationImport {
                    imported,
                    updated,
                    merged,
                    unchanged,
                },
                Lang::En,
            ) => {
                format!("{imported} new, {updated} updated, {merged} merged, {unchanged} unchanged")
            }
            (
                AuditDetail::OnlineImport {
                    source,
                    matched,
                    unmatched,
                },
                Lang::Ja,
            ) => {
                format!("{source}: 照合 {matched} 名、照合できず {unmatched} 名")
            }
            (
                AuditDetail::OnlineImport {
                    source,
                    matched,
                    unmatched,
                },
                Lang::En,
            ) => {
                format!("{source}: {matched} matched, {unmatched} not matched")
            }
            (
                AuditDetail::AttendanceExport {
                    format,
                    encoding,
                    with_contact,
                },
                lang,
            ) => {
                let mut text = format.to_uppercase();
                if let Some(encoding) = encoding {
                    text.push_str(&format!(" ({encoding})"));
                }
                if *with_contact {
                    text.push_str(lang.pick("、メールアドレスと電話番号を含む", ", with email and phone"));
                }
                text
            }
            (
                AuditDetail::Documents {
                    formats,
                    public,
                    photos,
                },
                lang,
            ) => {
                let mut text = formats.to_uppercase();
                if let Some(public) = public {
                    text.push_str(&format!(" ・{}", edition(*public)));
                }
                if let Some(n) = photos {
                    text.push_str(&match lang {
                        Lang::Ja => format!("、写真 {n} 枚"),
                        Lang::En => format!(", {n} photos"),
                    });
                }
                text
            }
            (AuditDetail::PhotoDelete { name, sha256 }, _) => format!("{name} ({sha256})"),
            (AuditDetail::Registration { rows, reason }, Lang::Ja) => format!("{rows}、理由: {reason}"),
            (AuditDetail::Registration { rows, reason }, Lang::En) => format!("{rows}, reason: {reason}"),
            (AuditDetail::Files { files, people }, Lang::Ja) => format!("ファイル {files} 件、{people} 名分"),
            (AuditDetail::Files { files, people }, Lang::En) => format!("{files} files, {people} people"),
            (
                AuditDetail::SurveyImport {
                    added,
                    unchanged,
                    left_out,
                },
                Lang::Ja,
            ) => format!("追加 {added} 件、変更なし {unchanged} 件、取り込まず {left_out} 件"),
            (
                AuditDetail::SurveyImport {
                    added,
                    unchanged,
                    left_out,
                },
                Lang::En,
            ) => format!("{added} added, {unchanged} unchanged, {left_out} left out"),
            (
                AuditDetail::Mailing {
                    mailing,
                    purpose,
                    step,
                    approver,
                    sent,
                    failed,
                },
                Lang::Ja,
            ) => format!("メール #{mailing}（{purpose}）{step}、承認者: {approver}、送信 {sent} 件、失敗 {failed} 件"),
            (
                AuditDetail::Mailing {
                    mailing,
                    purpose,
                    step,
                    approver,
                    sent,
                    failed,
                },
                Lang::En,
            ) => format!("mailing #{mailing} ({purpose}) {step}, approved by: {approver}, {sent} sent, {failed} failed"),
            (AuditDetail::PayeeChange { payee, added, fields }, Lang::Ja) => {
                let fields: Vec<&str> = fields.iter().map(|f| payee_field_label(f, Lang::Ja)).collect();
                let what = if *added { "登録" } else { "変更" };
                format!("受取人 #{payee} を{what}（項目: {}）", fields.join("、"))
            }
            (AuditDetail::PayeeChange { payee, added, fields }, Lang::En) => {
                let fields: Vec<&str> = fields.iter().map(|f| payee_field_label(f, Lang::En)).collect();
                let what = if *added { "added" } else { "changed" };
                format!("payee #{payee} {what} (fields: {})", fields.join(", "))
            }
        }
    }
}

/// The words for a payee's field in the privacy log (the field's identifier when unknown).
fn payee_field_label(field: &str, lang: Lang) -> &str {
    let (ja, en) = match field {
        "name" => ("氏名・名称", "name"),
        "kana" => ("ふりがな", "reading"),
        "kind" => ("区分", "kind"),
        "speaker" => ("登壇者", "speaker"),
        "address" => ("住所", "address"),
        "bank_account" => ("振込先", "bank account"),
        "notes" => ("備考", "notes"),
        _ => return field,
    };
    lang.pick(ja, en)
}

#[cfg(test)]
mod detail_tests {
    use super::*;

    #[test]
    fn a_detail_reads_in_the_readers_language_and_old_text_stays() {
        let stored = AuditDetail::RegistrationImport {
            imported: 3,
            updated: 1,
            merged: 0,
            unchanged: 2,
        }
        .encode();
        assert_eq!(
            AuditDetail::describe_stored(&stored, Lang::Ja),
            "新規 3 件、更新 1 件、統合 0 件、変更なし 2 件"
        );
        assert_eq!(
            AuditDetail::describe_stored(&stored, Lang::En),
            "3 new, 1 updated, 0 merged, 2 unchanged"
        );
        assert_eq!(
            AuditDetail::describe_stored("png, svg, pdf", Lang::Ja),
            "png, svg, pdf"
        );
    }

    #[test]
    fn a_payee_change_names_the_fields_never_their_values() {
        let stored = AuditDetail::PayeeChange {
            payee: 4,
            added: false,
            fields: vec!["address".into(), "bank_account".into()],
        }
        .encode();
        assert_eq!(
            AuditDetail::describe_stored(&stored, Lang::Ja),
            "受取人 #4 を変更（項目: 住所、振込先）"
        );
        assert_eq!(
            AuditDetail::describe_stored(&stored, Lang::En),
            "payee #4 changed (fields: address, bank account)"
        );
    }
}
