//! Who is on the event day's printed documents and in what order: the reception roster
//! (受付名簿, the desk's paper fallback) and the name badges (名札).
//!
//! Only registrations that stand are printed: cancelled people are left out, people on the
//! waiting list are listed apart (the desk must see at a glance that they have no place yet).
//! People are in 五十音 order of their kana reading, as a Japanese office list is read; people
//! without a reading come after, by name.

use std::cmp::Ordering;

use unicode_normalization::UnicodeNormalization;

use crate::attendee::{AttendanceMode, Attendee, AttendeeId, AttendeeStatus, Category};
use crate::door::{SeatZone, ZonePlan};
use crate::seating::ChartSeat;
use crate::text::normalize_kana;

/// One person as the printed documents show them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterLine {
    pub id: AttendeeId,
    pub name: String,
    pub kana: String,
    pub organization: String,
    pub title: String,
    pub category: Category,
    pub mode: AttendanceMode,
    /// Where the person sits (the seating's one rule, [`ZonePlan::zone_of`]): stakeholders are
    /// kept apart from the general public, on paper as in the room.
    pub zone: SeatZone,
    /// The seat given (`A-3`), when the event has a seat plan and the person has one.
    pub seat: Option<String>,
    /// The place in the waiting list, from 1, for people waiting.
    pub waitlist_position: Option<u32>,
}

/// The people of the roster: those with a place, then those waiting, each in kana order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Roster {
    pub standing: Vec<RosterLine>,
    /// On the waiting list (キャンセル待ち), in kana order too: the desk looks them up by name.
    pub waiting: Vec<RosterLine>,
}

impl Roster {
    /// The roster of an event's attendees under its zone plan and seats.
    pub fn of(attendees: &[Attendee], plan: &ZonePlan, seats: &[ChartSeat]) -> Roster {
        let mut roster = Roster::default();
        for attendee in attendees
            .iter()
            .filter(|a| a.details.status == AttendeeStatus::Registered)
        {
            let d = &attendee.details;
            let line = RosterLine {
                id: attendee.id,
                name: d.name.clone(),
                kana: d.kana.clone(),
                organization: d.organization.clone(),
                title: d.title.clone(),
                category: d.category,
                mode: d.mode,
                zone: plan.zone_of(d.category, attendee.zone_override),
                seat: seats
                    .iter()
                    .find(|s| s.attendee_id == Some(attendee.id))
                    .map(|s| s.seat.clone()),
                waitlist_position: attendee.waitlisted_at.and(attendee.waitlist_position),
            };
            if attendee.waitlisted_at.is_some() {
                roster.waiting.push(line);
            } else {
                roster.standing.push(line);
            }
        }
        roster.standing.sort_by(by_kana);
        roster.waiting.sort_by(by_kana);
        roster
    }

    /// Everyone, those with a place first.
    pub fn all(&self) -> impl Iterator<Item = &RosterLine> {
        self.standing.iter().chain(&self.waiting)
    }

