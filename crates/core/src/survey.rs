//! The survey (アンケート): the questionnaire, the answers, the reading plan of a Forms answers
//! export, and the tabulation (counts, means, free texts, the response rate, the cross-tabulation
//! with small groups folded).
//!
//! Pure: the store keeps questionnaires and answers, the use cases read files; everything that
//! decides what an answer means or how it is counted lives here, so the CLI, the window, the XLSX
//! and the PDF report say the same numbers.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize, Serializer};

use crate::attendee::{AttendanceMode, Category};
use crate::error::Localized;
use crate::i18n::Lang;
use crate::registration::{category_from_word, mode_from_word};
use crate::text::{narrow_digits, normalize_display};

choice_enum! {
    /// What kind of answer a question takes.
    pub enum QuestionKind as "question kind" {
        /// One choice of a list.
        #[default]
        Single = "single", "単一選択", "Single choice";
        /// Any number of choices of a list.
        Multiple = "multiple", "複数選択", "Multiple choice";
        /// 1 to 5, each with its word (1 = the lowest: 不満 … 5 = 大変満足).
        Scale = "scale", "5段階評価", "Scale 1–5";
        Number = "number", "数値", "Number";
        FreeText = "free_text", "自由記述", "Free text";
    }
}

choice_enum! {
    /// How an answer reached Tsudoi.
    pub enum AnswerSource as "answer source" {
        /// Typed in from a paper sheet, which has its number.
        #[default]
        Paper = "paper", "紙", "Paper";
        /// Answered at the kiosk at the exit.
        Kiosk = "kiosk", "キオスク", "Kiosk";
        /// Read from a Microsoft or Google Forms answers export.
        Forms = "forms", "Forms", "Forms";
    }
}

/// The points of a scale.
pub const SCALE_POINTS: u8 = 5;

/// Fewer answers than this in a group of a cross-tabulation and the group is folded into
/// 「その他」, so that no one person's answer can be picked out of a public table.
pub const SMALL_GROUP: u32 = 3;

/// One question of a questionnaire.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct Question {
    pub text: String,
    pub kind: QuestionKind,
    pub required: bool,
    /// The choices (single, multiple) in the order the form lists them; for a scale, the words
    /// of its points from 1 up (empty: the points are only numbers).
    pub choices: Vec<String>,
}

/// A questionnaire as it stands in one version. Once answers exist a version is frozen; a change
/// makes the next version.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct Questionnaire {
    pub version: u32,
    pub questions: Vec<Question>,
}

/// One answer to one question.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// Not answered (a blank sheet is allowed).
    #[default]
    Blank,
    /// The chosen choices by their place in the question's list (one for a single choice).
    Choice(Vec<u16>),
    /// A point of the scale, 1 to 5.
    Scale(u8),
    Number(f64),
    Text(String),
}

impl Answer {
    pub fn is_blank(&self) -> bool {
        match self {
            Answer::Blank => true,
            Answer::Choice(picked) => picked.is_empty(),
            Answer::Text(text) => text.trim().is_empty(),
            Answer::Scale(_) | Answer::Number(_) => false,
        }
    }
}

/// One person's answers to one version of a questionnaire, with who they are in broad terms
/// (never their name): the category and the way they attended, when known.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct Response {
    pub category: Option<Category>,
    pub mode: Option<AttendanceMode>,
    /// One answer per question, in the questionnaire's order.
    pub answers: Vec<Answer>,
}

/// Why a cell cannot be an answer to its question. Never guessed: the row is reported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SurveyError {
    #[error("{value} is not a choice of the question {question}")]
    UnknownChoice { question: String, value: String },
    #[error("{value} is outside the scale of {question}")]
    OutOfScale { question: String, value: String },
    #[error("{value} is not a number ({question})")]
    NotANumber { question: String, value: String },
    #[error("the questionnaire has no question")]
    NoQuestions,
    #[error("question {0} has no text")]
    EmptyQuestion(usize),
    #[error("the question {0} has no choices")]
    NoChoices(String),
    #[error("a scale has {SCALE_POINTS} words or none: {0}")]
    ScaleWords(String),
    #[error("two questions read {0}")]
    DuplicateQuestion(String),
    #[error("{found} answers for {expected} questions")]
    AnswerCount { expected: usize, found: usize },
    #[error("the answer to {0} is of another kind")]
    AnswerKind(String),
    #[error("a quote is marked publishable but the person did not consent to being quoted")]
    QuoteWithoutConsent,
    #[error("the hearing names no person")]
    EmptyHearingPerson,
    #[error("the questions file cannot be read: {0}")]
    BadQuestionsFile(String),
    /// A Forms file that asks other questions than the event's questionnaire (a question added,
    /// removed or reworded in the form since).
    #[error("the file asks other questions: missing {missing:?}, new {new:?}")]
    OtherQuestions { missing: Vec<String>, new: Vec<String> },
}

impl Localized for SurveyError {
    fn code(&self) -> &'static str {
        match self {
            SurveyError::UnknownChoice { .. } => "survey.unknown_choice",
            SurveyError::OutOfScale { .. } => "survey.out_of_scale",
            SurveyError::NotANumber { .. } => "survey.not_a_number",
            SurveyError::NoQuestions => "survey.no_questions",
            SurveyError::EmptyQuestion(_) => "survey.empty_question",
            SurveyError::NoChoices(_) => "survey.no_choices",
            SurveyError::ScaleWords(_) => "survey.scale_words",
            SurveyError::DuplicateQuestion(_) => "survey.duplicate_question",
            SurveyError::AnswerCount { .. } => "survey.answer_count",
            SurveyError::AnswerKind(_) => "survey.answer_kind",
            SurveyError::QuoteWithoutConsent => "survey.quote_without_consent",
            SurveyError::EmptyHearingPerson => "survey.empty_hearing_person",
            SurveyError::OtherQuestions { .. } => "survey.other_questions",
            SurveyError::BadQuestionsFile(_) => "survey.bad_questions_file",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (SurveyError::UnknownChoice { question, value }, Lang::Ja) => {
                format!("「{value}」は設問「{question}」の選択肢にありません。選択肢を確かめるか、設問に選択肢を加えてください。")
            }
            (SurveyError::UnknownChoice { question, value }, Lang::En) => format!(
                "“{value}” is not a choice of the question “{question}”. Check the choices, or add it to the question."
            ),
            (SurveyError::OutOfScale { question, value }, Lang::Ja) => {
                format!("「{value}」は設問「{question}」の1〜5の段階にありません。回答を確かめてください。")
            }
            (SurveyError::OutOfScale { question, value }, Lang::En) => format!(
                "“{value}” is outside the 1–5 scale of the question “{question}”. Check the answer."
            ),
            (SurveyError::NotANumber { question, value }, Lang::Ja) => {
                format!("「{value}」は設問「{question}」の数値として読めません。数字で入力してください。")
            }
            (SurveyError::NotANumber { question, value }, Lang::En) => {
                format!("“{value}” is not a number (question “{question}”). Enter digits.")
            }
            (SurveyError::NoQuestions, Lang::Ja) => "アンケートに設問がありません。設問を1つ以上入れてください。".into(),
            (SurveyError::NoQuestions, Lang::En) => "The questionnaire has no question. Add at least one.".into(),
            (SurveyError::EmptyQuestion(n), Lang::Ja) => format!("{n}問目の文が空です。設問の文を入力してください。"),
            (SurveyError::EmptyQuestion(n), Lang::En) => format!("Question {n} has no text. Enter the question."),
            (SurveyError::NoChoices(q), Lang::Ja) => format!("設問「{q}」に選択肢がありません。選択肢を入力してください。"),
            (SurveyError::NoChoices(q), Lang::En) => format!("The question “{q}” has no choices. Enter them."),
            (SurveyError::ScaleWords(q), Lang::Ja) => {
                format!("設問「{q}」の段階の言葉は5つ（1から順に）か、なしにしてください。")
            }
            (SurveyError::ScaleWords(q), Lang::En) => {
                format!("The scale of “{q}” takes five words (from 1 up) or none.")
            }
            (SurveyError::DuplicateQuestion(q), Lang::Ja) => format!("設問「{q}」が2つあります。文を変えてください。"),
            (SurveyError::DuplicateQuestion(q), Lang::En) => format!("Two questions read “{q}”. Make them differ."),
            (SurveyError::AnswerCount { expected, found }, Lang::Ja) => {
                format!("設問は{expected}問ですが、回答が{found}個あります。画面を読み込み直してください。")
            }
            (SurveyError::AnswerCount { expected, found }, Lang::En) => {
                format!("The questionnaire has {expected} questions but {found} answers came. Reload the screen.")
            }
            (SurveyError::AnswerKind(q), Lang::Ja) => format!("設問「{q}」の回答の形が設問の種類と合いません。"),
            (SurveyError::AnswerKind(q), Lang::En) => format!("The answer to “{q}” does not fit the question's kind."),
            (SurveyError::QuoteWithoutConsent, Lang::Ja) => {
                "引用の同意がないため、発言を公表可にできません。同意を確かめてから記録してください。".into()
            }
            (SurveyError::QuoteWithoutConsent, Lang::En) => {
                "The person did not consent to being quoted, so no quote can be publishable. Check the consent first."
                    .into()
            }
            (SurveyError::EmptyHearingPerson, Lang::Ja) => "ヒアリングの相手が空です。氏名か立場を入力してください。".into(),
            (SurveyError::EmptyHearingPerson, Lang::En) => {
                "The hearing names no person. Enter a name or a role.".into()
            }
            (SurveyError::BadQuestionsFile(why), Lang::Ja) => format!(
                "設問のファイルが読めません（{why}）。[{{\"text\": \"満足度\", \"kind\": \"scale\"}}] のような JSON にしてください。"
            ),
            (SurveyError::BadQuestionsFile(why), Lang::En) => format!(
                "The questions file cannot be read ({why}). Write it as JSON like [{{\"text\": \"Satisfaction\", \"kind\": \"scale\"}}]."
            ),
            (SurveyError::OtherQuestions { missing, new }, Lang::Ja) => format!(
                "ファイルの設問がこのイベントのアンケートと違います（ファイルにない設問: {}、新しい設問: {}）。フォームを変えたのなら、新しい版として取り込んでください（--new-version）。",
                list_or_none(missing, lang),
                list_or_none(new, lang)
            ),
            (SurveyError::OtherQuestions { missing, new }, Lang::En) => format!(
                "The file asks other questions than the event's questionnaire (not in the file: {}; new: {}). If the form was changed, import it as a new version (--new-version).",
                list_or_none(missing, lang),
                list_or_none(new, lang)
            ),
        }
    }
}

