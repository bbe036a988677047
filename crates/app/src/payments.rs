//! Speakers' fees and travel (謝金・旅費): payees, payments with the tax withheld at source
//! (源泉徴収) computed by core when they are read, the warnings to look at again, the payee's
//! statement (支払明細, 非公表用) and receipt form, and the tax office's figures (the tax to pay
//! over by month, the yearly payment-record data).
//!
//! A payee's address and bank details are personal data: payees and payments are kept by the
//! people who may edit personal data ([`KEEPERS`]), and every document or file naming a payee is
//! an export ([`crate::audit::exported`]). A payment is never changed: it is voided with a
//! reason and made again. A speaker who declines is recorded as a declined payment (only the
//! travel paid to carriers remains).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tsudoi_core::event::parse_date;
use tsudoi_core::handler::Permission;
use tsudoi_core::money::payment::{
    Payee, PayeeDraft, PayeeId, Payment, PaymentDraft, PaymentId, PaymentRecordLine, PaymentWarning, TaxMonth,
};
use tsudoi_core::money::withholding::{PaymentCalculation, PaymentTerms, TravelLine};
use tsudoi_core::money::Yen;
use tsudoi_core::privacy::{AuditAction, AuditDetail};
use tsudoi_core::{EventId, Lang};
use tsudoi_report::payment::{payment_receipt_pdf, payment_statement_pdf, PaymentSheet};

use crate::audit::{exported, logged_path, Written};
use crate::budget::{keep_receipts, KeptReceipts};
use crate::exchange::ExportFormat;
use crate::output::{check_file, write_file, Replace};
use crate::{Ctx, Result};

/// Who keeps payees and payments: their address and bank details are personal data, so the
/// people who may edit personal data (情報取扱管理者 and above, once the roster has people).
pub const KEEPERS: Permission = Permission::EditPersonalData;

/// A payment as the window's form and the CLI send it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PaymentRequest {
    pub payee_id: PayeeId,
    #[serde(default)]
    pub event_id: Option<EventId>,
    /// The day of payment, `YYYY-MM-DD`; empty: today.
    #[serde(default)]
    pub paid_on: String,
    /// The fee as agreed: what is paid before withholding, or (with `fee_is_net`) what the
    /// payee receives.
    pub fee: Yen,
    #[serde(default)]
    pub fee_is_net: bool,
    /// Consumption tax stated on the payee's invoice on top of the fee.
    #[serde(default)]
    pub consumption_tax: Yen,
    #[serde(default)]
    pub travel: Vec<TravelEntry>,
    /// The speaker declines the fee (travel paid to carriers is still booked).
    #[serde(default)]
    pub declined: bool,
    #[serde(default)]
    pub notes: String,
}

/// A travel line as typed: the line (route or hotel, amount, who it was paid to) and the path of
/// its receipt file, if one is given. The file is kept by content, encrypted like the ledger's
/// receipts, and backs the payment's ledger voucher.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TravelEntry {
    #[serde(flatten)]
    pub line: TravelLine,
    /// The receipt file's path; empty: none (or the line already names its receipt by SHA-256).
    #[serde(default)]
    pub receipt_file: String,
}

impl From<TravelLine> for TravelEntry {
    fn from(line: TravelLine) -> TravelEntry {
        TravelEntry {
            line,
            receipt_file: String::new(),
        }
    }
}

/// What a payment being typed comes to, and what to look at again before it is saved.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PaymentPreview {
    #[serde(flatten)]
    pub calculation: PaymentCalculation,
    pub warnings: Vec<PaymentNotice>,
}

/// Something about a payment to look at again: a stable code and a sentence in the reader's
/// language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PaymentNotice {
    pub code: String,
    pub message: String,
}

/// A payment as both doors show it: the stored inputs, core's figures at the top level (`gross`,
/// `withholding_base`, `withholding`, `net_paid` …), its gathering's title and its warnings.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PaymentShown {
    #[serde(flatten)]
    pub payment: Payment,
    pub event_title: String,
    pub warnings: Vec<PaymentNotice>,
}

/// Adds a payee (a speaker or another expert, a person or a company). The privacy log says who
/// added which payee (its number and the fields given, never their values).
pub fn add_payee(ctx: &mut Ctx<'_>, draft: PayeeDraft) -> Result<Payee> {
    ctx.require(KEEPERS)?;
    let now = ctx.now();
    let actor = ctx.operator.name.clone();
    Ok(ctx.store.add_payee(draft, &actor, now)?)
}