    pub fn len(&self) -> usize {
        self.standing.len() + self.waiting.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Which people get a badge.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum BadgeChoice {
    /// Everyone whose registration stands (the waiting list included: they may be let in).
    #[default]
    All,
    /// Only these people (reprints, late registrations); kana order all the same.
    Only(Vec<AttendeeId>),
}

/// The people to print badges for, in kana order; with [`BadgeChoice::Only`], the ids chosen
/// that are not among the standing registrations are returned apart, so a door can say so.
pub fn badge_lines(roster: &Roster, choice: &BadgeChoice) -> (Vec<RosterLine>, Vec<AttendeeId>) {
    match choice {
        BadgeChoice::All => {
            let mut lines: Vec<RosterLine> = roster.all().cloned().collect();
            lines.sort_by(by_kana);
            (lines, Vec::new())
        }
        BadgeChoice::Only(ids) => {
            let mut lines: Vec<RosterLine> = roster.all().filter(|l| ids.contains(&l.id)).cloned().collect();
            lines.sort_by(by_kana);
            let mut unknown: Vec<AttendeeId> = Vec::new();
            for id in ids {
                if !lines.iter().any(|l| l.id == *id) && !unknown.contains(id) {
                    unknown.push(*id);
                }
            }
            (lines, unknown)
        }
    }
}

/// The roster's order: by the kana reading in 五十音 order, people without a reading after
/// (by name), then by id so that the order never depends on the database's.
pub fn by_kana(a: &RosterLine, b: &RosterLine) -> Ordering {
    let (ka, kb) = (gojuon_key(&a.kana), gojuon_key(&b.kana));
    match (ka.0.is_empty(), kb.0.is_empty()) {
        (false, true) => Ordering::Less,
        (true, false) => Ordering::Greater,
        _ => ka
            .cmp(&kb)
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.id.cmp(&b.id)),
    }
}

/// The key of a kana reading in 五十音 order, in the manner of JIS X 4061: first the reading
/// with voiced marks taken off (ガ as カ), small kana as large (ッ as ツ) and the long-vowel mark
/// as the vowel it lengthens (コー as コオ); then, to break ties, the reading as written
/// (katakana in Unicode order puts カ before ガ before… and ァ before ア). Spaces and the middle
/// dot are not letters and are skipped. Plain code-point order gets this wrong: it puts every
/// ガ after the last カ (カネコ, ガトウ, カトウ…) and every long vowel after ン.
pub fn gojuon_key(kana: &str) -> (String, String) {
    let written: String = normalize_kana(kana)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '・' | '･' | '＝' | '='))
        .collect();
    let mut primary = String::with_capacity(written.len());
    let mut previous: Option<char> = None;
    for c in written.chars() {
        let folded = match c {
            'ー' | '〜' | '～' => previous.map(vowel_of).unwrap_or(c),
            'ヽ' | 'ヾ' => previous.unwrap_or(c),
            _ => unvoiced(large(c)),
        };
        primary.push(folded);
        previous = Some(folded);
    }
    (primary, written)
}

/// ガ → カ, パ → ハ, ヴ → ウ: the kana without its (semi-)voiced mark.
fn unvoiced(c: char) -> char {
    c.to_string()
        .nfd()
        .find(|d| !matches!(d, '\u{3099}' | '\u{309A}'))
        .unwrap_or(c)
}

/// Small kana as their large forms.
fn large(c: char) -> char {
    match c {
        'ァ' => 'ア',
        'ィ' => 'イ',
        'ゥ' => 'ウ',
        'ェ' => 'エ',
        'ォ' => 'オ',
        'ッ' => 'ツ',
        'ャ' => 'ヤ',
        'ュ' => 'ユ',
        'ョ' => 'ヨ',
        'ヮ' => 'ワ',
        'ヵ' => 'カ',
        'ヶ' => 'ケ',
        other => other,
    }
}

