//! `tsudoi project|expense|time|subcontract|budget …`: the budget and the expense ledger (予算・経費).

use std::path::PathBuf;

use tsudoi_app::budget::{
    self, BudgetView, CorrectionEntry, ExpenseEntry, LedgerLine, PlanEntry, ProjectSettings, ProjectView,
    RefundEntry, SplitEntry, StaffTimeEntry, SubcontractEntry,
};
use tsudoi_app::output::Replace;
use tsudoi_app::Ctx;
use tsudoi_core::money::budget::ExpenseCategory;
use tsudoi_core::money::ledger::PaymentMethod;
use tsudoi_core::Lang;

use crate::args::{BudgetCommand, ExpenseCommand, ProjectCommand, SubcontractCommand, TimeCommand};
use crate::failure::{Failure, OrFail};
use crate::output::{table, Output};

fn paths(files: &[PathBuf]) -> Vec<String> {
    files.iter().map(|p| p.display().to_string()).collect()
}

pub fn project(command: &ProjectCommand, ctx: &mut Ctx<'_>, out: &Output) -> Result<(), Failure> {
    let lang = ctx.lang;
    let shown = match command {
        ProjectCommand::Set(fields) => {
            let settings = ProjectSettings {
                title: fields.title.clone(),
                contract_number: fields.contract_number.clone(),
                bureau_section: fields.bureau_section.clone(),
                contractor: fields.contractor.clone(),
                cap: fields.cap.clone(),
                overhead_rate: fields.overhead_rate.clone(),
                consumption_tax_rate: fields.tax_rate.clone(),
                start: fields.start.clone(),
                end: fields.end.clone(),
            };
            budget::set_project(ctx, &settings).or_fail(lang)?
        }
        ProjectCommand::Show => budget::project(ctx).or_fail(lang)?,
    };
    out.print_json_or(&shown, || project_text(&shown, lang));
    Ok(())
}

fn project_text(p: &ProjectView, lang: Lang) -> String {
    let period = match (&p.period_start, &p.period_end) {
        (Some(start), Some(end)) => format!("{start} 〜 {end}"),
        _ => lang.pick("（未設定）", "(not set)").to_string(),
    };
    [
        (lang.pick("事業名", "Project"), p.title.clone()),
        (
            lang.pick("契約番号", "Contract number"),
            p.contract_number.clone(),
        ),
        (lang.pick("受託者", "Contractor"), p.contractor.clone()),
        (lang.pick("上限額（税込）", "Cap (with tax)"), p.cap.to_string()),
        (
            lang.pick("一般管理費率", "Overhead rate"),
            p.overhead_rate.clone(),
        ),
        (
            lang.pick("消費税率", "Consumption tax rate"),
            p.consumption_tax_rate.clone(),
        ),
        (lang.pick("事業期間", "Contract period"), period),
    ]
    .iter()
    .map(|(label, value)| format!("{label}\t{value}"))
    .collect::<Vec<_>>()
    .join("\n")
}

fn ledger_table(lines: &[LedgerLine], lang: Lang) -> String {
    let mut t = table(vec![
        lang.pick("番号", "No."),
        lang.pick("伝票", "Voucher"),
        lang.pick("日付", "Date"),
        lang.pick("費目", "Category"),
        lang.pick("支払先", "Payee"),
        lang.pick("内容", "Description"),
        lang.pick("税抜", "Without tax"),
        lang.pick("消費税", "Tax"),
        lang.pick("領収書", "Receipts"),
    ]);
    for l in lines {
        t.add_row(vec![
            l.id.to_string(),
            l.voucher_id.to_string(),
            l.date.clone(),
            l.category.label(lang).to_string(),
            l.payee.clone(),
            match l.corrects {
                Some(id) => format!("{}（→{id}）", l.description),
                None => l.description.clone(),
            },
            l.amount.to_string(),
            l.tax.to_string(),
            l.receipts.len().to_string(),
        ]);
    }
    t.to_string()
}

