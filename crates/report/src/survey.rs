//! The survey's documents: the survey report (調査報告書, 公表用 or 非公表用 on every page) with a
//! bar chart per question drawn in the typst template (boxes, so the figures stay text), and
//! the printable A4 paper questionnaire with clear boxes.

use serde::Serialize;
use tsudoi_core::hearing::TagSummary;
use tsudoi_core::survey::{CrossTable, QuestionKind, Questionnaire, ResponseRate, SurveyResults};
use tsudoi_core::{AttendanceMode, Category, Lang};

use crate::typst_world::DocumentWorld;
use crate::ReportError;

const REPORT_TEMPLATE: &str = include_str!("../templates/survey-report.typ");
const FORM_TEMPLATE: &str = include_str!("../templates/survey-form.typ");

/// What the survey report shows, in `lang`.
pub struct SurveyReport<'a> {
    pub lang: Lang,
    pub event_title: &'a str,
    pub event_date: String,
    pub public: bool,
    pub results: &'a SurveyResults,
    pub rate: &'a ResponseRate,
    /// The cross-tabulation by category (small groups already folded), one per question.
    pub by_category: &'a [CrossTable],
    /// The same by the way people attended (venue, online).
    pub by_mode: &'a [CrossTable],
    /// The free texts to leave out of each question (the public edition's texts naming a
    /// registered person), by question index.
    pub withheld: Vec<(usize, Vec<String>)>,
    pub hearings: &'a [TagSummary],
    /// The local date of printing (`YYYY-MM-DD`).
    pub printed_on: String,
}

#[derive(Serialize)]
struct Bar {
    label: String,
    percent: f64,
    figure: String,
}

#[derive(Serialize)]
struct ReportQuestion {
    text: String,
    caption: String,
    bars: Vec<Bar>,
    cross_head: Vec<String>,
    cross: Vec<[String; 3]>,
    texts: Vec<String>,
    withheld: String,
}

#[derive(Serialize)]
struct ReportHearing {
    tag: String,
    caption: String,
    quotes: Vec<String>,
}

#[derive(Serialize)]
pub(crate) struct ReportData {
    title: String,
    heading: String,
    disclosure: &'static str,
    lang: &'static str,
    printed: String,
    event_line: String,
    summary: Vec<(String, String)>,
    questions: Vec<ReportQuestion>,
    hearings_heading: String,
    hearings: Vec<ReportHearing>,
}

fn rate_text(answers: u32, of: u32, rate: Option<f64>, lang: Lang) -> String {
    match (rate, lang) {
        (Some(rate), Lang::Ja) => format!("{answers} 件 / {of} 名（{rate:.1}%）"),
        (Some(rate), Lang::En) => format!("{answers} of {of} ({rate:.1}%)"),
        (None, Lang::Ja) => format!("{answers} 件"),
        (None, Lang::En) => format!("{answers}"),
    }
}

