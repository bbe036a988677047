//! The event day's printed documents: the reception roster (受付名簿), the desk's paper fallback
//! with a box to tick for each person, and the name badges (名札). Both carry personal data, so
//! every page is headed 非公表用 (in the page's margin: never on a badge a person wears).

use serde::Serialize;
use tsudoi_core::roster::{Roster, RosterLine};
use tsudoi_core::{AttendanceMode, Event, Lang, SeatZone};

use crate::typst_world::DocumentWorld;
use crate::ReportError;

const ROSTER_TEMPLATE: &str = include_str!("../templates/reception-roster.typ");
const BADGES_TEMPLATE: &str = include_str!("../templates/name-badges.typ");

/// What heads every page of a printout: the event and the day it is printed.
#[derive(Debug, Clone)]
pub struct PrintHead {
    pub lang: Lang,
    pub event_title: String,
    /// Date and time as printed, e.g. `2026-07-25 13:30–17:00`.
    pub when: String,
    pub venue: String,
    /// The date of printing as the footer shows it (`2026-07-24`): the layout never reads the
    /// clock, so the caller says when.
    pub printed_on: String,
}

impl PrintHead {
    pub fn for_event(event: &Event, lang: Lang, printed_on: String) -> PrintHead {
        let d = &event.details;
        PrintHead {
            lang,
            event_title: d.title.clone(),
            when: crate::tickets::event_when(event),
            venue: [d.venue_name.as_str(), d.venue_address.as_str()]
                .join(" ")
                .trim()
                .to_string(),
            printed_on,
        }
    }

    fn disclosure(&self) -> &'static str {
        self.lang.pick("非公表用", "Internal (非公表用)")
    }

    fn printed(&self) -> String {
        match self.lang {
            Lang::Ja => format!("印刷日 {}", self.printed_on),
            Lang::En => format!("Printed {}", self.printed_on),
        }
    }
}

#[derive(Serialize)]
struct LineData<'a> {
    name: &'a str,
    kana: &'a str,
    organization: &'a str,
    title: &'a str,
    category: &'static str,
    mode: &'static str,
    /// The zone for people at the venue (`関係者席 S-3`); empty for people online.
    place: String,
    stakeholder: bool,
}

fn line_data<'a>(line: &'a RosterLine, lang: Lang) -> LineData<'a> {
    let place = match (line.mode, &line.seat) {
        (AttendanceMode::Online, _) => String::new(),
        (AttendanceMode::Venue, Some(seat)) => format!("{} {seat}", line.zone.label(lang)),
        (AttendanceMode::Venue, None) => line.zone.label(lang).to_string(),
    };
    // A person waiting has no place yet: who moves up next is what the desk asks.
    let place = match (line.waitlist_position, lang) {
        (Some(n), Lang::Ja) => format!("待ち順 {n}"),
        (Some(n), Lang::En) => format!("waiting no. {n}"),
        (None, _) => place,
    };
    LineData {
        name: &line.name,
        kana: &line.kana,
        organization: &line.organization,
        title: &line.title,
        category: line.category.label(lang),
        mode: line.mode.label(lang),
        place,
        stakeholder: line.zone == SeatZone::Stakeholder,
    }
}

#[derive(Serialize)]
struct RosterData<'a> {
    title: String,
    disclosure: &'static str,
    lang: &'static str,
    event_title: &'a str,
    when: &'a str,
    venue: &'a str,
    printed: String,
    summary: String,
    columns: [&'static str; 8],
    standing: Vec<LineData<'a>>,
    waiting_heading: String,
    waiting: Vec<LineData<'a>>,
}

/// The reception roster as a PDF: A4 portrait, one row a person in kana order with a box to
/// tick, the people waiting for a place in their own section at the end; stakeholders' rows
/// shaded and marked with their zone, as the seating keeps them apart. Every page is headed
/// 非公表用 and numbered `n / N` beside the date of printing.
pub fn roster_pdf(head: &PrintHead, roster: &Roster) -> Result<Vec<u8>, ReportError> {
    roster_world(head, roster)?.pdf()
}