fn list_or_none(items: &[String], lang: Lang) -> String {
    if items.is_empty() {
        lang.pick("なし", "none").to_string()
    } else {
        items
            .iter()
            .map(|i| format!("「{i}」"))
            .collect::<Vec<_>>()
            .join(lang.pick("、", ", "))
    }
}

/// Known five-point scales, each from 1 (the lowest) to 5, as Japanese surveys word them.
const SCALES: &[[&str; 5]] = &[
    ["不満", "やや不満", "どちらともいえない", "満足", "大変満足"],
    ["不満", "やや不満", "どちらともいえない", "やや満足", "満足"],
    ["不満", "やや不満", "普通", "やや満足", "満足"],
    ["非常に不満", "不満", "どちらともいえない", "満足", "非常に満足"],
    [
        "とても不満",
        "やや不満",
        "どちらともいえない",
        "やや満足",
        "とても満足",
    ],
    [
        "参考にならなかった",
        "あまり参考にならなかった",
        "どちらともいえない",
        "参考になった",
        "大変参考になった",
    ],
    [
        "そう思わない",
        "あまりそう思わない",
        "どちらともいえない",
        "ややそう思う",
        "そう思う",
    ],
    [
        "Very dissatisfied",
        "Dissatisfied",
        "Neutral",
        "Satisfied",
        "Very satisfied",
    ],
];

/// A cell's text compared as people mean it: NFKC, white space folded.
fn key(text: &str) -> String {
    normalize_display(text)
}

impl Question {
    /// The question as it is kept: texts normalised, choices without blanks or repeats.
    pub fn normalized(self, number: usize) -> Result<Question, SurveyError> {
        let text = normalize_display(&self.text);
        if text.is_empty() {
            return Err(SurveyError::EmptyQuestion(number));
        }
        let mut choices: Vec<String> = Vec::new();
        for choice in self.choices.iter().map(|c| normalize_display(c)) {
            if !choice.is_empty() && !choices.contains(&choice) {
                choices.push(choice);
            }
        }
        match self.kind {
            QuestionKind::Single | QuestionKind::Multiple if choices.is_empty() => {
                return Err(SurveyError::NoChoices(text))
            }
            QuestionKind::Scale if !choices.is_empty() && choices.len() != usize::from(SCALE_POINTS) => {
                return Err(SurveyError::ScaleWords(text))
            }
            QuestionKind::Number | QuestionKind::FreeText => choices.clear(),
            _ => {}
        }
        Ok(Question {
            text,
            choices,
            ..self
        })
    }

    /// The label of a choice or of a scale's point (`5 大変満足`, or `5` without words).
    pub fn point_label(&self, point: u8) -> String {
        match self.choices.get(usize::from(point.saturating_sub(1))) {
            Some(word) => format!("{point} {word}"),
            None => point.to_string(),
        }
    }

    /// Reads a cell as an answer to this question. A blank cell is [`Answer::Blank`]; a cell
    /// that is not an answer (a choice not on the list, 7 on a 1–5 scale) is an error, never a
    /// guess.
    pub fn read(&self, cell: &str) -> Result<Answer, SurveyError> {
        let cell = cell.trim();
        if cell.is_empty() {
            return Ok(Answer::Blank);
        }
        let find = |value: &str| {
            let value = key(value);
            self.choices.iter().position(|c| key(c) == value)
        };
        let unknown = |value: &str| SurveyError::UnknownChoice {
            question: self.text.clone(),
            value: value.to_string(),
        };
        match self.kind {
            QuestionKind::Single => find(cell)
                .map(|i| Answer::Choice(vec![i as u16]))
                .ok_or_else(|| unknown(cell)),
            QuestionKind::Multiple => {
                let mut picked: Vec<u16> = Vec::new();
                // A choice that itself holds the separator is taken whole first.
                let parts: Vec<String> = if find(cell).is_some() {
                    vec![cell.to_string()]
                } else {
                    split_multiple(cell)
                };
                for part in parts {
                    let index = find(&part).ok_or_else(|| unknown(&part))? as u16;
                    if !picked.contains(&index) {
                        picked.push(index);
                    }
                }
                picked.sort_unstable();
                Ok(Answer::Choice(picked))
            }
            QuestionKind::Scale => {
                if let Some(i) = find(cell) {
                    return Ok(Answer::Scale(i as u8 + 1));
                }
                let narrow = narrow_digits(cell);
                // `5`, `5 大変満足`, `5: 大変満足`.
                let digits: String = narrow.chars().take_while(|c| c.is_ascii_digit()).collect();
                match digits.parse::<u32>() {
                    Ok(point) if (1..=u32::from(SCALE_POINTS)).contains(&point) => {
                        Ok(Answer::Scale(point as u8))
                    }
                    _ => Err(SurveyError::OutOfScale {
                        question: self.text.clone(),
                        value: cell.to_string(),
                    }),
                }
            }
            QuestionKind::Number => {
                parse_number(cell)
                    .map(Answer::Number)
                    .ok_or_else(|| SurveyError::NotANumber {
                        question: self.text.clone(),
                        value: cell.to_string(),
                    })
            }
            QuestionKind::FreeText => Ok(Answer::Text(cell.to_string())),
        }
    }

    /// Reads a cell as typed from a paper sheet with the number keys: a choice by its number on
    /// the sheet (1 is the first; several as `1,3` or `1 3`), else as [`Question::read`] reads it.
    pub fn read_keyed(&self, cell: &str) -> Result<Answer, SurveyError> {
        let narrow = narrow_digits(cell.trim());
        let is_keys = !narrow.is_empty()
            && narrow
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, ',' | '、' | ' '))
            && matches!(self.kind, QuestionKind::Single | QuestionKind::Multiple);
        if !is_keys {
            return self.read(cell);
        }
        let mut picked: Vec<u16> = Vec::new();
        for key in narrow.split([',', '、', ' ']).filter(|k| !k.is_empty()) {
            let index = key
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=self.choices.len()).contains(n))
                .ok_or_else(|| SurveyError::UnknownChoice {
                    question: self.text.clone(),
                    value: key.to_string(),
                })?;
            let index = (index - 1) as u16;
            if !picked.contains(&index) {
                picked.push(index);
            }
        }
        if self.kind == QuestionKind::Single && picked.len() > 1 {
            return Err(SurveyError::AnswerKind(self.text.clone()));
        }
        picked.sort_unstable();
        Ok(Answer::Choice(picked))
    }

    /// Whether an answer has the shape this question takes (the window and the paper entry send
    /// answers already read).
    pub fn check(&self, answer: &Answer) -> Result<(), SurveyError> {
        let fits = match (self.kind, answer) {
            (_, Answer::Blank) => true,
            (QuestionKind::Single, Answer::Choice(picked)) => {
                picked.len() <= 1 && picked.iter().all(|i| usize::from(*i) < self.choices.len())
            }
            (QuestionKind::Multiple, Answer::Choice(picked)) => {
                picked.iter().all(|i| usize::from(*i) < self.choices.len())
            }
            (QuestionKind::Scale, Answer::Scale(point)) => (1..=SCALE_POINTS).contains(point),
            (QuestionKind::Number, Answer::Number(n)) => n.is_finite(),
            (QuestionKind::FreeText, Answer::Text(_)) => true,
            _ => false,
        };
        if fits {
            Ok(())
        } else {
            Err(SurveyError::AnswerKind(self.text.clone()))
        }
    }
}

