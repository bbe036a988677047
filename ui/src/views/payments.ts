// Speakers' fees and travel (謝金・旅費): payees (a speaker or another expert, a person or a
// company, with their address and bank details kept as personal data), payments with the tax
// withheld at source computed by the Rust side as the form is typed, the warnings to look at
// again, each payee's statement (支払明細, 非公表用) and receipt form, and the tax office's figures
// (the tax to pay over by month, the yearly payment-record data) written as CSV or XLSX.

import type {
  EventSummary,
  Payee,
  PayeeDraft,
  PayeeKind,
  PaymentCalculation,
  PaymentDocument,
  PaymentNotice,
  PaymentRequest,
  PaymentRecordLine,
  PaymentShown,
  Speaker,
  TaxMonth,
  TravelEntry,
  TravelPaidTo,
} from "../bindings";
import { api, ApiFailure, withReplaceConfirmation } from "../api";
import { h, mount } from "../dom";
import { lang, t } from "../i18n";
import { LABELS } from "../vocabulary";
import { confirmReplace, field, form, narrowDigits, select, showError, text, textInput } from "./forms";
import { toast } from "./toast";

// This page's own sentences (the shared ones are in i18n.ts).
const WORDS = {
  receipt: ["領収書ファイル", "Receipt file"],
  receiptPlaceholder: ["領収書のファイル（任意）", "Receipt file (optional)"],
  receiptShort: ["領収書あり", "receipt"],
  confirmTitle: ["保存する前に確認してください", "Check before saving"],
  confirmNote: [
    "この支払には次の注意があります。内容を確かめてから保存してください（保存しても注意は支払の一覧に残ります）。",
    "This payment has the warnings below. Check them before saving (they stay on the payment in the list).",
  ],
  confirmSave: ["確認のうえ保存する", "Save anyway"],
  confirmBack: ["戻って直す", "Go back and change"],
} as const;
type Word = keyof typeof WORDS;

function w(key: Word): string {
  return WORDS[key][lang() === "ja" ? 0 : 1];
}

const KINDS = Object.keys(LABELS.payeeKind) as PayeeKind[];
const PAID_TO = Object.keys(LABELS.travelPaidTo) as TravelPaidTo[];

function kindLabel(kind: PayeeKind): string {
  return LABELS.payeeKind[kind][lang() === "ja" ? 0 : 1];
}

function paidToLabel(paidTo: TravelPaidTo): string {
  return LABELS.travelPaidTo[paidTo][lang() === "ja" ? 0 : 1];
}

/** `¥1,234,567`, as on the statement. */
function yen(amount: number): string {
  return `¥${amount.toLocaleString("ja-JP")}`;
}

/** An amount as people type it (full-width digits, `¥`, `円`, commas); empty is zero. */
function amountOf(typed: string): number {
  const cleaned = narrowDigits(typed).replace(/[,\s¥￥円]/g, "");
  if (cleaned === "") return 0;
  if (!/^\d+$/.test(cleaned)) throw new ApiFailure("validation.bad_number", t("badNumber", { value: typed.trim() }));
  return Number(cleaned);
}

/** The whole page: payees, the payment form with its live figures, payments, documents, tax. */
export function paymentsPage(selectedEventId: number | null, onCancel: () => void): HTMLElement {
  const page = h("div", { class: "event-page", "data-testid": "payments-page" });
  const draw = async (editing: Payee | null) => {
    const errorBox = h("div", { class: "form-error", role: "alert", hidden: true });
    let payees: Payee[] = [];
    let payments: PaymentShown[] = [];
    let months: TaxMonth[] = [];
    let records: PaymentRecordLine[] = [];
    let events: EventSummary[] = [];
    let speakers: Speaker[] = [];
    try {
      [payees, payments, months, records, events, speakers] = await Promise.all([
        api.listPayees(),
        api.listPayments(null),
        api.taxMonths(),
        api.paymentRecords(),
        api.listEvents(),
        api.speakers(),
      ]);
    } catch (error) {
      showError(errorBox, error);
    }
    mount(
      page,
      h(
        "section",
        { class: "panel" },
        h("div", { class: "panel-head" }, h("h1", null, t("paymentsTitle"))),
        h("p", { class: "hint" }, t("paymentsNote")),
        errorBox,
        payeeTable(payees, (payee) => void draw(payee)),
      ),
      payeeForm(
        editing,
        speakers,
        async (saved, isNew) => {
          toast(t(isNew ? "payeeAdded" : "payeeSaved", { name: saved.name }));
          await draw(null);
        },
        editing ? () => void draw(null) : onCancel,
      ),
      payees.length > 0
        ? paymentForm(payees, events, selectedEventId, async (saved) => {
            toast(t("paymentAdded", { id: saved.id, name: saved.payee_name, net: yen(saved.net_paid) }));
            await draw(null);
          })
        : null,
      paymentTable(payments, () => void draw(null)),
      payees.length > 0 ? documentsPanel(payees) : null,
      taxPanel(months, records),
    );
  };
  void draw(null);
  return page;
}