fn roster_world(head: &PrintHead, roster: &Roster) -> Result<DocumentWorld, ReportError> {
    let lang = head.lang;
    let n_stakeholders = roster
        .standing
        .iter()
        .filter(|l| l.zone == SeatZone::Stakeholder)
        .count();
    let n_general = roster.standing.len() - n_stakeholders;
    let data = RosterData {
        title: match lang {
            Lang::Ja => format!("受付名簿 — {}", head.event_title),
            Lang::En => format!("Reception roster — {}", head.event_title),
        },
        disclosure: head.disclosure(),
        lang: lang.as_str(),
        event_title: &head.event_title,
        when: &head.when,
        venue: &head.venue,
        printed: head.printed(),
        summary: match lang {
            Lang::Ja => format!(
                "{} 名（{} {} 名・{} {} 名）　キャンセル待ち {} 名",
                roster.standing.len(),
                SeatZone::General.label(lang),
                n_general,
                SeatZone::Stakeholder.label(lang),
                n_stakeholders,
                roster.waiting.len()
            ),
            Lang::En => format!(
                "{} people ({} general, {} stakeholders); {} waiting",
                roster.standing.len(),
                n_general,
                n_stakeholders,
                roster.waiting.len()
            ),
        },
        columns: match lang {
            Lang::Ja => ["受付", "氏名", "フリガナ", "所属", "区分", "参加", "席", "備考"],
            Lang::En => [
                "In",
                "Name",
                "Reading",
                "Organisation",
                "Category",
                "Mode",
                "Seat",
                "Note",
            ],
        },
        standing: roster.standing.iter().map(|l| line_data(l, lang)).collect(),
        waiting_heading: match lang {
            Lang::Ja => format!("キャンセル待ち（{} 名）", roster.waiting.len()),
            Lang::En => format!("Waiting list (キャンセル待ち): {}", roster.waiting.len()),
        },
        waiting: roster.waiting.iter().map(|l| line_data(l, lang)).collect(),
    };
    let json = serde_json::to_vec(&data).map_err(|e| ReportError::Typst(e.to_string()))?;
    DocumentWorld::new(ROSTER_TEMPLATE, json)
}

#[derive(Serialize)]
struct BadgesData<'a> {
    title: String,
    disclosure: &'static str,
    lang: &'static str,
    event_title: &'a str,
    printed: String,
    badges: Vec<LineData<'a>>,
    /// The word on a stakeholder's band, whatever their category: the zone is what staff look for.
    stakeholder_word: &'static str,
}

/// Name badges as a PDF: A4, ten cards of 86 × 54 mm (the ISO ID-1 size of the common
/// card-size badge holders) in two columns of five, with cut lines. Each has a band on top
/// (solid dark for stakeholders, outlined for everyone else, so the two read apart in colour and
/// in black and white), the kana small above the name, the name as large as fits, the
/// organisation, the job title and the event. 非公表用 stands in the page's margin.
pub fn badges_pdf(head: &PrintHead, badges: &[RosterLine]) -> Result<Vec<u8>, ReportError> {
    badges_world(head, badges)?.pdf()
}