/// A Forms multiple-choice cell cut into its choices: Microsoft joins them with `;` (and ends
/// with one), Google with `, `.
fn split_multiple(cell: &str) -> Vec<String> {
    let parts: Vec<&str> = if cell.contains(';') || cell.contains('；') {
        cell.split([';', '；']).collect()
    } else {
        cell.split(", ").collect()
    };
    parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

/// A number as people type it (full-width digits, thousands commas).
fn parse_number(cell: &str) -> Option<f64> {
    let narrow = narrow_digits(cell).replace(',', "");
    narrow.trim().parse::<f64>().ok().filter(|n| n.is_finite())
}

impl Questionnaire {
    /// The questionnaire as it is kept: each question normalised, no two alike.
    pub fn normalized(self) -> Result<Questionnaire, SurveyError> {
        if self.questions.is_empty() {
            return Err(SurveyError::NoQuestions);
        }
        let mut questions: Vec<Question> = Vec::with_capacity(self.questions.len());
        for (i, question) in self.questions.into_iter().enumerate() {
            let question = question.normalized(i + 1)?;
            if questions.iter().any(|q| q.text == question.text) {
                return Err(SurveyError::DuplicateQuestion(question.text));
            }
            questions.push(question);
        }
        Ok(Questionnaire {
            version: self.version,
            questions,
        })
    }

    /// Checks a response's answers against the questions (one each, of the right shape).
    pub fn check(&self, response: &Response) -> Result<(), SurveyError> {
        if response.answers.len() != self.questions.len() {
            return Err(SurveyError::AnswerCount {
                expected: self.questions.len(),
                found: response.answers.len(),
            });
        }
        for (question, answer) in self.questions.iter().zip(&response.answers) {
            question.check(answer)?;
        }
        Ok(())
    }

    /// Whether two versions ask the same (the same questions, kinds and choices): importing a
    /// questionnaire that asks the same makes no new version.
    pub fn asks_the_same(&self, other: &Questionnaire) -> bool {
        self.questions == other.questions
    }

    /// A response to this version put in the terms of `to` (a later version): each answer goes
    /// to the question of the same text and kind, its choices by their text; a question `to`
    /// added is blank. So the results of the current version count the older answers too.
    pub fn remap(&self, response: &Response, to: &Questionnaire) -> Response {
        let answers = to
            .questions
            .iter()
            .map(|target| {
                let Some((source, answer)) = self
                    .questions
                    .iter()
                    .zip(&response.answers)
                    .find(|(q, _)| q.text == target.text && q.kind == target.kind)
                else {
                    return Answer::Blank;
                };
                match answer {
                    Answer::Choice(picked) => {
                        let mapped: Vec<u16> = picked
                            .iter()
                            .filter_map(|i| source.choices.get(usize::from(*i)))
                            .filter_map(|c| target.choices.iter().position(|t| t == c))
                            .map(|i| i as u16)
                            .collect();
                        Answer::Choice(mapped)
                    }
                    other => other.clone(),
                }
            })
            .collect();
        Response {
            answers,
            ..response.clone()
        }
    }
}

/// The questions of the optional "about you" block that the results are cross-tabulated by,
/// when the answers are not tied to a registration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum AboutYou {
    /// The prefecture of the business (都道府県).
    Prefecture,
    /// The company's size by its employees (従業員数).
    CompanySize,
}

const PREFECTURE_HINTS: &[&str] = &["都道府県", "prefecture"];
const COMPANY_SIZE_HINTS: &[&str] = &[
    "従業員",
    "社員数",
    "企業規模",
    "会社の規模",
    "company size",
    "employees",
];

impl AboutYou {
    /// Which "about you" question `question` is, by its words: a single choice whose text names
    /// the prefecture or the company size (the built-in questions, and the same questions in a
    /// Forms export).
    pub fn of(question: &Question) -> Option<AboutYou> {
        if question.kind != QuestionKind::Single {
            return None;
        }
        if has_any(&question.text, PREFECTURE_HINTS) {
            Some(AboutYou::Prefecture)
        } else if has_any(&question.text, COMPANY_SIZE_HINTS) {
            Some(AboutYou::CompanySize)
        } else {
            None
        }
    }

    /// The index of the questionnaire's question of this kind, if it has one.
    pub fn find(self, questionnaire: &Questionnaire) -> Option<usize> {
        questionnaire
            .questions
            .iter()
            .position(|q| AboutYou::of(q) == Some(self))
    }
}

impl Questionnaire {
    /// The category an anonymous answer gives in the "about you" block (お立場), for a response
    /// not tied to a registration: so that it is counted under its category too. A response
    /// whose category is known (from a ticket or a sheet's tick) keeps it.
    pub fn category_of(&self, response: &Response) -> Option<crate::attendee::Category> {
        if response.category.is_some() {
            return response.category;
        }
        self.questions
            .iter()
            .zip(&response.answers)
            .filter(|(q, _)| q.kind == QuestionKind::Single && has_any(&q.text, CATEGORY_HINTS))
            .find_map(|(q, answer)| match answer {
                Answer::Choice(picked) => picked
                    .first()
                    .and_then(|i| q.choices.get(usize::from(*i)))
                    .and_then(|word| category_from_word(word)),
                _ => None,
            })
    }
}

/// The 47 prefectures in the order of the national local public body codes (北海道 … 沖縄県).
pub const PREFECTURES: [&str; 47] = [
    "北海道",
    "青森県",
    "岩手県",
    "宮城県",
    "秋田県",
    "山形県",
    "福島県",
    "茨城県",
    "栃木県",
    "群馬県",
    "埼玉県",
    "千葉県",
    "東京都",
    "神奈川県",
    "新潟県",
    "富山県",
    "石川県",
    "福井県",
    "山梨県",
    "長野県",
    "岐阜県",
    "静岡県",
    "愛知県",
    "三重県",
    "滋賀県",
    "京都府",
    "大阪府",
    "兵庫県",
    "奈良県",
    "和歌山県",
    "鳥取県",
    "島根県",
    "岡山県",
    "広島県",
    "山口県",
    "徳島県",
    "香川県",
    "愛媛県",
    "高知県",
    "福岡県",
    "佐賀県",
    "長崎県",
    "熊本県",
    "大分県",
    "宮崎県",
    "鹿児島県",
    "沖縄県",
];

/// Company sizes by employees, in the steps SME surveys use (小規模事業者 up to 20, 中小企業 up
/// to 300 in manufacturing).
pub const COMPANY_SIZES: [&str; 6] = [
    "5人以下",
    "6〜20人",
    "21〜50人",
    "51〜100人",
    "101〜300人",
    "301人以上",
];

/// The built-in questionnaire: satisfaction, what helped, whether to come again, comments, and
/// the optional "about you" block (category, prefecture, company size) for answers that are not
/// tied to a registration. In Japanese: the people answering are the events' attendees.
pub fn standard_questionnaire() -> Questionnaire {
    let question = |text: &str, kind: QuestionKind, required: bool, choices: &[&str]| Question {
        text: text.to_string(),
        kind,
        required,
        choices: choices.iter().map(|c| c.to_string()).collect(),
    };
    Questionnaire {
        version: 0,
        questions: vec![
            question(
                "本日のイベント全体の満足度を教えてください。",
                QuestionKind::Scale,
                true,
                &SCALES[0],
            ),
            question(
                "特に参考になったプログラムを選んでください（複数回答可）。",
                QuestionKind::Multiple,
                false,
                &["基調講演", "パネルディスカッション", "交流会", "その他"],
            ),
            question(
                "今後、同様のイベントに参加したいと思いますか。",
                QuestionKind::Single,
                false,
                &["参加したい", "内容によって参加したい", "参加したくない"],
            ),
            question(
                "ご意見・ご感想をご自由にお書きください。",
                QuestionKind::FreeText,
                false,
                &[],
            ),
            question(
                "あなたのお立場を教えてください（任意）。",
                QuestionKind::Single,
                false,
                &["アトツギ", "支援者", "先輩経営者", "関係者", "その他"],
            ),
            question(
                "事業所の所在地（都道府県）を教えてください（任意）。",
                QuestionKind::Single,
                false,
                &PREFECTURES,
            ),
            question(
                "会社の従業員数を教えてください（任意）。",
                QuestionKind::Single,
                false,
                &COMPANY_SIZES,
            ),
        ],
    }
}

/// What a column of a Forms answers export holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "role", rename_all = "snake_case")]
pub enum ColumnRole {
    /// The form's own row number (Microsoft's `ID`): the row's identity for a re-import.
    RowId,
    /// When the answer was sent (完了時刻, Timestamp).
    SubmittedAt,
    /// Who sent it (メール, 名前, 開始時刻 …): not a question, not kept.
    Ignored,
    /// A question: the n-th of the questionnaire.
    Question { index: usize },
}

