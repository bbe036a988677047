// The budget and the expense ledger (予算・経費): the budget table (plan, actual, remaining, the
// subcontract ratio ●●.●%) with its warnings, the expense entry form (keyboard first: Enter books,
// full-width digits read), the ledger with refunds and corrections as their own lines, staff time
// for 人件費 with the monthly sheets, subcontracts, the contract's terms and plan, and the
// settlement's documents. The figures are computed on the Rust side; this page only shows them.

import type { BudgetView, EventSummary, ExpenseCategory, LedgerLine, PaymentMethod, StaffSheet, StaffTimeLine, SubcontractLine, Yen } from "../bindings";
import { api, withReplaceConfirmation } from "../api";
import { h, mount, type Child } from "../dom";
import { lang } from "../i18n";
import { LABELS } from "../vocabulary";
import { confirmReplace, field, form, narrowDigits, select, showError, text, textInput } from "./forms";
import { toast } from "./toast";

// The page's words, Japanese and English (kept with the page so the two stay side by side).
const WORDS = {
  nav: ["予算・経費", "Budget"],
  title: ["予算・経費（精算用）", "Budget and expenses (for the settlement)"],
  note: [
    "金額は円単位で計算し、端数は切り捨てます。警告は止めません。内容を確認して判断してください。",
    "Amounts are computed in yen, fractions cut off. Warnings never block: check and decide.",
  ],
  part: ["区分", "Part"],
  category: ["費目", "Category"],
  plan: ["予算額", "Plan"],
  actual: ["実績額", "Actual"],
  remaining: ["残額", "Remaining"],
  subtotal: ["小計（Ⅰ〜Ⅳ）", "Subtotal (I–IV)"],
  tax: ["消費税", "Tax"],
  total: ["合計（税込）", "Total (with tax)"],
  cap: ["上限額（税込）", "Cap (with tax)"],
  capRemaining: ["上限までの残額", "Left under the cap"],
  ratio: ["再委託費率（税込・上限50%）", "Subcontract ratio (with tax, at most 50%)"],
  noWarnings: ["確認事項はありません。", "No warnings."],
  warnings: ["確認事項", "Warnings"],
  byEvent: ["回ごとの実績（税抜）", "Actuals by gathering (without tax)"],
  expenseNew: ["経費を計上する", "Book an expense"],
  date: ["日付", "Date"],
  amount: ["金額（税抜）", "Amount (without tax)"],
  taxAmount: ["消費税額", "Consumption tax"],
  payee: ["支払先", "Payee"],
  description: ["内容", "Description"],
  event: ["回", "Gathering"],
  wholeProject: ["事業全体", "Whole project"],
  method: ["支払方法", "Payment method"],
  receipts: ["領収書ファイル（1行に1つ）", "Receipt files (one per line)"],
  browse: ["ファイルを選ぶ…", "Choose files…"],
  tax10: ["税10%", "Tax 10%"],
  booked: ["経費を計上しました（伝票 {voucher}）。", "Booked (voucher {voucher})."],
  ledger: ["経費明細", "Ledger"],
  ledgerNone: ["経費はまだありません。", "No expenses yet."],
  no: ["番号", "No."],
  voucher: ["伝票", "Voucher"],
  withTax: ["税込", "With tax"],
  corrects: ["訂正対象", "Corrects"],
  refundTitle: ["返金・訂正（元の行は残ります）", "Refund or correct (the original line stays)"],
  line: ["対象の番号", "Line number"],
  reason: ["理由", "Reason"],
  refund: ["返金を計上", "Book a refund"],
  correct: ["取消・訂正を計上", "Book a correction"],
  newCategory: ["正しい費目（訂正のとき）", "Right category (to correct)"],
  reverseOnly: ["（取消のみ）", "(reverse only)"],
  refunded: ["返金を計上しました。", "Refund booked."],
  corrected: ["訂正を計上しました。", "Correction booked."],
  staffTitle: ["人件費（作業時間）", "Personnel (staff time)"],
  person: ["氏名", "Person"],
  hours: ["時間", "Hours"],
  rate: ["時給（円）", "Hourly rate (yen)"],
  work: ["作業内容", "Work"],
  cost: ["金額", "Cost"],
  timeAdded: ["作業時間を記録しました。", "Staff time recorded."],
  void: ["取消", "Void"],
  voidReason: ["取り消す理由を入力してください", "Why is this line void?"],
  sheets: ["月別・個人別の集計", "Monthly sheets per person"],
  subTitle: ["再委託・外注", "Subcontracts"],
  subName: ["委託先", "Supplier"],
  subAmount: ["金額（税込）", "Amount (with tax)"],
  scope: ["業務範囲", "Scope"],
  selection: ["選定方法（見積比較など）", "How chosen (quotes compared)"],
  coreManagement: ["事業の企画・中核的な管理に関わる", "Touches planning or core management"],
  subAdded: ["再委託・外注を記録しました（経費明細にも計上）。", "Subcontract recorded (and booked in the ledger)."],
  termsTitle: ["契約の条件と予算", "Contract terms and plan"],
  projectTitle: ["事業名", "Project"],
  contractNumber: ["契約番号", "Contract number"],
  contractor: ["受託者", "Contractor"],
  overhead: ["一般管理費率（%）", "Overhead rate (%)"],
  start: ["事業期間の開始", "Contract period from"],
  end: ["事業期間の終了", "Contract period to"],
  termsSaved: ["契約の条件を保存しました。", "Contract terms saved."],
  planTitle: ["予算額（費目別・税抜）", "Plan by category (without tax)"],
  planSaved: ["予算を保存しました。", "Plan saved."],
  exportTitle: ["精算書類の書き出し", "Settlement documents"],
  exportNote: [
    "書き出しは監査ログに記録されます。精算概要は全ページに「非公表用」と入ります。",
    "Exports are written to the privacy log. The summary is marked 非公表用 on every page.",
  ],
  exportFolder: ["保存先のフォルダ", "Folder"],
  exportSheet: ["予算書（Excel・千円単位）", "Budget sheet (Excel, thousands of yen)"],
  exportLedger: ["経費明細と領収書索引（Excel）", "Ledger and receipts index (Excel)"],
  exportSettlement: ["精算概要（PDF・非公表用）", "Settlement summary (PDF, 非公表用)"],
  exported: ["書き出しました: {file}", "Wrote {file}"],
  voided: ["取消済", "Void"],
  receiptCount: ["領収書", "Receipts"],
  splitTitle: ["費目を分ける（1枚の領収書を2つの費目に）", "Split over two categories (one receipt)"],
} as const;

