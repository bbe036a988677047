//! Mail to each person (個別メール): the built-in templates, their placeholders and the one rule
//! for who a mailing goes to and who is left out, with the reason.
//!
//! Every message goes to one person; these rules decide only what it says and whether that person
//! gets one. The online link is only ever written into an online attendee's message.

use std::collections::HashMap;

use chrono::{Datelike, Weekday};
use serde::{Deserialize, Serialize};

use crate::attendee::{AttendanceMode, Attendee, AttendeeId, AttendeeStatus, Category};
use crate::event::Event;
use crate::i18n::Lang;
use crate::text::{email_key, is_plausible_email};

choice_enum! {
    /// A built-in template: one per purpose of a mailing.
    pub enum MailTemplate as "template" {
        /// The invitation with the ticket (the QR code attached).
        #[default]
        Ticket = "ticket", "招待・受付票", "Invitation and ticket";
        /// How to join online, with the link: online attendees only.
        Online = "online", "オンライン参加のご案内", "Joining online";
        /// The day before.
        Reminder = "reminder", "前日のご連絡", "Reminder";
        /// After the event: thanks and the survey.
        Thanks = "thanks", "お礼とアンケート", "Thanks and survey";
    }
}

choice_enum! {
    /// Why a person gets no message from a mailing.
    pub enum LeftOutReason as "reason" {
        #[default]
        NoConsent = "no_consent", "個人情報の取扱いに同意がない", "No consent to the handling of personal data";
        Cancelled = "cancelled", "キャンセル済み", "Registration cancelled";
        Waiting = "waiting", "キャンセル待ち", "On the waiting list";
        NoEmail = "no_email", "メールアドレスがない", "No email address";
        BadEmail = "bad_email", "メールアドレスが使えない", "Unusable email address";
        DuplicateEmail = "duplicate_email", "ほかの参加者と同じメールアドレス", "Same email address as another attendee";
        NoTicket = "no_ticket", "受付票がない", "No ticket";
        AlreadySent = "already_sent", "送信済み", "Already sent";
    }
}

choice_enum! {
    /// Where one message of a mailing stands.
    pub enum OutboxState as "state" {
        #[default]
        Waiting = "waiting", "送信待ち", "Waiting";
        /// The conversation with the server had begun: after an interruption it may have arrived,
        /// so it is never sent again on its own.
        Sending = "sending", "送信中", "Sending";
        Sent = "sent", "送信済み", "Sent";
        Failed = "failed", "失敗", "Failed";
    }
}

choice_enum! {
    /// How the connection to the mail server is protected.
    pub enum SmtpSecurity as "security" {
        /// STARTTLS after connecting (usually port 587). Its identifier is the one word people
        /// and the CLI use; serde's name is made to equal it (the choice rule).
        #[default]
        #[serde(rename = "starttls")]
        StartTls = "starttls", "STARTTLS（通常 587番）", "STARTTLS (usually port 587)";
        /// TLS from the first byte (usually port 465).
        Tls = "tls", "TLS（通常 465番）", "TLS (usually port 465)";
        /// No TLS: only to 127.0.0.1 (tests and a local relay).
        Plain = "plain", "暗号化なし（127.0.0.1 のみ）", "No TLS (127.0.0.1 only)";
    }
}

/// The mail server and the account a mailing is sent from, as remembered between mailings.
/// The password is never part of it: it is asked each time (or read from the environment).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MailServer {
    pub host: String,
    pub port: u16,
    pub security: SmtpSecurity,
    /// The account's user name; empty when the server takes mail without signing in.
    pub user: String,
    /// The sender's address (From).
    pub from: String,
}

