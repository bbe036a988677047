//! The survey's tables on a real SQLite file: questionnaire versions frozen once answered, paper
//! sheets caught when entered twice, Forms rows kept once however often the file is imported,
//! a batch all or nothing, and hearings with their tags and quotes.

use chrono::{DateTime, TimeZone, Utc};
use rusqlite::Connection;
use tsudoi_core::event::{parse_date, EventDraft};
use tsudoi_core::hearing::{HearingDraft, HearingMethod, HearingNote, Quote};
use tsudoi_core::survey::{Answer, AnswerSource, Question, QuestionKind, Questionnaire, Response};
use tsudoi_core::{AttendanceMode, Category, EventId, Localized};
use tsudoi_store::{AuditAction, AuditRecord, NewResponse, Store, StoreError};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 10, 24, 8, 0, 0).unwrap()
}

fn store_with_event() -> (tempfile::TempDir, std::path::PathBuf, Store, EventId) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tsudoi.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let event = store
        .create_event(
            EventDraft::new("第2回 交流会", parse_date("2026-10-24").unwrap()),
            now(),
        )
        .unwrap();
    (dir, path, store, event.id)
}

fn questionnaire() -> Questionnaire {
    Questionnaire {
        version: 0,
        questions: vec![
            Question {
                text: "満足度".into(),
                kind: QuestionKind::Scale,
                required: true,
                choices: vec![],
            },
            Question {
                text: "ご意見".into(),
                kind: QuestionKind::FreeText,
                required: false,
                choices: vec![],
            },
        ],
    }
}

fn paper(questionnaire_id: i64, sheet: u32, point: u8) -> NewResponse {
    NewResponse {
        questionnaire_id,
        source: AnswerSource::Paper,
        sheet_number: Some(sheet),
        row_key: None,
        submitted_at: String::new(),
        response: Response {
            category: Some(Category::Atotsugi),
            mode: Some(AttendanceMode::Venue),
            answers: vec![Answer::Scale(point), Answer::Blank],
        },
    }
}

fn forms(questionnaire_id: i64, key: &str) -> NewResponse {
    NewResponse {
        source: AnswerSource::Forms,
        sheet_number: None,
        row_key: Some(key.into()),
        submitted_at: "10/24/26 16:02:41".into(),
        ..paper(questionnaire_id, 1, 4)
    }
}

#[test]
fn a_questionnaire_with_answers_is_frozen_and_an_edit_makes_a_new_version() {
    let (_dir, path, mut store, event) = store_with_event();
    assert!(store.questionnaire(event).unwrap().is_none());
    let first = store
        .save_questionnaire(event, questionnaire(), "事務局", now())
        .unwrap();
    assert_eq!(first.questionnaire.version, 1);
    // No answers yet: an edit changes version 1 in place.
    let mut edited = questionnaire();
    edited.questions[1].text = "ご意見・ご感想".into();
    let same = store
        .save_questionnaire(event, edited.clone(), "事務局", now())
        .unwrap();
    assert_eq!((same.id, same.questionnaire.version), (first.id, 1));
    // The same questions again change nothing.
    let again = store
        .save_questionnaire(event, edited.clone(), "事務局", now())
        .unwrap();
    assert_eq!(again.id, first.id);

    store
        .add_survey_responses(event, &[paper(first.id, 1, 5)], None, now())
        .unwrap();
    edited.questions[0].text = "本日の満足度".into();
    let second = store.save_questionnaire(event, edited, "事務局", now()).unwrap();
    assert_eq!(
        second.questionnaire.version, 2,
        "answered: the edit is a new version"
    );
    assert_ne!(second.id, first.id);
    let versions = store.questionnaire_versions(event).unwrap();
    assert_eq!(
        versions
            .iter()
            .map(|v| (v.questionnaire.version, v.n_responses))
            .collect::<Vec<_>>(),
        [(1, 1), (2, 0)]
    );
    assert_eq!(versions[0].questionnaire.questions[1].text, "ご意見・ご感想");

    // Even by hand, the answered version cannot be changed or deleted.
    drop(store);
    let raw = Connection::open(&path).unwrap();
    let changed = raw.execute(
        "UPDATE survey_questionnaire SET questions = '[]' WHERE id = ?1",
        [first.id],
    );
    assert!(changed.is_err(), "the trigger refuses: {changed:?}");
    let deleted = raw.execute("DELETE FROM survey_questionnaire WHERE id = ?1", [first.id]);
    assert!(deleted.is_err(), "the trigger refuses: {deleted:?}");
}

#[test]
fn a_paper_sheet_entered_twice_is_caught_and_the_batch_is_all_or_nothing() {
    let (_dir, _path, mut store, event) = store_with_event();
    let q = store
        .save_questionnaire(event, questionnaire(), "事務局", now())
        .unwrap();
    store
        .add_survey_responses(event, &[paper(q.id, 1, 5), paper(q.id, 2, 3)], None, now())
        .unwrap();
    assert_eq!(
        store.paper_sheets(event).unwrap(),
        (2, 3),
        "two sheets, the next is 3"
    );

    let error = store
        .add_survey_responses(event, &[paper(q.id, 3, 4), paper(q.id, 2, 1)], None, now())
        .unwrap_err();
    assert!(
        matches!(error, StoreError::DuplicateSheet { sheet: 2 }),
        "{error:?}"
    );
    assert_eq!(error.code(), "store.duplicate_sheet");
    assert_eq!(
        store.survey_responses(event).unwrap().len(),
        2,
        "sheet 3 went back out with the batch"
    );

    let mut wrong = paper(q.id, 4, 4);
    wrong.response.answers = vec![Answer::Scale(9), Answer::Blank];
    let error = store
        .add_survey_responses(event, &[wrong], None, now())
        .unwrap_err();
    assert_eq!(error.code(), "survey.answer_kind", "9 is not on a 1–5 scale");
}