type Word = keyof typeof WORDS;

function w(key: Word, params: Record<string, string | number> = {}): string {
  let value: string = WORDS[key][lang() === "ja" ? 0 : 1];
  for (const [name, v] of Object.entries(params)) value = value.replace(`{${name}}`, String(v));
  return value;
}

/** The word for the window's navigation. */
export function budgetNavLabel(): string {
  return w("nav");
}

const BOOKABLE = (Object.keys(LABELS.expenseCategory) as ExpenseCategory[]).filter((c) => c !== "general_admin" && c !== "subcontract");
const PLANNABLE = (Object.keys(LABELS.expenseCategory) as ExpenseCategory[]).filter((c) => c !== "general_admin");
const METHODS = Object.keys(LABELS.paymentMethod) as PaymentMethod[];

function categoryLabel(category: ExpenseCategory): string {
  return LABELS.expenseCategory[category][lang() === "ja" ? 0 : 1];
}

function methodLabel(method: PaymentMethod): string {
  return LABELS.paymentMethod[method][lang() === "ja" ? 0 : 1];
}

function yen(amount: Yen | null | undefined): string {
  if (amount === null || amount === undefined) return "—";
  const sign = amount < 0 ? "-" : "";
  return `${sign}¥${Math.abs(amount).toLocaleString("en-US")}`;
}

function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** An amount as typed: full-width digits and separators read as the Rust side reads them. */
function amountText(data: FormData, name: string): string {
  return narrowDigits(text(data, name)).trim();
}

function table(testId: string, headers: string[], rows: Child[]): HTMLTableElement {
  return h(
    "table",
    { class: "attendees", "data-testid": testId },
    h("thead", null, h("tr", null, headers.map((c) => h("th", null, c)))),
    h("tbody", null, rows),
  );
}