impl MailTemplate {
    /// The subject, with placeholders.
    pub fn subject(self) -> &'static str {
        match self {
            MailTemplate::Ticket => "【{event}】ご招待と受付票のお知らせ",
            MailTemplate::Online => "【{event}】オンライン参加のご案内",
            MailTemplate::Reminder => "【{event}】明日の開催についてのご連絡",
            MailTemplate::Thanks => "【{event}】ご参加のお礼とアンケートのお願い",
        }
    }

    /// The body, with placeholders: `{name}`, `{event}`, `{date}`, `{venue}`, `{online_url}`,
    /// `{ticket}` and `{how_to_join}` (the venue, or the online link, by the person's mode).
    pub fn body(self) -> &'static str {
        match self {
            MailTemplate::Ticket => {
                "{name} 様\n\n\
                 このたびは「{event}」にお申し込みいただき、ありがとうございます。\n\
                 下記のとおり開催いたします。\n\n\
                 日時: {date}\n\
                 {how_to_join}\n\n\
                 受付番号: {ticket}\n\
                 当日は添付の受付票（QRコード）を受付でお示しください。\n\n\
                 このメールはお一人ずつにお送りしています。\n"
            }
            MailTemplate::Online => {
                "{name} 様\n\n\
                 「{event}」にオンラインでお申し込みいただき、ありがとうございます。\n\n\
                 日時: {date}\n\
                 参加用URL: {online_url}\n\n\
                 URLはご本人さま専用としてお取り扱いください。\n"
            }
            MailTemplate::Reminder => {
                "{name} 様\n\n\
                 明日は「{event}」の開催日です。\n\n\
                 日時: {date}\n\
                 {how_to_join}\n\n\
                 受付番号: {ticket}\n\
                 お気をつけてお越しください。\n"
            }
            MailTemplate::Thanks => {
                "{name} 様\n\n\
                 先日は「{event}」（{date}）にご参加いただき、ありがとうございました。\n\
                 今後の改善のため、アンケートへのご協力をお願いいたします。\n"
            }
        }
    }

    /// Whether the ticket's QR code goes with the message.
    pub fn attaches_ticket(self) -> bool {
        matches!(self, MailTemplate::Ticket | MailTemplate::Reminder)
    }

    /// The mode this template is only for, whatever the filter says.
    pub fn only_mode(self) -> Option<AttendanceMode> {
        match self {
            MailTemplate::Online => Some(AttendanceMode::Online),
            _ => None,
        }
    }
}

/// A template's words: the subject and the body, with placeholders.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MailText {
    pub subject: String,
    pub body: String,
}

/// The placeholders a template may hold; anything else in braces is refused when a template is
/// saved (a typo would otherwise reach every person as it was typed).
pub const PLACEHOLDERS: &[&str] = &[
    "name",
    "event",
    "date",
    "venue",
    "online_url",
    "ticket",
    "how_to_join",
];

/// The longest subject and body a person may save (characters).
pub const MAX_SUBJECT_CHARS: usize = 200;
pub const MAX_BODY_CHARS: usize = 10_000;

/// The names in braces that are not placeholders, in the order they appear, once each.
pub fn unknown_placeholders(text: &str) -> Vec<String> {
    let mut unknown: Vec<String> = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let name = &after[..close];
        if !PLACEHOLDERS.contains(&name) && !unknown.iter().any(|u| u == name) {
            unknown.push(name.to_string());
        }
        rest = &after[close + 1..];
    }
    unknown
}

impl MailTemplate {
    /// The built-in words in a language: Japanese as ever, English for guests who read it.
    pub fn built_in(self, lang: Lang) -> MailText {
        match lang {
            Lang::Ja => MailText {
                subject: self.subject().to_string(),
                body: self.body().to_string(),
            },
            Lang::En => MailText {
                subject: self.subject_en().to_string(),
                body: self.body_en().to_string(),
            },
        }
    }