#[test]
fn a_forms_row_is_kept_once_however_often_the_file_is_imported() {
    let (_dir, _path, mut store, event) = store_with_event();
    let q = store
        .save_questionnaire(event, questionnaire(), "事務局", now())
        .unwrap();
    let rows = [forms(q.id, "id:1@a"), forms(q.id, "id:2@b")];
    let audit = AuditRecord {
        actor: "事務局",
        action: AuditAction::SurveyImport,
        event_id: Some(event),
        n_people: 0,
        file: "/tmp/answers.csv",
        detail: "",
    };
    let detail =
        |done: tsudoi_store::AddedResponses| format!("{} added, {} unchanged", done.added, done.unchanged);
    let first = store
        .add_survey_responses(event, &rows, Some((&audit, &detail)), now())
        .unwrap();
    assert_eq!((first.added, first.unchanged), (2, 0));
    let second = store
        .add_survey_responses(event, &rows, Some((&audit, &detail)), now())
        .unwrap();
    assert_eq!(
        (second.added, second.unchanged),
        (0, 2),
        "the same file again adds nothing"
    );
    let kept = store.survey_responses(event).unwrap();
    assert_eq!(kept.len(), 2);
    assert_eq!(kept[0].source, AnswerSource::Forms);
    assert_eq!(kept[0].response.answers, [Answer::Scale(4), Answer::Blank]);
    assert_eq!(kept[0].version, 1);
    let log = store.audit_log(10).unwrap();
    let lines: Vec<(&str, u32)> = log
        .iter()
        .filter(|l| l.action == AuditAction::SurveyImport)
        .map(|l| (l.detail.as_str(), l.n_people))
        .collect();
    assert_eq!(
        lines,
        [("0 added, 2 unchanged", 0), ("2 added, 0 unchanged", 2)],
        "each line says what its own import did, newest first"
    );
    assert_eq!(
        log.iter()
            .filter(|l| l.action == AuditAction::SurveyImport)
            .count(),
        2
    );

    // Another event's questionnaire is not this event's.
    let other = store
        .create_event(EventDraft::new("第1回", parse_date("2026-07-25").unwrap()), now())
        .unwrap();
    let error = store
        .add_survey_responses(other.id, &[forms(q.id, "x")], None, now())
        .unwrap_err();
    assert_eq!(error.code(), "store.no_questionnaire");
}

#[test]
fn a_hearing_keeps_its_notes_tags_and_quotes_and_refuses_a_quote_without_consent() {
    let (_dir, path, mut store, event) = store_with_event();
    let audit = AuditRecord {
        actor: "事務局 佐藤",
        action: AuditAction::HearingRecord,
        event_id: Some(event),
        n_people: 1,
        file: "",
        detail: "",
    };
    let draft = HearingDraft {
        event_id: Some(event.0),
        attendee_id: None,
        person: "山田 太郎".into(),
        organization: "山田製作所".into(),
        held_at: "２０２６/１０/２４ １７：００".into(),
        method: HearingMethod::Venue,
        interviewer: "佐藤".into(),
        quote_consent: true,
        notes: vec![HearingNote {
            theme: "承継の課題".into(),
            text: "社内の合意づくりに時間がかかる。".into(),
        }],
        tags: vec!["課題".into(), "必要な支援".into()],
        quotes: vec![
            Quote {
                text: "相談できる先輩がほしい".into(),
                tag: "必要な支援".into(),
                publishable: true,
            },
            Quote {
                text: "父とはまだ話していない".into(),
                tag: "".into(),
                publishable: false,
            },
        ],
    };
    let kept = store.add_hearing(draft.clone(), &audit, now()).unwrap();
    assert_eq!(kept.details.held_at, "2026-10-24 17:00");
    assert_eq!(kept.details.tags, ["課題", "必要な支援"]);
    assert_eq!(kept.details.quotes.len(), 2);
    assert_eq!(kept.details.notes[0].theme, "承継の課題");
    assert_eq!(store.hearings(Some(event)).unwrap(), std::slice::from_ref(&kept));
    assert_eq!(store.hearing(kept.id).unwrap(), kept);
    let log = store.audit_log(5).unwrap();
    assert_eq!(log[0].action, AuditAction::HearingRecord);
    assert_eq!(
        log[0].detail,
        format!("#{}", kept.id),
        "the log names the record, not the person"
    );

    let refused = store
        .add_hearing(
            HearingDraft {
                quote_consent: false,
                ..draft
            },
            &audit,
            now(),
        )
        .unwrap_err();
    assert_eq!(refused.code(), "survey.quote_without_consent");
    assert_eq!(store.hearings(None).unwrap().len(), 1);

    // The second line of defence: the table refuses it too.
    drop(store);
    let raw = Connection::open(&path).unwrap();
    raw.execute("UPDATE hearing SET quote_consent = 0", []).unwrap();
    let inserted = raw.execute(
        "INSERT INTO hearing_quote (hearing_id, text, tag, publishable) VALUES (?1, 'x', '', 1)",
        [kept.id],
    );
    assert!(inserted.is_err(), "{inserted:?}");
}
