//! `tsudoi payee …` and `tsudoi payment …`: speakers' fees and travel (謝金・旅費) with the tax
//! withheld at source, their statements and the tax office's figures.

use tsudoi_app::output::Replace;
use tsudoi_app::payments::{
    self, PaymentDocument, PaymentNotice, PaymentPreview, PaymentRequest, PaymentShown, TravelEntry,
};
use tsudoi_app::Ctx;
use tsudoi_core::agenda::SpeakerId;
use tsudoi_core::money::payment::{Payee, PayeeDraft, PayeeId, PaymentId};
use tsudoi_core::money::withholding::{PayeeKind, TravelLine, TravelPaidTo};
use tsudoi_core::money::Yen;
use tsudoi_core::{EventId, Lang};

use crate::args::{PayeeCommand, PayeeFields, PaymentCommand};
use crate::failure::{Failure, OrFail};
use crate::output::{table, Output};

pub fn payee(command: &PayeeCommand, ctx: &mut Ctx<'_>, out: &Output) -> Result<(), Failure> {
    let lang = ctx.lang;
    match command {
        PayeeCommand::Add(fields) => {
            if fields.name.is_none() || fields.kind.is_none() {
                return Err(Failure::missing_argument("--name, --kind", lang));
            }
            let draft = apply(fields, PayeeDraft::default(), lang)?;
            let added = payments::add_payee(ctx, draft).or_fail(lang)?;
            out.print_json_or(&added, || {
                format!(
                    "{} #{} {}（{}）",
                    lang.pick("受取人を登録しました:", "Payee added:"),
                    added.id,
                    added.details.name,
                    added.details.kind.label(lang)
                )
            });
        }
        PayeeCommand::Update { id, fields } => {
            let current = payments::get_payee(ctx, PayeeId(*id)).or_fail(lang)?;
            let draft = apply(fields, current.details, lang)?;
            let updated = payments::update_payee(ctx, PayeeId(*id), draft).or_fail(lang)?;
            out.print_json_or(&updated, || {
                format!(
                    "{} #{} {}",
                    lang.pick("受取人を更新しました:", "Payee updated:"),
                    updated.id,
                    updated.details.name
                )
            });
        }
        PayeeCommand::List => {
            let all = payments::list_payees(ctx).or_fail(lang)?;
            out.print_json_or(&all, || {
                let mut t = table(vec![
                    "ID",
                    lang.pick("氏名・名称", "Name"),
                    lang.pick("区分", "Kind"),
                    lang.pick("登壇者", "Speaker"),
                ]);
                for p in &all {
                    t.add_row(vec![
                        p.id.to_string(),
                        p.details.name.clone(),
                        p.details.kind.label(lang).to_string(),
                        p.details.speaker_id.map(|s| s.0.to_string()).unwrap_or_default(),
                    ]);
                }
                t.to_string()
            });
        }
        PayeeCommand::Show { id } => {
            let payee = payments::get_payee(ctx, PayeeId(*id)).or_fail(lang)?;
            out.print_json_or(&payee, || payee_text(&payee, lang));
        }
    }
    Ok(())
}

fn apply(fields: &PayeeFields, mut draft: PayeeDraft, lang: Lang) -> Result<PayeeDraft, Failure> {
    let text = |value: &Option<String>, current: &mut String| {
        if let Some(value) = value {
            *current = value.clone();
        }
    };
    text(&fields.name, &mut draft.name);
    text(&fields.kana, &mut draft.kana);
    text(&fields.address, &mut draft.address);
    text(&fields.bank_account, &mut draft.bank_account);
    text(&fields.notes, &mut draft.notes);
    if let Some(kind) = &fields.kind {
        draft.kind = PayeeKind::parse(kind).or_fail(lang)?;
    }
    if let Some(speaker) = fields.speaker {
        draft.speaker_id = Some(SpeakerId(speaker));
    }
    Ok(draft)
}

