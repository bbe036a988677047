//! Incident records on a real SQLite file: each recording and change has its history line and its
//! privacy-log line, and the history cannot be edited or deleted.

use chrono::{DateTime, Duration, TimeZone, Utc};
use rusqlite::Connection;
use tsudoi_core::incident::{IncidentDraft, IncidentKind, IncidentStatus};
use tsudoi_store::{AuditAction, AuditRecord, Store, StoreError};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 7, 1, 9, 0, 0).unwrap()
}

fn audit(n_people: u32) -> AuditRecord<'static> {
    AuditRecord {
        actor: "受付 花子",
        action: AuditAction::IncidentRecord,
        event_id: None,
        n_people,
        file: "",
        detail: "",
    }
}

#[test]
fn an_incident_is_recorded_changed_and_its_history_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tsudoi.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let draft = IncidentDraft {
        title: "案内メールを宛先が見える形で送信".into(),
        happened_at: "２０２６－０７－０１ ０９：３０".into(),
        noticed_at: "2026-07-01 10:00".into(),
        kind: IncidentKind::MisdirectedMail,
        data_involved: "メールアドレス".into(),
        n_people: 120,
        ..IncidentDraft::default()
    };
    let added = store.add_incident(draft, &audit(120), now()).unwrap();
    assert_eq!(added.details.happened_at, "2026-07-01 09:30", "kept in one form");
    assert_eq!(added.created_by, "受付 花子");
    assert_eq!(added.details.status, IncidentStatus::Open);

    let closed = IncidentDraft {
        status: IncidentStatus::Closed,
        actions_taken: "全員にお詫びと削除のお願いを送信".into(),
        ..added.details.clone()
    };
    let later = now() + Duration::hours(2);
    let updated = store
        .update_incident(added.id, closed.clone(), &audit(120), later)
        .unwrap();
    assert_eq!(updated.details.status, IncidentStatus::Closed);
    assert_eq!(updated.updated_at, later);
    // The same draft again changes nothing and writes no line.
    store
        .update_incident(added.id, closed, &audit(120), later)
        .unwrap();

    let changes = store.incident_changes(added.id).unwrap();
    assert_eq!(changes.len(), 2, "{changes:?}");
    assert_eq!(changes[1].change, "changed actions_taken, status");
    let log = store.audit_log(10).unwrap();
    assert_eq!(log.len(), 2);
    assert!(log.iter().all(|l| l.action == AuditAction::IncidentRecord));
    assert_eq!(log[0].detail, format!("#{}: actions_taken, status", added.id));
    assert!(store.verify_audit_chain().unwrap().intact);
    assert_eq!(store.incidents().unwrap(), vec![updated.clone()]);
    assert_eq!(store.incident(added.id).unwrap(), updated);
    assert!(matches!(
        store.incident(99),
        Err(StoreError::IncidentNotFound(99))
    ));
    drop(store);

    let raw = Connection::open(&path).unwrap();
    assert!(
        raw.execute("UPDATE incident_change SET actor = 'x'", []).is_err(),
        "append-only"
    );
    assert!(
        raw.execute("DELETE FROM incident_change", []).is_err(),
        "append-only"
    );
}

#[test]
fn a_bad_time_records_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("tsudoi.sqlite3")).unwrap();
    let draft = IncidentDraft {
        title: "USBメモリの紛失".into(),
        happened_at: "きのう".into(),
        noticed_at: "2026-07-01 10:00".into(),
        ..IncidentDraft::default()
    };
    assert!(store.add_incident(draft, &audit(0), now()).is_err());
    assert!(store.incidents().unwrap().is_empty());
    assert!(store.audit_log(10).unwrap().is_empty());
}