/// How a Forms answers export is read: what each column holds, the questionnaire its headers
/// make (the kinds guessed from the answers, for a person to confirm), and the columns the
/// respondent's category and way of attending come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FormsPlan {
    pub columns: Vec<ColumnRole>,
    pub questionnaire: Questionnaire,
    /// The question whose answers say the respondent's category (ご所属の区分 …).
    pub category_question: Option<usize>,
    /// The question whose answers say how they attended (参加方法 …).
    pub mode_question: Option<usize>,
}

const ROW_ID_HEADERS: &[&str] = &["id"];
const SUBMITTED_HEADERS: &[&str] = &["完了時刻", "completion time", "タイムスタンプ", "timestamp"];
const IGNORED_HEADERS: &[&str] = &[
    "開始時刻",
    "start time",
    "最終変更時刻",
    "last modified time",
    "メール",
    "電子メール",
    "メールアドレス",
    "email",
    "email address",
    "名前",
    "name",
    "合計ポイント",
    "total points",
    "クイズのフィードバック",
    "quiz feedback",
];
const FREE_TEXT_HINTS: &[&str] = &[
    "意見",
    "感想",
    "自由",
    "コメント",
    "要望",
    "理由",
    "具体的",
    "comment",
    "feedback",
    "remarks",
];
const MULTIPLE_HINTS: &[&str] = &[
    "複数",
    "すべて",
    "全て",
    "いくつでも",
    "all that apply",
    "multiple",
];
const HOW_MANY_HINTS: &[&str] = &[
    "何人", "人数", "何名", "何回", "回数", "年齢", "歳", "年数", "金額", "円", "how many",
];
const CATEGORY_HINTS: &[&str] = &["区分", "属性", "お立場", "ご所属", "category"];
const MODE_HINTS: &[&str] = &[
    "参加方法",
    "参加形態",
    "参加の形",
    "会場・オンライン",
    "how did you attend",
];

fn has_any(text: &str, words: &[&str]) -> bool {
    let text = key(text).to_lowercase();
    words.iter().any(|w| text.contains(&key(w).to_lowercase()))
}

/// Reads the header and the answer rows of a Forms export into a plan: which columns are
/// questions and of what kind. Kinds are guessed from the header's words and from the answers:
/// five known scale words or whole numbers 1–5 make a scale, other numbers a number, `;`-joined
/// cells a multiple choice, long or sentence-like answers free text, a few repeated short answers
/// a single choice.
pub fn plan_forms(header: &[String], rows: &[Vec<String>]) -> FormsPlan {
    let mut columns = Vec::with_capacity(header.len());
    let mut questions: Vec<Question> = Vec::new();
    let mut category_question = None;
    let mut mode_question = None;
    for (c, title) in header.iter().enumerate() {
        let name = key(title);
        let lower = name.to_lowercase();
        let role = if ROW_ID_HEADERS.contains(&lower.as_str()) && !columns.contains(&ColumnRole::RowId) {
            ColumnRole::RowId
        } else if SUBMITTED_HEADERS.contains(&lower.as_str()) && !columns.contains(&ColumnRole::SubmittedAt) {
            ColumnRole::SubmittedAt
        } else if name.is_empty()
            || IGNORED_HEADERS.contains(&lower.as_str())
            || questions.iter().any(|q| q.text == name)
        {
            ColumnRole::Ignored
        } else {
            let values: Vec<&str> = rows
                .iter()
                .filter_map(|row| row.get(c))
                .map(|v| v.trim())
                .filter(|v| !v.is_empty())
                .collect();
            let all_answered = values.len() == rows.len() && !rows.is_empty();
            let mut question = guess_question(&name, &values);
            question.required = all_answered;
            let index = questions.len();
            if question.kind == QuestionKind::Single {
                if category_question.is_none() && has_any(&name, CATEGORY_HINTS) {
                    category_question = Some(index);
                } else if mode_question.is_none() && has_any(&name, MODE_HINTS) {
                    mode_question = Some(index);
                }
            }
            questions.push(question);
            ColumnRole::Question { index }
        };
        columns.push(role);
    }
    FormsPlan {
        columns,
        questionnaire: Questionnaire {
            version: 1,
            questions,
        },
        category_question,
        mode_question,
    }
}

/// The question a column makes when a person chose its kind (the preview lets them change the
/// guess): the choices are the distinct answers, or the known scale's words.
pub fn question_of_kind(text: &str, values: &[&str], kind: QuestionKind) -> Question {
    let guessed = guess_question(text, values);
    if guessed.kind == kind {
        return guessed;
    }
    let choices = match kind {
        QuestionKind::Single => distinct_in_order(values.iter().copied()),
        QuestionKind::Multiple => {
            let parts: Vec<String> = values.iter().flat_map(|v| split_multiple(v)).collect();
            distinct_in_order(parts.iter().map(String::as_str))
        }
        QuestionKind::Scale | QuestionKind::Number | QuestionKind::FreeText => Vec::new(),
    };
    Question {
        kind,
        choices,
        ..guessed
    }
}

impl FormsPlan {
    /// The plan with the kinds a person chose (one per question, in order); the choices are
    /// built again from the answers in `rows` for a kind that changed.
    pub fn with_kinds(mut self, kinds: &[QuestionKind], rows: &[Vec<String>]) -> FormsPlan {
        for (c, role) in self.columns.iter().enumerate() {
            let ColumnRole::Question { index } = role else {
                continue;
            };
            let (Some(kind), Some(question)) =
                (kinds.get(*index), self.questionnaire.questions.get_mut(*index))
            else {
                continue;
            };
            if *kind == question.kind {
                continue;
            }
            let values: Vec<&str> = rows
                .iter()
                .filter_map(|row| row.get(c))
                .map(|v| v.trim())
                .filter(|v| !v.is_empty())
                .collect();
            let required = question.required;
            *question = Question {
                required,
                ..question_of_kind(&question.text, &values, *kind)
            };
        }
        self
    }

    /// What differs between this file's questions and a questionnaire's, for the message.
    pub fn differences(&self, questionnaire: &Questionnaire) -> SurveyError {
        let file: Vec<&String> = self.questionnaire.questions.iter().map(|q| &q.text).collect();
        let kept: Vec<&String> = questionnaire.questions.iter().map(|q| &q.text).collect();
        SurveyError::OtherQuestions {
            missing: kept
                .iter()
                .filter(|t| !file.contains(t))
                .map(|t| t.to_string())
                .collect(),
            new: file
                .iter()
                .filter(|t| !kept.contains(t))
                .map(|t| t.to_string())
                .collect(),
        }
    }
}

fn distinct_in_order<'a>(values: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    for value in values {
        let value = key(value);
        if !value.is_empty() && !seen.contains(&value) {
            seen.push(value);
        }
    }
    seen
}

fn guess_question(text: &str, values: &[&str]) -> Question {
    let question = |kind: QuestionKind, choices: Vec<String>| Question {
        text: text.to_string(),
        kind,
        required: false,
        choices,
    };
    if values.is_empty() || has_any(text, FREE_TEXT_HINTS) {
        return question(QuestionKind::FreeText, Vec::new());
    }
    let distinct = distinct_in_order(values.iter().copied());
    // Five known words of a scale.
    if let Some(scale) = SCALES
        .iter()
        .find(|scale| distinct.iter().all(|v| scale.iter().any(|w| key(w) == *v)))
    {
        return question(QuestionKind::Scale, scale.iter().map(|w| w.to_string()).collect());
    }
    let numbers: Vec<f64> = values.iter().filter_map(|v| parse_number(v)).collect();
    if numbers.len() == values.len() {
        let whole_1_to_5 = numbers
            .iter()
            .all(|n| n.fract() == 0.0 && (1.0..=f64::from(SCALE_POINTS)).contains(n));
        return if whole_1_to_5 && !has_any(text, HOW_MANY_HINTS) {
            question(QuestionKind::Scale, Vec::new())
        } else {
            question(QuestionKind::Number, Vec::new())
        };
    }
    let joined = values.iter().any(|v| v.contains(';') || v.contains('；'));
    if joined || has_any(text, MULTIPLE_HINTS) {
        let parts: Vec<String> = values.iter().flat_map(|v| split_multiple(v)).collect();
        let choices = distinct_in_order(parts.iter().map(String::as_str));
        return question(QuestionKind::Multiple, choices);
    }
    let sentence_like = values
        .iter()
        .any(|v| v.chars().count() > 40 || v.ends_with('。') || v.contains('\n'));
    let repeats = distinct.len() < values.len();
    if sentence_like || !repeats || distinct.len() > 15 {
        return question(QuestionKind::FreeText, Vec::new());
    }
    question(QuestionKind::Single, distinct)
}

