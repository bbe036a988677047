//! The budget of the contract (委託費): the categories, and the figures computed from the ledger
//! in one place, in yen with every fraction cut off, with the warnings a settlement would raise.
//!
//! The contract's formula:
//! - I 人件費 (staff hours × each person's rate) and II 事業費 (the direct costs by category),
//!   III 再委託・外注費, all without consumption tax;
//! - IV 一般管理費 = (I + II) × the overhead rate, subcontracting excluded;
//! - subtotal = I + II + III + IV; consumption tax = subtotal × the tax rate; total = subtotal +
//!   consumption tax, at most the cap (¥5,000,000 unless the contract says otherwise);
//! - subcontracting with tax at most 50% of the total with tax.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::ledger::{Expense, ExpenseId, StaffTime, StaffTimeId, Subcontract, SubcontractId, VoucherId};
use super::{MoneyError, Rate, Yen};
use crate::event::EventId;
use crate::i18n::Lang;

choice_enum! {
    /// The contract's cost categories (費目), identifiers as in GLOSSARY.md.
    pub enum ExpenseCategory as "category" {
        /// I 人件費: staff hours × rate (entered as staff time; a ledger line is possible).
        Personnel = "personnel", "人件費", "Personnel";
        /// II 旅費.
        #[default]
        Travel = "travel", "旅費", "Travel";
        Venue = "venue", "会場費", "Venue";
        Honoraria = "honoraria", "謝金", "Honoraria";
        /// 備品費: things used for a year or more (about ¥100,000 or more).
        Equipment = "equipment", "備品費", "Equipment";
        Rental = "rental", "借料及び損料", "Rental";
        Consumables = "consumables", "消耗品費", "Consumables";
        Printing = "printing", "印刷製本費", "Printing";
        AssistantWages = "assistant_wages", "補助職員人件費", "Assistant wages";
        Other = "other", "その他諸経費", "Other costs";
        /// III 再委託・外注費.
        Subcontract = "subcontract", "再委託・外注費", "Subcontracting";
        /// IV 一般管理費: computed, never booked.
        GeneralAdmin = "general_admin", "一般管理費", "General administration";
    }
}

/// The four parts of the contract's budget form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CategoryGroup {
    /// I
    Personnel,
    /// II 事業費
    Direct,
    /// III
    Subcontract,
    /// IV
    GeneralAdmin,
}

impl CategoryGroup {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            CategoryGroup::Personnel => lang.pick("Ⅰ 人件費", "I Personnel"),
            CategoryGroup::Direct => lang.pick("Ⅱ 事業費", "II Direct costs"),
            CategoryGroup::Subcontract => lang.pick("Ⅲ 再委託・外注費", "III Subcontracting"),
            CategoryGroup::GeneralAdmin => lang.pick("Ⅳ 一般管理費", "IV General administration"),
        }
    }
}

impl ExpenseCategory {
    /// The part of the budget form a category belongs to.
    pub fn group(self) -> CategoryGroup {
        match self {
            ExpenseCategory::Personnel => CategoryGroup::Personnel,
            ExpenseCategory::Subcontract => CategoryGroup::Subcontract,
            ExpenseCategory::GeneralAdmin => CategoryGroup::GeneralAdmin,
            _ => CategoryGroup::Direct,
        }
    }
}

/// The cap a new project starts with: ¥5,000,000 including consumption tax.
pub const DEFAULT_CAP: Yen = Yen(5_000_000);
/// 10%: the overhead rate a new project starts with, until the contract's is set.
pub const DEFAULT_OVERHEAD_RATE: Rate = Rate(1_000);
/// 10%: consumption tax and local consumption tax (消費税及び地方消費税), standard rate.
pub const DEFAULT_CONSUMPTION_TAX_RATE: Rate = Rate(1_000);
/// Subcontracting with tax may be at most this share of the total with tax: 1/2.
pub const SUBCONTRACT_LIMIT: (i64, i64) = (1, 2);
/// An item costing this much or more with tax (and usable a year or more) is equipment (備品),
/// as the ministries' 委託事業事務処理マニュアル count it (取得価格10万円以上), not a consumable.
pub const EQUIPMENT_THRESHOLD: Yen = Yen(100_000);

/// The terms of the contract the figures depend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractTerms {
    pub cap: Yen,
    pub overhead_rate: Rate,
    pub consumption_tax_rate: Rate,
    /// The contract period (事業期間), first and last day, when it is set.
    pub period: Option<(NaiveDate, NaiveDate)>,
}

impl Default for ContractTerms {
    fn default() -> ContractTerms {
        ContractTerms {
            cap: DEFAULT_CAP,
            overhead_rate: DEFAULT_OVERHEAD_RATE,
            consumption_tax_rate: DEFAULT_CONSUMPTION_TAX_RATE,
            period: None,
        }
    }
}

/// The contract record (事業): one per database. Its terms feed the budget; the rest is printed
/// on the budget sheet and the settlement.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Project {
    pub title: String,
    /// 契約番号.
    pub contract_number: String,
    /// The bureau's section that commissioned the work (担当課).
    pub bureau_section: String,
    /// 受託者.
    pub contractor: String,
    pub terms: ContractTerms,
}

/// A change to the project: each field that is `Some` is set, the others are left as they are.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ProjectChange {
    pub title: Option<String>,
    pub contract_number: Option<String>,
    pub bureau_section: Option<String>,
    pub contractor: Option<String>,
    pub cap: Option<Yen>,
    pub overhead_rate: Option<Rate>,
    pub consumption_tax_rate: Option<Rate>,
    /// `Some(None)` clears the period.
    pub period: Option<Option<(NaiveDate, NaiveDate)>>,
}

