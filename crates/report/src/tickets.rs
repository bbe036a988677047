//! The printable A4 sheet of ticket cards, for mailing or handing out before the event.

use serde::Serialize;
use tsudoi_core::{Attendee, AttendeeStatus, Event, Lang, TicketToken};

use crate::qr::{ticket_png, ticket_svg};
use crate::typst_world::DocumentWorld;
use crate::ReportError;

const TEMPLATE: &str = include_str!("../templates/ticket-cards.typ");

/// One person's card.
#[derive(Debug, Clone)]
pub struct TicketCard {
    pub name: String,
    pub kana: String,
    pub organization: String,
    pub title: String,
    /// The category's label in the sheet's language.
    pub category: String,
    pub token: TicketToken,
}

/// A sheet of cards for one event.
#[derive(Debug, Clone)]
pub struct TicketSheet {
    pub lang: Lang,
    pub event_title: String,
    /// Date and time as printed, e.g. `2026-07-25 13:30–17:00`.
    pub when: String,
    pub venue: String,
    pub cards: Vec<TicketCard>,
}

#[derive(Serialize)]
struct CardData<'a> {
    name: &'a str,
    kana: &'a str,
    organization: &'a str,
    title: &'a str,
    category: &'a str,
    code: String,
    qr_svg: String,
}

#[derive(Serialize)]
struct SheetData<'a> {
    title: String,
    disclosure: &'static str,
    lang: &'static str,
    event_title: &'a str,
    when: &'a str,
    venue: &'a str,
    cards: Vec<CardData<'a>>,
}

/// The PDF of the sheet: A4, ten cards a page, every page headed 非公表用 (personal data).
pub fn ticket_cards_pdf(sheet: &TicketSheet) -> Result<Vec<u8>, ReportError> {
    world(sheet)?.pdf()
}

fn world(sheet: &TicketSheet) -> Result<DocumentWorld, ReportError> {
    let cards = sheet
        .cards
        .iter()
        .map(|card| {
            Ok(CardData {
                name: &card.name,
                kana: &card.kana,
                organization: &card.organization,
                title: &card.title,
                category: &card.category,
                code: card.token.grouped(),
                qr_svg: ticket_svg(&card.token)?,
            })
        })
        .collect::<Result<Vec<_>, ReportError>>()?;
    let data = SheetData {
        title: match sheet.lang {
            Lang::Ja => format!("受付票 — {}", sheet.event_title),
            Lang::En => format!("Tickets — {}", sheet.event_title),
        },
        disclosure: sheet.lang.pick("非公表用", "Internal (非公表用)"),
        lang: sheet.lang.as_str(),
        event_title: &sheet.event_title,
        when: &sheet.when,
        venue: &sheet.venue,
        cards,
    };
    let json = serde_json::to_vec(&data).map_err(|e| ReportError::Typst(e.to_string()))?;
    DocumentWorld::new(TEMPLATE, json)
}

/// The event's date and hours as printed, e.g. `2026-07-25 13:30–17:00`.
pub fn event_when(event: &Event) -> String {
    let d = &event.details;
    let time = match (d.start_time, d.end_time) {
        (Some(start), Some(end)) => format!(" {}–{}", start.format("%H:%M"), end.format("%H:%M")),
        (Some(start), None) => format!(" {}", start.format("%H:%M")),
        _ => String::new(),
    };
    format!("{}{time}", d.date)
}

impl TicketSheet {
    /// The sheet for an event's standing registrations (cancelled people get no card).
    pub fn for_event(event: &Event, attendees: &[Attendee], lang: Lang) -> TicketSheet {
        let d = &event.details;
        TicketSheet {
            lang,
            event_title: d.title.clone(),
            when: event_when(event),
            venue: [d.venue_name.as_str(), d.venue_address.as_str()]
                .join(" ")
                .trim()
                .to_string(),
            cards: attendees
                .iter()
                .filter(|a| a.details.status == AttendeeStatus::Registered)
                .filter_map(|a| {
                    a.ticket.clone().map(|token| TicketCard {
                        name: a.details.name.clone(),
                        kana: a.details.kana.clone(),
                        organization: a.details.organization.clone(),
                        title: a.details.title.clone(),
                        category: a.details.category.label(lang).to_string(),
                        token,
                    })
                })
                .collect(),
        }
    }
}