function payeeTable(payees: Payee[], onEdit: (payee: Payee) => void): HTMLElement {
  if (payees.length === 0) return h("p", { class: "empty", "data-testid": "payees-empty" }, t("payeesNone"));
  return h(
    "table",
    { class: "attendees", "data-testid": "payees-table" },
    h("thead", null, h("tr", null, ["#", t("payeeName"), t("payeeKind"), t("payeeBank"), ""].map((c) => h("th", null, c)))),
    h(
      "tbody",
      null,
      payees.map((payee) =>
        h(
          "tr",
          { "data-testid": "payee-row", "data-id": payee.id },
          h("td", null, payee.id),
          h("td", { class: "name" }, payee.name),
          h("td", null, kindLabel(payee.kind)),
          h("td", null, payee.bank_account),
          h("td", null, h("button", { type: "button", "data-testid": "edit-payee", onclick: () => onEdit(payee) }, t("payeeEdit"))),
        ),
      ),
    ),
  );
}

function payeeForm(editing: Payee | null, speakers: Speaker[], onSaved: (payee: Payee, isNew: boolean) => Promise<void>, onCancel: () => void): HTMLFormElement {
  const d = editing;
  return form(
    "payee-form",
    d ? t("payeeEditTitle", { name: d.name }) : t("payeeNew"),
    [
      field(t("payeeName"), textInput("name", d?.name ?? ""), { required: true }),
      field(t("payeeKana"), textInput("kana", d?.kana ?? "")),
      field(t("payeeKind"), select<PayeeKind>("kind", d?.kind ?? "individual", KINDS, kindLabel)),
      field(
        t("payeeSpeaker"),
        select<string>("speaker_id", d?.speaker_id != null ? String(d.speaker_id) : "", ["", ...speakers.map((s) => String(s.id))], (id) =>
          id === "" ? t("payeeNoSpeaker") : (speakers.find((s) => String(s.id) === id)?.name ?? id),
        ),
      ),
      field(t("payeeAddress"), textInput("address", d?.address ?? ""), { wide: true }),
      field(t("payeeBank"), textInput("bank_account", d?.bank_account ?? ""), { wide: true }),
      field(t("payeeNotes"), textInput("notes", d?.notes ?? ""), { wide: true }),
    ],
    async (data) => {
      const draft: PayeeDraft = {
        name: text(data, "name"),
        kana: text(data, "kana"),
        kind: text(data, "kind") as PayeeKind,
        speaker_id: text(data, "speaker_id") === "" ? null : Number(text(data, "speaker_id")),
        address: text(data, "address"),
        bank_account: text(data, "bank_account"),
        notes: text(data, "notes"),
      };
      await onSaved(await api.savePayee(d ? d.id : null, draft), !d);
    },
    onCancel,
  );
}

/** One line of travel in the payment form: amount, who it was paid to, what it was, and its
 * receipt file (kept encrypted with the ledger's receipts when the payment is saved). */