fn badges_world(head: &PrintHead, badges: &[RosterLine]) -> Result<DocumentWorld, ReportError> {
    let lang = head.lang;
    let data = BadgesData {
        title: match lang {
            Lang::Ja => format!("名札 — {}", head.event_title),
            Lang::En => format!("Name badges — {}", head.event_title),
        },
        disclosure: head.disclosure(),
        lang: lang.as_str(),
        event_title: &head.event_title,
        printed: head.printed(),
        badges: badges.iter().map(|l| line_data(l, lang)).collect(),
        stakeholder_word: tsudoi_core::Category::Stakeholder.label(lang),
    };
    let json = serde_json::to_vec(&data).map_err(|e| ReportError::Typst(e.to_string()))?;
    DocumentWorld::new(BADGES_TEMPLATE, json)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tsudoi_core::{AttendeeId, Category};
    use typst::layout::{Abs, Frame, FrameItem, Point};

    fn head() -> PrintHead {
        PrintHead {
            lang: Lang::Ja,
            event_title: "東北アトツギネットワーク 第1回交流会".into(),
            when: "2026-07-25 13:30–17:00".into(),
            venue: "仙台国際センター".into(),
            printed_on: "2026-07-24".into(),
        }
    }

    fn line(id: i64, name: &str, organization: &str) -> RosterLine {
        RosterLine {
            id: AttendeeId(id),
            name: name.into(),
            kana: "ヤマダ タロウ".into(),
            organization: organization.into(),
            title: "代表取締役".into(),
            category: Category::Atotsugi,
            mode: AttendanceMode::Venue,
            zone: SeatZone::General,
            seat: None,
            waitlist_position: None,
        }
    }

    /// Every piece of text on a page with its box: (text, left, top, right, bottom).
    fn texts(frame: &Frame, at: Point, out: &mut Vec<(String, Abs, Abs, Abs, Abs)>) {
        for (pos, item) in frame.items() {
            let here = at + *pos;
            match item {
                FrameItem::Group(group) => texts(&group.frame, here, out),
                FrameItem::Text(text) => out.push((
                    text.text.to_string(),
                    here.x,
                    here.y - text.size,
                    here.x + text.width(),
                    here.y,
                )),
                _ => {}
            }
        }
    }

    #[test]
    fn a_long_name_shrinks_to_stay_on_its_badge() {
        let long = "ジョン・フィッツジェラルド・ケネディ・アンダーソン・ジュニア";
        let badges = vec![
            line(
                1,
                long,
                "株式会社大友醤油醸造所ホールディングス東北支社 事業承継推進室",
            ),
            line(2, "林 一", "林商店"),
        ];
        let world = badges_world(&head(), &badges).unwrap();
        let document = world.layout().unwrap();
        assert_eq!(document.pages().len(), 1, "two badges, one page");
        let mut found = Vec::new();
        texts(&document.pages()[0].frame, Point::zero(), &mut found);
        // The first card: 86 × 54 mm from the page's left margin, (210 − 2 × 86) / 2 = 19 mm,
        // and its top margin of 14 mm.
        let (left, top) = (Abs::mm(19.0), Abs::mm(14.0));
        let (right, bottom) = (left + Abs::mm(86.0), top + Abs::mm(54.0));
        let name_parts: Vec<_> = found
            .iter()
            .filter(|(t, ..)| long.contains(t.as_str()) && t.chars().count() > 1)
            .collect();
        assert!(!name_parts.is_empty(), "the long name is laid out: {found:?}");
        for (text, l, t, r, b) in name_parts {
            assert!(
                *l >= left && *r <= right + Abs::mm(0.1) && *t >= top && *b <= bottom,
                "“{text}” ({:.1}–{:.1} mm, {:.1}–{:.1} mm) stays on its card",
                l.to_mm(),
                r.to_mm(),
                t.to_mm(),
                b.to_mm()
            );
        }
        let short: Vec<_> = found.iter().filter(|(t, ..)| t.contains("林")).collect();
        assert!(
            short.iter().any(|(_, _, t, _, b)| (*b - *t).to_pt() > 20.0),
            "a short name is printed large: {short:?}"
        );
    }

    #[test]
    fn ten_badges_a_page() {
        let badges: Vec<RosterLine> = (0..11)
            .map(|i| line(i, &format!("大友 慎吾{i}"), "大友醤油"))
            .collect();
        let document = badges_world(&head(), &badges).unwrap().layout().unwrap();
        assert_eq!(document.pages().len(), 2, "ten cards a page");
        let size = document.pages()[0].frame.size();
        assert_eq!(
            (size.x.to_mm().round(), size.y.to_mm().round()),
            (210.0, 297.0),
            "A4"
        );
    }

    #[test]
    fn markup_in_a_name_is_printed_not_run() {
        let lines = vec![line(1, "#panic(\"x\") *太字* $x$ \\ ]", "[#x]")];
        assert!(
            badges_pdf(&head(), &lines).is_ok(),
            "a name is data, never markup"
        );
        let roster = Roster {
            standing: lines,
            waiting: Vec::new(),
        };
        assert!(
            roster_pdf(&head(), &roster).is_ok(),
            "a name is data, never markup"
        );
    }
}