/** The page: everything reloads after each change, so the figures always match the ledger. */
export function budgetPage(onCancel: () => void): HTMLElement {
  const page = h("div", { class: "event-page", "data-testid": "budget-page" });
  const draw = async () => {
    const errorBox = h("div", { class: "form-error", role: "alert", hidden: true });
    let budget: BudgetView | null = null;
    let lines: LedgerLine[] = [];
    let staff: StaffTimeLine[] = [];
    let sheets: StaffSheet[] = [];
    let subcontracts: SubcontractLine[] = [];
    let events: EventSummary[] = [];
    try {
      [budget, lines, staff, sheets, subcontracts, events] = await Promise.all([
        api.budgetShow(),
        api.listExpenses(),
        api.listStaffTime(),
        api.staffSheets(),
        api.listSubcontracts(),
        api.listEvents(),
      ]);
    } catch (error) {
      showError(errorBox, error);
    }
    const focused = document.activeElement?.getAttribute("name");
    mount(
      page,
      h(
        "section",
        { class: "panel" },
        h("div", { class: "panel-head" }, h("h1", null, w("title"))),
        h("p", { class: "hint" }, w("note")),
        errorBox,
        budget ? budgetTable(budget) : null,
      ),
      expenseForm(events, draw, onCancel),
      ledgerPanel(lines),
      correctionPanel(draw),
      staffPanel(staff, sheets, events, draw),
      subcontractPanel(subcontracts, events, draw),
      budget ? termsPanel(budget, draw) : null,
      exportPanel(),
    );
    const again = focused ? page.querySelector<HTMLElement>(`[data-testid="expense-form"] [name="${focused}"]`) : null;
    (again ?? page.querySelector<HTMLElement>("[autofocus]"))?.focus();
  };
  void draw();
  return page;
}

function budgetTable(b: BudgetView): HTMLElement {
  const plan = b.plan;
  const rows: Child[] = b.rows.map((r) =>
    h(
      "tr",
      { "data-testid": "budget-row", "data-category": r.category },
      h("td", null, r.part),
      h("td", { class: "name" }, r.label),
      h("td", { class: "nowrap" }, yen(r.plan)),
      h("td", { class: "nowrap", "data-testid": "budget-actual" }, yen(r.actual)),
      h("td", { class: "nowrap" }, yen(r.remaining)),
    ),
  );
  const total = (testId: string, label: string, planned: Yen | null, actual: Yen) =>
    h(
      "tr",
      { "data-testid": testId },
      h("td", { colspan: 2, class: "name" }, label),
      h("td", { class: "nowrap" }, yen(planned)),
      h("td", { class: "nowrap", "data-testid": `${testId}-actual` }, yen(actual)),
      h("td", { class: "nowrap" }, planned === null ? "—" : yen(planned - actual)),
    );
  rows.push(
    total("budget-subtotal", w("subtotal"), plan?.subtotal ?? null, b.subtotal),
    total("budget-tax", w("tax"), plan?.consumption_tax ?? null, b.consumption_tax),
    total("budget-total", w("total"), plan?.total ?? null, b.total),
  );
  return h(
    "div",
    null,
    table("budget-table", [w("part"), w("category"), w("plan"), w("actual"), w("remaining")], rows),
    table(
      "budget-facts",
      [w("cap"), w("capRemaining"), w("ratio")],
      [
        h(
          "tr",
          null,
          h("td", { class: "nowrap", "data-testid": "budget-cap" }, yen(b.cap)),
          h("td", { class: "nowrap", "data-testid": "budget-remaining", style: b.remaining < 0 ? "color: var(--error); font-weight: 600" : null }, yen(b.remaining)),
          h(
            "td",
            {
              class: "nowrap",
              "data-testid": "subcontract-ratio",
              "data-over-half": b.subcontract_over_half ? "true" : "false",
              style: b.subcontract_over_half ? "color: var(--error); font-weight: 600" : "font-weight: 600",
            },
            `${b.subcontract_ratio_percent}%`,
          ),
        ),
      ],
    ),
    b.by_event.length
      ? h(
          "div",
          null,
          h("h3", null, w("byEvent")),
          table("budget-by-event", [w("event"), w("actual")], b.by_event.map((e) => h("tr", null, h("td", null, e.title), h("td", { class: "nowrap" }, yen(e.total_without_tax))))),
        )
      : null,
    h("h3", null, w("warnings")),
    b.warnings.length === 0
      ? h("p", { class: "empty", "data-testid": "budget-no-warnings" }, w("noWarnings"))
      : h(
          "ul",
          { class: "form-error", role: "status", "data-testid": "budget-warnings" },
          b.warnings.map((x) => h("li", { "data-code": x.code }, x.message)),
        ),
  );
}