impl FormsPlan {
    /// The columns of this file in the terms of `questionnaire`: each question column to the
    /// question of the same text. `None` when the file does not ask exactly what it asks (a
    /// question added, removed or reworded): the file is for another version.
    pub fn columns_for(&self, questionnaire: &Questionnaire) -> Option<Vec<ColumnRole>> {
        if self.questionnaire.questions.len() != questionnaire.questions.len() {
            return None;
        }
        self.columns
            .iter()
            .map(|role| match role {
                ColumnRole::Question { index } => {
                    let text = &self.questionnaire.questions.get(*index)?.text;
                    let target = questionnaire.questions.iter().position(|q| &q.text == text)?;
                    Some(ColumnRole::Question { index: target })
                }
                other => Some(other.clone()),
            })
            .collect()
    }
}

/// One row of a Forms export read as a response.
#[derive(Debug, Clone, PartialEq)]
pub struct FormsRow {
    /// What makes the row the same row in the next export: the form's `ID` (and the time it was
    /// sent), else every cell of the row.
    pub row_key: String,
    /// The submitted-at cell as written (the reader parses it).
    pub submitted_at: String,
    pub response: Response,
}

/// Reads one row of a Forms export, with `columns` from [`FormsPlan::columns_for`], as a
/// response to `questionnaire`. The category and the way of attending come from the plan's
/// questions when their answers name one. Errors: a cell that is not an answer to its question.
pub fn read_forms_row(
    plan: &FormsPlan,
    columns: &[ColumnRole],
    questionnaire: &Questionnaire,
    cells: &[String],
) -> Result<FormsRow, SurveyError> {
    let mut answers = vec![Answer::Blank; questionnaire.questions.len()];
    let mut row_id = None;
    let mut submitted_at = String::new();
    for (role, cell) in columns.iter().zip(cells) {
        match role {
            ColumnRole::RowId => row_id = Some(cell.trim().to_string()).filter(|id| !id.is_empty()),
            ColumnRole::SubmittedAt => submitted_at = cell.trim().to_string(),
            ColumnRole::Ignored => {}
            ColumnRole::Question { index } => {
                if let (Some(question), Some(slot)) =
                    (questionnaire.questions.get(*index), answers.get_mut(*index))
                {
                    *slot = question.read(cell)?;
                }
            }
        }
    }
    // The plan's category and mode questions, found again by their text in this questionnaire.
    let answer_word = |planned: Option<usize>| -> Option<String> {
        let text = &plan.questionnaire.questions.get(planned?)?.text;
        let index = questionnaire.questions.iter().position(|q| &q.text == text)?;
        match answers.get(index)? {
            Answer::Choice(picked) => questionnaire
                .questions
                .get(index)?
                .choices
                .get(usize::from(*picked.first()?))
                .cloned(),
            _ => None,
        }
    };
    let category = answer_word(plan.category_question).and_then(|w| category_from_word(&w));
    let mode = answer_word(plan.mode_question).and_then(|w| mode_from_word(&w));
    let row_key = match row_id {
        Some(id) => format!("id:{id}@{submitted_at}"),
        None => format!(
            "row:{}",
            cells.iter().map(|c| c.trim()).collect::<Vec<_>>().join("\u{1f}")
        ),
    };
    Ok(FormsRow {
        row_key,
        submitted_at,
        response: Response {
            category,
            mode,
            answers,
        },
    })
}

/// How many chose one choice (or one point of a scale).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChoiceCount {
    pub choice: String,
    pub n: u32,
    /// Of the people who answered the question, in percent (one decimal). A multiple choice's
    /// percentages add up to more than 100.
    pub percent: f64,
}

/// The figures of a number question.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NumberSpread {
    pub min: f64,
    pub max: f64,
    pub median: f64,
}

/// The results of one question.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct QuestionResult {
    pub text: String,
    pub kind: QuestionKind,
    /// How many answered it (a blank is not an answer).
    pub answers: u32,
    /// Per choice (single, multiple) or per point (scale, 1 to 5), in the form's order; a
    /// multiple-choice answer counts once under each choice it picked. As JSON, an object from
    /// the choice to its count.
    #[serde(serialize_with = "counts_as_object")]
    #[cfg_attr(feature = "ts", ts(type = "Record<string, number>"))]
    pub counts: Vec<ChoiceCount>,
    /// The same counts with their percentages, in order.
    pub distribution: Vec<ChoiceCount>,
    /// The mean of a scale or a number (two decimals); none without answers.
    pub mean: Option<f64>,
    pub spread: Option<NumberSpread>,
    /// The free-text answers, in the order they came.
    pub texts: Vec<String>,
}

fn counts_as_object<S: Serializer>(counts: &[ChoiceCount], serializer: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = serializer.serialize_map(Some(counts.len()))?;
    for count in counts {
        map.serialize_entry(&count.choice, &count.n)?;
    }
    map.end()
}

/// The results of a questionnaire.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SurveyResults {
    pub responses: u32,
    pub questions: Vec<QuestionResult>,
}

fn round_to(value: f64, places: i32) -> f64 {
    let factor = 10f64.powi(places);
    (value * factor).round() / factor
}

fn percent(n: u32, of: u32) -> f64 {
    if of == 0 {
        0.0
    } else {
        round_to(f64::from(n) * 100.0 / f64::from(of), 1)
    }
}

/// The labels a question's counts are kept under: its choices, or its scale's points.
fn count_labels(question: &Question) -> Vec<String> {
    match question.kind {
        QuestionKind::Single | QuestionKind::Multiple => question.choices.clone(),
        QuestionKind::Scale => (1..=SCALE_POINTS).map(|p| question.point_label(p)).collect(),
        QuestionKind::Number | QuestionKind::FreeText => Vec::new(),
    }
}

/// Counts per choice or point of the answers to one question.
fn tally<'a>(question: &Question, answers: impl Iterator<Item = &'a Answer>) -> (Vec<u32>, u32) {
    let labels = count_labels(question);
    let mut counts = vec![0u32; labels.len()];
    let mut answered = 0u32;
    for answer in answers {
        if answer.is_blank() {
            continue;
        }
        answered += 1;
        match answer {
            Answer::Choice(picked) => {
                for i in picked {
                    if let Some(n) = counts.get_mut(usize::from(*i)) {
                        *n += 1;
                    }
                }
            }
            Answer::Scale(point) => {
                if let Some(n) = counts.get_mut(usize::from(point.saturating_sub(1))) {
                    *n += 1;
                }
            }
            _ => {}
        }
    }
    (counts, answered)
}

fn with_percent(labels: Vec<String>, counts: &[u32], answered: u32) -> Vec<ChoiceCount> {
    labels
        .into_iter()
        .zip(counts)
        .map(|(choice, n)| ChoiceCount {
            choice,
            n: *n,
            percent: percent(*n, answered),
        })
        .collect()
}

/// Tabulates the responses to a questionnaire (older versions' responses already put in its
/// terms by [`Questionnaire::remap`]).
pub fn tabulate(questionnaire: &Questionnaire, responses: &[Response]) -> SurveyResults {
    let questions = questionnaire
        .questions
        .iter()
        .enumerate()
        .map(|(i, question)| {
            let answers = || responses.iter().filter_map(move |r| r.answers.get(i));
            let (counts, answered) = tally(question, answers());
            let distribution = with_percent(count_labels(question), &counts, answered);
            let values: Vec<f64> = answers()
                .filter_map(|a| match a {
                    Answer::Scale(p) => Some(f64::from(*p)),
                    Answer::Number(n) => Some(*n),
                    _ => None,
                })
                .collect();
            let mean = match question.kind {
                QuestionKind::Scale | QuestionKind::Number if !values.is_empty() => {
                    Some(round_to(values.iter().sum::<f64>() / values.len() as f64, 2))
                }
                _ => None,
            };
            let spread = if question.kind == QuestionKind::Number && !values.is_empty() {
                let mut sorted = values.clone();
                sorted.sort_by(f64::total_cmp);
                let mid = sorted.len() / 2;
                let median = if sorted.len().is_multiple_of(2) {
                    (sorted[mid - 1] + sorted[mid]) / 2.0
                } else {
                    sorted[mid]
                };
                Some(NumberSpread {
                    min: sorted[0],
                    max: sorted[sorted.len() - 1],
                    median,
                })
            } else {
                None
            };
            let texts = answers()
                .filter_map(|a| match a {
                    Answer::Text(t) if !t.trim().is_empty() => Some(t.clone()),
                    _ => None,
                })
                .collect();
            QuestionResult {
                text: question.text.clone(),
                kind: question.kind,
                answers: answered,
                counts: distribution.clone(),
                distribution,
                mean,
                spread,
                texts,
            }
        })
        .collect();
    SurveyResults {
        responses: responses.len() as u32,
        questions,
    }
}

/// The answers against the people who could answer: checked in at the venue, attended online.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ResponseRate {
    pub venue_answers: u32,
    pub n_checked_in: u32,
    /// Percent, one decimal; none when nobody checked in.
    pub venue_rate: Option<f64>,
    pub online_answers: u32,
    pub n_attended_online: u32,
    pub online_rate: Option<f64>,
    /// Answers that do not say how the person attended (a paper sheet without the box ticked).
    pub unknown_mode_answers: u32,
    pub total_answers: u32,
    pub total_rate: Option<f64>,
}

