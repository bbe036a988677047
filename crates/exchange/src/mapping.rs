//! Which column holds what: guessed from the Japanese or English header, shown to the person to
//! confirm or change, and remembered for the next file with the same headers.

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

/// What a column of a registration file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Name,
    /// 姓 and 名 in two columns (Peatix, hand-kept sheets): joined with a space.
    FamilyName,
    GivenName,
    Kana,
    FamilyKana,
    GivenKana,
    Organization,
    Title,
    Email,
    Phone,
    Category,
    Mode,
    Consent,
    /// When the person answered: the newest answer of a person wins.
    AnsweredAt,
}

impl Field {
    pub const ALL: &'static [Field] = &[
        Field::Name,
        Field::FamilyName,
        Field::GivenName,
        Field::Kana,
        Field::FamilyKana,
        Field::GivenKana,
        Field::Organization,
        Field::Title,
        Field::Email,
        Field::Phone,
        Field::Category,
        Field::Mode,
        Field::Consent,
        Field::AnsweredAt,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::FamilyName => "family_name",
            Field::GivenName => "given_name",
            Field::Kana => "kana",
            Field::FamilyKana => "family_kana",
            Field::GivenKana => "given_kana",
            Field::Organization => "organization",
            Field::Title => "title",
            Field::Email => "email",
            Field::Phone => "phone",
            Field::Category => "category",
            Field::Mode => "mode",
            Field::Consent => "consent",
            Field::AnsweredAt => "answered_at",
        }
    }

    /// Reads an identifier (`name`, `kana` …), as the CLI's `--map` takes it.
    pub fn parse(value: &str) -> Option<Field> {
        let value = value.trim();
        Field::ALL.iter().copied().find(|f| f.as_str() == value)
    }
}