impl Project {
    /// The project with `change` applied, or the first rule it breaks: a cap of zero or more,
    /// rates up to 100%, a period that ends on or after its start.
    pub fn changed(&self, change: &ProjectChange) -> Result<Project, MoneyError> {
        let text = |new: &Option<String>, old: &String| {
            new.as_deref()
                .map(crate::text::normalize_display)
                .unwrap_or_else(|| old.clone())
        };
        let terms = ContractTerms {
            cap: change.cap.unwrap_or(self.terms.cap),
            overhead_rate: change.overhead_rate.unwrap_or(self.terms.overhead_rate),
            consumption_tax_rate: change
                .consumption_tax_rate
                .unwrap_or(self.terms.consumption_tax_rate),
            period: change.period.unwrap_or(self.terms.period),
        };
        if terms.cap.is_negative() {
            return Err(MoneyError::Negative {
                field: "上限額 / cap",
            });
        }
        for rate in [terms.overhead_rate, terms.consumption_tax_rate] {
            if rate.0 > 10_000 {
                return Err(MoneyError::BadRate(rate.to_string()));
            }
        }
        if let Some((start, end)) = terms.period {
            if end < start {
                return Err(MoneyError::PeriodReversed {
                    start: start.to_string(),
                    end: end.to_string(),
                });
            }
        }
        Ok(Project {
            title: text(&change.title, &self.title),
            contract_number: text(&change.contract_number, &self.contract_number),
            bureau_section: text(&change.bureau_section, &self.bureau_section),
            contractor: text(&change.contractor, &self.contractor),
            terms,
        })
    }
}

/// An amount in one category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryAmount {
    pub category: ExpenseCategory,
    pub amount: Yen,
}

/// A share in tenths of a percent (‰), printed `51.6%`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Permille(pub i64);

impl std::fmt::Display for Permille {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}%", self.0 / 10, self.0 % 10)
    }
}

/// The figures of the budget form, for the actuals or for the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetFigures {
    /// Every category in the form's order, 一般管理費 included (computed).
    pub by_category: Vec<CategoryAmount>,
    /// I, without tax.
    pub personnel: Yen,
    /// II, without tax.
    pub direct: Yen,
    /// III, without tax.
    pub subcontract: Yen,
    /// IV = (I + II) × the overhead rate, cut off.
    pub general_admin: Yen,
    /// I + II + III + IV.
    pub subtotal: Yen,
    /// subtotal × the consumption tax rate, cut off.
    pub consumption_tax: Yen,
    /// subtotal + consumption tax.
    pub total: Yen,
    pub cap: Yen,
    /// cap − total; negative when over the cap.
    pub remaining: Yen,
    /// III with its consumption tax, computed as the total's is: III + III × rate, cut off.
    pub subcontract_with_tax: Yen,
    /// subcontract with tax ÷ total, in tenths of a percent, cut off (truncated, never rounded
    /// up: 50.04% shows as 50.0%, and the over-half warning compares the exact amounts, so a
    /// truncated figure never hides a breach).
    pub subcontract_ratio: Permille,
    /// The same ratio as people read it, one decimal: `"66.1"` (text, so no float rounds it).
    pub subcontract_ratio_percent: String,
    /// Subcontracting with tax is above half the total with tax (exact comparison).
    pub subcontract_over_half: bool,
}

impl BudgetFigures {
    /// The figures from the amounts booked by category (any order, repeats summed). A
    /// 一般管理費 amount among them is ignored: it is computed.
    pub fn compute(amounts: &[CategoryAmount], terms: &ContractTerms) -> Result<BudgetFigures, MoneyError> {
        let total_of = |category: ExpenseCategory| {
            Yen::sum(
                amounts
                    .iter()
                    .filter(|a| a.category == category)
                    .map(|a| a.amount),
            )
        };
        let mut by_category = Vec::with_capacity(ExpenseCategory::ALL.len());
        for &category in ExpenseCategory::ALL {
            if category != ExpenseCategory::GeneralAdmin {
                by_category.push(CategoryAmount {
                    category,
                    amount: total_of(category)?,
                });
            }
        }
        let group_total = |group: CategoryGroup| {
            Yen::sum(
                by_category
                    .iter()
                    .filter(|a| a.category.group() == group)
                    .map(|a| a.amount),
            )
        };
        let personnel = group_total(CategoryGroup::Personnel)?;
        let direct = group_total(CategoryGroup::Direct)?;
        let subcontract = group_total(CategoryGroup::Subcontract)?;
        let general_admin = terms.overhead_rate.of(personnel.checked_add(direct)?)?;
        by_category.push(CategoryAmount {
            category: ExpenseCategory::GeneralAdmin,
            amount: general_admin,
        });
        let subtotal = Yen::sum([personnel, direct, subcontract, general_admin])?;
        let consumption_tax = terms.consumption_tax_rate.of(subtotal)?;
        let total = subtotal.checked_add(consumption_tax)?;
        let subcontract_with_tax = subcontract.checked_add(terms.consumption_tax_rate.of(subcontract)?)?;
        let subcontract_ratio = if total.0 > 0 {
            Permille(subcontract_with_tax.mul_div_floor(1_000, total.0)?.0)
        } else {
            Permille(0)
        };
        let (limit_num, limit_den) = SUBCONTRACT_LIMIT;
        let subcontract_over_half = i128::from(subcontract_with_tax.0) * i128::from(limit_den)
            > i128::from(total.0) * i128::from(limit_num);
        Ok(BudgetFigures {
            by_category,
            personnel,
            direct,
            subcontract,
            general_admin,
            subtotal,
            consumption_tax,
            total,
            cap: terms.cap,
            remaining: terms.cap.checked_sub(total)?,
            subcontract_with_tax,
            subcontract_ratio,
            subcontract_ratio_percent: format!("{}.{}", subcontract_ratio.0 / 10, subcontract_ratio.0 % 10),
            subcontract_over_half,
        })
    }

