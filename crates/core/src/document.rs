//! The documents Tsudoi writes for the bureau and the one rule for their edition label
//! (公表用 / 非公表用) and file names: the contract asks for the label in every page's header and
//! in every file's name, so that a file says what it is before it is opened.

use serde::{Deserialize, Serialize};

use crate::Lang;

/// Which header every page carries and which word every file name carries: the bureau files
/// documents by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Disclosure {
    /// 公表用: may be published; no attendee named, only photos people agreed to.
    Public,
    /// 非公表用: for the bureau and the organizer.
    #[default]
    Internal,
}

impl Disclosure {
    /// 公表用 when `public`, else 非公表用 (the safe default).
    pub fn from_public(public: bool) -> Disclosure {
        if public {
            Disclosure::Public
        } else {
            Disclosure::Internal
        }
    }

    /// The contract's word, the same in every language: it is what the bureau looks for.
    pub fn label(self) -> &'static str {
        match self {
            Disclosure::Public => "公表用",
            Disclosure::Internal => "非公表用",
        }
    }

    /// The label as a page's header prints it: the contract's word, explained in English.
    pub fn header(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Disclosure::Public, Lang::Ja) => "公表用",
            (Disclosure::Public, Lang::En) => "Public (公表用)",
            (Disclosure::Internal, Lang::Ja) => "非公表用",
            (Disclosure::Internal, Lang::En) => "Internal (非公表用)",
        }
    }

    /// The identifier the CLI and the window send (`public`, `internal`).
    pub fn as_str(self) -> &'static str {
        match self {
            Disclosure::Public => "public",
            Disclosure::Internal => "internal",
        }
    }
}

/// A document written for the bureau. Each has a name in both languages and an edition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BureauDocument {
    /// 事業報告書: the project report.
    ProjectReport,
    /// 次第: the programme.
    Programme,
    /// 議事録: the minutes.
    Minutes,
    /// 調査報告書: the survey report.
    SurveyReport,
    /// アンケート結果: the survey's workbook.
    SurveyWorkbook,
    /// アンケート用紙: the paper questionnaire (blank: names nobody).
    SurveyForm,
    /// 座席表: the seat chart (names: always 非公表用).
    SeatChart,
    /// 受付票: the ticket cards (names: always 非公表用).
    Tickets,
    /// 受付名簿: the reception roster (always 非公表用).
    Roster,
    /// 名札: the name badges (always 非公表用).
    Badges,
    /// 支払明細: a payee's payment statement (always 非公表用).
    PaymentStatement,
    /// 受領書: a payee's receipt form (always 非公表用).
    PaymentReceipt,
    /// 精算概要: the settlement summary (always 非公表用).
    SettlementSummary,
    /// インシデント報告: an incident's report (always 非公表用).
    IncidentReport,
    /// 消去証明書: the erasure certificate (always 非公表用).
    ErasureCertificate,
    /// 予算書: the budget sheet for the settlement (always 非公表用: the contractor's own figures).
    BudgetSheet,
    /// 経費明細: the ledger with its receipts index (names payees: always 非公表用).
    Ledger,
}

impl BureauDocument {
    /// Every document, in the order the tests and lists go through them.
    pub const ALL: [BureauDocument; 17] = [
        BureauDocument::ProjectReport,
        BureauDocument::Programme,
        BureauDocument::Minutes,
        BureauDocument::SurveyReport,
        BureauDocument::SurveyWorkbook,
        BureauDocument::SurveyForm,
        BureauDocument::SeatChart,
        BureauDocument::Tickets,
        BureauDocument::Roster,
        BureauDocument::Badges,
        BureauDocument::PaymentStatement,
        BureauDocument::PaymentReceipt,
        BureauDocument::SettlementSummary,
        BureauDocument::IncidentReport,
        BureauDocument::ErasureCertificate,
        BureauDocument::BudgetSheet,
        BureauDocument::Ledger,
    ];