pub(crate) fn report_data(report: &SurveyReport<'_>) -> ReportData {
    let lang = report.lang;
    let rate = report.rate;
    let summary = vec![
        (
            lang.pick("回答数", "Responses").to_string(),
            report.results.responses.to_string(),
        ),
        (
            lang.pick("回答率（全体）", "Response rate (all)").to_string(),
            rate_text(
                rate.total_answers,
                rate.n_checked_in + rate.n_attended_online,
                rate.total_rate,
                lang,
            ),
        ),
        (
            lang.pick("回答率（会場）", "Response rate (venue)").to_string(),
            rate_text(rate.venue_answers, rate.n_checked_in, rate.venue_rate, lang),
        ),
        (
            lang.pick("回答率（オンライン）", "Response rate (online)")
                .to_string(),
            rate_text(
                rate.online_answers,
                rate.n_attended_online,
                rate.online_rate,
                lang,
            ),
        ),
        (
            lang.pick("参加方法の記載なし", "Way of attending not given")
                .to_string(),
            rate.unknown_mode_answers.to_string(),
        ),
    ];
    let questions = report
        .results
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let mut caption = match lang {
                Lang::Ja => format!("{}・回答 {} 件", q.kind.label(lang), q.answers),
                Lang::En => format!("{} · {} answers", q.kind.label(lang), q.answers),
            };
            if let Some(mean) = q.mean {
                caption.push_str(&match lang {
                    Lang::Ja => format!("・平均 {mean:.2}"),
                    Lang::En => format!(" · mean {mean:.2}"),
                });
            }
            if q.kind == QuestionKind::Multiple {
                caption.push_str(lang.pick(
                    "（複数回答のため合計は100%を超えます）",
                    " (several choices each: more than 100% in all)",
                ));
            }
            let bars = q
                .distribution
                .iter()
                .map(|c| Bar {
                    label: c.choice.clone(),
                    percent: c.percent.clamp(0.0, 100.0),
                    figure: format!("{}（{:.1}%）", c.n, c.percent),
                })
                .collect();
            let tables = [report.by_category, report.by_mode]
                .into_iter()
                .filter_map(|tables| tables.iter().find(|t| t.text == q.text));
            let cross: Vec<[String; 3]> = tables
                .flat_map(|t| {
                    t.groups
                        .iter()
                        .map(|g| {
                            let spread = g
                                .distribution
                                .iter()
                                .filter(|c| c.n > 0)
                                .map(|c| format!("{} {:.0}%", c.choice, c.percent))
                                .collect::<Vec<_>>()
                                .join(lang.pick("、", ", "));
                            let spread = match g.mean {
                                Some(mean) => format!("{} {mean:.2} / {spread}", lang.pick("平均", "mean")),
                                None => spread,
                            };
                            [g.group.label(lang), g.answers.to_string(), spread]
                        })
                        .collect::<Vec<_>>()
                })
                .collect();
            let withheld: &[String] = report
                .withheld
                .iter()
                .find(|(index, _)| *index == i)
                .map_or(&[], |(_, texts)| texts.as_slice());
            let texts = q
                .texts
                .iter()
                .filter(|t| !withheld.contains(t))
                .cloned()
                .collect();
            ReportQuestion {
                text: q.text.clone(),
                caption,
                bars,
                cross_head: vec![
                    lang.pick("区分・参加方法", "Category, mode").to_string(),
                    lang.pick("回答", "Answers").to_string(),
                    lang.pick("内訳（3件未満の区分は統合）", "Breakdown (groups under 3 folded)")
                        .to_string(),
                ],
                cross,
                texts,
                withheld: if withheld.is_empty() {
                    String::new()
                } else {
                    match lang {
                        Lang::Ja => format!("※ 個人名を含む記述 {} 件は掲載していません。", withheld.len()),
                        Lang::En => format!("* {} answers naming a person are left out.", withheld.len()),
                    }
                },
            }
        })
        .collect();
    let hearings = report
        .hearings
        .iter()
        .map(|t| ReportHearing {
            tag: t.tag.clone(),
            caption: match lang {
                Lang::Ja => format!("ヒアリング {} 件", t.n_hearings),
                Lang::En => format!("{} hearings", t.n_hearings),
            },
            quotes: t
                .quotes
                .iter()
                .map(|q| match &q.said_by {
                    Some(who) => format!("「{}」— {who}", q.text),
                    None => format!("「{}」", q.text),
                })
                .collect(),
        })
        .collect();
    ReportData {
        title: match lang {
            Lang::Ja => format!("調査報告書 — {}", report.event_title),
            Lang::En => format!("Survey report — {}", report.event_title),
        },
        heading: lang
            .pick("調査報告書（アンケート結果）", "Survey report")
            .to_string(),
        disclosure: match (report.public, lang) {
            (true, Lang::Ja) => "公表用",
            (true, Lang::En) => "Public (公表用)",
            (false, Lang::Ja) => "非公表用",
            (false, Lang::En) => "Internal (非公表用)",
        },
        lang: lang.as_str(),
        printed: match lang {
            Lang::Ja => format!("作成日 {}", report.printed_on),
            Lang::En => format!("Made {}", report.printed_on),
        },
        event_line: format!("{}（{}）", report.event_title, report.event_date),
        summary,
        questions,
        hearings_heading: lang
            .pick("ヒアリングから（テーマ別）", "From the hearings (by tag)")
            .to_string(),
        hearings,
    }
}

fn report_world(report: &SurveyReport<'_>) -> Result<DocumentWorld, ReportError> {
    let json = serde_json::to_vec(&report_data(report)).map_err(|e| ReportError::Typst(e.to_string()))?;
    DocumentWorld::new(REPORT_TEMPLATE, json)
}

