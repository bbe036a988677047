//! The project report (事業報告書)'s rules: the texts the organizer writes, the passages of free
//! text that name a registered person (flagged until a person keeps or rewrites them), how the
//! public edition folds small groups, and the checks said before an export.

use serde::{Deserialize, Serialize};

use crate::survey::{names_a_person, SMALL_GROUP};

choice_enum! {
    /// A text of the report the organizer writes, saved as typed.
    pub enum ReportSection as "report section" {
        #[default]
        Outline = "outline", "事業の概要", "Outline";
        Aims = "aims", "事業の目的", "Aims";
        Measures = "measures", "今後必要な施策", "Measures needed";
    }
}

/// Where a flagged passage stands: one of the organizer's texts, or the talk summary of one
/// agenda item in the minutes (`summary:<item id>`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FlagSource(pub String);

impl FlagSource {
    pub fn section(section: ReportSection) -> FlagSource {
        FlagSource(section.as_str().to_string())
    }

    pub fn talk_summary(agenda_item_id: i64) -> FlagSource {
        FlagSource(format!("summary:{agenda_item_id}"))
    }
}

/// A passage (one paragraph) of free text that names a registered person who is neither a
/// speaker nor the organizer: the public edition is refused until a person decides on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FlaggedPassage {
    pub source: FlagSource,
    /// What the source is, for people (「事業の概要」, 「第1回 基調講演の講演概要」).
    pub place: String,
    /// The paragraph as written.
    pub passage: String,
    /// The registered name found in it.
    pub name: String,
    /// What a person decided; none: not resolved, the public edition waits.
    pub resolution: Option<FlagResolution>,
}

/// A person's decision on a flagged passage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "decision", rename_all = "snake_case")]
pub enum FlagResolution {
    /// The passage may be published as written (the person agreed to be named).
    Keep { decided_by: String },
    /// The public edition prints `text` instead of the passage.
    Rewrite { text: String, decided_by: String },
}

/// The paragraphs of a text: its non-empty lines, trimmed.
pub fn passages(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty())
}

/// The passages of `text` that name one of `names` (registered people who are not speakers or
/// organizers), each with the first name found in it.
pub fn flag_passages(text: &str, names: &[String]) -> Vec<(String, String)> {
    passages(text)
        .filter_map(|passage| {
            names
                .iter()
                .find(|name| names_a_person(passage, std::slice::from_ref(name)))
                .map(|name| (passage.to_string(), name.clone()))
        })
        .collect()
}