    /// The amount of one category.
    pub fn amount(&self, category: ExpenseCategory) -> Yen {
        self.by_category
            .iter()
            .find(|a| a.category == category)
            .map(|a| a.amount)
            .unwrap_or_default()
    }
}

/// The amounts of one gathering (or of none: costs for the whole project).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventActuals {
    pub event_id: Option<EventId>,
    /// Booked categories only, without tax; 一般管理費 is not split by gathering.
    pub by_category: Vec<CategoryAmount>,
    pub total_without_tax: Yen,
}

/// A line a warning points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LineRef {
    Expense(ExpenseId),
    StaffTime(StaffTimeId),
}

/// Why a cost may not be charged to the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NotChargeableReason {
    /// Buildings and land (建物・土地).
    Building,
    /// Furniture and office equipment a contractor is expected to have (机、椅子、パソコン…).
    OfficeEquipment,
    /// Accidents and damages (事故、賠償).
    Accident,
}

/// A reason to look at the budget again. Never blocking: a person decides and can explain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BudgetWarning {
    OverCap {
        total: Yen,
        cap: Yen,
    },
    SubcontractOverHalf {
        ratio: Permille,
    },
    SubcontractCoreManagement {
        subcontract_id: SubcontractId,
        name: String,
    },
    OutsideContractPeriod {
        line: LineRef,
        date: NaiveDate,
        description: String,
    },
    NotChargeable {
        line: LineRef,
        reason: NotChargeableReason,
        word: String,
        description: String,
    },
    /// Booked as 消耗品費 but costs ¥100,000 or more with tax, or its words name equipment.
    EquipmentAsConsumable {
        expense_id: ExpenseId,
        description: String,
        amount_with_tax: Yen,
    },
    ReceiptMissing {
        voucher_id: VoucherId,
        expense_id: ExpenseId,
        date: NaiveDate,
        description: String,
    },
}

impl BudgetWarning {
    /// A stable identifier for programs.
    pub fn code(&self) -> &'static str {
        match self {
            BudgetWarning::OverCap { .. } => "budget.over_cap",
            BudgetWarning::SubcontractOverHalf { .. } => "budget.subcontract_over_half",
            BudgetWarning::SubcontractCoreManagement { .. } => "budget.subcontract_core_management",
            BudgetWarning::OutsideContractPeriod { .. } => "budget.outside_contract_period",
            BudgetWarning::NotChargeable { .. } => "budget.not_chargeable",
            BudgetWarning::EquipmentAsConsumable { .. } => "budget.equipment_as_consumable",
            BudgetWarning::ReceiptMissing { .. } => "budget.receipt_missing",
        }
    }

    /// What it means and what to do, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (BudgetWarning::OverCap { total, cap }, Lang::Ja) => format!("合計 {total}（税込）が上限 {cap} を超えています。超えた分は支払われません。経費を見直してください。"),
            (BudgetWarning::OverCap { total, cap }, Lang::En) => format!("The total {total} (with tax) is over the cap of {cap}; the excess will not be paid. Review the costs."),
            (BudgetWarning::SubcontractOverHalf { ratio }, Lang::Ja) => format!("再委託・外注費の割合が {ratio} で、50% を超えています。再委託の範囲を見直してください。"),
            (BudgetWarning::SubcontractOverHalf { ratio }, Lang::En) => format!("Subcontracting is {ratio} of the total, above 50%. Review what is subcontracted."),
            (BudgetWarning::SubcontractCoreManagement { name, .. }, Lang::Ja) => format!("「{name}」の業務範囲が事業の企画・中核的な管理に関わるとされています。これらは再委託できません。範囲を確認してください。"),
            (BudgetWarning::SubcontractCoreManagement { name, .. }, Lang::En) => format!("The scope of “{name}” touches the planning or core management of the project, which may not be subcontracted. Check the scope."),
            (BudgetWarning::OutsideContractPeriod { date, description, .. }, Lang::Ja) => format!("「{description}」の日付 {date} が事業期間の外です。期間外の経費は計上できません。日付を確認してください。"),
            (BudgetWarning::OutsideContractPeriod { date, description, .. }, Lang::En) => format!("“{description}” is dated {date}, outside the contract period; it cannot be charged. Check the date."),
            (BudgetWarning::NotChargeable { reason, word, description, .. }, Lang::Ja) => {
                let what = match reason {
                    NotChargeableReason::Building => "建物・土地",
                    NotChargeableReason::OfficeEquipment => "受託者が通常備えているべき家具・事務機器",
                    NotChargeableReason::Accident => "事故・賠償に関する費用",
                };
                format!("「{description}」は「{word}」を含み、{what}に見えます。委託費に計上できない経費の可能性があります。内容を確認してください。")
            }
            (BudgetWarning::NotChargeable { reason, word, description, .. }, Lang::En) => {
                let what = match reason {
                    NotChargeableReason::Building => "a building or land",
                    NotChargeableReason::OfficeEquipment => "furniture or office equipment a contractor is expected to have",
                    NotChargeableReason::Accident => "an accident or damages",
                };
                format!("“{description}” contains “{word}” and looks like {what}, which may not be charged. Check what it was.")
            }
            (BudgetWarning::EquipmentAsConsumable { description, amount_with_tax, .. }, Lang::Ja) => format!("「{description}」（税込 {amount_with_tax}）が消耗品費になっています。1年以上使える10万円以上の物品は備品費です。費目を確認してください。"),
            (BudgetWarning::EquipmentAsConsumable { description, amount_with_tax, .. }, Lang::En) => format!("“{description}” ({amount_with_tax} with tax) is booked as consumables; things usable a year or more costing ¥100,000 or more are equipment. Check the category."),
            (BudgetWarning::ReceiptMissing { date, description, .. }, Lang::Ja) => format!("{date}「{description}」に領収書・証憑がありません。検査に備えてファイルを添付してください。"),
            (BudgetWarning::ReceiptMissing { date, description, .. }, Lang::En) => format!("“{description}” of {date} has no receipt. Attach the file for the inspection."),
        }
    }
}