/// The response rate: answers by the way people attended against the people checked in (venue)
/// and attended (online).
pub fn response_rate(responses: &[Response], n_checked_in: u32, n_attended_online: u32) -> ResponseRate {
    let count = |mode: Option<AttendanceMode>| responses.iter().filter(|r| r.mode == mode).count() as u32;
    let rate = |n: u32, of: u32| (of > 0).then(|| percent(n, of));
    let venue_answers = count(Some(AttendanceMode::Venue));
    let online_answers = count(Some(AttendanceMode::Online));
    let total_answers = responses.len() as u32;
    ResponseRate {
        venue_answers,
        n_checked_in,
        venue_rate: rate(venue_answers, n_checked_in),
        online_answers,
        n_attended_online,
        online_rate: rate(online_answers, n_attended_online),
        unknown_mode_answers: count(None),
        total_answers,
        total_rate: rate(total_answers, n_checked_in + n_attended_online),
    }
}

/// What a cross-tabulation groups the answers by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Grouping {
    Category,
    Mode,
    /// By the choice picked in a single-choice question (its index in the questionnaire): the
    /// prefecture or the company size of the "about you" block.
    Answer(usize),
}

/// One group of a cross-tabulation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case", tag = "group", content = "value")]
pub enum Group {
    Category(Category),
    Mode(AttendanceMode),
    /// A choice of the grouping question: its place in the question's list and its text.
    Answer(u16, String),
    /// The answer does not say.
    Unknown,
    /// Groups with fewer than [`SMALL_GROUP`] answers, folded together.
    Folded,
}

impl Group {
    /// The order tables list groups in: the categories or modes in the forms' order, then the
    /// unknown, then the folded.
    fn rank(&self) -> (usize, usize) {
        match self {
            Group::Category(c) => (0, Category::ALL.iter().position(|x| x == c).unwrap_or(0)),
            Group::Mode(m) => (0, AttendanceMode::ALL.iter().position(|x| x == m).unwrap_or(0)),
            Group::Answer(i, _) => (0, usize::from(*i)),
            Group::Unknown => (1, 0),
            Group::Folded => (2, 0),
        }
    }

    pub fn label(&self, lang: Lang) -> String {
        match self {
            Group::Category(c) => c.label(lang).to_string(),
            Group::Mode(m) => m.label(lang).to_string(),
            Group::Answer(_, choice) => choice.clone(),
            Group::Unknown => lang.pick("不明", "Not known").to_string(),
            Group::Folded => lang
                .pick("その他（少数のため統合）", "Others (small groups folded)")
                .to_string(),
        }
    }
}

impl PartialOrd for Group {
    fn partial_cmp(&self, other: &Group) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Group {
    fn cmp(&self, other: &Group) -> std::cmp::Ordering {
        self.rank().cmp(&other.rank())
    }
}

/// One group's counts for one question.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GroupRow {
    pub group: Group,
    /// How many in the group answered the question.
    pub answers: u32,
    pub distribution: Vec<ChoiceCount>,
    pub mean: Option<f64>,
}

/// A question's answers by group.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CrossTable {
    pub text: String,
    pub kind: QuestionKind,
    pub groups: Vec<GroupRow>,
}

fn group_of(questionnaire: &Questionnaire, response: &Response, by: Grouping) -> Group {
    match by {
        Grouping::Category => response.category.map_or(Group::Unknown, Group::Category),
        Grouping::Mode => response.mode.map_or(Group::Unknown, Group::Mode),
        Grouping::Answer(index) => {
            let question = questionnaire.questions.get(index);
            match (question, response.answers.get(index)) {
                (Some(q), Some(Answer::Choice(picked))) if q.kind == QuestionKind::Single => picked
                    .first()
                    .and_then(|i| {
                        q.choices
                            .get(usize::from(*i))
                            .map(|c| Group::Answer(*i, c.clone()))
                    })
                    .unwrap_or(Group::Unknown),
                _ => Group::Unknown,
            }
        }
    }
}

/// Cross-tabulates the choice and scale questions by category, by the way people attended, or by
/// the choice picked in one single-choice question (the prefecture, the company size).
///
/// The small-group rule: in each question, groups with fewer than [`SMALL_GROUP`] answers are
/// folded into one 「その他」 group; when that folded group itself has fewer than
/// [`SMALL_GROUP`], the smallest remaining group is folded in too, so that no cell of a public
/// table shows (or, by subtraction from the total, gives away) fewer than three people's answers.
/// When all answers together are fewer than three, the question has no group rows at all.
pub fn cross_tabulate(
    questionnaire: &Questionnaire,
    responses: &[Response],
    by: Grouping,
) -> Vec<CrossTable> {
    questionnaire
        .questions
        .iter()
        .enumerate()
        .filter(|(_, q)| !matches!(q.kind, QuestionKind::FreeText | QuestionKind::Number))
        // A question is not cross-tabulated by itself.
        .filter(|(i, _)| by != Grouping::Answer(*i))
        .map(|(i, question)| {
            let mut groups: BTreeMap<Group, Vec<&Answer>> = BTreeMap::new();
            for response in responses {
                if let Some(answer) = response.answers.get(i).filter(|a| !a.is_blank()) {
                    groups
                        .entry(group_of(questionnaire, response, by))
                        .or_default()
                        .push(answer);
                }
            }
            let total: usize = groups.values().map(Vec::len).sum();
            let small = SMALL_GROUP as usize;
            let mut kept: Vec<(Group, Vec<&Answer>)> = Vec::new();
            let mut folded: Vec<&Answer> = Vec::new();
            if total >= small {
                for (group, answers) in groups {
                    if answers.len() < small {
                        folded.extend(answers);
                    } else {
                        kept.push((group, answers));
                    }
                }
                if !folded.is_empty() && folded.len() < small {
                    // Fold the smallest kept group in as well (the last of the smallest, so the
                    // order of the rest stays).
                    if let Some(smallest) = kept
                        .iter()
                        .enumerate()
                        .min_by_key(|(_, (_, answers))| answers.len())
                        .map(|(index, _)| index)
                    {
                        let (_, answers) = kept.remove(smallest);
                        folded.extend(answers);
                    }
                }
            }
            let row = |group: Group, answers: &[&Answer]| {
                let (counts, answered) = tally(question, answers.iter().copied());
                let points: Vec<f64> = answers
                    .iter()
                    .filter_map(|a| match a {
                        Answer::Scale(p) => Some(f64::from(*p)),
                        _ => None,
                    })
                    .collect();
                GroupRow {
                    group,
                    answers: answered,
                    distribution: with_percent(count_labels(question), &counts, answered),
                    mean: (!points.is_empty())
                        .then(|| round_to(points.iter().sum::<f64>() / points.len() as f64, 2)),
                }
            };
            let mut rows: Vec<GroupRow> = kept.iter().map(|(g, a)| row(g.clone(), a)).collect();
            if folded.len() >= small {
                rows.push(row(Group::Folded, &folded));
            }
            CrossTable {
                text: question.text.clone(),
                kind: question.kind,
                groups: rows,
            }
        })
        .collect()
}