/// The survey report as a PDF.
pub fn survey_report_pdf(report: &SurveyReport<'_>) -> Result<Vec<u8>, ReportError> {
    report_world(report)?.pdf()
}

/// What the paper questionnaire shows.
pub struct PaperForm<'a> {
    pub lang: Lang,
    pub event_title: &'a str,
    pub event_date: String,
    pub questionnaire: &'a Questionnaire,
}

#[derive(Serialize)]
struct FormPart {
    text: String,
    choices: Vec<String>,
}

#[derive(Serialize)]
struct FormQuestion {
    text: String,
    kind: &'static str,
    note: String,
    choices: Vec<String>,
}

#[derive(Serialize)]
struct FormData {
    title: String,
    heading: String,
    lang: &'static str,
    event_line: String,
    sheet_label: String,
    instructions: String,
    about: Vec<FormPart>,
    questions: Vec<FormQuestion>,
    thanks: String,
}

fn form_world(form: &PaperForm<'_>) -> Result<DocumentWorld, ReportError> {
    let lang = form.lang;
    let about = vec![
        FormPart {
            text: lang.pick("ご所属の区分", "You are").to_string(),
            choices: Category::ALL.iter().map(|c| c.label(lang).to_string()).collect(),
        },
        FormPart {
            text: lang.pick("本日の参加方法", "You attended").to_string(),
            choices: AttendanceMode::ALL
                .iter()
                .map(|m| m.label(lang).to_string())
                .collect(),
        },
    ];
    let questions = form
        .questionnaire
        .questions
        .iter()
        .map(|q| {
            let mut note = match q.kind {
                QuestionKind::Single => lang.pick("1つに✓", "tick one"),
                QuestionKind::Multiple => lang.pick("あてはまるものすべてに✓", "tick all that apply"),
                QuestionKind::Scale => lang.pick("1つに✓", "tick one"),
                QuestionKind::Number => lang.pick("数字でご記入ください", "write a number"),
                QuestionKind::FreeText => lang.pick("ご自由にお書きください", "write freely"),
            }
            .to_string();
            if q.required {
                note.push_str(lang.pick("・必須", ", required"));
            }
            let choices = match q.kind {
                QuestionKind::Scale => (1..=tsudoi_core::survey::SCALE_POINTS)
                    .map(|p| q.point_label(p))
                    .collect(),
                _ => q.choices.clone(),
            };
            FormQuestion {
                text: q.text.clone(),
                kind: q.kind.as_str(),
                note,
                choices,
            }
        })
        .collect();
    let data = FormData {
        title: match lang {
            Lang::Ja => format!("アンケート — {}", form.event_title),
            Lang::En => format!("Questionnaire — {}", form.event_title),
        },
        heading: lang.pick("アンケート", "Questionnaire").to_string(),
        lang: lang.as_str(),
        event_line: format!("{}（{}）", form.event_title, form.event_date),
        sheet_label: lang.pick("用紙番号", "Sheet No.").to_string(),
        instructions: lang
            .pick(
                "本日はご参加ありがとうございました。今後の事業の改善のため、ご回答にご協力ください。回答は統計的に処理し、個人が特定される形で公表することはありません。",
                "Thank you for coming. Please help us improve by answering. Answers are counted statistically and never published in a way that identifies you.",
            )
            .to_string(),
        about,
        questions,
        thanks: lang.pick("ご協力ありがとうございました。", "Thank you.").to_string(),
    };
    let json = serde_json::to_vec(&data).map_err(|e| ReportError::Typst(e.to_string()))?;
    DocumentWorld::new(FORM_TEMPLATE, json)
}

/// The paper questionnaire as a PDF (A4 portrait).
pub fn paper_form_pdf(form: &PaperForm<'_>) -> Result<Vec<u8>, ReportError> {
    form_world(form)?.pdf()
}

#[cfg(test)]
mod tests {
    use super::*;
    use tsudoi_core::hearing::SummaryQuote;
    use tsudoi_core::survey::{cross_tabulate, plan_forms, response_rate, tabulate, Grouping, Response};
    use typst::layout::{Frame, FrameItem};