    /// What the document is called in a file name.
    pub fn stem(self, lang: Lang) -> &'static str {
        use BureauDocument::*;
        match self {
            ProjectReport => lang.pick("事業報告書", "project-report"),
            Programme => lang.pick("次第", "programme"),
            Minutes => lang.pick("議事録", "minutes"),
            SurveyReport => lang.pick("調査報告書", "survey-report"),
            SurveyWorkbook => lang.pick("アンケート結果", "survey-results"),
            SurveyForm => lang.pick("アンケート用紙", "survey-form"),
            SeatChart => lang.pick("座席表", "seat-chart"),
            Tickets => lang.pick("受付票", "tickets"),
            Roster => lang.pick("受付名簿", "reception-roster"),
            Badges => lang.pick("名札", "name-badges"),
            PaymentStatement => lang.pick("支払明細", "payment-statement"),
            PaymentReceipt => lang.pick("受領書", "receipt"),
            SettlementSummary => lang.pick("精算概要", "settlement-summary"),
            IncidentReport => lang.pick("インシデント報告", "incident-report"),
            ErasureCertificate => lang.pick("消去証明書", "erasure-certificate"),
            BudgetSheet => lang.pick("予算書", "budget-sheet"),
            Ledger => lang.pick("経費明細", "ledger"),
        }
    }

    /// The edition a document is written in when `asked` is asked for: a document that names
    /// people, or shows their contact details, is 非公表用 whatever was asked; the others follow
    /// the person's choice.
    pub fn edition(self, asked: Disclosure) -> Disclosure {
        use BureauDocument::*;
        match self {
            ProjectReport | Programme | Minutes | SurveyReport | SurveyWorkbook => asked,
            // A blank questionnaire names nobody: it goes to every attendee.
            SurveyForm => Disclosure::Public,
            SeatChart | Tickets | Roster | Badges | PaymentStatement | PaymentReceipt | SettlementSummary
            | IncidentReport | ErasureCertificate | BudgetSheet | Ledger => Disclosure::Internal,
        }
    }

    /// The file's name: `<stem>_<label>.<extension>` (`事業報告書_公表用.pdf`,
    /// `programme_公表用.pdf`); the label is the contract's word in both languages.
    pub fn file_name(self, asked: Disclosure, lang: Lang, extension: &str) -> String {
        format!("{}.{extension}", self.file_stem(asked, lang))
    }

    /// The file's name without its extension, for documents with parts of the same name or a
    /// suffix of their own (`支払明細_非公表用_山田_太郎.pdf`).
    pub fn file_stem(self, asked: Disclosure, lang: Lang) -> String {
        format!("{}_{}", self.stem(lang), self.edition(asked).label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_name_carries_its_label() {
        for document in BureauDocument::ALL {
            for lang in [Lang::Ja, Lang::En] {
                for asked in [Disclosure::Public, Disclosure::Internal] {
                    let name = document.file_name(asked, lang, "pdf");
                    let label = document.edition(asked).label();
                    assert!(name.contains(label), "{name} carries {label}");
                    let other = match label {
                        "公表用" => "非公表用",
                        _ => "公表用",
                    };
                    // 公表用 is inside 非公表用: check the word before it, not the substring.
                    assert!(
                        !name.contains(&format!("_{other}")),
                        "{name} never carries the other label"
                    );
                }
            }
        }
    }

    #[test]
    fn documents_with_names_are_internal_whatever_is_asked() {
        assert_eq!(
            BureauDocument::Tickets.file_name(Disclosure::Public, Lang::Ja, "pdf"),
            "受付票_非公表用.pdf"
        );
        assert_eq!(
            BureauDocument::Programme.file_name(Disclosure::Public, Lang::Ja, "pdf"),
            "次第_公表用.pdf"
        );
        assert_eq!(
            BureauDocument::ProjectReport.file_name(Disclosure::Public, Lang::En, "docx"),
            "project-report_公表用.docx"
        );
    }
}