function travelRow(): HTMLElement {
  const receipt = h("input", { type: "text", name: "travel_receipt", "data-testid": "travel-receipt", placeholder: w("receiptPlaceholder"), autocomplete: "off", "aria-label": w("receipt") });
  const browse = h("button", { type: "button", "data-testid": "travel-receipt-browse" }, t("browse"));
  browse.addEventListener("click", async () => {
    const chosen = await api.pickFile(["pdf", "jpg", "jpeg", "png", "heic"], "PDF / JPEG / PNG").catch(() => null);
    if (chosen) receipt.value = chosen;
  });
  const row = h(
    "div",
    { class: "inline", "data-testid": "travel-row" },
    h("input", { type: "text", name: "travel_amount", "data-testid": "travel-amount", inputmode: "numeric", placeholder: "23000", autocomplete: "off", "aria-label": t("travelAmount") }),
    select<TravelPaidTo>("travel_paid_to", "payee", PAID_TO, paidToLabel),
    h("input", { type: "text", name: "travel_description", "data-testid": "travel-description", placeholder: t("travelWhatExample"), autocomplete: "off", "aria-label": t("travelWhat") }),
    receipt,
    browse,
  );
  return row;
}

/** The warnings of a payment, each with its code, as the list and the form show them. */
function warningList(warnings: PaymentNotice[], testId: string): HTMLElement[] {
  return warnings.map((n) => h("p", { class: "duplicate-warning", "data-testid": testId, "data-code": n.code }, n.message));
}