/// Whether a free text names one of `names` (the event's registered people): written with or
/// without the space between family and given name, in any width. Such a text is flagged before
/// a public export. Names shorter than two characters are not looked for (they would match
/// everywhere).
pub fn names_a_person(text: &str, names: &[String]) -> bool {
    let squeeze = |s: &str| -> String { key(s).chars().filter(|c| !c.is_whitespace()).collect() };
    let text = squeeze(text);
    names
        .iter()
        .map(|n| squeeze(n))
        .any(|n| n.chars().count() >= 2 && text.contains(&n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_naming_a_registered_person_is_found() {
        let names = vec!["山田 太郎".to_string(), "李".to_string(), "ｽｽﾞｷ ｲﾁﾛｳ".to_string()];
        let cases = [
            ("山田太郎さんの話がよかった", true),
            ("山田　太郎 さんに感謝", true),
            ("スズキイチロウ氏の講演", true),
            ("山田さんの話がよかった", false),
            ("李さん", false),
            ("特になし", false),
        ];
        for (text, expected) in cases {
            assert_eq!(names_a_person(text, &names), expected, "{text}");
        }
    }

    fn q(text: &str, kind: QuestionKind, choices: &[&str]) -> Question {
        Question {
            text: text.into(),
            kind,
            required: false,
            choices: choices.iter().map(|c| c.to_string()).collect(),
        }
    }

    fn satisfaction() -> Question {
        q(
            "満足度",
            QuestionKind::Scale,
            &["不満", "やや不満", "どちらともいえない", "満足", "大変満足"],
        )
    }

    fn questionnaire() -> Questionnaire {
        Questionnaire {
            version: 1,
            questions: vec![
                satisfaction(),
                q(
                    "参考になった内容",
                    QuestionKind::Multiple,
                    &["講演", "交流", "展示"],
                ),
                q("ご所属", QuestionKind::Single, &["アトツギ", "支援者"]),
                q("社員数", QuestionKind::Number, &[]),
                q("ご意見", QuestionKind::FreeText, &[]),
            ],
        }
    }

    fn response(category: Option<Category>, mode: Option<AttendanceMode>, cells: [&str; 5]) -> Response {
        let questionnaire = questionnaire();
        Response {
            category,
            mode,
            answers: questionnaire
                .questions
                .iter()
                .zip(cells)
                .map(|(question, cell)| question.read(cell).unwrap())
                .collect(),
        }
    }

    #[test]
    fn cells_are_read_as_answers_or_reported_never_guessed() {
        let multiple = q(
            "参考になった内容",
            QuestionKind::Multiple,
            &["講演", "交流", "展示"],
        );
        let number = q("社員数", QuestionKind::Number, &[]);
        let sat = satisfaction();
        let cases: Vec<(&Question, &str, Result<Answer, &str>)> = vec![
            (&sat, "大変満足", Ok(Answer::Scale(5))),
            (&sat, "５", Ok(Answer::Scale(5))),
            (&sat, "2 やや不満", Ok(Answer::Scale(2))),
            (&sat, "7", Err("survey.out_of_scale")),
            (&sat, "0", Err("survey.out_of_scale")),
            (&sat, "最高", Err("survey.out_of_scale")),
            (&sat, "  ", Ok(Answer::Blank)),
            (&multiple, "講演;交流;", Ok(Answer::Choice(vec![0, 1]))),
            (&multiple, "展示, 講演", Ok(Answer::Choice(vec![0, 2]))),
            (&multiple, "交流;交流", Ok(Answer::Choice(vec![1]))),
            (&multiple, "講演;見学", Err("survey.unknown_choice")),
            (&number, "１，２００", Ok(Answer::Number(1200.0))),
            (&number, "たくさん", Err("survey.not_a_number")),
        ];
        for (question, cell, expected) in cases {
            let got = question.read(cell).map_err(|e| e.code());
            assert_eq!(got, expected, "{} ← {cell:?}", question.text);
        }
    }

    #[test]
    fn paper_sheets_are_typed_with_the_number_keys() {
        let multiple = q(
            "参考になった内容",
            QuestionKind::Multiple,
            &["講演", "交流", "展示"],
        );
        let single = q("ご所属", QuestionKind::Single, &["アトツギ", "支援者"]);
        let cases: Vec<(&Question, &str, Result<Answer, &str>)> = vec![
            (&multiple, "1,3", Ok(Answer::Choice(vec![0, 2]))),
            (&multiple, "３ １", Ok(Answer::Choice(vec![0, 2]))),
            (&multiple, "4", Err("survey.unknown_choice")),
            (&multiple, "交流", Ok(Answer::Choice(vec![1]))),
            (&single, "2", Ok(Answer::Choice(vec![1]))),
            (&single, "1,2", Err("survey.answer_kind")),
            (&single, "", Ok(Answer::Blank)),
        ];
        for (question, cell, expected) in cases {
            assert_eq!(
                question.read_keyed(cell).map_err(|e| e.code()),
                expected,
                "{cell:?}"
            );
        }
    }

    #[test]
    fn tabulation_counts_choices_means_and_texts() {
        let responses = vec![
            response(
                Some(Category::Atotsugi),
                Some(AttendanceMode::Venue),
                ["大変満足", "講演;交流", "アトツギ", "10", "よかった"],
            ),
            response(
                Some(Category::Atotsugi),
                Some(AttendanceMode::Venue),
                ["満足", "講演", "アトツギ", "30", ""],
            ),
            response(
                Some(Category::Supporter),
                Some(AttendanceMode::Online),
                ["不満", "", "支援者", "", "音声が途切れた"],
            ),
            response(None, None, ["", "", "", "", ""]),
        ];
        let results = tabulate(&questionnaire(), &responses);
        assert_eq!(results.responses, 4, "a blank sheet is a response");
        let scale = &results.questions[0];
        assert_eq!(scale.answers, 3, "the blank is not an answer");
        assert_eq!(scale.mean, Some(3.33), "(5 + 4 + 1) / 3");
        let counts: Vec<(String, u32)> = scale.counts.iter().map(|c| (c.choice.clone(), c.n)).collect();
        assert_eq!(counts[0], ("1 不満".to_string(), 1));
        assert_eq!(counts[4], ("5 大変満足".to_string(), 1));
        let multiple = &results.questions[1];
        assert_eq!(multiple.answers, 2);
        let counts: Vec<(u32, f64)> = multiple.counts.iter().map(|c| (c.n, c.percent)).collect();
        assert_eq!(
            counts,
            [(2, 100.0), (1, 50.0), (0, 0.0)],
            "one answer counted once under each choice it picked; percent of those who answered"
        );
        let number = &results.questions[3];
        assert_eq!(number.mean, Some(20.0));
        assert_eq!(
            number.spread,
            Some(NumberSpread {
                min: 10.0,
                max: 30.0,
                median: 20.0
            })
        );
        assert!(number.counts.is_empty());
        assert_eq!(results.questions[4].texts, ["よかった", "音声が途切れた"]);
        assert_eq!(results.questions[4].mean, None);

        let json = serde_json::to_value(&results).unwrap();
        assert_eq!(json["responses"], 4);
        assert_eq!(
            json["questions"][1]["counts"]["講演"], 2,
            "counts is an object: choice → n"
        );
        assert_eq!(json["questions"][1]["kind"], "multiple");
    }

    #[test]
    fn the_response_rate_is_against_checked_in_and_attended_online() {
        let responses = vec![
            response(None, Some(AttendanceMode::Venue), ["満足", "", "", "", ""]),
            response(None, Some(AttendanceMode::Venue), ["満足", "", "", "", ""]),
            response(None, Some(AttendanceMode::Online), ["満足", "", "", "", ""]),
            response(None, None, ["満足", "", "", "", ""]),
        ];
        let rate = response_rate(&responses, 4, 0);
        assert_eq!(rate.venue_rate, Some(50.0));
        assert_eq!(
            rate.online_rate, None,
            "no one attended online: no rate, not a division by zero"
        );
        assert_eq!(rate.unknown_mode_answers, 1);
        assert_eq!(rate.total_rate, Some(100.0));
        let rate = response_rate(&responses, 3, 8);
        assert_eq!((rate.venue_rate, rate.online_rate), (Some(66.7), Some(12.5)));
    }

    /// The small-group rule, by table: the answers per group going in, the groups coming out.
    #[test]
    fn small_groups_are_folded_so_no_one_can_be_picked_out() {
        use Category::*;
        type Case<'a> = (&'a [(Option<Category>, usize)], &'a [(Group, u32)]);
        let cases: &[Case<'_>] = &[
            // Every group large enough: all shown.
            (
                &[(Some(Atotsugi), 5), (Some(Supporter), 3)],
                &[(Group::Category(Atotsugi), 5), (Group::Category(Supporter), 3)],
            ),
            // Two small groups fold into one of 3.
            (
                &[(Some(Atotsugi), 5), (Some(Senior), 2), (Some(Stakeholder), 1)],
                &[(Group::Category(Atotsugi), 5), (Group::Folded, 3)],
            ),
            // One small group alone would still show 2 people (and by subtraction): the smallest
            // other group goes in with it.
            (
                &[(Some(Atotsugi), 6), (Some(Supporter), 4), (Some(Senior), 2)],
                &[(Group::Category(Atotsugi), 6), (Group::Folded, 6)],
            ),
            // Unknown categories are a group like the others.
            (
                &[(Some(Atotsugi), 3), (None, 3)],
                &[(Group::Category(Atotsugi), 3), (Group::Unknown, 3)],
            ),
            // Only small groups: one folded group.
            (
                &[(Some(Atotsugi), 2), (Some(Supporter), 2)],
                &[(Group::Folded, 4)],
            ),
            // Fewer than three answers in all: no group rows.
            (&[(Some(Atotsugi), 2)], &[]),
        ];
        for (input, expected) in cases {
            let responses: Vec<Response> = input
                .iter()
                .flat_map(|(category, n)| {
                    (0..*n).map(move |_| response(*category, None, ["満足", "", "", "", ""]))
                })
                .collect();
            let tables = cross_tabulate(&questionnaire(), &responses, Grouping::Category);
            let got: Vec<(Group, u32)> = tables[0]
                .groups
                .iter()
                .map(|g| (g.group.clone(), g.answers))
                .collect();
            assert_eq!(&got, expected, "{input:?}");
            for table in &tables {
                assert!(
                    table
                        .groups
                        .iter()
                        .all(|g| g.answers == 0 || g.answers >= SMALL_GROUP),
                    "{table:?}"
                );
            }
        }
        let tables = cross_tabulate(&questionnaire(), &[], Grouping::Mode);
        let free_and_number: Vec<&str> = tables.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(
            free_and_number,
            ["満足度", "参考になった内容", "ご所属"],
            "numbers and free texts are not cross-tabulated"
        );
    }

    #[test]
    fn a_forms_export_is_planned_from_its_headers_and_answers() {
        let header: Vec<String> = [
            "ID",
            "開始時刻",
            "完了時刻",
            "メール",
            "名前",
            "本日の満足度",
            "ご所属の区分",
            "参考になったプログラム（複数回答可）",
            "交流は十分でしたか",
            "社員数",
            "ご意見・ご感想",
            "参加方法",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let rows: Vec<Vec<String>> = [
            [
                "1",
                "",
                "10/24/26 16:02:41",
                "anonymous",
                "",
                "満足",
                "支援機関",
                "講演;交流;",
                "4",
                "30",
                "",
                "会場",
            ],
            [
                "2",
                "",
                "10/24/26 16:03:41",
                "anonymous",
                "",
                "大変満足",
                "後継者",
                "交流;",
                "2",
                "5",
                "音声が途切れた。",
                "オンライン",
            ],
            [
                "3",
                "",
                "10/24/26 16:04:41",
                "anonymous",
                "",
                "やや不満",
                "後継者",
                "講演;",
                "5",
                "120",
                "",
                "会場",
            ],
        ]
        .iter()
        .map(|r| r.iter().map(|s| s.to_string()).collect())
        .collect();
        let plan = plan_forms(&header, &rows);
        assert_eq!(
            &plan.columns[..5],
            &[
                ColumnRole::RowId,
                ColumnRole::Ignored,
                ColumnRole::SubmittedAt,
                ColumnRole::Ignored,
                ColumnRole::Ignored
            ]
        );
        let kinds: Vec<(QuestionKind, Vec<String>)> = plan
            .questionnaire
            .questions
            .iter()
            .map(|q| (q.kind, q.choices.clone()))
            .collect();
        let words = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            kinds,
            [
                (
                    QuestionKind::Scale,
                    words(&["不満", "やや不満", "どちらともいえない", "満足", "大変満足"])
                ),
                (QuestionKind::Single, words(&["支援機関", "後継者"])),
                (QuestionKind::Multiple, words(&["講演", "交流"])),
                (QuestionKind::Scale, vec![]),
                (QuestionKind::Number, vec![]),
                (QuestionKind::FreeText, vec![]),
                (QuestionKind::Single, words(&["会場", "オンライン"])),
            ]
        );
        assert_eq!((plan.category_question, plan.mode_question), (Some(1), Some(6)));
        assert!(plan.questionnaire.questions[0].required);
        assert!(!plan.questionnaire.questions[5].required, "some left it blank");

        let columns = plan.columns_for(&plan.questionnaire).unwrap();
        let row = read_forms_row(&plan, &columns, &plan.questionnaire, &rows[1]).unwrap();
        assert_eq!(row.row_key, "id:2@10/24/26 16:03:41");
        assert_eq!(
            row.response.category,
            Some(Category::Atotsugi),
            "後継者 reads as アトツギ"
        );
        assert_eq!(row.response.mode, Some(AttendanceMode::Online));
        assert_eq!(row.response.answers[0], Answer::Scale(5));
        assert_eq!(row.response.answers[2], Answer::Choice(vec![1]));

        let mut reworded = plan.questionnaire.clone();
        reworded.questions[0].text = "本日の満足度を教えてください".into();
        assert_eq!(
            plan.columns_for(&reworded),
            None,
            "another version's file is not read as this one"
        );
    }

    #[test]
    fn older_answers_are_put_in_the_terms_of_the_new_version() {
        let old = questionnaire();
        let mut new = questionnaire();
        new.version = 2;
        new.questions[1].choices = vec!["展示".into(), "講演".into(), "交流".into(), "見学".into()];
        new.questions
            .insert(0, q("参加は何回目ですか", QuestionKind::Number, &[]));
        let before = response(None, None, ["満足", "講演;展示", "アトツギ", "", ""]);
        let after = old.remap(&before, &new);
        assert_eq!(after.answers.len(), 6);
        assert_eq!(after.answers[0], Answer::Blank, "a question added later is blank");
        assert_eq!(after.answers[1], Answer::Scale(4));
        assert_eq!(
            after.answers[2],
            Answer::Choice(vec![1, 0]),
            "choices follow their text"
        );
        assert!(new.check(&after).is_ok());
    }

    #[test]
    fn a_questionnaire_is_checked_before_it_is_kept() {
        let cases: Vec<(Questionnaire, &str)> = vec![
            (Questionnaire::default(), "survey.no_questions"),
            (
                Questionnaire {
                    version: 1,
                    questions: vec![q(" ", QuestionKind::FreeText, &[])],
                },
                "survey.empty_question",
            ),
            (
                Questionnaire {
                    version: 1,
                    questions: vec![q("区分", QuestionKind::Single, &[" "])],
                },
                "survey.no_choices",
            ),
            (
                Questionnaire {
                    version: 1,
                    questions: vec![q("満足度", QuestionKind::Scale, &["良い", "悪い"])],
                },
                "survey.scale_words",
            ),
            (
                Questionnaire {
                    version: 1,
                    questions: vec![
                        q("感想", QuestionKind::FreeText, &[]),
                        q("感想　", QuestionKind::FreeText, &[]),
                    ],
                },
                "survey.duplicate_question",
            ),
        ];
        for (input, code) in cases {
            assert_eq!(input.clone().normalized().unwrap_err().code(), code, "{input:?}");
        }
        let ok = questionnaire().normalized().unwrap();
        assert!(ok.check(&response(None, None, ["", "", "", "", ""])).is_ok());
        let wrong = Response {
            answers: vec![Answer::Text("x".into()); 5],
            ..Response::default()
        };
        assert_eq!(ok.check(&wrong).unwrap_err().code(), "survey.answer_kind");
        let short = Response {
            answers: vec![Answer::Blank],
            ..Response::default()
        };
        assert_eq!(ok.check(&short).unwrap_err().code(), "survey.answer_count");
    }

    #[test]
    fn the_built_in_questionnaire_asks_about_prefecture_and_company_size() {
        let standard = standard_questionnaire().normalized().unwrap();
        let prefecture = AboutYou::Prefecture.find(&standard).unwrap();
        let size = AboutYou::CompanySize.find(&standard).unwrap();
        assert_eq!(standard.questions[prefecture].choices.len(), 47);
        assert_eq!(standard.questions[prefecture].choices[12], "東京都");
        assert_eq!(standard.questions[size].choices, COMPANY_SIZES);
        assert!(
            standard.questions[prefecture..].iter().all(|q| !q.required),
            "the about-you block is optional"
        );
        // The same questions in a Forms export are found by their words.
        let forms = Questionnaire {
            version: 1,
            questions: vec![
                q("都道府県", QuestionKind::Single, &["宮城県"]),
                q("従業員数", QuestionKind::Number, &[]),
            ],
        };
        assert_eq!(AboutYou::Prefecture.find(&forms), Some(0));
        assert_eq!(
            AboutYou::CompanySize.find(&forms),
            None,
            "a number is not grouped by"
        );
    }

    #[test]
    fn answers_are_cross_tabulated_by_a_choice_with_small_groups_folded() {
        let standard = standard_questionnaire().normalized().unwrap();
        let prefecture = AboutYou::Prefecture.find(&standard).unwrap();
        let answer = |pref: Option<&str>, point: u8| {
            let mut answers = vec![Answer::Blank; standard.questions.len()];
            answers[0] = Answer::Scale(point);
            if let Some(pref) = pref {
                let i = PREFECTURES.iter().position(|p| *p == pref).unwrap() as u16;
                answers[prefecture] = Answer::Choice(vec![i]);
            }
            Response {
                answers,
                ..Response::default()
            }
        };
        let mut responses = Vec::new();
        for point in [5, 4, 4, 3] {
            responses.push(answer(Some("宮城県"), point));
        }
        for point in [5, 5, 5] {
            responses.push(answer(Some("東京都"), point));
        }
        responses.push(answer(Some("沖縄県"), 1));
        responses.push(answer(Some("北海道"), 2));
        responses.push(answer(None, 3));
        let tables = cross_tabulate(&standard, &responses, Grouping::Answer(prefecture));
        assert!(
            tables
                .iter()
                .all(|t| t.text != standard.questions[prefecture].text),
            "the grouping question is not tabulated by itself"
        );
        let satisfaction = &tables[0];
        let groups: Vec<(String, u32)> = satisfaction
            .groups
            .iter()
            .map(|g| (g.group.label(Lang::Ja), g.answers))
            .collect();
        assert_eq!(
            groups,
            [
                ("宮城県".to_string(), 4),
                ("東京都".to_string(), 3),
                ("その他（少数のため統合）".to_string(), 3)
            ],
            "沖縄, 北海道 and the unknown (1 each) folded together: three, so shown"
        );
        assert_eq!(satisfaction.groups[0].mean, Some(4.0));
    }
}