pub fn expense(
    command: &ExpenseCommand,
    replace: Replace,
    ctx: &mut Ctx<'_>,
    out: &Output,
) -> Result<(), Failure> {
    let lang = ctx.lang;
    match command {
        ExpenseCommand::Add(f) => {
            let entry = ExpenseEntry {
                date: f.date.clone(),
                payee: f.payee.clone(),
                description: f.description.clone(),
                event_id: f.event,
                payment_method: PaymentMethod::parse(&f.payment_method).or_fail(lang)?,
                lines: vec![SplitEntry {
                    category: ExpenseCategory::parse(&f.category).or_fail(lang)?,
                    description: String::new(),
                    amount: f.amount.clone(),
                    tax: f.tax.clone(),
                }],
                receipts: paths(&f.receipts),
                notes: f.notes.clone(),
            };
            let lines = budget::add_expense(ctx, &entry).or_fail(lang)?;
            booked(&lines, lang, out);
        }
        ExpenseCommand::List => {
            let lines = budget::expenses(ctx).or_fail(lang)?;
            out.print_json_or(&lines, || ledger_table(&lines, lang));
        }
        ExpenseCommand::Refund {
            id,
            date,
            amount,
            tax,
            reason,
            receipts,
        } => {
            let entry = RefundEntry {
                expense_id: *id,
                date: date.clone(),
                amount: amount.clone(),
                tax: tax.clone(),
                reason: reason.clone(),
                receipts: paths(receipts),
            };
            let lines = budget::refund(ctx, &entry).or_fail(lang)?;
            booked(&lines, lang, out);
        }
        ExpenseCommand::Correct {
            id,
            date,
            reason,
            category,
            amount,
            tax,
            description,
        } => {
            let replacement = match (category, amount) {
                (Some(category), Some(amount)) => Some(SplitEntry {
                    category: ExpenseCategory::parse(category).or_fail(lang)?,
                    description: description.clone().unwrap_or_default(),
                    amount: amount.clone(),
                    tax: tax.clone().unwrap_or_default(),
                }),
                _ => None,
            };
            let entry = CorrectionEntry {
                expense_id: *id,
                date: date.clone(),
                reason: reason.clone(),
                replacement,
            };
            let lines = budget::correct(ctx, &entry).or_fail(lang)?;
            booked(&lines, lang, out);
        }
        ExpenseCommand::Attach { voucher, receipts } => {
            let lines = budget::attach_receipts(ctx, *voucher, &paths(receipts)).or_fail(lang)?;
            booked(&lines, lang, out);
        }
        ExpenseCommand::Export { out: path } => {
            let done = budget::export_ledger(ctx, path, replace).or_fail(lang)?;
            out.print_json_or(&done, || {
                format!(
                    "{} {}",
                    lang.pick("経費明細を書き出しました:", "Wrote the ledger:"),
                    done.file
                )
            });
        }
    }
    Ok(())
}

fn booked(lines: &[LedgerLine], lang: Lang, out: &Output) {
    out.print_json_or(&lines, || {
        format!(
            "{}\n{}",
            lang.pick("経費を計上しました:", "Booked:"),
            ledger_table(lines, lang)
        )
    });
}