fn payee_text(payee: &Payee, lang: Lang) -> String {
    let d = &payee.details;
    [
        (lang.pick("番号", "Number"), format!("#{}", payee.id)),
        (lang.pick("氏名・名称", "Name"), d.name.clone()),
        (lang.pick("ふりがな", "Reading"), d.kana.clone()),
        (lang.pick("区分", "Kind"), d.kind.label(lang).to_string()),
        (
            lang.pick("登壇者", "Speaker"),
            d.speaker_id.map(|s| s.0.to_string()).unwrap_or_default(),
        ),
        (lang.pick("住所", "Address"), d.address.clone()),
        (lang.pick("振込先", "Bank account"), d.bank_account.clone()),
        (lang.pick("備考", "Notes"), d.notes.clone()),
    ]
    .iter()
    .map(|(label, value)| format!("{label}\t{value}"))
    .collect::<Vec<_>>()
    .join("\n")
}

/// `YEN:payee`, `YEN:carrier`, optionally `:WHAT` after it.
fn travel_line(text: &str, lang: Lang) -> Result<TravelEntry, Failure> {
    let mut parts = text.splitn(3, [':', '：']);
    let amount = Yen::parse(parts.next().unwrap_or_default()).or_fail(lang)?;
    let paid_to = match parts.next().map(str::trim) {
        Some(word) => TravelPaidTo::parse(word).or_fail(lang)?,
        None => {
            return Err(Failure::missing_argument(
                lang.pick(
                    "--travel 金額:payee または 金額:carrier",
                    "--travel YEN:payee or YEN:carrier",
                ),
                lang,
            ))
        }
    };
    let description = parts
        .next()
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .unwrap_or(lang.pick("旅費", "Travel"))
        .to_string();
    Ok(TravelLine {
        description,
        amount,
        paid_to,
        receipt_sha256: None,
    }
    .into())
}

/// The travel lines with their receipt files: each `N=PATH` gives the N-th line (from 1) its file.
fn travel_entries(travel: &[String], receipts: &[String], lang: Lang) -> Result<Vec<TravelEntry>, Failure> {
    let mut entries = travel
        .iter()
        .map(|t| travel_line(t, lang))
        .collect::<Result<Vec<_>, _>>()?;
    for receipt in receipts {
        let (number, path) = receipt.split_once(['=', '＝']).unwrap_or(("", receipt));
        let entry = number
            .trim()
            .parse::<usize>()
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|i| entries.get_mut(i));
        match entry {
            Some(entry) if !path.trim().is_empty() => entry.receipt_file = path.trim().to_string(),
            _ => {
                return Err(Failure::missing_argument(
                    lang.pick(
                        "--travel-receipt 番号=ファイル（番号は --travel の何番目か、1から）",
                        "--travel-receipt N=PATH (N: which --travel, from 1)",
                    ),
                    lang,
                ))
            }
        }
    }
    Ok(entries)
}

/// Warnings go to the standard error as well when the answer is JSON, so that a script's
/// person sees them: a warning is never silent.
fn print_warnings(warnings: &[PaymentNotice], out: &Output, lang: Lang) {
    if out.json {
        for w in warnings {
            eprintln!("{} {}", lang.pick("注意:", "Warning:"), w.message);
        }
    }
}