/// An event's tickets as files, made in memory: the caller writes them (whole, and logged).
#[derive(Debug, Clone)]
pub struct TicketFiles {
    /// `NNNN-name.png` and `NNNN-name.svg` for each standing registration.
    pub images: Vec<(String, Vec<u8>)>,
    /// All the cards, ten to an A4 page.
    pub pdf: Vec<u8>,
    pub n_tickets: usize,
}

/// The QR code of each standing registration as PNG and SVG, and the printable cards. Everything
/// is made before the caller writes anything, so a failure leaves no files behind.
pub fn ticket_files(event: &Event, attendees: &[Attendee], lang: Lang) -> Result<TicketFiles, ReportError> {
    let sheet = TicketSheet::for_event(event, attendees, lang);
    let pdf = ticket_cards_pdf(&sheet)?;
    let mut images = Vec::new();
    let mut n_tickets = 0;
    for attendee in attendees
        .iter()
        .filter(|a| a.details.status == AttendeeStatus::Registered)
    {
        let Some(token) = &attendee.ticket else { continue };
        let stem = format!("{:04}-{}", attendee.id.0, file_safe(&attendee.details.name));
        images.push((format!("{stem}.png"), ticket_png(token, 10)?));
        images.push((format!("{stem}.svg"), ticket_svg(token)?.into_bytes()));
        n_tickets += 1;
    }
    Ok(TicketFiles {
        images,
        pdf,
        n_tickets,
    })
}

/// A name made safe for every file system and short enough for any (see [`tsudoi_files::file_safe`]).
pub fn file_safe(name: &str) -> String {
    tsudoi_files::file_safe(name, 40)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(name: &str, seed: u8) -> TicketCard {
        TicketCard {
            name: name.into(),
            kana: "オオトモ シンゴ".into(),
            organization: "大友醤油株式会社".into(),
            title: "専務".into(),
            category: "アトツギ".into(),
            token: TicketToken::from_random([seed; 10]),
        }
    }

    fn sheet(cards: Vec<TicketCard>) -> TicketSheet {
        TicketSheet {
            lang: Lang::Ja,
            event_title: "東北アトツギネットワーク 第1回交流会".into(),
            when: "2026-07-25 13:30–17:00".into(),
            venue: "仙台国際センター".into(),
            cards,
        }
    }

    #[test]
    fn eleven_cards_make_two_a4_pages() {
        let cards = (0..11).map(|i| card(&format!("大友 慎吾 {i}"), i)).collect();
        let world = world(&sheet(cards)).unwrap();
        let document = world.layout().unwrap();
        let pages = document.pages();
        assert_eq!(pages.len(), 2, "ten cards a page");
        let size = pages[0].frame.size();
        assert_eq!(
            (size.x.to_mm().round(), size.y.to_mm().round()),
            (210.0, 297.0),
            "A4"
        );
        let pdf = world.pdf().unwrap();
        assert!(pdf.starts_with(b"%PDF-"), "a PDF file");
    }

    #[test]
    fn file_names_are_safe_everywhere() {
        assert_eq!(file_safe("大友 慎吾"), "大友_慎吾");
        assert_eq!(file_safe("a/b\\c:d"), "a_b_c_d");
    }

    #[test]
    fn typst_markup_in_a_name_is_printed_not_run() {
        let cards = vec![card("#panic(\"x\") *太字* $x$ \\ ]", 1)];
        let pdf = ticket_cards_pdf(&sheet(cards));
        assert!(pdf.is_ok(), "a name is data, never markup: {:?}", pdf.err());
    }
}