/// Replaces a payee's details. Payments already made keep the kind they were made with. The
/// privacy log says who changed which payee and which fields, never the values.
pub fn update_payee(ctx: &mut Ctx<'_>, id: PayeeId, draft: PayeeDraft) -> Result<Payee> {
    ctx.require(KEEPERS)?;
    let now = ctx.now();
    let actor = ctx.operator.name.clone();
    Ok(ctx.store.update_payee(id, draft, &actor, now)?)
}

/// Every payee, by reading then name, with their address and bank details.
pub fn list_payees(ctx: &Ctx<'_>) -> Result<Vec<Payee>> {
    ctx.require(KEEPERS)?;
    Ok(ctx.store.payees()?)
}

/// One payee.
pub fn get_payee(ctx: &Ctx<'_>, id: PayeeId) -> Result<Payee> {
    ctx.require(KEEPERS)?;
    Ok(ctx.store.payee(id)?)
}

fn terms_of(request: &PaymentRequest) -> PaymentTerms {
    PaymentTerms {
        payee_kind: Default::default(),
        fee: request.fee,
        fee_is_net: request.fee_is_net,
        consumption_tax: request.consumption_tax,
        travel: request.travel.iter().map(|t| t.line.clone()).collect(),
        declined: request.declined,
    }
}

fn paid_on_of(ctx: &Ctx<'_>, request: &PaymentRequest) -> Result<chrono::NaiveDate> {
    if request.paid_on.trim().is_empty() {
        Ok(ctx.clock.local_now().date())
    } else {
        Ok(parse_date(&request.paid_on)?)
    }
}

fn notices(ctx: &Ctx<'_>, warnings: &[PaymentWarning]) -> Vec<PaymentNotice> {
    warnings
        .iter()
        .map(|w| PaymentNotice {
            code: w.code().to_string(),
            message: w.message(ctx.lang),
        })
        .collect()
}

/// What a payment would come to, before it is recorded (the window's figures as a person
/// types), and its warnings (an ordinary attendee paid, a fee with no talk, a date outside the
/// contract period), so that both reach the person before the save: the payee's kind decides
/// whether tax is withheld.
pub fn preview(ctx: &Ctx<'_>, request: &PaymentRequest) -> Result<PaymentPreview> {
    ctx.require(KEEPERS)?;
    let payee = ctx.store.payee(request.payee_id)?;
    let terms = PaymentTerms {
        payee_kind: payee.details.kind,
        ..terms_of(request)
    };
    let calculation = terms.calculate().map_err(tsudoi_store::StoreError::from)?;
    let warnings = ctx.store.draft_payment_warnings(
        request.payee_id,
        request.event_id,
        paid_on_of(ctx, request)?,
        !request.declined && calculation.fee.0 > 0,
    )?;
    Ok(PaymentPreview {
        calculation,
        warnings: notices(ctx, &warnings),
    })
}

