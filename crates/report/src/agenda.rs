//! The programme and the minutes as documents: a one-page PDF of the programme, an HTML page for
//! the venue's screen, and the minutes as Markdown, printable HTML and PDF with the photos of each
//! item in place. Every page is headed 公表用 or 非公表用.

use serde::Serialize;
use tsudoi_core::agenda::{AgendaItem, MinutesNote};
use tsudoi_core::{Event, Lang};

use crate::typst_world::DocumentWorld;
use crate::ReportError;

const AGENDA_TEMPLATE: &str = include_str!("../templates/agenda.typ");
const MINUTES_TEMPLATE: &str = include_str!("../templates/minutes.typ");

/// The edition label: decided in core, with the file names (re-exported for the doors).
pub use tsudoi_core::document::Disclosure;

/// One item's minutes with the photos to show in it (files the caller has read).
#[derive(Debug, Clone)]
pub struct MinutesItem<'a> {
    pub item: &'a AgendaItem,
    pub talk_summary: &'a str,
    pub decisions: &'a str,
    pub follow_ups: &'a str,
    pub notes: &'a [MinutesNote],
    pub photos: Vec<MinutesPhoto>,
}

/// A photo in the minutes: where the exported copy is (relative to the document) and its bytes.
#[derive(Debug, Clone)]
pub struct MinutesPhoto {
    pub file_name: String,
    pub caption: String,
    pub bytes: Vec<u8>,
}

/// What heads and dates a document.
#[derive(Debug, Clone)]
pub struct DocumentHead<'a> {
    pub event: &'a Event,
    pub lang: Lang,
    pub disclosure: Disclosure,
    /// The venue's offset from UTC: notes are stamped in UTC and printed in local time.
    pub offset: chrono::FixedOffset,
}

impl DocumentHead<'_> {
    fn note_time(&self, note: &MinutesNote) -> String {
        note.at.with_timezone(&self.offset).format("%H:%M").to_string()
    }
}