function paymentForm(payees: Payee[], events: EventSummary[], selectedEventId: number | null, onSaved: (payment: PaymentShown) => Promise<void>): HTMLFormElement {
  const travelBox = h("div", { class: "field wide", "data-testid": "travel-lines" }, h("label", null, t("travel")), travelRow());
  const addTravel = h("button", { type: "button", "data-testid": "add-travel" }, t("travelAdd"));
  addTravel.addEventListener("click", () => {
    travelBox.insertBefore(travelRow(), addTravel);
    preview();
  });
  travelBox.appendChild(addTravel);
  const figureCell = (key: keyof PaymentCalculation) => h("td", { "data-testid": `figure-${key}` }, "—");
  const figureKeys: [keyof PaymentCalculation, string][] = [
    ["fee", t("figureFee")],
    ["consumption_tax", t("figureConsumptionTax")],
    ["reimbursed_travel", t("figureReimbursed")],
    ["gross", t("figureGross")],
    ["withholding_base", t("figureBase")],
    ["withholding", t("figureWithholding")],
    ["net_paid", t("figureNet")],
    ["direct_travel", t("figureDirect")],
  ];
  const cells = new Map(figureKeys.map(([key]) => [key, figureCell(key)]));
  const previewError = h("p", { class: "hint", "data-testid": "figures-error", hidden: true });
  const previewWarnings = h("div", { "data-testid": "preview-warnings", "aria-live": "polite" });
  const figures = h(
    "div",
    { class: "field wide", "data-testid": "payment-figures", "aria-live": "polite" },
    h("label", null, t("figuresLive")),
    h("table", { class: "attendees" }, h("tbody", null, figureKeys.map(([key, label]) => h("tr", null, h("th", null, label), cells.get(key)!)))),
    previewError,
    previewWarnings,
  );
  // Shown when the save finds warnings: nothing is saved until the person confirms.
  const confirmBox = h("div", { class: "field wide", "data-testid": "payment-confirm", role: "alertdialog", hidden: true });

  const eventOptions = events.map((e) => String(e.event.id));
  const eventSelect = select<string>("event_id", String(selectedEventId ?? events[0]?.event.id ?? ""), eventOptions, (id) => {
    const found = events.find((e) => String(e.event.id) === id);
    return found ? `${found.event.date} ${found.event.title}` : id;
  });
  const element = form(
    "payment-form",
    t("paymentNew"),
    [
      field(t("paymentPayee"), select<string>("payee_id", String(payees[0]?.id ?? ""), payees.map((p) => String(p.id)), (id) => payees.find((p) => String(p.id) === id)?.name ?? id), { required: true }),
      field(t("paymentEvent"), eventSelect, { required: true }),
      field(t("paymentDate"), textInput("paid_on", "", { placeholder: "2026-07-31" })),
      field(t("paymentFee"), textInput("fee", "", { inputmode: "numeric", placeholder: "100000" }), { required: true }),
      field(t("paymentFeeIsNet"), h("input", { type: "checkbox", name: "fee_is_net", "data-testid": "fee_is_net" })),
      field(t("paymentConsumptionTax"), textInput("consumption_tax", "", { inputmode: "numeric", placeholder: "0" })),
      field(t("paymentDeclined"), h("input", { type: "checkbox", name: "declined", "data-testid": "declined" })),
      travelBox,
      figures,
      confirmBox,
    ],
    async () => {
      const asked = request();
      // The warnings reach the person before anything is saved: with any, a confirmation.
      const checked = await api.previewPayment(asked);
      if (checked.warnings.length === 0) {
        await onSaved(await api.addPayment(asked));
        return;
      }
      askToConfirm(asked, checked.warnings);
    },
    () => element.reset(),
  );

  const askToConfirm = (asked: PaymentRequest, warnings: PaymentNotice[]) => {
    const errorBox = h("div", { class: "form-error", role: "alert", hidden: true });
    const save = h("button", { type: "button", class: "primary", "data-testid": "confirm-payment" }, w("confirmSave"));
    const back = h("button", { type: "button", "data-testid": "confirm-back" }, w("confirmBack"));
    save.addEventListener("click", async () => {
      save.disabled = true;
      try {
        const saved = await api.addPayment(asked);
        confirmBox.hidden = true;
        await onSaved(saved);
      } catch (error) {
        showError(errorBox, error);
        save.disabled = false;
      }
    });
    back.addEventListener("click", () => {
      confirmBox.hidden = true;
      element.querySelector<HTMLInputElement>("[name=fee]")?.focus();
    });
    mount(
      confirmBox,
      h("h3", null, w("confirmTitle")),
      h("p", { class: "hint" }, w("confirmNote")),
      ...warningList(warnings, "confirm-warning"),
      errorBox,
      h("div", { class: "actions" }, save, back),
    );
    confirmBox.hidden = false;
    save.focus();
  };

  /** The form as the Rust side takes it; throws on an amount that is not one. */
  const request = (): PaymentRequest => {
    const data = new FormData(element);
    const travel: TravelEntry[] = [];
    for (const row of Array.from(element.querySelectorAll<HTMLElement>("[data-testid=travel-row]"))) {
      const amountInput = row.querySelector<HTMLInputElement>("[name=travel_amount]")!;
      if (amountInput.value.trim() === "") continue;
      const what = row.querySelector<HTMLInputElement>("[name=travel_description]")!.value.trim();
      travel.push({
        description: what === "" ? t("travel") : what,
        amount: amountOf(amountInput.value),
        paid_to: row.querySelector<HTMLSelectElement>("[name=travel_paid_to]")!.value as TravelPaidTo,
        receipt_sha256: null,
        receipt_file: row.querySelector<HTMLInputElement>("[name=travel_receipt]")!.value.trim(),
      });
    }
    const eventId = text(data, "event_id");
    return {
      payee_id: Number(text(data, "payee_id")),
      event_id: eventId === "" ? null : Number(eventId),
      paid_on: text(data, "paid_on"),
      fee: amountOf(text(data, "fee")),
      fee_is_net: data.get("fee_is_net") !== null,
      consumption_tax: amountOf(text(data, "consumption_tax")),
      travel,
      declined: data.get("declined") !== null,
      notes: "",
    };
  };

  // The figures follow the typing: the Rust side computes them (the window never does).
  let asked = 0;
  const preview = () => {
    const ticket = ++asked;
    window.setTimeout(async () => {
      if (ticket !== asked) return;
      try {
        const c = await api.previewPayment(request());
        if (ticket !== asked) return;
        for (const [key, cell] of cells) cell.textContent = yen(c[key]);
        mount(previewWarnings, ...warningList(c.warnings, "preview-warning"));
        previewError.hidden = true;
      } catch (error) {
        if (ticket !== asked) return;
        for (const cell of cells.values()) cell.textContent = "—";
        mount(previewWarnings);
        previewError.textContent = error instanceof ApiFailure ? error.message : String(error);
        previewError.hidden = false;
      }
    }, 120);
  };
  element.addEventListener("input", preview);
  element.addEventListener("change", preview);
  return element;
}

