//! The command line's words for the budget and the expense ledger (予算・経費).

use std::path::PathBuf;

use clap::{Args, Subcommand};

/// The contract record (事業): cap, overhead rate, period.
#[derive(Subcommand)]
pub enum ProjectCommand {
    /// Set the contract's terms; only the options given change. The period needs --start and --end.
    Set(Box<ProjectFields>),
    /// The contract record (its defaults until set: cap ¥5,000,000, overhead 10%, tax 10%).
    Show,
}

#[derive(Args)]
pub struct ProjectFields {
    /// The cap in yen, consumption tax included (上限額).
    #[arg(long, value_name = "YEN")]
    pub cap: Option<String>,
    /// The overhead rate (一般管理費率) in percent: 10, 8.5.
    #[arg(long, value_name = "PERCENT")]
    pub overhead_rate: Option<String>,
    /// The consumption tax rate in percent (10 unless the law changes).
    #[arg(long, value_name = "PERCENT")]
    pub tax_rate: Option<String>,
    /// The first day of the contract period (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", requires = "end")]
    pub start: Option<String>,
    /// The last day of the contract period (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", requires = "start")]
    pub end: Option<String>,
    /// The project's name (事業名).
    #[arg(long)]
    pub title: Option<String>,
    /// 契約番号.
    #[arg(long)]
    pub contract_number: Option<String>,
    /// 受託者.
    #[arg(long)]
    pub contractor: Option<String>,
    /// The bureau's section (担当課).
    #[arg(long)]
    pub bureau_section: Option<String>,
}

/// The expense ledger (経費): each line, refunds and corrections as their own lines.
#[derive(Subcommand)]
pub enum ExpenseCommand {
    /// Book an expense with its receipt files.
    Add(ExpenseFields),
    /// Every ledger line, corrections and refunds included, by date.
    List,
    /// Book money that came back against a line (a negative line naming it).
    Refund {
        /// The ledger line's number.
        id: i64,
        #[arg(long, value_name = "DATE")]
        date: String,
        /// The refunded amount without tax.
        #[arg(long, value_name = "YEN")]
        amount: String,
        #[arg(long, value_name = "YEN", default_value = "0")]
        tax: String,
        #[arg(long)]
        reason: String,
        #[arg(long = "receipt", value_name = "FILE")]
        receipts: Vec<PathBuf>,
    },
    /// Reverse a mistaken line and, with --category and --amount, book it as it should be.
    Correct {
        /// The ledger line's number.
        id: i64,
        #[arg(long, value_name = "DATE")]
        date: String,
        #[arg(long)]
        reason: String,
        #[arg(long, requires = "amount")]
        category: Option<String>,
        #[arg(long, value_name = "YEN", requires = "category")]
        amount: Option<String>,
        #[arg(long, value_name = "YEN")]
        tax: Option<String>,
        #[arg(long)]
        description: Option<String>,
    },
    /// Add receipt files to a voucher booked without them.
    Attach {
        /// The voucher's number (伝票).
        voucher: i64,
        #[arg(long = "receipt", value_name = "FILE", required = true)]
        receipts: Vec<PathBuf>,
    },
    /// Write the ledger as XLSX with a receipts index sheet: a file, or a folder for 経費明細_非公表用.xlsx.
    Export {
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Args)]
pub struct ExpenseFields {
    #[arg(long, value_name = "DATE")]
    pub date: String,
    /// travel, venue, honoraria, equipment, rental, consumables, printing, assistant_wages,
    /// other, personnel or subcontract (GLOSSARY.md), or the Japanese name (会場費).
    #[arg(long)]
    pub category: String,
    /// The amount without consumption tax.
    #[arg(long, value_name = "YEN")]
    pub amount: String,
    /// The consumption tax on it (0 for costs outside consumption tax).
    #[arg(long, value_name = "YEN", default_value = "0")]
    pub tax: String,
    /// Who was paid (支払先).
    #[arg(long, default_value = "")]
    pub payee: String,
    #[arg(long)]
    pub description: String,
    /// The gathering (回) it is for; none for the whole project.
    #[arg(long, value_name = "ID")]
    pub event: Option<i64>,
    /// bank_transfer, cash, card, electronic or other.
    #[arg(long, default_value = "bank_transfer")]
    pub payment_method: String,
    /// A receipt file (PDF or photo); repeat for several.
    #[arg(long = "receipt", value_name = "FILE")]
    pub receipts: Vec<PathBuf>,
    #[arg(long, default_value = "")]
    pub notes: String,
}

/// Staff time for 人件費.
#[derive(Subcommand)]
pub enum TimeCommand {
    /// Record hours worked at the person's agreed hourly rate.
    Add {
        #[arg(long)]
        person: String,
        #[arg(long, value_name = "DATE")]
        date: String,
        /// 7.5, 7:30.
        #[arg(long)]
        hours: String,
        /// The hourly rate agreed for the person.
        #[arg(long, value_name = "YEN")]
        rate: String,
        /// What was done.
        #[arg(long, default_value = "")]
        work: String,
        #[arg(long, value_name = "ID")]
        event: Option<i64>,
    },
    /// Void a mistaken line with a reason (it stays, and counts nowhere).
    Void {
        id: i64,
        #[arg(long)]
        reason: String,
    },
    /// Every staff time line, voided ones included.
    List,
    /// The monthly sheets: per person per month, the lines and their totals.
    Sheet {
        /// Only this person.
        #[arg(long)]
        person: Option<String>,
    },
}

/// Subcontracts (再委託・外注).
#[derive(Subcommand)]
pub enum SubcontractCommand {
    /// Record a subcontract; its amount is booked in the ledger at once.
    Add {
        #[arg(long)]
        name: String,
        #[arg(long, value_name = "YEN")]
        amount_with_tax: String,
        /// What the supplier does.
        #[arg(long)]
        scope: String,
        /// How the supplier was chosen (quotes compared).
        #[arg(long, default_value = "")]
        selection: String,
        /// The scope touches the planning or core management of the project (a warning).
        #[arg(long)]
        core_management: bool,
        /// The contract's date (default: today).
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        #[arg(long, value_name = "ID")]
        event: Option<i64>,
    },
    /// Every subcontract, by date.
    List,
}

/// The budget (予算): plan and actuals, warnings, and the settlement's documents.
#[derive(Subcommand)]
pub enum BudgetCommand {
    /// Plan and actuals by category, the totals, the subcontract ratio and the warnings.
    Show,
    /// Set the plan: CATEGORY=YEN pairs (venue=300000 personnel=1200000); replaces the plan.
    Plan {
        #[arg(value_name = "CATEGORY=YEN", required = true)]
        amounts: Vec<String>,
    },
    /// Write the budget sheet in the contract's form (thousands of yen) as XLSX: a file, or a
    /// folder for 予算書_非公表用.xlsx.
    Sheet {
        #[arg(long)]
        out: PathBuf,
    },
    /// Write the settlement summary PDF (非公表用 on every page): a file, or a folder for
    /// 精算概要_非公表用.pdf.
    Settlement {
        #[arg(long)]
        out: PathBuf,
    },
}