/// Everything the budget is computed from.
#[derive(Debug, Clone, Copy)]
pub struct BudgetInput<'a> {
    pub terms: &'a ContractTerms,
    /// Every ledger line, corrections included.
    pub expenses: &'a [Expense],
    /// Every staff time line; voided ones are left out.
    pub staff_time: &'a [StaffTime],
    pub subcontracts: &'a [Subcontract],
    /// The planned amounts by category; empty when no plan is set.
    pub plan: &'a [CategoryAmount],
}

/// The budget: the actuals, the plan beside them, by gathering, and the warnings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Budget {
    pub actual: BudgetFigures,
    pub plan: Option<BudgetFigures>,
    pub by_event: Vec<EventActuals>,
    pub warnings: Vec<BudgetWarning>,
}

/// Words that make a cost look like one that may not be charged, checked on NFKC lower-case
/// text. ASCII words must stand alone (`PC`, not the `pc` in `PCR`).
const NOT_CHARGEABLE_WORDS: &[(&str, NotChargeableReason)] = &[
    ("建物", NotChargeableReason::Building),
    ("土地", NotChargeableReason::Building),
    ("不動産", NotChargeableReason::Building),
    ("building", NotChargeableReason::Building),
    ("家具", NotChargeableReason::OfficeEquipment),
    ("机", NotChargeableReason::OfficeEquipment),
    ("椅子", NotChargeableReason::OfficeEquipment),
    ("いす", NotChargeableReason::OfficeEquipment),
    ("チェア", NotChargeableReason::OfficeEquipment),
    ("キャビネット", NotChargeableReason::OfficeEquipment),
    ("パソコン", NotChargeableReason::OfficeEquipment),
    ("pc", NotChargeableReason::OfficeEquipment),
    ("コンピュータ", NotChargeableReason::OfficeEquipment),
    ("事務機", NotChargeableReason::OfficeEquipment),
    ("複合機", NotChargeableReason::OfficeEquipment),
    ("コピー機", NotChargeableReason::OfficeEquipment),
    ("furniture", NotChargeableReason::OfficeEquipment),
    ("desk", NotChargeableReason::OfficeEquipment),
    ("chair", NotChargeableReason::OfficeEquipment),
    ("computer", NotChargeableReason::OfficeEquipment),
    ("laptop", NotChargeableReason::OfficeEquipment),
    ("事故", NotChargeableReason::Accident),
    ("賠償", NotChargeableReason::Accident),
    ("見舞金", NotChargeableReason::Accident),
    ("accident", NotChargeableReason::Accident),
    ("damages", NotChargeableReason::Accident),
];

/// Words of things usually kept a year or more (備品), checked on consumables.
const EQUIPMENT_WORDS: &[&str] = &[
    "プロジェクター",
    "プロジェクタ",
    "カメラ",
    "スクリーン",
    "モニター",
    "ディスプレイ",
    "タブレット",
    "プリンター",
    "projector",
    "camera",
    "monitor",
    "tablet",
    "printer",
];

fn folded(text: &str) -> String {
    use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};
    // Stored descriptions are NFKC already (normalised when typed): the quick check spares
    // the normalisation itself, which is most of the budget's time over a large ledger.
    if is_nfkc_quick(text.chars()) == IsNormalized::Yes {
        text.to_lowercase()
    } else {
        text.nfkc().flat_map(char::to_lowercase).collect()
    }
}

/// `word` occurs in `text`; an ASCII word only where no ASCII letter or digit touches it.
fn contains_word(text: &str, word: &str) -> bool {
    if !word.is_ascii() {
        return text.contains(word);
    }
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_alphanumeric())
            && !after.is_some_and(|c| c.is_ascii_alphanumeric())
    })
}

/// The first word that makes a cost look not chargeable. Buildings, furniture and office
/// equipment count only where they are bought: renting a hall or chairs for a gathering
/// (会場費, 借料及び損料) is what the budget is for. Accidents count everywhere.
pub fn not_chargeable(category: ExpenseCategory, text: &str) -> Option<(NotChargeableReason, &'static str)> {
    let text = folded(text);
    let rented = matches!(category, ExpenseCategory::Venue | ExpenseCategory::Rental);
    NOT_CHARGEABLE_WORDS
        .iter()
        .find(|(word, reason)| {
            (!rented || *reason == NotChargeableReason::Accident) && contains_word(&text, word)
        })
        .map(|(word, reason)| (*reason, *word))
}

/// Whether a line booked as consumables looks like equipment.
pub fn looks_like_equipment(amount_with_tax: Yen, text: &str) -> bool {
    let text = folded(text);
    amount_with_tax >= EQUIPMENT_THRESHOLD || EQUIPMENT_WORDS.iter().any(|word| contains_word(&text, word))
}

fn outside(period: Option<(NaiveDate, NaiveDate)>, date: NaiveDate) -> bool {
    period.is_some_and(|(start, end)| date < start || date > end)
}

fn add_to(
    amounts: &mut Vec<CategoryAmount>,
    category: ExpenseCategory,
    amount: Yen,
) -> Result<(), MoneyError> {
    match amounts.iter_mut().find(|a| a.category == category) {
        Some(existing) => existing.amount = existing.amount.checked_add(amount)?,
        None => amounts.push(CategoryAmount { category, amount }),
    }
    Ok(())
}