function eventChoices(events: EventSummary[]): string[] {
  return ["", ...events.map((e) => String(e.event.id))];
}

function eventLabel(events: EventSummary[]) {
  return (id: string) => (id === "" ? w("wholeProject") : events.find((e) => String(e.event.id) === id)?.event.title ?? id);
}

function eventOf(data: FormData, name = "event_id"): number | null {
  const value = text(data, name);
  return value === "" ? null : Number(value);
}

function expenseForm(events: EventSummary[], reload: () => Promise<void>, onCancel: () => void): HTMLFormElement {
  const receipts = h("textarea", { name: "receipts", "data-testid": "receipts", rows: 2, class: "minutes-text" });
  const browse = h("button", { type: "button", "data-testid": "receipts-browse" }, w("browse"));
  browse.addEventListener("click", async () => {
    const chosen = await api.pickFiles(["pdf", "jpg", "jpeg", "png", "heic"], "PDF / JPEG / PNG").catch(() => []);
    if (chosen.length) receipts.value = [receipts.value.trim(), ...chosen].filter(Boolean).join("\n");
  });
  const amount = textInput("amount", "", { inputmode: "numeric", placeholder: "300000" });
  const tax = textInput("tax", "", { inputmode: "numeric", placeholder: "30000" });
  const tax10 = h("button", { type: "button", "data-testid": "tax-10" }, w("tax10"));
  tax10.addEventListener("click", () => {
    const value = Number(narrowDigits(amount.value).replace(/[,\s¥]/g, ""));
    if (Number.isFinite(value)) tax.value = String(Math.floor(value / 10));
  });
  return form(
    "expense-form",
    w("expenseNew"),
    [
      field(w("date"), textInput("date", today(), { placeholder: "2026-07-25", autofocus: "" }), { required: true }),
      field(w("category"), select<ExpenseCategory>("category", "venue", BOOKABLE, categoryLabel)),
      field(w("amount"), amount, { required: true }),
      field(w("taxAmount"), h("div", { class: "inline" }, tax, tax10)),
      field(w("payee"), textInput("payee", "")),
      field(w("description"), textInput("description", ""), { required: true }),
      field(w("event"), select<string>("event_id", "", eventChoices(events), eventLabel(events))),
      field(w("method"), select<PaymentMethod>("payment_method", "bank_transfer", METHODS, methodLabel)),
      field(w("receipts"), h("div", { class: "inline" }, receipts, browse), { wide: true }),
      h(
        "details",
        { class: "field wide", "data-testid": "split" },
        h("summary", null, w("splitTitle")),
        h(
          "div",
          { class: "fields" },
          field(w("category"), select<ExpenseCategory>("category2", "consumables", BOOKABLE, categoryLabel)),
          field(w("amount"), textInput("amount2", "", { inputmode: "numeric" })),
          field(w("taxAmount"), textInput("tax2", "", { inputmode: "numeric" })),
          field(w("description"), textInput("description2", "")),
        ),
      ),
    ],
    async (data) => {
      const booked = await api.addExpense({
        date: narrowDigits(text(data, "date")),
        payee: text(data, "payee"),
        description: text(data, "description"),
        event_id: eventOf(data),
        payment_method: text(data, "payment_method") as PaymentMethod,
        lines: [
          { category: text(data, "category") as ExpenseCategory, description: "", amount: amountText(data, "amount"), tax: amountText(data, "tax") },
          ...(amountText(data, "amount2")
            ? [{ category: text(data, "category2") as ExpenseCategory, description: text(data, "description2"), amount: amountText(data, "amount2"), tax: amountText(data, "tax2") }]
            : []),
        ],
        receipts: text(data, "receipts")
          .split("\n")
          .map((p) => p.trim())
          .filter(Boolean),
        notes: "",
      });
      toast(w("booked", { voucher: booked[0]?.voucher_id ?? "" }));
      await reload();
    },
    onCancel,
  );
}