pub fn payment(
    command: &PaymentCommand,
    replace: Replace,
    ctx: &mut Ctx<'_>,
    out: &Output,
) -> Result<(), Failure> {
    let lang = ctx.lang;
    match command {
        PaymentCommand::Add {
            event,
            payee,
            fee,
            net,
            consumption_tax,
            travel,
            travel_receipt,
            date,
            declined,
            notes,
            dry_run,
        } => {
            let request = PaymentRequest {
                payee_id: PayeeId(*payee),
                event_id: Some(EventId(*event)),
                paid_on: date.clone().unwrap_or_default(),
                fee: Yen::parse(fee).or_fail(lang)?,
                fee_is_net: *net,
                consumption_tax: match consumption_tax {
                    Some(text) => Yen::parse(text).or_fail(lang)?,
                    None => Yen::ZERO,
                },
                travel: travel_entries(travel, travel_receipt, lang)?,
                declined: *declined,
                notes: notes.clone().unwrap_or_default(),
            };
            if *dry_run {
                let preview = payments::preview(ctx, &request).or_fail(lang)?;
                print_warnings(&preview.warnings, out, lang);
                out.print_json_or(&preview, || preview_text(&preview, lang));
                return Ok(());
            }
            let added = payments::add_payment(ctx, request).or_fail(lang)?;
            print_warnings(&added.warnings, out, lang);
            out.print_json_or(&added, || {
                format!(
                    "{} #{}\n{}",
                    lang.pick("支払を登録しました:", "Payment recorded:"),
                    added.payment.id,
                    payment_text(&added, lang)
                )
            });
        }
        PaymentCommand::List { event, payee } => {
            let all = payments::list_payments(ctx, event.map(EventId), payee.map(PayeeId)).or_fail(lang)?;
            out.print_json_or(&all, || {
                let mut t = table(vec![
                    "ID",
                    lang.pick("支払日", "Paid on"),
                    lang.pick("受取人", "Payee"),
                    lang.pick("回", "Gathering"),
                    lang.pick("支払額", "Gross"),
                    lang.pick("源泉徴収税額", "Withheld"),
                    lang.pick("差引振込額", "Net paid"),
                    lang.pick("注意", "Warnings"),
                ]);
                for s in &all {
                    let p = &s.payment;
                    let c = &p.calculation;
                    t.add_row(vec![
                        p.id.to_string(),
                        p.paid_on.to_string(),
                        p.payee_name.clone(),
                        s.event_title.clone(),
                        c.gross.to_string(),
                        c.withholding.to_string(),
                        c.net_paid.to_string(),
                        match &p.voided_reason {
                            Some(reason) => format!("{} {reason}", lang.pick("取消:", "Void:")),
                            None => s.warnings.len().to_string(),
                        },
                    ]);
                }
                t.to_string()
            });
        }
        PaymentCommand::Show { id } => {
            let shown = payments::get_payment(ctx, PaymentId(*id)).or_fail(lang)?;
            out.print_json_or(&shown, || payment_text(&shown, lang));
        }
        PaymentCommand::Void { id, reason } => {
            let voided = payments::void_payment(ctx, PaymentId(*id), reason).or_fail(lang)?;
            out.print_json_or(&voided, || {
                format!(
                    "{} #{}",
                    lang.pick("支払を取り消しました:", "Payment voided:"),
                    voided.payment.id
                )
            });
        }
        PaymentCommand::Statement {
            payee,
            event,
            out: path,
        }
        | PaymentCommand::Receipt {
            payee,
            event,
            out: path,
        } => {
            let document = if matches!(command, PaymentCommand::Statement { .. }) {
                PaymentDocument::Statement
            } else {
                PaymentDocument::Receipt
            };
            let done = payments::print(ctx, PayeeId(*payee), document, event.map(EventId), path, replace)
                .or_fail(lang)?;
            out.print_json_or(&done, || {
                format!("{} {}", lang.pick("書き出しました:", "Wrote:"), done.file)
            });
        }
        PaymentCommand::TaxMonths { out: Some(path) } => {
            let done = payments::export_tax_months(ctx, path, replace).or_fail(lang)?;
            out.print_json_or(&done, || {
                format!("{} {}", lang.pick("書き出しました:", "Wrote:"), done.file)
            });
        }
        PaymentCommand::TaxMonths { out: None } => {
            let months = payments::tax_months(ctx).or_fail(lang)?;
            out.print_json_or(&months, || {
                let mut t = table(vec![
                    lang.pick("支払年月", "Month paid"),
                    lang.pick("人員", "People"),
                    lang.pick("支払金額", "Amount paid"),
                    lang.pick("税額", "Tax"),
                    lang.pick("納期限", "Due"),
                ]);
                for m in &months {
                    t.add_row(vec![
                        format!("{:04}-{:02}", m.year, m.month),
                        m.n_payees.to_string(),
                        m.total_paid.to_string(),
                        m.total_withheld.to_string(),
                        m.due.to_string(),
                    ]);
                }
                t.to_string()
            });
        }
        PaymentCommand::Records {
            year,
            out: Some(path),
        } => {
            let done = payments::export_payment_records(ctx, *year, path, replace).or_fail(lang)?;
            out.print_json_or(&done, || {
                format!("{} {}", lang.pick("書き出しました:", "Wrote:"), done.file)
            });
        }
        PaymentCommand::Records { year, out: None } => {
            let lines = payments::payment_records(ctx, *year).or_fail(lang)?;
            out.print_json_or(&lines, || {
                let mut t = table(vec![
                    lang.pick("年", "Year"),
                    lang.pick("受取人", "Payee"),
                    lang.pick("支払金額", "Amount paid"),
                    lang.pick("源泉徴収税額", "Withheld"),
                    lang.pick("支払調書", "Record"),
                ]);
                for l in &lines {
                    t.add_row(vec![
                        l.year.to_string(),
                        l.payee_name.clone(),
                        l.total_paid.to_string(),
                        l.total_withheld.to_string(),
                        lang.pick(
                            if l.requires_record { "要" } else { "不要" },
                            if l.requires_record { "needed" } else { "not needed" },
                        )
                        .to_string(),
                    ]);
                }
                t.to_string()
            });
        }
    }
    Ok(())
}