/// Computes the budget. Corrections and refunds count with their sign; voided staff time does
/// not count. A line that is corrected is still checked (its correction is a separate line).
pub fn compute_budget(input: BudgetInput<'_>) -> Result<Budget, MoneyError> {
    let period = input.terms.period;
    let mut booked: Vec<CategoryAmount> = Vec::new();
    let mut by_event: Vec<EventActuals> = Vec::new();
    let mut warnings: Vec<BudgetWarning> = Vec::new();
    let mut book =
        |event_id: Option<EventId>, category: ExpenseCategory, amount: Yen| -> Result<(), MoneyError> {
            add_to(&mut booked, category, amount)?;
            let index = match by_event.iter().position(|e| e.event_id == event_id) {
                Some(index) => index,
                None => {
                    by_event.push(EventActuals {
                        event_id,
                        by_category: Vec::new(),
                        total_without_tax: Yen::ZERO,
                    });
                    by_event.len() - 1
                }
            };
            let event = &mut by_event[index];
            add_to(&mut event.by_category, category, amount)?;
            event.total_without_tax = event.total_without_tax.checked_add(amount)?;
            Ok(())
        };

    for line in input.staff_time.iter().filter(|l| l.voided_reason.is_none()) {
        book(line.details.event_id, ExpenseCategory::Personnel, line.cost)?;
        if outside(period, line.details.date) {
            warnings.push(BudgetWarning::OutsideContractPeriod {
                line: LineRef::StaffTime(line.id),
                date: line.details.date,
                description: format!("{} {}", line.details.person, line.details.work),
            });
        }
    }

    let mut vouchers_without_receipt: std::collections::HashSet<VoucherId> = std::collections::HashSet::new();
    for line in input.expenses {
        book(line.event_id, line.category, line.amount)?;
        if line.corrects.is_some() {
            // A correction points at a line already checked; its own words repeat that line's.
            continue;
        }
        let reference = LineRef::Expense(line.id);
        if outside(period, line.date) {
            warnings.push(BudgetWarning::OutsideContractPeriod {
                line: reference,
                date: line.date,
                description: line.description.clone(),
            });
        }
        let words = format!("{} {}", line.description, line.payee);
        if let Some((reason, word)) = not_chargeable(line.category, &words) {
            warnings.push(BudgetWarning::NotChargeable {
                line: reference,
                reason,
                word: word.to_string(),
                description: line.description.clone(),
            });
        }
        let amount_with_tax = line.amount_with_tax()?;
        if line.category == ExpenseCategory::Consumables
            && looks_like_equipment(amount_with_tax, &line.description)
        {
            warnings.push(BudgetWarning::EquipmentAsConsumable {
                expense_id: line.id,
                description: line.description.clone(),
                amount_with_tax,
            });
        }
        if line.receipts.is_empty() && vouchers_without_receipt.insert(line.voucher_id) {
            warnings.push(BudgetWarning::ReceiptMissing {
                voucher_id: line.voucher_id,
                expense_id: line.id,
                date: line.date,
                description: line.description.clone(),
            });
        }
    }

    for subcontract in input
        .subcontracts
        .iter()
        .filter(|s| s.details.touches_core_management)
    {
        warnings.push(BudgetWarning::SubcontractCoreManagement {
            subcontract_id: subcontract.id,
            name: subcontract.details.name.clone(),
        });
    }

    let actual = BudgetFigures::compute(&booked, input.terms)?;
    // The figures' warnings come first: they are about the whole budget.
    let mut head = Vec::new();
    if actual.total > actual.cap {
        head.push(BudgetWarning::OverCap {
            total: actual.total,
            cap: actual.cap,
        });
    }
    if actual.subcontract_over_half {
        head.push(BudgetWarning::SubcontractOverHalf {
            ratio: actual.subcontract_ratio,
        });
    }
    head.append(&mut warnings);
    let plan = if input.plan.is_empty() {
        None
    } else {
        Some(BudgetFigures::compute(input.plan, input.terms)?)
    };
    for event in &mut by_event {
        event
            .by_category
            .sort_by_key(|a| ExpenseCategory::ALL.iter().position(|c| *c == a.category));
    }
    by_event.sort_by_key(|e| (e.event_id.is_none(), e.event_id));
    Ok(Budget {
        actual,
        plan,
        by_event,
        warnings: head,
    })
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::money::ledger::{PaymentMethod, StaffTimeDraft, SubcontractDraft};

    fn date(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    fn amounts(list: &[(ExpenseCategory, i64)]) -> Vec<CategoryAmount> {
        list.iter()
            .map(|&(category, amount)| CategoryAmount {
                category,
                amount: Yen(amount),
            })
            .collect()
    }

    fn terms(overhead_bp: u32, tax_bp: u32) -> ContractTerms {
        ContractTerms {
            overhead_rate: Rate(overhead_bp),
            consumption_tax_rate: Rate(tax_bp),
            ..ContractTerms::default()
        }
    }

    struct Ledger {
        expenses: Vec<Expense>,
    }

    impl Ledger {
        fn line(
            &mut self,
            voucher: i64,
            d: NaiveDate,
            category: ExpenseCategory,
            amount: i64,
            tax: i64,
            description: &str,
        ) -> ExpenseId {
            let id = ExpenseId(self.expenses.len() as i64 + 1);
            self.expenses.push(Expense {
                id,
                voucher_id: VoucherId(voucher),
                date: d,
                payee: "支払先".into(),
                description: description.into(),
                category,
                amount: Yen(amount),
                tax: Yen(tax),
                event_id: Some(EventId(1)),
                payment_method: PaymentMethod::BankTransfer,
                receipts: vec!["a".repeat(64)],
                corrects: None,
                payment_id: None,
                subcontract_id: None,
                notes: String::new(),
                created_at: Utc.with_ymd_and_hms(2026, 7, 1, 0, 0, 0).unwrap(),
            });
            id
        }
    }

    fn staff(id: i64, person: &str, d: NaiveDate, minutes: i64, rate: i64) -> StaffTime {
        let details = StaffTimeDraft {
            person: person.into(),
            date: d,
            minutes,
            work: "事業の運営".into(),
            hourly_rate: Yen(rate),
            event_id: None,
        };
        StaffTime {
            id: StaffTimeId(id),
            cost: details.cost().unwrap(),
            details,
            voided_reason: None,
        }
    }

    #[test]
    fn the_figures_cut_every_fraction_in_one_place() {
        use ExpenseCategory::*;
        struct Case {
            name: &'static str,
            booked: Vec<CategoryAmount>,
            terms: ContractTerms,
            // (I, II, III, IV, subtotal, tax, total, remaining, ratio ‰, over half)
            expected: (i64, i64, i64, i64, i64, i64, i64, i64, i64, bool),
        }
        let cases = [
            Case {
                name: "nothing booked",
                booked: vec![],
                terms: terms(1000, 1000),
                expected: (0, 0, 0, 0, 0, 0, 0, 5_000_000, 0, false),
            },
            // (1 + 8) × 10% = 0.9 → 0.
            Case {
                name: "overhead below one yen",
                booked: amounts(&[(Personnel, 1), (Travel, 8)]),
                terms: terms(1000, 0),
                expected: (1, 8, 0, 0, 9, 0, 9, 4_999_991, 0, false),
            },
            // 865,250 × 8.25% = 71,383.125 → 71,383; subtotal 936,633 × 10% = 93,663.3 → 93,663.
            Case {
                name: "a rate with two decimals",
                booked: amounts(&[(Personnel, 500_000), (Venue, 300_000), (Printing, 65_250)]),
                terms: terms(825, 1000),
                expected: (
                    500_000, 365_250, 0, 71_383, 936_633, 93_663, 1_030_296, 3_969_704, 0, false,
                ),
            },
            // Subcontracting is outside the overhead base: (0 + 100) × 10% = 10, not (100 + 1,000) × 10%.
            Case {
                name: "overhead leaves subcontracting out",
                booked: amounts(&[(Other, 100), (Subcontract, 1_000)]),
                terms: terms(1000, 1000),
                // subtotal 1,110; tax 111; total 1,221; III with tax 1,100; 1,100 / 1,221 = 900.9‰ → 900.
                expected: (0, 100, 1_000, 10, 1_110, 111, 1_221, 4_998_779, 900, true),
            },
            // Exactly half is allowed: 5,000 of 10,000.
            Case {
                name: "exactly half",
                booked: amounts(&[(Subcontract, 5_000), (Venue, 5_000)]),
                terms: terms(0, 0),
                expected: (0, 5_000, 5_000, 0, 10_000, 0, 10_000, 4_990_000, 500, false),
            },
            // 5,005 of 10,000 is 50.05%: shown truncated as 50.0%, yet over half (exact comparison).
            Case {
                name: "just above half",
                booked: amounts(&[(Subcontract, 5_005), (Venue, 4_995)]),
                terms: terms(0, 0),
                expected: (0, 4_995, 5_005, 0, 10_000, 0, 10_000, 4_990_000, 500, true),
            },
            // Refunds count with their sign, and repeats of a category add up.
            Case {
                name: "refund lines",
                booked: amounts(&[(Venue, 300_000), (Venue, -50_000), (Travel, 20_000)]),
                terms: terms(1000, 1000),
                expected: (
                    0, 270_000, 0, 27_000, 297_000, 29_700, 326_700, 4_673_300, 0, false,
                ),
            },
            // One yen over the cap: remaining −1.
            Case {
                name: "over the cap",
                booked: amounts(&[(Venue, 4_132_232)]),
                terms: terms(1000, 1000),
                expected: (
                    0, 4_132_232, 0, 413_223, 4_545_455, 454_545, 5_000_000, 0, 0, false,
                ),
            },
            Case {
                name: "one yen over the cap",
                booked: amounts(&[(Venue, 4_132_233)]),
                terms: terms(1000, 1000),
                expected: (
                    0, 4_132_233, 0, 413_223, 4_545_456, 454_545, 5_000_001, -1, 0, false,
                ),
            },
            Case {
                name: "general admin booked is ignored",
                booked: amounts(&[(GeneralAdmin, 999), (Venue, 100)]),
                terms: terms(1000, 0),
                expected: (0, 100, 0, 10, 110, 0, 110, 4_999_890, 0, false),
            },
        ];
        for case in cases {
            let f = BudgetFigures::compute(&case.booked, &case.terms).unwrap();
            assert_eq!(
                (
                    f.personnel.0,
                    f.direct.0,
                    f.subcontract.0,
                    f.general_admin.0,
                    f.subtotal.0,
                    f.consumption_tax.0,
                    f.total.0,
                    f.remaining.0,
                    f.subcontract_ratio.0,
                    f.subcontract_over_half
                ),
                case.expected,
                "{}",
                case.name
            );
            assert_eq!(
                f.amount(GeneralAdmin),
                f.general_admin,
                "{}: IV is listed with the categories",
                case.name
            );
        }
        assert_eq!(Permille(500).to_string(), "50.0%");
        assert_eq!(Permille(661).to_string(), "66.1%");
        assert_eq!(Permille(5).to_string(), "0.5%");
    }

    /// A budget a person can check with a pencil. Contract: overhead 10%, consumption tax 10%,
    /// cap ¥5,000,000, period 2026-06-01 to 2027-02-26.
    ///
    /// I 人件費 (staff time, each line cut off to the yen):
    ///   田中 7.5 h × ¥3,000 = ¥22,500; 田中 8 h × ¥3,000 = ¥24,000;
    ///   佐藤 50 min × ¥2,345 / 60 = ¥1,954.17 → ¥1,954.            I = ¥48,454
    /// II 事業費 (without tax):
    ///   会場費 ¥300,000, then a partial refund −¥50,000 (its own line) → ¥250,000
    ///   謝金 ¥100,000; 旅費 ¥20,910 (a ¥23,000 fare less its tax ¥2,090)
    ///   消耗品費 ¥1,237; 印刷製本費 ¥45,000                         II = ¥417,147
    /// III 再委託・外注費: ¥1,100,000 with tax = ¥1,000,000 + ¥100,000  III = ¥1,000,000
    /// IV 一般管理費 = (48,454 + 417,147) × 10% = 46,560.1 → ¥46,560
    /// subtotal = 48,454 + 417,147 + 1,000,000 + 46,560 = ¥1,512,161
    /// consumption tax = 1,512,161 × 10% = 151,216.1 → ¥151,216
    /// total = 1,512,161 + 151,216 = ¥1,663,377; remaining = 5,000,000 − 1,663,377 = ¥3,336,623
    /// subcontracting with tax = 1,000,000 + 100,000 = ¥1,100,000;
    ///   1,100,000 / 1,663,377 = 0.66130… → 66.1% (truncated), above 50%: a warning.
    #[test]
    fn a_worked_example_by_hand() {
        use ExpenseCategory::*;
        let terms = ContractTerms {
            period: Some((date(6, 1), NaiveDate::from_ymd_opt(2027, 2, 26).unwrap())),
            ..ContractTerms::default()
        };
        let staff_time = [
            staff(1, "田中", date(7, 1), 450, 3_000),
            staff(2, "田中", date(7, 2), 480, 3_000),
            staff(3, "佐藤", date(7, 2), 50, 2_345),
        ];
        let mut ledger = Ledger { expenses: vec![] };
        let venue = ledger.line(1, date(7, 25), Venue, 300_000, 30_000, "会場使用料");
        ledger.line(2, date(7, 25), Honoraria, 100_000, 0, "講師謝金");
        ledger.line(2, date(7, 25), Travel, 20_910, 2_090, "講師旅費 東京⇔大阪");
        ledger.line(3, date(7, 20), Consumables, 1_237, 123, "名札ケース");
        ledger.line(4, date(7, 10), Printing, 45_000, 4_500, "チラシ印刷");
        let refund = ledger.line(5, date(8, 5), Venue, -50_000, -5_000, "会場使用料 一部返金");
        ledger.expenses[refund.0 as usize - 1].corrects = Some(venue);
        ledger.line(6, date(9, 1), Subcontract, 1_000_000, 100_000, "配信業務");
        let subcontracts = [crate::money::ledger::Subcontract {
            id: SubcontractId(1),
            details: SubcontractDraft {
                name: "配信会社".into(),
                amount_with_tax: Yen(1_100_000),
                scope: "オンライン配信".into(),
                selection: "3社相見積".into(),
                touches_core_management: false,
                date: date(9, 1),
                event_id: None,
            },
        }];
        let plan = amounts(&[
            (Personnel, 600_000),
            (Venue, 600_000),
            (Honoraria, 400_000),
            (Travel, 200_000),
            (Subcontract, 1_500_000),
        ]);
        let budget = compute_budget(BudgetInput {
            terms: &terms,
            expenses: &ledger.expenses,
            staff_time: &staff_time,
            subcontracts: &subcontracts,
            plan: &plan,
        })
        .unwrap();
        let a = &budget.actual;
        assert_eq!(a.personnel, Yen(48_454));
        assert_eq!(
            a.amount(Venue),
            Yen(250_000),
            "the refund is its own line and counts"
        );
        assert_eq!(a.direct, Yen(417_147));
        assert_eq!(a.subcontract, Yen(1_000_000));
        assert_eq!(a.general_admin, Yen(46_560));
        assert_eq!(a.subtotal, Yen(1_512_161));
        assert_eq!(a.consumption_tax, Yen(151_216));
        assert_eq!(a.total, Yen(1_663_377));
        assert_eq!(a.remaining, Yen(3_336_623));
        assert_eq!(a.subcontract_with_tax, Yen(1_100_000));
        assert_eq!(a.subcontract_ratio.to_string(), "66.1%");
        assert_eq!(a.subcontract_ratio_percent, "66.1");
        let codes: Vec<&str> = budget.warnings.iter().map(BudgetWarning::code).collect();
        assert_eq!(
            codes,
            ["budget.subcontract_over_half"],
            "nothing else is wrong with this ledger"
        );
        // The plan, with the same formula: I 600,000 + II 1,200,000 → IV 180,000; subtotal
        // 3,480,000; tax 348,000; total 3,828,000.
        let plan = budget.plan.unwrap();
        assert_eq!((plan.general_admin, plan.total), (Yen(180_000), Yen(3_828_000)));
        // By gathering: the ledger's lines are on event 1, staff time on none.
        assert_eq!(budget.by_event.len(), 2);
        assert_eq!(budget.by_event[0].event_id, Some(EventId(1)));
        assert_eq!(budget.by_event[0].total_without_tax, Yen(417_147 + 1_000_000));
        assert_eq!(
            (budget.by_event[1].event_id, budget.by_event[1].total_without_tax),
            (None, Yen(48_454))
        );
    }

    #[test]
    fn warnings_point_at_the_lines() {
        use ExpenseCategory::*;
        let terms = ContractTerms {
            period: Some((date(6, 1), date(12, 31))),
            cap: Yen(1_000_000),
            ..ContractTerms::default()
        };
        let mut ledger = Ledger { expenses: vec![] };
        let pc = ledger.line(1, date(7, 1), Equipment, 150_000, 15_000, "ノートPC購入");
        ledger.line(2, date(7, 1), Rental, 30_000, 3_000, "机・椅子レンタル"); // renting is fine
        let accident = ledger.line(3, date(7, 1), Other, 10_000, 0, "会場の事故の修理費");
        ledger.line(4, date(7, 1), Other, 5_000, 500, "PCR検査キット"); // not "PC"
        let big = ledger.line(5, date(7, 1), Consumables, 100_000, 10_000, "音響セット");
        ledger.line(6, date(7, 1), Consumables, 90_908, 9_090, "文具一式"); // ¥99,998 with tax: a consumable
        let projector = ledger.line(7, date(7, 1), Consumables, 30_000, 3_000, "小型プロジェクター");
        let late = ledger.line(8, date(5, 31), Printing, 1_000, 100, "ポスター");
        let no_receipt = ledger.line(9, date(7, 2), Travel, 2_000, 200, "タクシー");
        ledger.line(9, date(7, 2), Travel, 1_000, 100, "タクシー 帰り"); // same voucher: one warning
        ledger.expenses[no_receipt.0 as usize - 1].receipts.clear();
        ledger.expenses[no_receipt.0 as usize].receipts.clear();
        let fix = ledger.line(10, date(7, 3), Printing, -1_000, -100, "ポスター 取消");
        ledger.expenses[fix.0 as usize - 1].corrects = Some(late);
        ledger.expenses[fix.0 as usize - 1].receipts.clear(); // a correction needs no receipt of its own
        let subcontracts = [crate::money::ledger::Subcontract {
            id: SubcontractId(7),
            details: SubcontractDraft {
                name: "企画会社".into(),
                amount_with_tax: Yen(0),
                scope: "事業全体の企画".into(),
                selection: String::new(),
                touches_core_management: true,
                date: date(7, 1),
                event_id: None,
            },
        }];
        let staff_time = [staff(1, "田中", date(1, 15), 60, 10_000_000)];
        let budget = compute_budget(BudgetInput {
            terms: &terms,
            expenses: &ledger.expenses,
            staff_time: &staff_time,
            subcontracts: &subcontracts,
            plan: &[],
        })
        .unwrap();
        let found: Vec<(&str, Option<LineRef>)> = budget
            .warnings
            .iter()
            .map(|w| {
                let line = match w {
                    BudgetWarning::OutsideContractPeriod { line, .. }
                    | BudgetWarning::NotChargeable { line, .. } => Some(*line),
                    BudgetWarning::EquipmentAsConsumable { expense_id, .. }
                    | BudgetWarning::ReceiptMissing { expense_id, .. } => Some(LineRef::Expense(*expense_id)),
                    _ => None,
                };
                (w.code(), line)
            })
            .collect();
        let e = |id: ExpenseId| Some(LineRef::Expense(id));
        assert_eq!(
            found,
            vec![
                ("budget.over_cap", None),
                (
                    "budget.outside_contract_period",
                    Some(LineRef::StaffTime(StaffTimeId(1)))
                ),
                ("budget.not_chargeable", e(pc)),
                ("budget.not_chargeable", e(accident)),
                ("budget.equipment_as_consumable", e(big)),
                ("budget.equipment_as_consumable", e(projector)),
                ("budget.outside_contract_period", e(late)),
                ("budget.receipt_missing", e(no_receipt)),
                ("budget.subcontract_core_management", None),
            ]
        );
        for warning in &budget.warnings {
            assert!(!warning.message(Lang::Ja).is_empty() && !warning.message(Lang::En).is_empty());
        }
    }

    #[test]
    fn a_project_change_keeps_what_it_does_not_name() {
        let project = Project::default();
        let changed = project
            .changed(&ProjectChange {
                cap: Some(Yen(4_000_000)),
                overhead_rate: Some(Rate(850)),
                ..ProjectChange::default()
            })
            .unwrap();
        assert_eq!(
            (changed.terms.cap, changed.terms.overhead_rate),
            (Yen(4_000_000), Rate(850))
        );
        assert_eq!(changed.terms.consumption_tax_rate, DEFAULT_CONSUMPTION_TAX_RATE);
        let reversed = ProjectChange {
            period: Some(Some((date(7, 1), date(6, 30)))),
            ..ProjectChange::default()
        };
        assert!(matches!(
            project.changed(&reversed),
            Err(MoneyError::PeriodReversed { .. })
        ));
        assert!(project
            .changed(&ProjectChange {
                cap: Some(Yen(-1)),
                ..ProjectChange::default()
            })
            .is_err());
    }

    #[test]
    fn chargeable_words() {
        use ExpenseCategory::*;
        let cases = [
            (Equipment, "パソコン", Some(NotChargeableReason::OfficeEquipment)),
            (Equipment, "ＰＣ", Some(NotChargeableReason::OfficeEquipment)),
            (Other, "PC-98", Some(NotChargeableReason::OfficeEquipment)),
            (Other, "PCR", None),
            (Other, "desktop wallpaper", None),
            (Other, "office desk", Some(NotChargeableReason::OfficeEquipment)),
            (Rental, "椅子 50脚", None),
            (Venue, "会議室（机・椅子込み）", None),
            (Venue, "転倒事故の見舞金", Some(NotChargeableReason::Accident)),
            (Other, "事務所の建物修繕", Some(NotChargeableReason::Building)),
            (Printing, "チラシ", None),
        ];
        for (category, text, expected) in cases {
            assert_eq!(
                not_chargeable(category, text).map(|(r, _)| r),
                expected,
                "{category:?} {text}"
            );
        }
    }
}
