//! `tsudoi attendee …` (the import is in `exchange.rs`).

use tsudoi_app::{attendees, Ctx};
use tsudoi_core::{
    AttendanceMode, AttendeeDraft, AttendeeId, AttendeeStatus, Category, EventId, Lang, PresenceFilter,
    RegistrationSource, ValidationError,
};

use crate::args::{AttendeeCommand, AttendeeFields};
use crate::failure::{Failure, OrFail};
use crate::output::Output;

pub fn run(command: &AttendeeCommand, ctx: &mut Ctx<'_>, out: &Output) -> Result<(), Failure> {
    let lang = ctx.lang;
    match command {
        AttendeeCommand::Add { event, fields } => {
            let draft = new_attendee_draft(fields, lang)?;
            let attendee = attendees::add(ctx, EventId(*event), draft).or_fail(lang)?;
            out.attendee(&attendee, lang);
        }
        AttendeeCommand::Update { id, fields } => {
            let update =
                attendees::update_with(ctx, AttendeeId(*id), |draft| apply_attendee_fields(draft, fields))
                    .or_fail(lang)?;
            out.attendee_update(&update, lang);
        }
        AttendeeCommand::Show { id } => {
            let attendee = attendees::get(ctx, AttendeeId(*id)).or_fail(lang)?;
            out.attendee(&attendee, lang);
        }
        AttendeeCommand::List {
            event,
            search,
            presence,
            category,
            mode,
        } => {
            let filter = attendees::PeopleFilter {
                search: search.clone(),
                presence: presence
                    .as_deref()
                    .map(PresenceFilter::parse)
                    .transpose()
                    .or_fail(lang)?,
                category: category
                    .as_deref()
                    .map(Category::parse)
                    .transpose()
                    .or_fail(lang)?,
                mode: mode
                    .as_deref()
                    .map(AttendanceMode::parse)
                    .transpose()
                    .or_fail(lang)?,
            };
            let people = attendees::people(ctx, EventId(*event), filter).or_fail(lang)?;
            out.people(&people, lang);
        }
        AttendeeCommand::Merge { keep, absorb, reason } => {
            let merged =
                attendees::merge(ctx, AttendeeId(*keep), AttendeeId(*absorb), reason).or_fail(lang)?;
            out.attendee(&merged, lang);
        }
        AttendeeCommand::Erase { id, reason } => {
            attendees::erase(ctx, AttendeeId(*id), reason).or_fail(lang)?;
            out.print_json_or(&serde_json::json!({ "erased": id }), || {
                lang.pick(
                    "個人情報を削除しました（監査ログに記録しました）。",
                    "The personal data was deleted (recorded in the privacy log).",
                )
                .to_string()
            });
        }
        AttendeeCommand::Import {
            event,
            file,
            dry_run,
            map,
            category,
        } => return super::exchange::import_registrations(*event, file, *dry_run, map, category, ctx, out),
    }
    Ok(())
}

/// A new registration from the command line: a name is required, consent is assumed unless
/// `--no-consent` says otherwise.
pub fn new_attendee_draft(fields: &AttendeeFields, lang: Lang) -> Result<AttendeeDraft, Failure> {
    if fields.name.is_none() {
        return Err(Failure::missing_argument("--name", lang));
    }
    let draft = AttendeeDraft {
        consent: true,
        ..AttendeeDraft::default()
    };
    apply_attendee_fields(draft, fields).or_fail(lang)
}

fn apply_attendee_fields(
    mut draft: AttendeeDraft,
    f: &AttendeeFields,
) -> Result<AttendeeDraft, ValidationError> {
    let text_fields = [
        (&f.name, &mut draft.name),
        (&f.kana, &mut draft.kana),
        (&f.org, &mut draft.organization),
        (&f.title, &mut draft.title),
        (&f.email, &mut draft.email),
        (&f.phone, &mut draft.phone),
        (&f.notes, &mut draft.notes),
    ];
    for (given, field) in text_fields {
        if let Some(value) = given {
            *field = value.clone();
        }
    }
    if let Some(category) = &f.category {
        draft.category = Category::parse(category)?;
    }
    if let Some(mode) = &f.mode {
        draft.mode = AttendanceMode::parse(mode)?;
    }
    if let Some(status) = &f.status {
        draft.status = AttendeeStatus::parse(status)?;
    }
    if let Some(source) = &f.source {
        draft.source = RegistrationSource::parse(source)?;
    }
    if f.no_consent {
        draft.consent = false;
    }
    if f.consent {
        draft.consent = true;
    }
    Ok(draft)
}