/// Records a payment (and its 謝金/旅費 ledger lines, in the store's transaction) and returns it
/// with its figures and warnings. The travel lines' receipt files are read and kept first (a
/// file already backing another voucher is refused before anything is written); when the
/// payment cannot be recorded, the files this call wrote are removed again.
pub fn add_payment(ctx: &mut Ctx<'_>, request: PaymentRequest) -> Result<PaymentShown> {
    ctx.require(KEEPERS)?;
    let paid_on = paid_on_of(ctx, &request)?;
    let mut terms = terms_of(&request);
    let paths: Vec<String> = request
        .travel
        .iter()
        .map(|t| t.receipt_file.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    let KeptReceipts {
        named,
        written,
        per_path,
    } = keep_receipts(ctx, &paths)?;
    let mut hashes = per_path.into_iter();
    for (line, entry) in terms.travel.iter_mut().zip(&request.travel) {
        if !entry.receipt_file.trim().is_empty() {
            line.receipt_sha256 = hashes.next();
        }
    }
    let draft = PaymentDraft {
        payee_id: request.payee_id,
        event_id: request.event_id,
        paid_on,
        terms,
        notes: request.notes.clone(),
    };
    let now = ctx.now();
    let payment = match ctx.store.add_payment(draft, now) {
        Ok(payment) => payment,
        Err(error) => {
            for path in &written {
                let _ = std::fs::remove_file(path);
            }
            return Err(error.into());
        }
    };
    // The names are for the receipts index; the payment already stands without them.
    let _ = ctx.store.name_receipts(&named);
    shown(ctx, payment, &mut HashMap::new())
}

/// Voids a payment with a reason: it stays, marked, counts in no tax figure, and its ledger
/// lines are reversed.
pub fn void_payment(ctx: &mut Ctx<'_>, id: PaymentId, reason: &str) -> Result<PaymentShown> {
    ctx.require(KEEPERS)?;
    let now = ctx.now();
    let payment = ctx.store.void_payment(id, reason, now)?;
    shown(ctx, payment, &mut HashMap::new())
}

fn event_title(ctx: &Ctx<'_>, id: Option<EventId>, titles: &mut HashMap<EventId, String>) -> Result<String> {
    let Some(id) = id else {
        return Ok(String::new());
    };
    if let Some(title) = titles.get(&id) {
        return Ok(title.clone());
    }
    let title = ctx.store.event(id)?.details.title;
    titles.insert(id, title.clone());
    Ok(title)
}

fn shown(ctx: &Ctx<'_>, payment: Payment, titles: &mut HashMap<EventId, String>) -> Result<PaymentShown> {
    let warnings = if payment.is_void() {
        Vec::new()
    } else {
        notices(ctx, &ctx.store.payment_warnings(payment.id)?)
    };
    Ok(PaymentShown {
        event_title: event_title(ctx, payment.event_id, titles)?,
        payment,
        warnings,
    })
}

/// Every payment by date (void ones included, marked), or those of one gathering or payee.
pub fn list_payments(
    ctx: &Ctx<'_>,
    event: Option<EventId>,
    payee: Option<PayeeId>,
) -> Result<Vec<PaymentShown>> {
    ctx.require(KEEPERS)?;
    let mut titles = HashMap::new();
    ctx.store
        .payments()?
        .into_iter()
        .filter(|p| event.is_none_or(|e| p.event_id == Some(e)))
        .filter(|p| payee.is_none_or(|y| p.payee_id == y))
        .map(|p| shown(ctx, p, &mut titles))
        .collect()
}

/// One payment with its figures and warnings.
pub fn get_payment(ctx: &Ctx<'_>, id: PaymentId) -> Result<PaymentShown> {
    ctx.require(KEEPERS)?;
    let payment = ctx.store.payment(id)?;
    shown(ctx, payment, &mut HashMap::new())
}

/// The two documents for a payee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum PaymentDocument {
    /// 支払明細書 (非公表用).
    Statement,
    /// 受領書, for the payee to sign.
    Receipt,
}

/// The document's file name when a folder is chosen: `支払明細_非公表用_<name>.pdf`,
/// `受領書_非公表用_<name>.pdf`.
pub fn document_file_name(document: PaymentDocument, payee_name: &str, lang: Lang) -> String {
    use tsudoi_core::document::{BureauDocument, Disclosure};
    let stem = match document {
        PaymentDocument::Statement => BureauDocument::PaymentStatement,
        PaymentDocument::Receipt => BureauDocument::PaymentReceipt,
    }
    .file_stem(Disclosure::Internal, lang);
    format!("{stem}_{}.pdf", tsudoi_files::file_safe(payee_name, 60))
}

/// What printing a statement or a receipt wrote.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PaymentDocumentExport {
    pub file: String,
    pub n_payments: u32,
    /// What the payee was transferred in the payments printed.
    pub net_paid: Yen,
}

/// Writes a payee's statement or receipt form (their payments that stand, or those of one
/// gathering) as a PDF at `path`, or in the folder `path` under [`document_file_name`]. Logged
/// as an export of one person's data.
pub fn print(
    ctx: &mut Ctx<'_>,
    payee_id: PayeeId,
    document: PaymentDocument,
    event: Option<EventId>,
    path: &Path,
    replace: Replace,
) -> Result<PaymentDocumentExport> {
    ctx.require(KEEPERS)?;
    let payee = ctx.store.payee(payee_id)?;
    let path: PathBuf = if path.is_dir() && !path.is_symlink() {
        path.join(document_file_name(document, &payee.details.name, ctx.lang))
    } else {
        path.to_path_buf()
    };
    exported(ctx, AuditAction::PaymentStatement, event, |ctx| {
        check_file(&path, replace)?;
        let mut titles = HashMap::new();
        let mut payments = Vec::new();
        for payment in ctx.store.payments()? {
            if payment.payee_id != payee_id
                || payment.is_void()
                || event.is_some_and(|e| payment.event_id != Some(e))
            {
                continue;
            }
            let title = event_title(ctx, payment.event_id, &mut titles)?;
            payments.push((payment, title));
        }
        if payments.is_empty() {
            return Err(crate::AppError::NoPaymentToPrint {
                payee: payee.details.name.clone(),
            });
        }
        let project = ctx.store.project()?;
        let payer = if project.contractor.is_empty() {
            project.title
        } else {
            project.contractor
        };
        let sheet = PaymentSheet {
            lang: ctx.lang,
            payee_name: &payee.details.name,
            payee_kind: payee.details.kind.label(ctx.lang),
            payer: &payer,
            payments: &payments,
            printed_on: ctx.clock.local_now().date().format("%Y-%m-%d").to_string(),
        };
        let pdf = match document {
            PaymentDocument::Statement => payment_statement_pdf(&sheet)?,
            PaymentDocument::Receipt => payment_receipt_pdf(&sheet)?,
        };
        let net_paid = Yen::sum(payments.iter().map(|(p, _)| p.calculation.net_paid))
            .map_err(tsudoi_store::StoreError::from)?;
        let written = write_file(&path, &pdf, replace)?;
        Ok(Written {
            value: PaymentDocumentExport {
                file: logged_path(&path),
                n_payments: u32::try_from(payments.len()).unwrap_or(u32::MAX),
                net_paid,
            },
            n_people: 1,
            target: path.clone(),
            detail: AuditDetail::Documents {
                formats: "pdf".into(),
                public: Some(false),
                photos: None,
            }
            .encode(),
            files: vec![written],
        })
    })
}