function ledgerPanel(lines: LedgerLine[]): HTMLElement {
  return h(
    "section",
    { class: "panel" },
    h("h2", null, w("ledger")),
    lines.length === 0
      ? h("p", { class: "empty" }, w("ledgerNone"))
      : table(
          "ledger-table",
          [w("no"), w("voucher"), w("date"), w("category"), w("payee"), w("description"), w("amount"), w("tax"), w("withTax"), w("corrects"), w("receiptCount")],
          lines.map((l) =>
            h(
              "tr",
              { "data-testid": "ledger-row", "data-id": l.id },
              h("td", null, l.id),
              h("td", null, l.voucher_id),
              h("td", { class: "nowrap" }, l.date),
              h("td", { class: "nowrap" }, categoryLabel(l.category)),
              h("td", { class: "nowrap" }, l.payee),
              h("td", { class: "name" }, l.description),
              h("td", { class: "nowrap" }, yen(l.amount)),
              h("td", { class: "nowrap" }, yen(l.tax)),
              h("td", { class: "nowrap" }, yen(l.amount_with_tax)),
              h("td", null, l.corrects ?? ""),
              h("td", null, l.receipts.length || ""),
            ),
          ),
        ),
  );
}

function correctionPanel(reload: () => Promise<void>): HTMLElement {
  const errorBox = h("div", { class: "form-error", role: "alert", hidden: true });
  const id = textInput("fix_id", "", { inputmode: "numeric" });
  const date = textInput("fix_date", today());
  const amount = textInput("fix_amount", "", { inputmode: "numeric" });
  const tax = textInput("fix_tax", "", { inputmode: "numeric" });
  const reason = textInput("fix_reason", "");
  const category = select<string>("fix_category", "", ["", ...BOOKABLE], (c) => (c === "" ? w("reverseOnly") : categoryLabel(c as ExpenseCategory)));
  const run = async (kind: "refund" | "correct") => {
    errorBox.hidden = true;
    try {
      const expenseId = Number(narrowDigits(id.value).trim());
      if (kind === "refund") {
        await api.refundExpense({ expense_id: expenseId, date: narrowDigits(date.value), amount: narrowDigits(amount.value), tax: narrowDigits(tax.value), reason: reason.value, receipts: [] });
        toast(w("refunded"));
      } else {
        const replacement = category.value
          ? { category: category.value as ExpenseCategory, description: "", amount: narrowDigits(amount.value), tax: narrowDigits(tax.value) }
          : null;
        await api.correctExpense({ expense_id: expenseId, date: narrowDigits(date.value), reason: reason.value, replacement });
        toast(w("corrected"));
      }
      await reload();
    } catch (error) {
      showError(errorBox, error);
    }
  };
  return h(
    "section",
    { class: "panel form", "data-testid": "correction-panel" },
    h("h2", null, w("refundTitle")),
    errorBox,
    h(
      "div",
      { class: "fields" },
      field(w("line"), id, { required: true }),
      field(w("date"), date),
      field(w("amount"), amount),
      field(w("taxAmount"), tax),
      field(w("reason"), reason, { required: true }),
      field(w("newCategory"), category),
    ),
    h(
      "div",
      { class: "actions" },
      h("button", { type: "button", "data-testid": "book-refund", onclick: () => void run("refund") }, w("refund")),
      h("button", { type: "button", "data-testid": "book-correction", onclick: () => void run("correct") }, w("correct")),
    ),
  );
}