/// The text as the public edition prints it: each flagged passage kept or rewritten as decided.
/// A passage without a decision is never printed (the export is refused before this anyway).
pub fn public_text(text: &str, source: &FlagSource, flags: &[FlaggedPassage]) -> String {
    passages(text)
        .filter_map(|passage| {
            match flags
                .iter()
                .find(|f| &f.source == source && f.passage == passage)
                .map(|f| &f.resolution)
            {
                None | Some(Some(FlagResolution::Keep { .. })) => Some(passage.to_string()),
                Some(Some(FlagResolution::Rewrite { text, .. })) => {
                    Some(text.trim().to_string()).filter(|t| !t.is_empty())
                }
                Some(None) => None,
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A count as the public edition prints it: groups under [`SMALL_GROUP`] people are folded into
/// one line, so that nobody can be singled out by a count of one or two. Totals never change.
pub fn fold_small_groups(groups: &[(String, u32)], folded_label: &str) -> Vec<(String, u32)> {
    let mut kept: Vec<(String, u32)> = Vec::new();
    let mut folded = 0u32;
    let mut n_folded = 0usize;
    for (label, n) in groups {
        if *n > 0 && *n < SMALL_GROUP {
            folded += n;
            n_folded += 1;
        } else if *n > 0 {
            kept.push((label.clone(), *n));
        }
    }
    if n_folded > 0 {
        // A fold still under the limit takes the smallest other group with it (the survey's rule).
        if folded < SMALL_GROUP {
            if let Some(i) = (0..kept.len()).min_by_key(|i| kept[*i].1) {
                folded += kept.remove(i).1;
            }
        }
        kept.push((folded_label.to_string(), folded));
    }
    kept
}

/// What a check before an export found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ReportIssue {
    /// The organizer's text is empty.
    EmptySection { section: ReportSection },
    /// A gathering's talks have no summary in the minutes.
    NoSummary { event: String, items: Vec<String> },
    /// A gathering has no photo.
    NoPhotos { event: String },
    /// The attendance counts differ from the desk's log.
    CountsDiffer {
        event: String,
        what: String,
        report: u32,
        desk: u32,
    },
    /// A flagged passage has no decision: the public edition is refused.
    UnresolvedFlag { place: String, name: String },
    /// Photos without publish consent: left out of the public edition.
    PhotoWithoutConsent { event: String, n_photos: u32 },
}

impl ReportIssue {
    /// Whether the issue refuses the public edition (the others are said, and the export goes on).
    pub fn blocks_public(&self) -> bool {
        matches!(self, ReportIssue::UnresolvedFlag { .. })
    }

    /// What the check says, and what to do.
    pub fn message(&self, lang: crate::Lang) -> String {
        use crate::Lang::*;
        match (self, lang) {
            (ReportIssue::EmptySection { section }, Ja) => {
                format!("「{}」がまだ書かれていません。報告書ページで入力してください。", section.label(Ja))
            }
            (ReportIssue::EmptySection { section }, En) => format!(
                "“{}” is not written yet. Write it on the report page.",
                section.label(En)
            ),
            (ReportIssue::NoSummary { event, items }, Ja) => format!(
                "{event}: 講演概要のない項目があります（{}）。議事録に講演概要を入力してください。",
                items.join("、")
            ),
            (ReportIssue::NoSummary { event, items }, En) => format!(
                "{event}: items without a talk summary ({}). Write their summaries in the minutes.",
                items.join(", ")
            ),
            (ReportIssue::NoPhotos { event }, Ja) => {
                format!("{event}: 写真がありません。議事録のページで写真を取り込んでください。")
            }
            (ReportIssue::NoPhotos { event }, En) => {
                format!("{event}: no photos. Import photos on the minutes page.")
            }
            (
                ReportIssue::CountsDiffer {
                    event,
                    what,
                    report,
                    desk,
                },
                Ja,
            ) => format!(
                "{event}: {what}が受付の記録（{desk} 名）と報告書（{report} 名）で異なります。受付の記録と出席の取り込みを確かめてください。"
            ),
            (
                ReportIssue::CountsDiffer {
                    event,
                    what,
                    report,
                    desk,
                },
                En,
            ) => format!(
                "{event}: {what} differs between the desk's log ({desk}) and the report ({report}). Check the desk's log and the attendance reports imported."
            ),
            (ReportIssue::UnresolvedFlag { place, name }, Ja) => format!(
                "{place}に参加者名「{name}」を含む段落があります。公表用は、この段落を「そのまま掲載」か「書き換え」に決めるまで出力できません。"
            ),
            (ReportIssue::UnresolvedFlag { place, name }, En) => format!(
                "A paragraph of {place} names the attendee “{name}”. The public edition waits until a person keeps or rewrites it."
            ),
            (ReportIssue::PhotoWithoutConsent { event, n_photos }, Ja) => format!(
                "{event}: 公表の同意がない写真 {n_photos} 枚は公表用に載せません（非公表用には載ります）。"
            ),
            (ReportIssue::PhotoWithoutConsent { event, n_photos }, En) => format!(
                "{event}: {n_photos} photos without publish consent are left out of the public edition (the internal one has them)."
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Vec<String> {
        vec!["山田 太郎".into(), "佐藤 花子".into()]
    }

    #[test]
    fn a_paragraph_naming_a_registered_person_is_flagged_with_the_name() {
        let text = "第1回は盛況でした。\n\n山田太郎さんが質疑で発言しました。\n特になし";
        let flags = flag_passages(text, &names());
        assert_eq!(
            flags,
            vec![(
                "山田太郎さんが質疑で発言しました。".to_string(),
                "山田 太郎".to_string()
            )]
        );
        assert!(
            flag_passages("山田さんの話", &names()).is_empty(),
            "a family name alone is not a person"
        );
    }

    #[test]
    fn the_public_text_keeps_or_rewrites_as_decided_and_never_prints_an_undecided_passage() {
        let source = FlagSource::section(ReportSection::Outline);
        let text = "概要です。\n山田太郎さんが発言。\n佐藤花子さんが来場。";
        let flag = |passage: &str, resolution| FlaggedPassage {
            source: source.clone(),
            place: String::new(),
            passage: passage.into(),
            name: String::new(),
            resolution,
        };
        let flags = vec![
            flag(
                "山田太郎さんが発言。",
                Some(FlagResolution::Rewrite {
                    text: "参加者が発言。".into(),
                    decided_by: "事務局".into(),
                }),
            ),
            flag("佐藤花子さんが来場。", None),
        ];
        assert_eq!(public_text(text, &source, &flags), "概要です。\n参加者が発言。");
    }

    #[test]
    fn small_groups_fold_and_the_total_stays() {
        let groups = vec![
            ("アトツギ".to_string(), 40),
            ("支援者".to_string(), 2),
            ("先輩経営者".to_string(), 1),
            ("その他".to_string(), 0),
        ];
        let folded = fold_small_groups(&groups, "その他（3名未満の区分）");
        assert_eq!(
            folded,
            vec![
                ("アトツギ".to_string(), 40),
                ("その他（3名未満の区分）".to_string(), 3)
            ]
        );
        assert_eq!(folded.iter().map(|g| g.1).sum::<u32>(), 43);
        let lone = fold_small_groups(&[("a".into(), 10), ("b".into(), 5), ("c".into(), 1)], "他");
        assert_eq!(
            lone,
            vec![("a".to_string(), 10), ("他".to_string(), 6)],
            "a fold of one takes the smallest group"
        );
    }
}