function paymentTable(payments: PaymentShown[], onChanged: () => void): HTMLElement {
  const errorBox = h("div", { class: "form-error", role: "alert", hidden: true });
  const voidPayment = async (payment: PaymentShown) => {
    const reason = window.prompt(t("paymentVoidReason", { id: payment.id }));
    if (!reason) return;
    try {
      await api.voidPayment(payment.id, reason);
      toast(t("paymentVoided", { id: payment.id }));
      onChanged();
    } catch (error) {
      showError(errorBox, error);
    }
  };
  return h(
    "section",
    { class: "panel", "data-testid": "payments" },
    h("h2", null, t("paymentsList")),
    errorBox,
    payments.length === 0
      ? h("p", { class: "empty", "data-testid": "payments-empty" }, t("paymentsNone"))
      : h(
          "table",
          { class: "attendees", "data-testid": "payments-table" },
          h(
            "thead",
            null,
            h("tr", null, ["#", t("paymentDate"), t("paymentPayee"), t("paymentEvent"), t("figureGross"), t("figureWithholding"), t("figureNet"), t("paymentWarnings"), ""].map((c) => h("th", null, c))),
          ),
          h(
            "tbody",
            null,
            payments.map((p) =>
              h(
                "tr",
                { "data-testid": "payment-row", "data-id": p.id, class: p.voided_reason ? "cancelled" : null },
                h("td", null, p.id),
                h("td", null, p.paid_on),
                h("td", { class: "name" }, p.payee_name),
                h("td", null, p.event_title),
                h("td", { "data-testid": "row-gross" }, yen(p.gross)),
                h("td", { "data-testid": "row-withholding" }, yen(p.withholding)),
                h("td", { "data-testid": "row-net" }, yen(p.net_paid)),
                h(
                  "td",
                  null,
                  p.voided_reason ? t("paymentVoid", { reason: p.voided_reason }) : null,
                  p.terms.declined ? t("paymentDeclinedShort") : null,
                  p.terms.travel.some((l) => l.receipt_sha256) ? h("p", { class: "hint", "data-testid": "payment-receipt" }, w("receiptShort")) : null,
                  ...warningList(p.warnings, "payment-warning"),
                ),
                h("td", null, p.voided_reason ? null : h("button", { type: "button", "data-testid": "void-payment", onclick: () => void voidPayment(p) }, t("paymentVoidButton"))),
              ),
            ),
          ),
        ),
  );
}

/** A path field with its picker, for a file (`extensions`) or, when none, a folder. */
function pathField(id: string, labelText: string, defaultName: string, extensions: string[] | null, errorBox: HTMLElement): [HTMLElement, HTMLInputElement] {
  const input = h("input", { type: "text", id, "data-testid": id, class: "wide-input", autocomplete: "off" });
  const browse = h("button", { type: "button", "data-testid": `${id}-browse` }, t("browse"));
  browse.addEventListener("click", async () => {
    try {
      const chosen = extensions ? await api.pickSavePath(input.value || defaultName, extensions, extensions.join("/").toUpperCase()) : await api.pickFolder(input.value);
      if (chosen) input.value = chosen;
    } catch (error) {
      showError(errorBox, error);
    }
  });
  return [h("div", { class: "field wide" }, h("label", { for: id }, labelText), h("div", { class: "inline" }, input, browse)), input];
}