function staffPanel(staff: StaffTimeLine[], sheets: StaffSheet[], events: EventSummary[], reload: () => Promise<void>): HTMLElement {
  const errorBox = h("div", { class: "form-error", role: "alert", hidden: true });
  const voidLine = async (line: StaffTimeLine) => {
    const reason = window.prompt(w("voidReason"));
    if (!reason) return;
    try {
      await api.voidStaffTime(line.id, reason);
      await reload();
    } catch (error) {
      showError(errorBox, error);
    }
  };
  return h(
    "section",
    { class: "panel" },
    h("h2", null, w("staffTitle")),
    errorBox,
    form(
      "staff-form",
      "",
      [
        field(w("person"), textInput("staff_person", ""), { required: true }),
        field(w("date"), textInput("staff_date", today()), { required: true }),
        field(w("hours"), textInput("staff_hours", "", { placeholder: "7.5" }), { required: true }),
        field(w("rate"), textInput("staff_rate", "", { inputmode: "numeric", placeholder: "3000" }), { required: true }),
        field(w("work"), textInput("staff_work", "")),
        field(w("event"), select<string>("staff_event", "", eventChoices(events), eventLabel(events))),
      ],
      async (data) => {
        await api.addStaffTime({
          person: text(data, "staff_person"),
          date: narrowDigits(text(data, "staff_date")),
          hours: narrowDigits(text(data, "staff_hours")),
          rate: amountText(data, "staff_rate"),
          work: text(data, "staff_work"),
          event_id: eventOf(data, "staff_event"),
        });
        toast(w("timeAdded"));
        await reload();
      },
      () => undefined,
    ),
    staff.length
      ? table(
          "staff-table",
          [w("no"), w("person"), w("date"), w("hours"), w("rate"), w("cost"), w("work"), ""],
          staff.map((l) =>
            h(
              "tr",
              { "data-testid": "staff-row", class: l.voided_reason ? "cancelled" : "" },
              h("td", null, l.id),
              h("td", { class: "name" }, l.person),
              h("td", { class: "nowrap" }, l.date),
              h("td", null, l.hours),
              h("td", { class: "nowrap" }, yen(l.hourly_rate)),
              h("td", { class: "nowrap" }, yen(l.cost)),
              h("td", null, l.voided_reason ? `${l.work}（${w("voided")}: ${l.voided_reason}）` : l.work),
              h("td", null, l.voided_reason ? null : h("button", { type: "button", onclick: () => void voidLine(l) }, w("void"))),
            ),
          ),
        )
      : null,
    sheets.length
      ? h(
          "div",
          null,
          h("h3", null, w("sheets")),
          table(
            "staff-sheets",
            [w("person"), w("date"), w("hours"), w("cost")],
            sheets.map((s) => h("tr", null, h("td", { class: "name" }, s.person), h("td", null, s.month), h("td", null, s.hours), h("td", { class: "nowrap" }, yen(s.cost)))),
          ),
        )
      : null,
  );
}

function subcontractPanel(list: SubcontractLine[], events: EventSummary[], reload: () => Promise<void>): HTMLElement {
  return h(
    "section",
    { class: "panel" },
    h("h2", null, w("subTitle")),
    form(
      "subcontract-form",
      "",
      [
        field(w("subName"), textInput("sub_name", ""), { required: true }),
        field(w("subAmount"), textInput("amount_with_tax", "", { inputmode: "numeric" }), { required: true }),
        field(w("scope"), textInput("sub_scope", ""), { required: true }),
        field(w("selection"), textInput("sub_selection", "")),
        field(w("date"), textInput("sub_date", today())),
        field(w("event"), select<string>("sub_event", "", eventChoices(events), eventLabel(events))),
        h("label", { class: "checkbox wide" }, h("input", { type: "checkbox", name: "core", "data-testid": "core" }), ` ${w("coreManagement")}`),
      ],
      async (data) => {
        await api.addSubcontract({
          name: text(data, "sub_name"),
          amount_with_tax: amountText(data, "amount_with_tax"),
          scope: text(data, "sub_scope"),
          selection: text(data, "sub_selection"),
          touches_core_management: data.get("core") !== null,
          date: narrowDigits(text(data, "sub_date")),
          event_id: eventOf(data, "sub_event"),
        });
        toast(w("subAdded"));
        await reload();
      },
      () => undefined,
    ),
    list.length
      ? table(
          "subcontract-table",
          [w("no"), w("date"), w("subName"), w("subAmount"), w("scope"), w("selection")],
          list.map((s) =>
            h(
              "tr",
              null,
              h("td", null, s.id),
              h("td", { class: "nowrap" }, s.date),
              h("td", { class: "name" }, s.name),
              h("td", { class: "nowrap" }, yen(s.amount_with_tax)),
              h("td", null, s.touches_core_management ? `⚠ ${s.scope}` : s.scope),
              h("td", null, s.selection),
            ),
          ),
        )
      : null,
  );
}

