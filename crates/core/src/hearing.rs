//! Hearings (ヒアリング): interviews with participants, their notes per theme, tags and quotes,
//! and the summary by tag the project report's "measures needed" section is written from.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::ValidationError;
use crate::incident::normalize_date_time;
use crate::survey::SurveyError;
use crate::text::normalize_display;

choice_enum! {
    /// How a hearing was held.
    pub enum HearingMethod as "hearing method" {
        #[default]
        Venue = "venue", "会場", "At the venue";
        Online = "online", "オンライン", "Online";
        Phone = "phone", "電話", "Phone";
    }
}

/// The tags hearings are usually filed under; any other word may be used too.
pub const COMMON_TAGS: &[&str] = &["課題", "必要な支援", "成功事例", "制度への要望", "その他"];

/// Notes on one theme of a hearing.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct HearingNote {
    pub theme: String,
    pub text: String,
}

/// Something the person said, word for word; publishable only with their consent.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct Quote {
    pub text: String,
    /// The tag it illustrates (empty: the hearing's tags).
    pub tag: String,
    pub publishable: bool,
}

/// A hearing as the form sends it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct HearingDraft {
    /// The event it belongs to, if any.
    pub event_id: Option<i64>,
    /// The registered person it was held with, if they are one.
    pub attendee_id: Option<i64>,
    /// Who it was held with: a name, or a role when the person is not named (商工会 経営指導員).
    pub person: String,
    pub organization: String,
    /// When (`YYYY-MM-DD HH:MM`, local wall-clock time).
    pub held_at: String,
    pub method: HearingMethod,
    pub interviewer: String,
    /// Whether the person agreed to be quoted in published documents.
    pub quote_consent: bool,
    pub notes: Vec<HearingNote>,
    pub tags: Vec<String>,
    pub quotes: Vec<Quote>,
}