/// The tax withheld by month of payment, each with its due date (the 10th of the next month,
/// or the next business day). Totals only: no payee is named.
pub fn tax_months(ctx: &Ctx<'_>) -> Result<Vec<TaxMonth>> {
    ctx.require(KEEPERS)?;
    Ok(ctx.store.tax_months()?)
}

/// Per payee per calendar year (or one year): the totals paid and withheld, and whether a
/// 支払調書 is needed (an individual paid above ¥50,000 in the year).
pub fn payment_records(ctx: &Ctx<'_>, year: Option<i32>) -> Result<Vec<PaymentRecordLine>> {
    ctx.require(KEEPERS)?;
    Ok(ctx
        .store
        .payment_records()?
        .into_iter()
        .filter(|l| year.is_none_or(|y| l.year == y))
        .collect())
}

/// What a CSV or XLSX export of the tax figures wrote.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TaxFileExport {
    pub file: String,
    pub format: ExportFormat,
    pub n_lines: u32,
}

/// Writes the tax by month as CSV or XLSX (by the file's extension). It names nobody, so it is
/// not a privacy-log export, but it is money: the keepers' own.
pub fn export_tax_months(ctx: &mut Ctx<'_>, path: &Path, replace: Replace) -> Result<TaxFileExport> {
    ctx.require(KEEPERS)?;
    let months = ctx.store.tax_months()?;
    let format = ExportFormat::for_path(path);
    let bytes = match format {
        ExportFormat::Csv => tsudoi_exchange::payments::tax_months_csv(&months, ctx.lang)?,
        ExportFormat::Xlsx => tsudoi_exchange::payments::tax_months_xlsx(&months, ctx.lang)?,
    };
    write_file(path, &bytes, replace)?;
    Ok(TaxFileExport {
        file: logged_path(path),
        format,
        n_lines: u32::try_from(months.len()).unwrap_or(u32::MAX),
    })
}

/// Writes the payment-record data (one year, or every year) as CSV or XLSX by the file's
/// extension; it names the payees, so it is logged as an export of their data.
pub fn export_payment_records(
    ctx: &mut Ctx<'_>,
    year: Option<i32>,
    path: &Path,
    replace: Replace,
) -> Result<TaxFileExport> {
    ctx.require(KEEPERS)?;
    let format = ExportFormat::for_path(path);
    exported(ctx, AuditAction::PaymentRecordExport, None, |ctx| {
        check_file(path, replace)?;
        let lines: Vec<PaymentRecordLine> = ctx
            .store
            .payment_records()?
            .into_iter()
            .filter(|l| year.is_none_or(|y| l.year == y))
            .collect();
        let bytes = match format {
            ExportFormat::Csv => tsudoi_exchange::payments::payment_records_csv(&lines, ctx.lang)?,
            ExportFormat::Xlsx => tsudoi_exchange::payments::payment_records_xlsx(&lines, ctx.lang)?,
        };
        let written = write_file(path, &bytes, replace)?;
        let mut payees: Vec<PayeeId> = lines.iter().map(|l| l.payee_id).collect();
        payees.sort();
        payees.dedup();
        let n_lines = u32::try_from(lines.len()).unwrap_or(u32::MAX);
        Ok(Written {
            value: TaxFileExport {
                file: logged_path(path),
                format,
                n_lines,
            },
            n_people: u32::try_from(payees.len()).unwrap_or(u32::MAX),
            target: path.to_path_buf(),
            detail: AuditDetail::Documents {
                formats: match format {
                    ExportFormat::Csv => "csv",
                    ExportFormat::Xlsx => "xlsx",
                }
                .into(),
                public: Some(false),
                photos: None,
            }
            .encode(),
            files: vec![written],
        })
    })
}