    fn texts(frame: &Frame, out: &mut String) {
        for (_, item) in frame.items() {
            match item {
                FrameItem::Group(group) => texts(&group.frame, out),
                FrameItem::Text(text) => out.push_str(&text.text),
                _ => {}
            }
        }
    }

    fn page_texts(document: &typst_layout::PagedDocument) -> Vec<String> {
        document
            .pages()
            .iter()
            .map(|page| {
                let mut text = String::new();
                texts(&page.frame, &mut text);
                text
            })
            .collect()
    }

    fn sample() -> (Questionnaire, Vec<Response>) {
        let header: Vec<String> = ["満足度", "参考になった内容", "ご意見"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let rows: Vec<Vec<String>> = (0..40)
            .map(|i| {
                vec![
                    ["満足", "大変満足", "やや不満"][i % 3].to_string(),
                    ["講演;交流", "交流", "講演"][i % 3].to_string(),
                    format!("第{i}番目の感想です。とても参考になりました。"),
                ]
            })
            .collect();
        let plan = plan_forms(&header, &rows);
        let q = plan.questionnaire;
        let responses = rows
            .iter()
            .enumerate()
            .map(|(i, row)| Response {
                category: Some(if i % 2 == 0 {
                    Category::Atotsugi
                } else {
                    Category::Supporter
                }),
                mode: None,
                answers: q
                    .questions
                    .iter()
                    .zip(row)
                    .map(|(q, c)| q.read(c).unwrap())
                    .collect(),
            })
            .collect();
        (q, responses)
    }

    #[test]
    fn every_page_of_the_report_carries_its_edition_and_the_figures_are_text() {
        let (q, responses) = sample();
        let results = tabulate(&q, &responses);
        let rate = response_rate(&responses, 50, 0);
        let by_category = cross_tabulate(&q, &responses, Grouping::Category);
        let hearings = vec![TagSummary {
            tag: "必要な支援".into(),
            n_hearings: 2,
            quotes: vec![SummaryQuote {
                text: "相談先がほしい".into(),
                said_by: None,
                publishable: true,
            }],
        }];
        for public in [true, false] {
            let report = SurveyReport {
                lang: Lang::Ja,
                event_title: "第2回 交流会",
                event_date: "2026-10-24".into(),
                public,
                results: &results,
                rate: &rate,
                by_category: &by_category,
                by_mode: &[],
                withheld: vec![(2, vec!["第3番目の感想です。とても参考になりました。".into()])],
                hearings: &hearings,
                printed_on: "2026-10-31".into(),
            };
            let document = report_world(&report).unwrap().layout().unwrap();
            let pages = page_texts(&document);
            assert!(pages.len() >= 2, "forty free texts run onto a second page");
            let mark = if public { "公表用" } else { "非公表用" };
            for (i, page) in pages.iter().enumerate() {
                assert!(page.contains(mark), "page {} is marked {mark}", i + 1);
                if public {
                    assert!(!page.contains("非公表用"), "page {}", i + 1);
                }
            }
            let all = pages.concat();
            assert!(all.contains("5 大変満足"), "the bars' labels are text");
            assert!(
                all.contains("14（35.0%）") || all.contains("13（32.5%）"),
                "{all}"
            );
            assert!(all.contains("80.0%"), "回答率 40 / 50");
            assert!(!all.contains("第3番目の感想"), "a withheld text is not printed");
            assert!(all.contains("相談先がほしい"));
            assert!(survey_report_pdf(&report).unwrap().starts_with(b"%PDF"));
        }
    }

    #[test]
    fn the_paper_form_has_every_question_and_choice_in_its_text_layer() {
        let (q, _) = sample();
        let form = PaperForm {
            lang: Lang::Ja,
            event_title: "第2回 交流会",
            event_date: "2026-10-24".into(),
            questionnaire: &q,
        };
        let document = form_world(&form).unwrap().layout().unwrap();
        let all = page_texts(&document).concat();
        for needle in [
            "用紙番号",
            "満足度",
            "1 不満",
            "5 大変満足",
            "講演",
            "交流",
            "ご意見",
            "アトツギ",
            "オンライン",
        ] {
            assert!(all.contains(needle), "{needle} in {all}");
        }
        assert!(paper_form_pdf(&form).unwrap().starts_with(b"%PDF"));
    }
}