    fn subject_en(self) -> &'static str {
        match self {
            MailTemplate::Ticket => "[{event}] Your invitation and ticket",
            MailTemplate::Online => "[{event}] How to join online",
            MailTemplate::Reminder => "[{event}] See you tomorrow",
            MailTemplate::Thanks => "[{event}] Thank you for coming, and a short survey",
        }
    }

    fn body_en(self) -> &'static str {
        match self {
            MailTemplate::Ticket => {
                "Dear {name},\n\n\
                 Thank you for registering for \"{event}\".\n\n\
                 Date: {date}\n\
                 {how_to_join}\n\n\
                 Ticket number: {ticket}\n\
                 Please show the attached ticket (QR code) at the reception desk.\n\n\
                 This message was sent to you alone.\n"
            }
            MailTemplate::Online => {
                "Dear {name},\n\n\
                 Thank you for registering to join \"{event}\" online.\n\n\
                 Date: {date}\n\
                 Link: {online_url}\n\n\
                 Please keep this link to yourself.\n"
            }
            MailTemplate::Reminder => {
                "Dear {name},\n\n\
                 \"{event}\" takes place tomorrow.\n\n\
                 Date: {date}\n\
                 {how_to_join}\n\n\
                 Ticket number: {ticket}\n\
                 We look forward to seeing you.\n"
            }
            MailTemplate::Thanks => {
                "Dear {name},\n\n\
                 Thank you for taking part in \"{event}\" ({date}).\n\
                 To help us improve, we would be grateful if you answered our short survey.\n"
            }
        }
    }
}

/// Who a mailing is for, before the rules leave people out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MailFilter {
    pub mode: Option<AttendanceMode>,
    pub category: Option<Category>,
    /// Leave out people an earlier mailing of the same template already reached.
    pub not_yet_sent: bool,
}

/// A person left out of a mailing, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LeftOut {
    pub attendee: AttendeeId,
    pub reason: LeftOutReason,
}

/// The people a mailing goes to (in the order given) and those left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    pub recipients: Vec<AttendeeId>,
    pub left_out: Vec<LeftOut>,
}

/// Chooses a mailing's recipients among an event's attendees. People outside the filter (another
/// mode or category) are not part of the mailing at all; people inside it get a message unless a
/// rule leaves them out, listed with the first reason that applies: no consent, cancelled, on the
/// waiting list (for a ticket or a reminder), no address, an address that cannot be one, an
/// address two people share (neither gets it: a message naming one would reach the other), no
/// ticket when the template attaches one, already reached by the same template (`already_sent`).
pub fn select_recipients(
    template: MailTemplate,
    filter: &MailFilter,
    attendees: &[Attendee],
    already_sent: &[AttendeeId],
) -> Selection {
    let mode = template.only_mode().or(filter.mode);
    let in_filter: Vec<&Attendee> = attendees
        .iter()
        .filter(|a| mode.is_none_or(|m| a.details.mode == m))
        .filter(|a| filter.category.is_none_or(|c| a.details.category == c))
        .collect();
    let mut holders: HashMap<String, u32> = HashMap::new();
    for a in attendees {
        let key = email_key(&a.details.email);
        if !key.is_empty() && a.details.status == AttendeeStatus::Registered {
            *holders.entry(key).or_default() += 1;
        }
    }
    let mut selection = Selection::default();
    for a in in_filter {
        let email = a.details.email.trim();
        let waiting_matters = matches!(template, MailTemplate::Ticket | MailTemplate::Reminder);
        let reason = if !a.details.consent {
            Some(LeftOutReason::NoConsent)
        } else if a.details.status == AttendeeStatus::Cancelled {
            Some(LeftOutReason::Cancelled)
        } else if waiting_matters && a.waitlisted_at.is_some() {
            Some(LeftOutReason::Waiting)
        } else if email.is_empty() {
            Some(LeftOutReason::NoEmail)
        } else if !is_usable_address(email) {
            Some(LeftOutReason::BadEmail)
        } else if holders.get(&email_key(email)).copied().unwrap_or(0) > 1 {
            Some(LeftOutReason::DuplicateEmail)
        } else if template.attaches_ticket() && a.ticket.is_none() {
            Some(LeftOutReason::NoTicket)
        } else if filter.not_yet_sent && already_sent.contains(&a.id) {
            Some(LeftOutReason::AlreadySent)
        } else {
            None
        };
        match reason {
            Some(reason) => selection.left_out.push(LeftOut {
                attendee: a.id,
                reason,
            }),
            None => selection.recipients.push(a.id),
        }
    }
    selection
}