pub fn time(command: &TimeCommand, ctx: &mut Ctx<'_>, out: &Output) -> Result<(), Failure> {
    let lang = ctx.lang;
    match command {
        TimeCommand::Add {
            person,
            date,
            hours,
            rate,
            work,
            event,
        } => {
            let entry = StaffTimeEntry {
                person: person.clone(),
                date: date.clone(),
                hours: hours.clone(),
                rate: rate.clone(),
                work: work.clone(),
                event_id: *event,
            };
            let line = budget::add_staff_time(ctx, &entry).or_fail(lang)?;
            out.print_json_or(&line, || {
                format!(
                    "{} #{} {} {} {}h × {} = {}",
                    lang.pick("作業時間を記録しました:", "Staff time recorded:"),
                    line.id,
                    line.person,
                    line.date,
                    line.hours,
                    line.hourly_rate,
                    line.cost
                )
            });
        }
        TimeCommand::Void { id, reason } => {
            let line = budget::void_staff_time(ctx, *id, reason).or_fail(lang)?;
            out.print_json_or(&line, || {
                format!(
                    "{} #{}",
                    lang.pick("作業時間を取り消しました:", "Staff time voided:"),
                    line.id
                )
            });
        }
        TimeCommand::List => {
            let lines = budget::staff_time(ctx).or_fail(lang)?;
            out.print_json_or(&lines, || {
                let mut t = table(vec![
                    lang.pick("番号", "No."),
                    lang.pick("氏名", "Person"),
                    lang.pick("日付", "Date"),
                    lang.pick("時間", "Hours"),
                    lang.pick("時給", "Rate"),
                    lang.pick("金額", "Cost"),
                    lang.pick("作業内容", "Work"),
                ]);
                for l in &lines {
                    let work = match &l.voided_reason {
                        Some(reason) => format!("{}（{}: {reason}）", l.work, lang.pick("取消", "void")),
                        None => l.work.clone(),
                    };
                    t.add_row(vec![
                        l.id.to_string(),
                        l.person.clone(),
                        l.date.clone(),
                        l.hours.clone(),
                        l.hourly_rate.to_string(),
                        l.cost.to_string(),
                        work,
                    ]);
                }
                t.to_string()
            });
        }
        TimeCommand::Sheet { person } => {
            let sheets: Vec<_> = budget::staff_sheets(ctx)
                .or_fail(lang)?
                .into_iter()
                .filter(|s| person.as_deref().is_none_or(|p| s.person == p.trim()))
                .collect();
            out.print_json_or(&sheets, || {
                sheets
                    .iter()
                    .map(|s| {
                        let mut t = table(vec![
                            lang.pick("日付", "Date"),
                            lang.pick("時間", "Hours"),
                            lang.pick("時給", "Rate"),
                            lang.pick("金額", "Cost"),
                            lang.pick("作業内容", "Work"),
                        ]);
                        for l in &s.lines {
                            t.add_row(vec![
                                l.date.clone(),
                                l.hours.clone(),
                                l.hourly_rate.to_string(),
                                l.cost.to_string(),
                                l.work.clone(),
                            ]);
                        }
                        format!(
                            "{} {}　{} {}h　{}\n{t}",
                            s.person,
                            s.month,
                            lang.pick("合計", "Total"),
                            s.hours,
                            s.cost
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n\n")
            });
        }
    }
    Ok(())
}

pub fn subcontract(command: &SubcontractCommand, ctx: &mut Ctx<'_>, out: &Output) -> Result<(), Failure> {
    let lang = ctx.lang;
    match command {
        SubcontractCommand::Add {
            name,
            amount_with_tax,
            scope,
            selection,
            core_management,
            date,
            event,
        } => {
            let entry = SubcontractEntry {
                name: name.clone(),
                amount_with_tax: amount_with_tax.clone(),
                scope: scope.clone(),
                selection: selection.clone(),
                touches_core_management: *core_management,
                date: date.clone().unwrap_or_default(),
                event_id: *event,
            };
            let added = budget::add_subcontract(ctx, &entry).or_fail(lang)?;
            out.print_json_or(&added, || {
                format!(
                    "{} #{} {} {}",
                    lang.pick("再委託・外注を記録しました:", "Subcontract recorded:"),
                    added.id,
                    added.name,
                    added.amount_with_tax
                )
            });
        }
        SubcontractCommand::List => {
            let all = budget::subcontracts(ctx).or_fail(lang)?;
            out.print_json_or(&all, || {
                let mut t = table(vec![
                    lang.pick("番号", "No."),
                    lang.pick("日付", "Date"),
                    lang.pick("委託先", "Supplier"),
                    lang.pick("金額（税込）", "Amount (with tax)"),
                    lang.pick("業務範囲", "Scope"),
                    lang.pick("選定方法", "Selection"),
                ]);
                for s in &all {
                    let scope = if s.touches_core_management {
                        format!(
                            "{} ⚠ {}",
                            s.scope,
                            lang.pick("企画・中核的管理", "core management")
                        )
                    } else {
                        s.scope.clone()
                    };
                    t.add_row(vec![
                        s.id.to_string(),
                        s.date.clone(),
                        s.name.clone(),
                        s.amount_with_tax.to_string(),
                        scope,
                        s.selection.clone(),
                    ]);
                }
                t.to_string()
            });
        }
    }
    Ok(())
}

fn budget_text(b: &BudgetView, lang: Lang) -> String {
    let mut t = table(vec![
        lang.pick("区分", "Part"),
        lang.pick("費目", "Category"),
        lang.pick("予算額", "Plan"),
        lang.pick("実績額", "Actual"),
        lang.pick("残額", "Remaining"),
    ]);
    let or_dash = |y: Option<tsudoi_core::money::Yen>| y.map(|y| y.to_string()).unwrap_or_else(|| "—".into());
    for r in &b.rows {
        t.add_row(vec![
            r.part.clone(),
            r.label.clone(),
            or_dash(r.plan),
            r.actual.to_string(),
            or_dash(r.remaining),
        ]);
    }
    let plan = b.plan.as_ref();
    t.add_row(vec![
        lang.pick("小計", "Subtotal").to_string(),
        String::new(),
        or_dash(plan.map(|p| p.subtotal)),
        b.subtotal.to_string(),
        String::new(),
    ]);
    t.add_row(vec![
        lang.pick("消費税", "Consumption tax").to_string(),
        String::new(),
        or_dash(plan.map(|p| p.consumption_tax)),
        b.consumption_tax.to_string(),
        String::new(),
    ]);
    t.add_row(vec![
        lang.pick("合計（税込）", "Total (with tax)").to_string(),
        String::new(),
        or_dash(plan.map(|p| p.total)),
        b.total.to_string(),
        String::new(),
    ]);
    let mut text = format!(
        "{t}\n{} {}　{} {}　{} {}%",
        lang.pick("上限額", "Cap"),
        b.cap,
        lang.pick("残額", "Remaining"),
        b.remaining,
        lang.pick("再委託費率", "Subcontract ratio"),
        b.subcontract_ratio_percent
    );
    for w in &b.warnings {
        text.push_str(&format!("\n⚠ {}", w.message));
    }
    text
}

pub fn budget(
    command: &BudgetCommand,
    replace: Replace,
    ctx: &mut Ctx<'_>,
    out: &Output,
) -> Result<(), Failure> {
    let lang = ctx.lang;
    match command {
        BudgetCommand::Show => {
            let shown = budget::show(ctx).or_fail(lang)?;
            out.print_json_or(&shown, || budget_text(&shown, lang));
        }
        BudgetCommand::Plan { amounts } => {
            let mut entries = Vec::new();
            for pair in amounts {
                let (category, amount) = pair.split_once('=').unwrap_or((pair.as_str(), ""));
                entries.push(PlanEntry {
                    category: ExpenseCategory::parse(category.trim()).or_fail(lang)?,
                    amount: if amount.trim().is_empty() {
                        // A pair without its amount: say so as a bad amount, not silently zero.
                        pair.clone()
                    } else {
                        amount.to_string()
                    },
                });
            }
            budget::set_plan(ctx, &entries).or_fail(lang)?;
            let shown = budget::show(ctx).or_fail(lang)?;
            out.print_json_or(&shown, || budget_text(&shown, lang));
        }
        BudgetCommand::Sheet { out: path } => {
            let done = budget::export_budget_sheet(ctx, path, replace).or_fail(lang)?;
            out.print_json_or(&done, || {
                format!(
                    "{} {}",
                    lang.pick("予算書を書き出しました:", "Wrote the budget sheet:"),
                    done.file
                )
            });
        }
        BudgetCommand::Settlement { out: path } => {
            let done = budget::export_settlement(ctx, path, replace).or_fail(lang)?;
            out.print_json_or(&done, || {
                format!(
                    "{} {}",
                    lang.pick("精算概要を書き出しました:", "Wrote the settlement summary:"),
                    done.file
                )
            });
        }
    }
    Ok(())
}