/// The vowel a long-vowel mark after `c` stands for (`c` already folded to a large, unvoiced
/// kana); anything else (ン, a letter) stays as it is.
fn vowel_of(c: char) -> char {
    const ROWS: [(&str, char); 5] = [
        ("アカサタナハマヤラワ", 'ア'),
        ("イキシチニヒミリヰ", 'イ'),
        ("ウクスツヌフムユル", 'ウ'),
        ("エケセテネヘメレヱ", 'エ'),
        ("オコソトノホモヨロヲ", 'オ'),
    ];
    ROWS.iter()
        .find(|(row, _)| row.contains(c))
        .map_or(c, |(_, vowel)| *vowel)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attendee::AttendeeDraft;
    use crate::event::EventId;
    use chrono::{TimeZone, Utc};

    fn person(id: i64, name: &str, kana: &str) -> Attendee {
        let at = Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).unwrap();
        Attendee {
            id: AttendeeId(id),
            event_id: EventId(1),
            details: AttendeeDraft {
                kana: kana.into(),
                ..AttendeeDraft::new(name)
            },
            ticket: None,
            zone_override: None,
            waitlisted_at: None,
            waitlist_position: None,
            created_at: at,
            updated_at: at,
        }
    }

    fn names(lines: &[RosterLine]) -> Vec<&str> {
        lines.iter().map(|l| l.name.as_str()).collect()
    }

    #[test]
    fn readings_sort_in_gojuon_order() {
        // (what is compared, the readings in the order a Japanese list has them)
        let cases: [(&str, &[&str]); 7] = [
            (
                "a voiced kana sorts with its plain one",
                &["カトウ", "ガトウ", "カネコ"],
            ),
            (
                "plain before voiced before semi-voiced",
                &["ハラ", "バラ", "パラ"],
            ),
            (
                "a long vowel is its vowel, not after ン",
                &["コウノ", "コーノ", "コンドウ"],
            ),
            (
                "small kana as large ones, the small first on a tie",
                &["キャマ", "キヤマ", "キヨシ"],
            ),
            ("hiragana is read as katakana", &["あべ", "イトウ", "うえだ"]),
            ("spaces are not letters", &["ヤマダタロウ", "ヤマダ ハナコ"]),
            ("ヴ sorts with ウ", &["ウエノ", "ヴェルデ", "ウオズミ"]),
        ];
        for (what, expected) in cases {
            let mut shuffled: Vec<&str> = expected.iter().rev().copied().collect();
            shuffled.rotate_left(1);
            shuffled.sort_by_key(|k| gojuon_key(k));
            assert_eq!(shuffled, expected.to_vec(), "{what}");
        }
    }

    #[test]
    fn the_roster_leaves_out_cancelled_people_and_lists_the_waiting_apart() {
        let mut cancelled = person(1, "安藤 一", "アンドウ ハジメ");
        cancelled.details.status = AttendeeStatus::Cancelled;
        let mut waiting = person(2, "伊藤 二郎", "イトウ ジロウ");
        waiting.waitlisted_at = Some(Utc.with_ymd_and_hms(2026, 6, 2, 0, 0, 0).unwrap());
        waiting.waitlist_position = Some(1);
        let mut stakeholder = person(3, "渡辺 三郎", "ワタナベ サブロウ");
        stakeholder.details.category = Category::Stakeholder;
        let mut moved = person(4, "上田 四郎", "ウエダ シロウ");
        moved.zone_override = Some(SeatZone::Stakeholder);
        let attendees = vec![
            cancelled,
            waiting,
            stakeholder,
            moved,
            person(5, "山田 太郎", ""),
            person(6, "相川 花子", "アイカワ ハナコ"),
            person(7, "佐藤 五郎", ""),
        ];
        let seats = vec![ChartSeat {
            zone: SeatZone::Stakeholder,
            block: "S".into(),
            seat: "S-1".into(),
            attendee_id: Some(AttendeeId(3)),
            name: Some("渡辺 三郎".into()),
            organization: None,
        }];
        let roster = Roster::of(&attendees, &ZonePlan::default(), &seats);
        assert_eq!(
            names(&roster.standing),
            ["相川 花子", "上田 四郎", "渡辺 三郎", "佐藤 五郎", "山田 太郎"],
            "kana order, the cancelled person left out, people without kana after by name"
        );
        assert_eq!(names(&roster.waiting), ["伊藤 二郎"]);
        assert_eq!(roster.waiting[0].waitlist_position, Some(1));
        assert_eq!(roster.standing[0].waitlist_position, None);
        let zones: Vec<SeatZone> = roster.standing.iter().map(|l| l.zone).collect();
        assert_eq!(
            zones[..3],
            [SeatZone::General, SeatZone::Stakeholder, SeatZone::Stakeholder],
            "a moved person sits where they were moved, as the seating says"
        );
        assert_eq!(roster.standing[2].seat.as_deref(), Some("S-1"));
        assert_eq!(roster.len(), 6);

        let (all, unknown) = badge_lines(&roster, &BadgeChoice::All);
        assert_eq!(all.len(), 6, "badges for everyone whose registration stands");
        assert!(unknown.is_empty());
        let (some, unknown) = badge_lines(
            &roster,
            &BadgeChoice::Only(vec![
                AttendeeId(5),
                AttendeeId(1),
                AttendeeId(6),
                AttendeeId(99),
                AttendeeId(1),
            ]),
        );
        assert_eq!(
            names(&some),
            ["相川 花子", "山田 太郎"],
            "the chosen, in kana order"
        );
        assert_eq!(
            unknown,
            [AttendeeId(1), AttendeeId(99)],
            "a cancelled or unknown id is named, not printed"
        );
    }
}