/// An address a message can be sent to: plausible, ASCII only (an address with other characters
/// needs SMTPUTF8, which few servers take) and without characters that would let it carry a
/// second address or a header (`,`, `;`, `<`, `>`, quotes, control characters).
pub fn is_usable_address(email: &str) -> bool {
    is_plausible_email(email)
        && email.is_ascii()
        && !email.chars().any(|c| {
            c.is_ascii_control() || matches!(c, ',' | ';' | '<' | '>' | '"' | '(' | ')' | '[' | ']' | '\\')
        })
}

/// A message as it will be sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RenderedMail {
    pub to: String,
    pub subject: String,
    pub body: String,
    /// The ticket whose QR code goes with the message.
    pub ticket: Option<String>,
    /// The attached files' names (the QR image, the ticket card), as [`ticket_attachment_name`]
    /// makes them; empty without a ticket.
    pub attachments: Vec<String>,
}

/// An attached ticket file's name: the ticket cards' document name with its edition
/// (`受付票_非公表用_<token>.pdf`), so the card a person forwards still says it is not public.
pub fn ticket_attachment_name(token: &str, lang: Lang, extension: &str) -> String {
    let stem =
        crate::document::BureauDocument::Tickets.file_stem(crate::document::Disclosure::Internal, lang);
    format!("{stem}_{token}.{extension}")
}

/// The event's date and hours as a Japanese reader expects: `2026年7月25日（土）13:30〜17:00`.
pub fn date_text(event: &Event) -> String {
    let d = &event.details;
    let weekday = match d.date.weekday() {
        Weekday::Mon => "月",
        Weekday::Tue => "火",
        Weekday::Wed => "水",
        Weekday::Thu => "木",
        Weekday::Fri => "金",
        Weekday::Sat => "土",
        Weekday::Sun => "日",
    };
    let mut text = format!(
        "{}年{}月{}日（{weekday}）",
        d.date.year(),
        d.date.month(),
        d.date.day()
    );
    if let Some(start) = d.start_time {
        text.push_str(&start.format("%H:%M").to_string());
        text.push('〜');
        if let Some(end) = d.end_time {
            text.push_str(&end.format("%H:%M").to_string());
        }
    }
    text
}

/// Fills a built-in Japanese template for one person (see [`render_text`]).
pub fn render(template: MailTemplate, event: &Event, attendee: &Attendee) -> RenderedMail {
    render_text(template, &template.built_in(Lang::Ja), Lang::Ja, event, attendee)
}

/// The event's date and hours in a language: [`date_text`] in Japanese, `Saturday 25 July 2026,
/// 13:30–17:00` in English.
pub fn date_text_in(event: &Event, lang: Lang) -> String {
    if lang == Lang::Ja {
        return date_text(event);
    }
    let d = &event.details;
    let mut text = d.date.format("%A %-d %B %Y").to_string();
    if let Some(start) = d.start_time {
        text.push_str(&start.format(", %H:%M").to_string());
        text.push('–');
        if let Some(end) = d.end_time {
            text.push_str(&end.format("%H:%M").to_string());
        }
    }
    text
}