fn preview_text(preview: &PaymentPreview, lang: Lang) -> String {
    let c = &preview.calculation;
    let mut rows = vec![
        (
            lang.pick("試算（記録していません）", "Preview (nothing recorded)"),
            String::new(),
        ),
        (lang.pick("支払額", "Gross"), c.gross.to_string()),
        (
            lang.pick("源泉徴収の対象額", "Withholding base"),
            c.withholding_base.to_string(),
        ),
        (
            lang.pick("源泉徴収税額", "Tax withheld"),
            c.withholding.to_string(),
        ),
        (lang.pick("差引振込額", "Net paid"), c.net_paid.to_string()),
    ];
    for w in &preview.warnings {
        rows.push((lang.pick("注意", "Warning"), w.message.clone()));
    }
    rows.iter()
        .map(|(label, value)| format!("{label}\t{value}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn payment_text(shown: &PaymentShown, lang: Lang) -> String {
    let p = &shown.payment;
    let c = &p.calculation;
    let mut rows = vec![
        (lang.pick("番号", "Number"), format!("#{}", p.id)),
        (lang.pick("受取人", "Payee"), p.payee_name.clone()),
        (lang.pick("回", "Gathering"), shown.event_title.clone()),
        (lang.pick("支払日", "Paid on"), p.paid_on.to_string()),
        (lang.pick("謝金", "Fee"), c.fee.to_string()),
        (
            lang.pick("消費税", "Consumption tax"),
            c.consumption_tax.to_string(),
        ),
        (
            lang.pick("旅費（本人精算）", "Travel reimbursed"),
            c.reimbursed_travel.to_string(),
        ),
        (
            lang.pick("旅費（直接支払）", "Travel paid direct"),
            c.direct_travel.to_string(),
        ),
        (lang.pick("支払額", "Gross"), c.gross.to_string()),
        (
            lang.pick("源泉徴収の対象額", "Withholding base"),
            c.withholding_base.to_string(),
        ),
        (
            lang.pick("源泉徴収税額", "Tax withheld"),
            c.withholding.to_string(),
        ),
        (lang.pick("差引振込額", "Net paid"), c.net_paid.to_string()),
    ];
    for line in &p.terms.travel {
        let how = match line.paid_to {
            TravelPaidTo::Payee => lang.pick("本人精算", "reimbursed"),
            TravelPaidTo::Carrier => lang.pick("直接支払", "paid direct"),
        };
        let receipt = match &line.receipt_sha256 {
            Some(sha) => format!(
                " {} {}",
                lang.pick("領収書", "receipt"),
                &sha[..12.min(sha.len())]
            ),
            None => String::new(),
        };
        rows.push((
            lang.pick("旅費", "Travel"),
            format!("{} {} ({how}){receipt}", line.description, line.amount),
        ));
    }
    if p.terms.declined {
        rows.push((
            lang.pick("辞退", "Declined"),
            lang.pick("謝金辞退", "fee declined").into(),
        ));
    }
    if let Some(reason) = &p.voided_reason {
        rows.push((lang.pick("取消", "Void"), reason.clone()));
    }
    for w in &shown.warnings {
        rows.push((lang.pick("注意", "Warning"), w.message.clone()));
    }
    rows.iter()
        .map(|(label, value)| format!("{label}\t{value}"))
        .collect::<Vec<_>>()
        .join("\n")
}