/** A payee's statement (非公表用) or receipt form as a PDF, in a folder or at a file. */
function documentsPanel(payees: Payee[]): HTMLElement {
  const errorBox = h("div", { class: "form-error", role: "alert", hidden: true });
  const resultBox = h("p", { class: "export-result", "data-testid": "payment-document-result", role: "status" });
  const payeeSelect = select<string>("document_payee", String(payees[0]?.id ?? ""), payees.map((p) => String(p.id)), (id) => payees.find((p) => String(p.id) === id)?.name ?? id);
  const [pathBox, input] = pathField("payment-document-path", t("paymentDocumentPath"), "", null, errorBox);
  const button = (document: PaymentDocument, testId: string, label: string) => {
    const b = h("button", { type: "button", class: "primary", "data-testid": testId }, label);
    b.addEventListener("click", async () => {
      errorBox.hidden = true;
      resultBox.textContent = "";
      try {
        const done = await withReplaceConfirmation((replace) => api.printPaymentDocument(Number(payeeSelect.value), document, input.value, replace), confirmReplace);
        if (done) resultBox.textContent = t("paymentDocumentWritten", { file: done.file });
      } catch (error) {
        showError(errorBox, error);
      }
    });
    return b;
  };
  return h(
    "section",
    { class: "panel", "data-testid": "payment-documents" },
    h("h2", null, t("paymentDocumentsTitle")),
    h("p", { class: "hint" }, t("paymentDocumentsNote")),
    errorBox,
    h("div", { class: "field" }, h("label", null, t("paymentPayee")), payeeSelect),
    pathBox,
    h("div", { class: "actions" }, button("statement", "print-statement", t("paymentStatement")), button("receipt", "print-receipt", t("paymentReceipt"))),
    resultBox,
  );
}

/** The tax to pay over by month, and the two files for the tax office. */
function taxPanel(months: TaxMonth[], records: PaymentRecordLine[]): HTMLElement {
  const errorBox = h("div", { class: "form-error", role: "alert", hidden: true });
  const resultBox = h("p", { class: "export-result", "data-testid": "tax-export-result", role: "status" });
  const [pathBox, input] = pathField("tax-export-path", t("taxExportPath"), t("taxExportFile"), ["csv", "xlsx"], errorBox);
  const exportButton = (testId: string, label: string, run: (path: string, replace: boolean) => Promise<{ file: string }>) => {
    const b = h("button", { type: "button", "data-testid": testId }, label);
    b.addEventListener("click", async () => {
      errorBox.hidden = true;
      resultBox.textContent = "";
      try {
        const done = await withReplaceConfirmation((replace) => run(input.value, replace), confirmReplace);
        if (done) resultBox.textContent = t("paymentDocumentWritten", { file: done.file });
      } catch (error) {
        showError(errorBox, error);
      }
    });
    return b;
  };
  return h(
    "section",
    { class: "panel", "data-testid": "tax-months" },
    h("h2", null, t("taxTitle")),
    h("p", { class: "hint" }, t("taxNote")),
    errorBox,
    months.length === 0
      ? h("p", { class: "empty" }, t("taxNone"))
      : h(
          "table",
          { class: "attendees", "data-testid": "tax-table" },
          h("thead", null, h("tr", null, [t("taxMonth"), t("taxPeople"), t("taxPaid"), t("taxWithheld"), t("taxDue")].map((c) => h("th", null, c)))),
          h(
            "tbody",
            null,
            months.map((m) =>
              h(
                "tr",
                { "data-testid": "tax-row" },
                h("td", null, `${m.year}-${String(m.month).padStart(2, "0")}`),
                h("td", null, m.n_payees),
                h("td", null, yen(m.total_paid)),
                h("td", { "data-testid": "tax-withheld" }, yen(m.total_withheld)),
                h("td", { "data-testid": "tax-due" }, m.due),
              ),
            ),
          ),
        ),
    records.length === 0
      ? null
      : h(
          "table",
          { class: "attendees", "data-testid": "records-table" },
          h("thead", null, h("tr", null, [t("recordsYear"), t("paymentPayee"), t("taxPaid"), t("figureWithholding"), t("recordsNeeded")].map((c) => h("th", null, c)))),
          h(
            "tbody",
            null,
            records.map((r) =>
              h(
                "tr",
                { "data-testid": "record-row" },
                h("td", null, r.year),
                h("td", { class: "name" }, r.payee_name),
                h("td", null, yen(r.total_paid)),
                h("td", null, yen(r.total_withheld)),
                h("td", { "data-testid": "record-needed" }, r.requires_record ? t("recordsYes") : t("recordsNo")),
              ),
            ),
          ),
        ),
    pathBox,
    h(
      "div",
      { class: "actions" },
      exportButton("export-tax-months", t("taxExport"), (path, replace) => api.exportTaxMonths(path, replace)),
      exportButton("export-payment-records", t("recordsExport"), (path, replace) => api.exportPaymentRecords(path, replace)),
    ),
    resultBox,
  );
}