/// Fills a template's words (built-in or a person's) for one person, in the mailing's language.
/// A venue attendee's message never holds the online link: `{online_url}` is left empty for them
/// and `{how_to_join}` names the venue.
pub fn render_text(
    template: MailTemplate,
    text: &MailText,
    lang: Lang,
    event: &Event,
    attendee: &Attendee,
) -> RenderedMail {
    let d = &event.details;
    let online = attendee.details.mode == AttendanceMode::Online;
    let venue = [d.venue_name.as_str(), d.venue_address.as_str()]
        .iter()
        .filter(|s| !s.trim().is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    let online_url = if online { d.online_url.as_str() } else { "" };
    let how_to_join = match (online, lang) {
        (true, Lang::Ja) => format!("参加方法: オンライン（{online_url}）"),
        (true, Lang::En) => format!("How to join: online ({online_url})"),
        (false, Lang::Ja) => format!("会場: {venue}"),
        (false, Lang::En) => format!("Venue: {venue}"),
    };
    let date = date_text_in(event, lang);
    let ticket = attendee.ticket.as_ref().map(|t| t.as_str().to_string());
    let fill = |text: &str| {
        // One pass over the template, so that a value holding `{...}` is never filled in turn.
        let mut out = String::with_capacity(text.len() + 64);
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open..];
            let Some(close) = after.find('}') else {
                out.push_str(after);
                rest = "";
                break;
            };
            let value = match &after[1..close] {
                "name" => attendee.details.name.clone(),
                "event" => d.title.clone(),
                "date" => date.clone(),
                "venue" => venue.clone(),
                "online_url" => online_url.to_string(),
                "how_to_join" => how_to_join.clone(),
                "ticket" => ticket.as_ref().map(|_| grouped(attendee)).unwrap_or_default(),
                _ => after[..=close].to_string(),
            };
            out.push_str(&value);
            rest = &after[close + 1..];
        }
        out.push_str(rest);
        out
    };
    RenderedMail {
        to: attendee.details.email.trim().to_string(),
        // A subject is one line: a title cannot add a header.
        subject: fill(&text.subject).replace(['\r', '\n'], " "),
        body: fill(&text.body),
        attachments: match (&ticket, template.attaches_ticket()) {
            (Some(token), true) => ["png", "pdf"]
                .iter()
                .map(|extension| ticket_attachment_name(token, lang, extension))
                .collect(),
            _ => Vec::new(),
        },
        ticket: if template.attaches_ticket() { ticket } else { None },
    }
}