/// The headers that name each field, best first. Fields are tried in this order, so a more
/// specific field claims a header before a general one: `氏名（フリガナ）` is the reading, not the
/// name; `姓（フリガナ）` the family reading, not the family name.
const HEADERS: &[(Field, Matching, &[&str])] = &[
    (
        Field::FamilyKana,
        Matching::Exact,
        &[
            "セイ",
            "せい",
            "姓フリガナ",
            "姓ふりがな",
            "姓カナ",
            "姓よみ",
            "lastnamekana",
            "familynamekana",
        ],
    ),
    (
        Field::GivenKana,
        Matching::Exact,
        &[
            "メイ",
            "めい",
            "名フリガナ",
            "名ふりがな",
            "名カナ",
            "名よみ",
            "firstnamekana",
            "givennamekana",
        ],
    ),
    (
        Field::Kana,
        Matching::Contains,
        &[
            "フリガナ",
            "ふりがな",
            "よみがな",
            "ヨミガナ",
            "カナ",
            "かな",
            "読み",
            "よみ",
            "furigana",
            "kana",
            "reading",
        ],
    ),
    (
        Field::FamilyName,
        Matching::Exact,
        &["姓", "苗字", "名字", "lastname", "familyname", "surname"],
    ),
    (
        Field::GivenName,
        Matching::Exact,
        &["名", "firstname", "givenname"],
    ),
    (
        Field::Consent,
        Matching::Contains,
        &["個人情報", "同意", "プライバシー", "consent", "privacy", "agree"],
    ),
    (
        Field::AnsweredAt,
        Matching::Contains,
        &[
            "完了時刻",
            "タイムスタンプ",
            "回答日時",
            "申込日時",
            "申し込み日時",
            "登録日時",
            "送信日時",
            "受付日時",
            "completiontime",
            "timestamp",
            "submittedat",
            "submitted",
            "answeredat",
            "registeredat",
            "orderdate",
        ],
    ),
    (
        Field::Category,
        Matching::Contains,
        &[
            "参加区分",
            "参加者区分",
            "区分",
            "属性",
            "立場",
            "参加者種別",
            "種別",
            "ご職業",
            "category",
            "attendeetype",
            "type",
        ],
    ),
    (
        Field::Mode,
        Matching::Contains,
        &[
            "参加方法",
            "参加形態",
            "参加形式",
            "出席方法",
            "参加方式",
            "参加場所",
            "会場オンライン",
            "attendancemode",
            "mode",
            "howwillyouattend",
            "participation",
        ],
    ),
    (
        Field::Organization,
        Matching::Contains,
        &[
            "会社名",
            "企業名",
            "事業者名",
            "法人名",
            "団体名",
            "所属",
            "勤務先",
            "組織",
            "会社",
            "company",
            "organization",
            "organisation",
            "affiliation",
            "employer",
        ],
    ),
    (
        Field::Title,
        Matching::Contains,
        &["役職", "肩書", "職名", "職位", "jobtitle", "position", "title"],
    ),
    (
        Field::Email,
        Matching::Contains,
        &["メールアドレス", "eメール", "email", "メール", "mail"],
    ),
    (
        Field::Phone,
        Matching::Contains,
        &["電話番号", "電話", "携帯", "連絡先番号", "tel", "phone", "mobile"],
    ),
    (
        Field::Name,
        Matching::Contains,
        &["氏名", "お名前", "ご芳名", "参加者名", "名前", "fullname", "name"],
    ),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Matching {
    /// The whole header, folded, is the word (a bare `名` is everywhere).
    Exact,
    /// The header contains the word.
    Contains,
}

/// The field a header most likely names, with how well it matched (lower is better).
fn guess(header: &str) -> Option<(Field, usize)> {
    let key = header_key(header);
    if key.is_empty() {
        return None;
    }
    HEADERS.iter().find_map(|(field, matching, words)| {
        words.iter().enumerate().find_map(|(rank, word)| {
            let word = header_key(word);
            match matching {
                Matching::Exact => (key == word).then_some((*field, rank)),
                Matching::Contains if key == word => Some((*field, rank)),
                Matching::Contains => key.contains(&word).then_some((*field, rank + 100)),
            }
        })
    })
}

/// Folds a header for matching: NFKC, lower case, without spaces, brackets, `※`, `*` and the
/// `（必須）`/`（任意）` marks forms add.
pub(crate) fn header_key(header: &str) -> String {
    let folded: String = header
        .nfkc()
        .flat_map(char::to_lowercase)
        .filter(|c| !c.is_whitespace() && !"()[]【】「」<>*※:・-_.?".contains(*c))
        .collect();
    folded.replace("必須", "").replace("任意", "").replace("ご", "")
}

/// For each column, the field it holds (none: not imported). Serialised as a list aligned with
/// the headers.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(transparent)]
pub struct ColumnMapping(pub Vec<Option<Field>>);

impl ColumnMapping {
    /// The best guess for these headers: each field goes to the column that names it best (the
    /// first such column on a tie), so Microsoft Forms' account `名前` loses to the question
    /// `お名前`.
    pub fn guess(headers: &[String]) -> ColumnMapping {
        let guesses: Vec<Option<(Field, usize)>> = headers.iter().map(|h| guess(h)).collect();
        let mut mapping = vec![None; headers.len()];
        for field in Field::ALL {
            let best = guesses
                .iter()
                .enumerate()
                .filter_map(|(column, g)| g.filter(|(f, _)| f == field).map(|(_, rank)| (rank, column)))
                .min();
            if let Some((_, column)) = best {
                mapping[column] = Some(*field);
            }
        }
        ColumnMapping(mapping)
    }

    /// How many headers name a field: the header row is the first that names at least two.
    pub fn n_guessable(headers: &[String]) -> usize {
        headers.iter().filter(|h| guess(h).is_some()).count()
    }

    /// The column that holds a field.
    pub fn column_of(&self, field: Field) -> Option<usize> {
        self.0.iter().position(|f| *f == Some(field))
    }

    /// Whether the mapping can register anyone: a name, whole or in two parts.
    pub fn has_name(&self) -> bool {
        self.column_of(Field::Name).is_some()
            || self.column_of(Field::FamilyName).is_some()
            || self.column_of(Field::GivenName).is_some()
    }

    /// Sets the field of the column with this header (`--map 'お名前=name'`); a field moves from
    /// any column that had it. Returns false when no header matches.
    pub fn assign(&mut self, headers: &[String], header: &str, field: Option<Field>) -> bool {
        let wanted = header_key(header);
        let Some(column) = headers.iter().position(|h| header_key(h) == wanted) else {
            return false;
        };
        if let Some(field) = field {
            for slot in &mut self.0 {
                if *slot == Some(field) {
                    *slot = None;
                }
            }
        }
        self.0[column] = field;
        true
    }
}

/// The key a mapping is remembered by: the headers, folded, in order.
pub fn header_signature(headers: &[String]) -> String {
    headers
        .iter()
        .map(|h| header_key(h))
        .collect::<Vec<_>>()
        .join("\u{1F}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guessed(headers: &[&str]) -> Vec<Option<Field>> {
        let headers: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
        ColumnMapping::guess(&headers).0
    }

    #[test]
    fn microsoft_forms_headers() {
        let mapping = guessed(&[
            "ID",
            "開始時刻",
            "完了時刻",
            "メール",
            "名前",
            "お名前",
            "フリガナ",
            "ご所属",
            "役職",
            "ご参加の区分",
            "参加形態",
            "個人情報の取扱いに同意します",
        ]);
        use Field::*;
        assert_eq!(
            mapping,
            vec![
                None,
                None,
                Some(AnsweredAt),
                Some(Email),
                None,
                Some(Name),
                Some(Kana),
                Some(Organization),
                Some(Title),
                Some(Category),
                Some(Mode),
                Some(Consent)
            ],
            "the account's 名前 loses to the question お名前"
        );
    }

    #[test]
    fn google_forms_peatix_and_hand_kept_headers() {
        use Field::*;
        assert_eq!(
            guessed(&[
                "タイムスタンプ",
                "氏名（必須）",
                "氏名（フリガナ）",
                "会社名・団体名",
                "メールアドレス",
                "電話番号",
                "参加区分"
            ]),
            vec![
                Some(AnsweredAt),
                Some(Name),
                Some(Kana),
                Some(Organization),
                Some(Email),
                Some(Phone),
                Some(Category)
            ]
        );
        assert_eq!(
            guessed(&["姓", "名", "セイ", "メイ", "Eメール", "所属"]),
            vec![
                Some(FamilyName),
                Some(GivenName),
                Some(FamilyKana),
                Some(GivenKana),
                Some(Email),
                Some(Organization)
            ]
        );
        assert_eq!(
            guessed(&[
                "Name",
                "Company",
                "Job title",
                "Email",
                "Phone",
                "Attendee type",
                "How will you attend?"
            ]),
            vec![
                Some(Name),
                Some(Organization),
                Some(Title),
                Some(Email),
                Some(Phone),
                Some(Category),
                Some(Mode)
            ]
        );
    }

    #[test]
    fn a_column_is_reassigned_by_its_header() {
        let headers: Vec<String> = ["お名前", "会社"].iter().map(|h| h.to_string()).collect();
        let mut mapping = ColumnMapping::guess(&headers);
        assert!(mapping.assign(&headers, "会社", Some(Field::Title)));
        assert_eq!(mapping.0, vec![Some(Field::Name), Some(Field::Title)]);
        assert!(!mapping.assign(&headers, "ない列", Some(Field::Title)));
    }
}