fn speakers_line(item: &AgendaItem, lang: Lang) -> (String, String) {
    let speakers = item
        .speakers
        .iter()
        .map(|s| {
            let d = &s.details;
            [d.name.as_str(), d.organization.as_str(), d.title.as_str()]
                .iter()
                .filter(|t| !t.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join(lang.pick("、", ", "));
    let speakers = if speakers.is_empty() {
        speakers
    } else {
        format!("{}: {speakers}", lang.pick("登壇", "Speakers"))
    };
    let moderator = item
        .moderator
        .as_ref()
        .map(|m| format!("{}: {}", lang.pick("モデレーター", "Moderator"), m.details.name))
        .unwrap_or_default();
    (speakers, moderator)
}

fn time_range(item: &AgendaItem) -> String {
    format!(
        "{}–{}",
        item.details.starts_at.format("%H:%M"),
        item.details.ends_at.format("%H:%M")
    )
}

fn venue(event: &Event) -> String {
    [
        event.details.venue_name.as_str(),
        event.details.venue_address.as_str(),
    ]
    .join(" ")
    .trim()
    .to_string()
}

#[derive(Serialize)]
struct AgendaRow {
    time: String,
    kind: &'static str,
    place: &'static str,
    title: String,
    speakers: String,
    moderator: String,
}

fn agenda_rows(items: &[AgendaItem], lang: Lang) -> Vec<AgendaRow> {
    items
        .iter()
        .map(|item| {
            let (speakers, moderator) = speakers_line(item, lang);
            AgendaRow {
                time: time_range(item),
                kind: item.details.kind.label(lang),
                place: item.details.place.label(lang),
                title: item.details.title.clone(),
                speakers,
                moderator,
            }
        })
        .collect()
}

#[derive(Serialize)]
struct AgendaData {
    title: String,
    disclosure: &'static str,
    lang: &'static str,
    event_title: String,
    when: String,
    venue: String,
    items: Vec<AgendaRow>,
}

/// The programme on one A4 page.
pub fn agenda_pdf(
    event: &Event,
    items: &[AgendaItem],
    lang: Lang,
    disclosure: Disclosure,
) -> Result<Vec<u8>, ReportError> {
    let data = AgendaData {
        title: format!("{} — {}", lang.pick("次第", "Programme"), event.details.title),
        disclosure: disclosure.label(),
        lang: lang.as_str(),
        event_title: event.details.title.clone(),
        when: crate::tickets::event_when(event),
        venue: venue(event),
        items: agenda_rows(items, lang),
    };
    let json = serde_json::to_vec(&data).map_err(|e| ReportError::Typst(e.to_string()))?;
    DocumentWorld::new(AGENDA_TEMPLATE, json)?.pdf()
}

/// Text made safe for HTML.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const HTML_STYLE: &str = "body{font-family:'Noto Sans CJK JP','Yu Gothic','Hiragino Sans',Meiryo,sans-serif;margin:2rem auto;max-width:60rem;color:#111;line-height:1.6}\
header{display:flex;justify-content:space-between;align-items:baseline}.disclosure{border:2px solid #111;padding:0 .5rem;font-weight:700}\
table{border-collapse:collapse;width:100%}td{border-top:1px solid #bbb;padding:.6rem .5rem;vertical-align:top}td.time{font-weight:700;white-space:nowrap;font-size:1.3rem}\
.title{font-size:1.4rem;font-weight:700}.meta{color:#555;font-size:.9rem}section{border-top:1px solid #999;margin-top:1.5rem;padding-top:.5rem}\
figure{display:inline-block;width:48%;margin:.5rem 1% 0 0;vertical-align:top}figure img{width:100%}figcaption{color:#555;font-size:.9rem}\
@media print{body{margin:0}section{break-inside:avoid-page}}";

/// The programme as one self-contained HTML page (no script, no remote anything), large enough
/// for the venue's screen.
pub fn agenda_html(event: &Event, items: &[AgendaItem], lang: Lang, disclosure: Disclosure) -> String {
    let rows: String = agenda_rows(items, lang)
        .iter()
        .map(|r| {
            let mut details = format!(
                "<div class=\"meta\">{} ・ {}</div><div class=\"title\">{}</div>",
                escape_html(r.kind),
                escape_html(r.place),
                escape_html(&r.title)
            );
            for line in [&r.speakers, &r.moderator].into_iter().filter(|l| !l.is_empty()) {
                details.push_str(&format!("<div>{}</div>", escape_html(line)));
            }
            format!(
                "<tr><td class=\"time\">{}</td><td>{details}</td></tr>\n",
                escape_html(&r.time)
            )
        })
        .collect();
    format!(
        "<!doctype html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{title}</title><style>{HTML_STYLE}</style></head>\n<body><header><h1>{title}</h1><span class=\"disclosure\">{disclosure}</span></header>\n<p class=\"meta\">{when}　{venue}</p>\n<table>\n{rows}</table>\n</body></html>\n",
        lang = lang.as_str(),
        title = escape_html(&event.details.title),
        disclosure = disclosure.label(),
        when = escape_html(&crate::tickets::event_when(event)),
        venue = escape_html(&venue(event)),
    )
}

fn sections<'a>(item: &MinutesItem<'a>, lang: Lang) -> Vec<(&'static str, &'a str)> {
    [
        (lang.pick("講演概要", "Talk summary"), item.talk_summary),
        (lang.pick("決定事項", "Decisions"), item.decisions),
        (lang.pick("今後の対応", "Follow-ups"), item.follow_ups),
    ]
    .into_iter()
    .filter(|(_, body)| !body.trim().is_empty())
    .collect()
}

/// Text made inert in Markdown: what a viewer would run or turn into a link is shown as typed.
/// HTML's `&`, `<` and `>` become entities (no raw `<script>`, no autolink `<javascript:…>`),
/// and Markdown's punctuation is escaped with a backslash (no `[link](javascript:…)`, no
/// `![image](…)`, no emphasis or heading made by a title). Line breaks are kept.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '(' | ')' | '!' | '#' | '|' | '~' | '{' | '}' | '"'
            | '\'' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// The minutes as Markdown; photos are linked as `photos/<file>` beside the document. Every text
/// a person typed is escaped ([`escape_markdown`]): the Markdown runs nothing that the HTML
/// export would not.
pub fn minutes_markdown(head: &DocumentHead<'_>, items: &[MinutesItem<'_>]) -> String {
    let lang = head.lang;
    let event = head.event;
    let mut out = format!(
        "**{}**\n\n# {} {}\n\n{}　{}\n",
        head.disclosure.label(),
        lang.pick("議事録", "Minutes"),
        escape_markdown(&event.details.title),
        crate::tickets::event_when(event),
        escape_markdown(&venue(event))
    );
    for item in items {
        let (speakers, moderator) = speakers_line(item.item, lang);
        out.push_str(&format!(
            "\n## {} {}（{}）\n\n",
            time_range(item.item),
            escape_markdown(&item.item.details.title),
            item.item.details.kind.label(lang)
        ));
        for line in [speakers, moderator].iter().filter(|l| !l.is_empty()) {
            out.push_str(&format!("{}  \n", escape_markdown(line)));
        }
        for (heading, body) in sections(item, lang) {
            out.push_str(&format!("\n### {heading}\n\n{}\n", escape_markdown(body.trim())));
        }
        if !item.notes.is_empty() {
            out.push_str(&format!("\n### {}\n\n", lang.pick("メモ", "Notes")));
            for note in item.notes {
                out.push_str(&format!(
                    "- {} {}\n",
                    head.note_time(note),
                    escape_markdown(&note.text.trim().replace('\n', " "))
                ));
            }
        }
        for photo in &item.photos {
            out.push_str(&format!(
                "\n![{}](photos/{})\n",
                escape_markdown(&photo.caption.replace('\n', " ")),
                escape_markdown(&photo.file_name)
            ));
        }
    }
    out
}

/// The minutes as one printable HTML page; photos are linked as `photos/<file>`.
pub fn minutes_html(head: &DocumentHead<'_>, items: &[MinutesItem<'_>]) -> String {
    let lang = head.lang;
    let mut body = String::new();
    for item in items {
        let (speakers, moderator) = speakers_line(item.item, lang);
        body.push_str(&format!(
            "<section><div class=\"meta\">{} ・ {}</div><div class=\"title\">{}</div>",
            escape_html(&time_range(item.item)),
            escape_html(item.item.details.kind.label(lang)),
            escape_html(&item.item.details.title)
        ));
        for line in [speakers, moderator].iter().filter(|l| !l.is_empty()) {
            body.push_str(&format!("<div class=\"meta\">{}</div>", escape_html(line)));
        }
        for (heading, text) in sections(item, lang) {
            body.push_str(&format!(
                "<h3>{}</h3><p>{}</p>",
                heading,
                escape_html(text.trim()).replace('\n', "<br>")
            ));
        }
        if !item.notes.is_empty() {
            body.push_str(&format!("<h3>{}</h3><ul>", lang.pick("メモ", "Notes")));
            for note in item.notes {
                body.push_str(&format!(
                    "<li><span class=\"meta\">{}</span> {}</li>",
                    escape_html(&head.note_time(note)),
                    escape_html(note.text.trim())
                ));
            }
            body.push_str("</ul>");
        }
        for photo in &item.photos {
            body.push_str(&format!(
                "<figure><img src=\"photos/{}\" alt=\"{}\"><figcaption>{}</figcaption></figure>",
                escape_html(&photo.file_name),
                escape_html(&photo.caption),
                escape_html(&photo.caption)
            ));
        }
        body.push_str("</section>\n");
    }
    format!(
        "<!doctype html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{title}</title><style>{HTML_STYLE}</style></head>\n<body><header><h1>{heading} {title}</h1><span class=\"disclosure\">{disclosure}</span></header>\n<p class=\"meta\">{when}　{venue}</p>\n{body}</body></html>\n",
        lang = lang.as_str(),
        heading = lang.pick("議事録", "Minutes"),
        title = escape_html(&head.event.details.title),
        disclosure = head.disclosure.label(),
        when = escape_html(&crate::tickets::event_when(head.event)),
        venue = escape_html(&venue(head.event)),
    )
}

#[derive(Serialize)]
struct MinutesNoteData {
    time: String,
    text: String,
}

#[derive(Serialize)]
struct MinutesSectionData {
    heading: &'static str,
    body: String,
}

#[derive(Serialize)]
struct MinutesPhotoData {
    path: String,
    caption: String,
}

#[derive(Serialize)]
struct MinutesItemData {
    time: String,
    kind: &'static str,
    title: String,
    speakers: String,
    sections: Vec<MinutesSectionData>,
    notes: Vec<MinutesNoteData>,
    photos: Vec<MinutesPhotoData>,
}

#[derive(Serialize)]
struct MinutesData {
    title: String,
    disclosure: &'static str,
    lang: &'static str,
    event_title: String,
    when: String,
    venue: String,
    notes_heading: &'static str,
    items: Vec<MinutesItemData>,
}

/// The minutes as a PDF with the photos of each item in place.
pub fn minutes_pdf(head: &DocumentHead<'_>, items: &[MinutesItem<'_>]) -> Result<Vec<u8>, ReportError> {
    let lang = head.lang;
    let data = MinutesData {
        title: format!(
            "{} — {}",
            lang.pick("議事録", "Minutes"),
            head.event.details.title
        ),
        disclosure: head.disclosure.label(),
        lang: lang.as_str(),
        event_title: head.event.details.title.clone(),
        when: crate::tickets::event_when(head.event),
        venue: venue(head.event),
        notes_heading: lang.pick("メモ", "Notes"),
        items: items
            .iter()
            .map(|item| MinutesItemData {
                time: time_range(item.item),
                kind: item.item.details.kind.label(lang),
                title: item.item.details.title.clone(),
                speakers: speakers_line(item.item, lang).0,
                sections: sections(item, lang)
                    .into_iter()
                    .map(|(heading, body)| MinutesSectionData {
                        heading,
                        body: body.trim().to_string(),
                    })
                    .collect(),
                notes: item
                    .notes
                    .iter()
                    .map(|n| MinutesNoteData {
                        time: head.note_time(n),
                        text: n.text.trim().to_string(),
                    })
                    .collect(),
                photos: item
                    .photos
                    .iter()
                    .map(|p| MinutesPhotoData {
                        path: format!("/photos/{}", p.file_name),
                        caption: p.caption.clone(),
                    })
                    .collect(),
            })
            .collect(),
    };
    let json = serde_json::to_vec(&data).map_err(|e| ReportError::Typst(e.to_string()))?;
    let mut world = DocumentWorld::new(MINUTES_TEMPLATE, json)?;
    for item in items {
        for photo in &item.photos {
            world = world.with_file(&format!("/photos/{}", photo.file_name), photo.bytes.clone())?;
        }
    }
    world.pdf()
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, NaiveTime, TimeZone, Utc};
    use tsudoi_core::agenda::{AgendaItemDraft, AgendaItemId, AgendaKind, ItemPlace, NoteId};
    use tsudoi_core::{EventDraft, EventId};

    use super::*;

    /// What a Markdown viewer would run or follow, typed into every field that reaches the file.
    const HOSTILE: &str = "<script>alert(1)</script> [x](javascript:alert(2)) ![i](http://evil/p.png) <javascript:alert(3)> <img src=x onerror=alert(4)>";

    #[test]
    fn the_markdown_minutes_run_nothing_a_title_or_a_note_carries() {
        let at = Utc.with_ymd_and_hms(2026, 7, 25, 5, 0, 0).unwrap();
        let event = Event {
            id: EventId(1),
            details: EventDraft {
                venue_name: HOSTILE.into(),
                ..EventDraft::new(HOSTILE, NaiveDate::from_ymd_opt(2026, 7, 25).unwrap())
            },
            created_at: at,
            updated_at: at,
        };
        let item = AgendaItem {
            id: AgendaItemId(1),
            event_id: event.id,
            position: 0,
            details: AgendaItemDraft {
                starts_at: NaiveTime::from_hms_opt(13, 0, 0).unwrap(),
                ends_at: NaiveTime::from_hms_opt(14, 0, 0).unwrap(),
                kind: AgendaKind::Keynote,
                title: HOSTILE.into(),
                place: ItemPlace::Hybrid,
                speaker_ids: vec![],
                moderator_id: None,
                notes: String::new(),
            },
            speakers: vec![],
            moderator: None,
        };
        let notes = [MinutesNote {
            id: NoteId(1),
            agenda_item_id: item.id,
            at,
            text: HOSTILE.into(),
        }];
        let head = DocumentHead {
            event: &event,
            lang: Lang::Ja,
            disclosure: Disclosure::Internal,
            offset: chrono::FixedOffset::east_opt(9 * 3600).unwrap(),
        };
        let minutes = [MinutesItem {
            item: &item,
            talk_summary: HOSTILE,
            decisions: "",
            follow_ups: "",
            notes: &notes,
            photos: vec![MinutesPhoto {
                file_name: "ab.jpg".into(),
                caption: "](javascript:alert(5)) <b>".into(),
                bytes: vec![],
            }],
        }];
        let markdown = minutes_markdown(&head, &minutes);
        for runnable in [
            "<script",
            "<img",
            "<javascript:",
            "](javascript:",
            "](http://evil",
            "<b>",
        ] {
            assert!(
                !markdown.contains(runnable),
                "{runnable} would run or link in a Markdown viewer:\n{markdown}"
            );
        }
        assert!(
            markdown.contains("&lt;script&gt;alert\\(1\\)&lt;/script&gt;"),
            "the title is still there, shown as typed:\n{markdown}"
        );
        assert!(
            markdown.contains("![\\]\\(javascript:alert\\(5\\)\\) &lt;b&gt;](photos/ab.jpg)"),
            "the photo stays an image with its caption as text:\n{markdown}"
        );
    }

    #[test]
    fn plain_japanese_text_is_left_as_it_is() {
        assert_eq!(
            escape_markdown("基調講演：事業承継のこれから"),
            "基調講演：事業承継のこれから"
        );
        assert_eq!(escape_markdown("A & B"), "A &amp; B");
    }
}