function termsPanel(b: BudgetView, reload: () => Promise<void>): HTMLElement {
  const p = b.project;
  const planOf = (c: ExpenseCategory) => b.rows.find((r) => r.category === c)?.plan ?? null;
  return h(
    "section",
    { class: "panel" },
    h("h2", null, w("termsTitle")),
    form(
      "terms-form",
      "",
      [
        field(w("projectTitle"), textInput("title", p.title)),
        field(w("contractNumber"), textInput("contract_number", p.contract_number)),
        field(w("contractor"), textInput("contractor", p.contractor)),
        field(w("cap"), textInput("cap", String(p.cap), { inputmode: "numeric" })),
        field(w("overhead"), textInput("overhead_rate", p.overhead_rate.replace("%", ""))),
        field(w("start"), textInput("start", p.period_start ?? "", { placeholder: "2026-04-01" })),
        field(w("end"), textInput("end", p.period_end ?? "", { placeholder: "2027-03-31" })),
      ],
      async (data) => {
        const optional = (name: string) => narrowDigits(text(data, name)).trim() || null;
        await api.setProject({
          title: text(data, "title"),
          contract_number: text(data, "contract_number"),
          bureau_section: null,
          contractor: text(data, "contractor"),
          cap: optional("cap"),
          overhead_rate: optional("overhead_rate"),
          consumption_tax_rate: null,
          start: optional("start"),
          end: optional("end"),
        });
        toast(w("termsSaved"));
        await reload();
      },
      () => undefined,
    ),
    form(
      "plan-form",
      w("planTitle"),
      PLANNABLE.map((c) => field(categoryLabel(c), textInput(`plan_${c}`, planOf(c) === null ? "" : String(planOf(c)), { inputmode: "numeric" }))),
      async (data) => {
        await api.setBudgetPlan(PLANNABLE.map((c) => ({ category: c, amount: amountText(data, `plan_${c}`) })));
        toast(w("planSaved"));
        await reload();
      },
      () => undefined,
    ),
  );
}

function exportPanel(): HTMLElement {
  const errorBox = h("div", { class: "form-error", role: "alert", hidden: true });
  const resultBox = h("p", { class: "export-result", "data-testid": "budget-export-result", role: "status" });
  const input = h("input", { type: "text", id: "budget-export-dir", "data-testid": "budget-export-dir", class: "wide-input", autocomplete: "off" });
  const browse = h("button", { type: "button" }, w("browse"));
  browse.addEventListener("click", async () => {
    const chosen = await api.pickFolder(input.value).catch(() => null);
    if (chosen) input.value = chosen;
  });
  const button = (what: "sheet" | "ledger" | "settlement", label: Word) =>
    h(
      "button",
      {
        type: "button",
        "data-testid": `export-${what}`,
        onclick: async () => {
          errorBox.hidden = true;
          resultBox.textContent = "";
          try {
            const done = await withReplaceConfirmation((replace) => api.exportBudget(what, input.value, replace), confirmReplace);
            if (done) resultBox.textContent = w("exported", { file: done.file });
          } catch (error) {
            showError(errorBox, error);
          }
        },
      },
      w(label),
    );
  return h(
    "section",
    { class: "panel", "data-testid": "budget-export" },
    h("h2", null, w("exportTitle")),
    h("p", { class: "hint" }, w("exportNote")),
    errorBox,
    h("div", { class: "field wide" }, h("label", { for: "budget-export-dir" }, w("exportFolder")), h("div", { class: "inline" }, input, browse)),
    h("div", { class: "actions" }, button("sheet", "exportSheet"), button("ledger", "exportLedger"), button("settlement", "exportSettlement")),
    resultBox,
  );
}