/// Why a hearing cannot be kept.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HearingError {
    #[error(transparent)]
    Survey(#[from] SurveyError),
    #[error(transparent)]
    Validation(#[from] ValidationError),
}

impl HearingDraft {
    /// The draft as it is kept: texts normalised, the time as `YYYY-MM-DD HH:MM`, tags without
    /// repeats, empty notes and quotes left out. Errors: no person, a bad time, a publishable
    /// quote without the person's consent.
    pub fn normalized(self) -> Result<HearingDraft, HearingError> {
        let person = normalize_display(&self.person);
        if person.is_empty() {
            return Err(SurveyError::EmptyHearingPerson.into());
        }
        let mut tags: Vec<String> = Vec::new();
        for tag in self.tags.iter().map(|t| normalize_display(t)) {
            if !tag.is_empty() && !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        let quotes: Vec<Quote> = self
            .quotes
            .into_iter()
            .map(|q| Quote {
                text: q.text.trim().to_string(),
                tag: normalize_display(&q.tag),
                publishable: q.publishable,
            })
            .filter(|q| !q.text.is_empty())
            .collect();
        if !self.quote_consent && quotes.iter().any(|q| q.publishable) {
            return Err(SurveyError::QuoteWithoutConsent.into());
        }
        for quote in &quotes {
            if !quote.tag.is_empty() && !tags.contains(&quote.tag) {
                tags.push(quote.tag.clone());
            }
        }
        let notes = self
            .notes
            .into_iter()
            .map(|n| HearingNote {
                theme: normalize_display(&n.theme),
                text: n.text.trim().to_string(),
            })
            .filter(|n| !n.text.is_empty())
            .collect::<Vec<_>>();
        let draft = HearingDraft {
            person,
            organization: normalize_display(&self.organization),
            held_at: normalize_date_time(&self.held_at)?,
            interviewer: normalize_display(&self.interviewer),
            notes,
            tags,
            quotes,
            ..self
        };
        crate::limits::NAME.check(&draft.person)?;
        for note in &draft.notes {
            crate::limits::NOTES.check(&note.text)?;
        }
        for quote in &draft.quotes {
            crate::limits::NOTES.check(&quote.text)?;
        }
        Ok(draft)
    }
}

/// What the hearings say under one tag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TagSummary {
    pub tag: String,
    /// How many hearings carry the tag.
    pub n_hearings: u32,
    /// The quotes under the tag: for a public summary only the publishable ones, never with the
    /// person's name; for an internal one all, each with who said it.
    pub quotes: Vec<SummaryQuote>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SummaryQuote {
    pub text: String,
    /// Who said it (internal summaries only): the person and their organisation.
    pub said_by: Option<String>,
    pub publishable: bool,
}

/// The hearings summed up by tag, the most frequent tag first. A quote goes under its own tag,
/// or under each of its hearing's tags when it has none. `public`: only publishable quotes of
/// people who consented, without names.
pub fn summarize_by_tag(hearings: &[HearingDraft], public: bool) -> Vec<TagSummary> {
    let mut by_tag: BTreeMap<&str, (u32, Vec<SummaryQuote>)> = BTreeMap::new();
    for hearing in hearings {
        for tag in &hearing.tags {
            by_tag.entry(tag).or_default().0 += 1;
        }
        for quote in &hearing.quotes {
            if public && !(quote.publishable && hearing.quote_consent) {
                continue;
            }
            let said_by = (!public).then(|| {
                if hearing.organization.is_empty() {
                    hearing.person.clone()
                } else {
                    format!("{}（{}）", hearing.person, hearing.organization)
                }
            });
            let line = SummaryQuote {
                text: quote.text.clone(),
                said_by,
                publishable: quote.publishable && hearing.quote_consent,
            };
            let tags: Vec<&str> = if quote.tag.is_empty() {
                hearing.tags.iter().map(String::as_str).collect()
            } else {
                vec![quote.tag.as_str()]
            };
            for tag in tags {
                by_tag.entry(tag).or_default().1.push(line.clone());
            }
        }
    }
    let mut summary: Vec<TagSummary> = by_tag
        .into_iter()
        .map(|(tag, (n_hearings, quotes))| TagSummary {
            tag: tag.to_string(),
            n_hearings,
            quotes,
        })
        .collect();
    summary.sort_by(|a, b| b.n_hearings.cmp(&a.n_hearings).then_with(|| a.tag.cmp(&b.tag)));
    summary
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hearing(person: &str, consent: bool, tags: &[&str], quotes: &[(&str, &str, bool)]) -> HearingDraft {
        HearingDraft {
            person: person.into(),
            organization: "山田製作所".into(),
            held_at: "2026-10-24 17:00".into(),
            interviewer: "事務局 佐藤".into(),
            quote_consent: consent,
            tags: tags.iter().map(|t| t.to_string()).collect(),
            quotes: quotes
                .iter()
                .map(|(text, tag, publishable)| Quote {
                    text: text.to_string(),
                    tag: tag.to_string(),
                    publishable: *publishable,
                })
                .collect(),
            ..HearingDraft::default()
        }
    }

    #[test]
    fn a_publishable_quote_needs_consent() {
        let refused = hearing("山田 太郎", false, &["課題"], &[("人手が足りない", "", true)]).normalized();
        assert_eq!(
            refused.unwrap_err(),
            HearingError::Survey(SurveyError::QuoteWithoutConsent)
        );
        let kept = hearing("山田 太郎", false, &["課題"], &[("人手が足りない", "", false)])
            .normalized()
            .unwrap();
        assert_eq!(kept.quotes.len(), 1);
        let no_one = hearing("　", true, &[], &[]).normalized();
        assert_eq!(
            no_one.unwrap_err(),
            HearingError::Survey(SurveyError::EmptyHearingPerson)
        );
        let bad_time = HearingDraft {
            held_at: "昨日".into(),
            ..hearing("山田", true, &[], &[])
        }
        .normalized();
        assert!(matches!(
            bad_time,
            Err(HearingError::Validation(ValidationError::BadDateTime(_)))
        ));
    }

    #[test]
    fn tags_are_kept_once_and_a_quote_brings_its_tag() {
        let kept = hearing(
            "山田",
            true,
            &["課題", " 課題", "必要な支援"],
            &[("事例が知りたい", "成功事例", true), ("  ", "", false)],
        )
        .normalized()
        .unwrap();
        assert_eq!(kept.tags, ["課題", "必要な支援", "成功事例"]);
        assert_eq!(kept.quotes.len(), 1, "an empty quote is left out");
    }

    #[test]
    fn the_public_summary_has_only_consented_publishable_quotes_and_no_names() {
        let hearings = [
            hearing(
                "山田",
                true,
                &["課題", "必要な支援"],
                &[("資金繰りが不安", "課題", true), ("社内の話", "課題", false)],
            ),
            hearing("鈴木", true, &["課題"], &[("相談先が分からない", "", true)]),
            hearing(
                "田中",
                false,
                &["必要な支援"],
                &[("補助金の案内がほしい", "", false)],
            ),
            hearing("佐藤", true, &["課題"], &[]),
        ];
        let hearings: Vec<HearingDraft> = hearings.into_iter().map(|h| h.normalized().unwrap()).collect();
        let public = summarize_by_tag(&hearings, true);
        assert_eq!(public[0].tag, "課題", "the most frequent tag first");
        assert_eq!(public[0].n_hearings, 3);
        let texts: Vec<&str> = public[0].quotes.iter().map(|q| q.text.as_str()).collect();
        assert_eq!(texts, ["資金繰りが不安", "相談先が分からない"]);
        assert!(public.iter().flat_map(|t| &t.quotes).all(|q| q.said_by.is_none()));
        let support = public.iter().find(|t| t.tag == "必要な支援").unwrap();
        assert!(support.quotes.is_empty(), "田中 did not consent");

        let internal = summarize_by_tag(&hearings, false);
        let support = internal.iter().find(|t| t.tag == "必要な支援").unwrap();
        assert_eq!(support.quotes.len(), 1);
        assert_eq!(support.quotes[0].said_by.as_deref(), Some("田中（山田製作所）"));
        assert!(!support.quotes[0].publishable);
    }
}