fn grouped(attendee: &Attendee) -> String {
    attendee.ticket.as_ref().map(|t| t.grouped()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attendee::AttendeeDraft;
    use crate::event::{EventDraft, EventId};
    use crate::ticket::TicketToken;
    use chrono::{NaiveDate, NaiveTime, TimeZone, Utc};

    fn event() -> Event {
        let mut draft = EventDraft::new("アトツギ交流会", NaiveDate::from_ymd_opt(2026, 7, 25).unwrap());
        draft.start_time = NaiveTime::from_hms_opt(13, 30, 0);
        draft.end_time = NaiveTime::from_hms_opt(17, 0, 0);
        draft.venue_name = "仙台国際センター".into();
        draft.online_url = "https://meet.example.jp/secret-room".into();
        Event {
            id: EventId(1),
            details: draft,
            created_at: Utc.timestamp_opt(0, 0).unwrap(),
            updated_at: Utc.timestamp_opt(0, 0).unwrap(),
        }
    }

    fn person(id: i64, email: &str, change: impl FnOnce(&mut Attendee)) -> Attendee {
        let mut a = Attendee {
            id: AttendeeId(id),
            event_id: EventId(1),
            details: AttendeeDraft {
                email: email.into(),
                ..AttendeeDraft::new(format!("参加者{id}"))
            },
            ticket: Some(TicketToken::from_random([id as u8; 10])),
            zone_override: None,
            waitlisted_at: None,
            waitlist_position: None,
            created_at: Utc.timestamp_opt(0, 0).unwrap(),
            updated_at: Utc.timestamp_opt(0, 0).unwrap(),
        };
        change(&mut a);
        a
    }

    #[test]
    fn who_is_left_out_and_why() {
        let people = vec![
            person(1, "a@example.jp", |_| {}),
            person(2, "b@example.jp", |a| a.details.consent = false),
            person(3, "c@example.jp", |a| {
                a.details.status = AttendeeStatus::Cancelled
            }),
            person(4, "", |_| {}),
            person(5, "not-an-address", |_| {}),
            person(6, "same@example.jp", |_| {}),
            person(7, "SAME@example.jp", |_| {}),
            person(8, "h@example.jp", |a| {
                a.waitlisted_at = Some(Utc.timestamp_opt(0, 0).unwrap())
            }),
            person(9, "i@example.jp", |a| a.ticket = None),
            person(10, "j@example.jp", |a| a.details.mode = AttendanceMode::Online),
            person(11, "x@example.jp,y@example.jp", |_| {}),
            person(12, "全角@example.jp", |_| {}),
            // A cancelled person's old address does not make a standing one a duplicate.
            person(13, "k@example.jp", |_| {}),
            person(14, "k@example.jp", |a| {
                a.details.status = AttendeeStatus::Cancelled
            }),
        ];
        use LeftOutReason::*;
        let reasons = |s: &Selection| -> Vec<(i64, LeftOutReason)> {
            s.left_out.iter().map(|l| (l.attendee.0, l.reason)).collect()
        };
        let ids = |s: &Selection| -> Vec<i64> { s.recipients.iter().map(|a| a.0).collect() };

        let ticket = select_recipients(MailTemplate::Ticket, &MailFilter::default(), &people, &[]);
        assert_eq!(
            ids(&ticket),
            vec![1, 10, 13],
            "only usable, standing, consenting people"
        );
        assert_eq!(
            reasons(&ticket),
            vec![
                (2, NoConsent),
                (3, Cancelled),
                (4, NoEmail),
                (5, BadEmail),
                (6, DuplicateEmail),
                (7, DuplicateEmail),
                (8, Waiting),
                (9, NoTicket),
                (11, BadEmail),
                (12, BadEmail),
                (14, Cancelled),
            ]
        );

        let online = select_recipients(MailTemplate::Online, &MailFilter::default(), &people, &[]);
        assert_eq!(
            ids(&online),
            vec![10],
            "the online guide goes to online attendees only"
        );
        assert!(
            online.left_out.is_empty(),
            "venue people are not in the mailing at all"
        );

        let venue = MailFilter {
            mode: Some(AttendanceMode::Venue),
            ..MailFilter::default()
        };
        let thanks = select_recipients(MailTemplate::Thanks, &venue, &people, &[]);
        assert_eq!(
            ids(&thanks),
            vec![1, 8, 9, 13],
            "thanks needs no ticket and the waiting list may hear it"
        );

        let again = MailFilter {
            not_yet_sent: true,
            ..MailFilter::default()
        };
        let second = select_recipients(MailTemplate::Ticket, &again, &people, &[AttendeeId(1)]);
        assert_eq!(ids(&second), vec![10, 13]);
        assert!(second.left_out.contains(&LeftOut {
            attendee: AttendeeId(1),
            reason: AlreadySent
        }));
    }

    #[test]
    fn rendering_fills_every_placeholder_and_keeps_the_link_from_venue_people() {
        let event = event();
        let venue = person(1, "a@example.jp", |_| {});
        let online = person(2, "b@example.jp", |a| a.details.mode = AttendanceMode::Online);
        for template in MailTemplate::ALL {
            for who in [&venue, &online] {
                let mail = render(*template, &event, who);
                assert!(
                    !mail.body.contains('{') && !mail.subject.contains('{'),
                    "{template:?}: all filled"
                );
                assert!(mail.body.starts_with(&format!("{} 様", who.details.name)));
                assert!(mail.subject.contains("アトツギ交流会"));
                assert_eq!(mail.to, who.details.email);
                let has_link = mail.body.contains("secret-room");
                match (who.details.mode, template) {
                    (AttendanceMode::Venue, _) => assert!(!has_link, "{template:?}: never to venue people"),
                    (_, MailTemplate::Online | MailTemplate::Ticket | MailTemplate::Reminder) => {
                        assert!(has_link, "{template:?}: online people get their link")
                    }
                    _ => {}
                }
                assert_eq!(mail.ticket.is_some(), template.attaches_ticket());
            }
        }
        let ticket = render(MailTemplate::Ticket, &event, &venue);
        assert!(
            ticket.body.contains("2026年7月25日（土）13:30〜17:00"),
            "{}",
            ticket.body
        );
        assert!(ticket.body.contains("会場: 仙台国際センター"));
        assert!(ticket.body.contains(&venue.ticket.as_ref().unwrap().grouped()));
    }

    #[test]
    fn english_templates_fill_the_same_placeholders_in_english() {
        let event = event();
        let venue = person(1, "a@example.jp", |_| {});
        let online = person(2, "b@example.jp", |a| a.details.mode = AttendanceMode::Online);
        for template in MailTemplate::ALL {
            let text = template.built_in(Lang::En);
            assert!(
                unknown_placeholders(&text.body).is_empty() && unknown_placeholders(&text.subject).is_empty(),
                "{template:?}: the English words use the placeholders only"
            );
            for who in [&venue, &online] {
                let mail = render_text(*template, &text, Lang::En, &event, who);
                assert!(!mail.body.contains('{'), "{template:?}: all filled");
                assert!(mail.body.starts_with(&format!("Dear {},", who.details.name)));
                assert_eq!(
                    mail.body.contains("secret-room"),
                    who.details.mode == AttendanceMode::Online && *template != MailTemplate::Thanks,
                    "{template:?}: the link to online people only"
                );
            }
        }
        let ticket = render_text(
            MailTemplate::Ticket,
            &MailTemplate::Ticket.built_in(Lang::En),
            Lang::En,
            &event,
            &venue,
        );
        assert!(
            ticket.body.contains("Saturday 25 July 2026, 13:30–17:00"),
            "{}",
            ticket.body
        );
        assert!(ticket.body.contains("Venue: 仙台国際センター"));
    }

    #[test]
    fn a_person_s_words_are_filled_and_typos_in_braces_are_found() {
        let text = MailText {
            subject: "{event} のご案内 {nmae}".into(),
            body: "{name} 様\n{date} {venu} {nmae} {ticket} {".into(),
        };
        assert_eq!(unknown_placeholders(&text.subject), vec!["nmae"]);
        assert_eq!(unknown_placeholders(&text.body), vec!["venu", "nmae"]);
        for built_in in MailTemplate::ALL {
            assert!(unknown_placeholders(built_in.body()).is_empty());
        }
        let mine = MailText {
            subject: "【{event}】お知らせ".into(),
            body: "{name} 様\n{how_to_join}\n".into(),
        };
        let mail = render_text(
            MailTemplate::Thanks,
            &mine,
            Lang::Ja,
            &event(),
            &person(1, "a@example.jp", |_| {}),
        );
        assert_eq!(mail.subject, "【アトツギ交流会】お知らせ");
        assert_eq!(mail.body, "参加者1 様\n会場: 仙台国際センター\n");
    }

    #[test]
    fn a_value_is_never_read_as_a_placeholder_or_a_header() {
        let mut event = event();
        event.details.title = "{online_url}\r\nBcc: x@evil.example".into();
        let venue = person(1, "a@example.jp", |_| {});
        let mail = render(MailTemplate::Ticket, &event, &venue);
        assert!(!mail.body.contains("secret-room"));
        assert!(!mail.subject.contains('\n') && !mail.subject.contains('\r'));
        assert!(
            mail.subject.contains("{online_url}"),
            "typed braces stay as typed"
        );
    }
}
