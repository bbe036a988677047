// Files in and out of an event: registrations from a form export, online attendance from a
// Teams or Zoom report, and the attendance file for the bureau. Every import is previewed (a dry
// run that changes nothing) before it is applied.

import type {
  AttendanceSummary,
  Category,
  ColumnMapping,
  CsvEncoding,
  Event,
  ExportFormat,
  Field,
  OnlineAttendanceImport,
  RegistrationOutcome,
  RegistrationRequest,
} from "../bindings";
import { api, withReplaceConfirmation } from "../api";
import { h, mount } from "../dom";
import { choices, label, lang, t, type Key } from "../i18n";
import { confirmReplace, showError } from "./forms";
import { toast } from "./toast";

export interface Panel {
  element: HTMLElement;
  toggle: () => void;
}

const FIELDS: Field[] = [
  "name",
  "family_name",
  "given_name",
  "kana",
  "family_kana",
  "given_kana",
  "organization",
  "title",
  "email",
  "phone",
  "category",
  "mode",
  "consent",
  "answered_at",
];

/** A path typed or picked: the input, and a button that opens the system's dialog. */
function pathField(testId: string, labelKey: Key, pick: (current: string) => Promise<string | null>, errorBox: HTMLElement) {
  const input = h("input", { type: "text", name: testId, id: testId, "data-testid": testId, class: "wide-input", autocomplete: "off" });
  const element = h(
    "div",
    { class: "field wide" },
    h("label", { for: testId }, t(labelKey)),
    h(
      "div",
      { class: "inline" },
      input,
      h(
        "button",
        {
          type: "button",
          "data-testid": `${testId}-browse`,
          onclick: async () => {
            const chosen = await pick(input.value).catch((error) => {
              showError(errorBox, error);
              return null;
            });
            if (chosen) input.value = chosen;
          },
        },
        t("browse"),
      ),
    ),
  );
  return { element, input };
}

function panelShell(testId: string, title: Key, note: Key, ...children: (HTMLElement | null)[]): HTMLElement {
  return h("section", { class: "panel form", "data-testid": testId, hidden: true }, h("h2", null, t(title)), h("p", { class: "hint" }, t(note)), ...children);
}

function toggler(element: HTMLElement, focus: HTMLElement, onOpen?: () => void): () => void {
  return () => {
    element.hidden = !element.hidden;
    if (!element.hidden) {
      onOpen?.();
      focus.focus();
    }
  };
}

/** Registrations from a CSV or Excel file: choose, preview (mapping, categories, problems), import. */
export function registrationImportPanel(event: Event, onImported: () => Promise<void>): Panel {
  const errorBox = h("div", { class: "form-error", role: "alert", hidden: true });
  const path = pathField("import-path", "importFile", () => api.pickFile(["csv", "txt", "tsv", "xlsx", "xls"], t("spreadsheetFiles")), errorBox);
  const previewArea = h("div", { class: "import-preview", "data-testid": "import-preview-area" });
  let request: RegistrationRequest = { mapping: null, category_choices: {}, dry_run: true };

  async function preview(): Promise<void> {
    errorBox.hidden = true;
    try {
      const outcome = await api.previewRegistrationImport(event.id, path.input.value, request);
      request = { ...request, mapping: outcome.mapping };
      mount(previewArea, previewOf(outcome));
    } catch (error) {
      mount(previewArea);
      showError(errorBox, error);
    }
  }

  async function apply(button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    errorBox.hidden = true;
    try {
      const done = await api.importRegistrations(event.id, path.input.value, { ...request, dry_run: false });
      toast(t("importDone", { imported: done.imported, updated: done.updated, skipped: done.skipped.length }));
      await onImported();
    } catch (error) {
      showError(errorBox, error);
      button.disabled = false;
    }
  }

  function previewOf(outcome: RegistrationOutcome): HTMLElement {
    const format = outcome.format.kind === "csv" ? `CSV・${encodingLabel(outcome.format.encoding)}` : "Excel";
    const mappingTable = h(
      "table",
      { class: "list mapping", "data-testid": "import-mapping" },
      h("thead", null, h("tr", null, h("th", null, t("fileColumn")), h("th", null, t("firstRow")), h("th", null, t("importAs")))),
      h(
        "tbody",
        null,
        outcome.headers.map((header, column) =>
          h(
            "tr",
            null,
            h("td", null, header),
            h("td", { class: "sample" }, outcome.sample[0]?.[column] ?? ""),
            h(
              "td",
              null,
              h(
                "select",
                {
                  "data-testid": `map-${column}`,
                  "aria-label": header,
                  onchange: (e: globalThis.Event) => {
                    const value = (e.target as HTMLSelectElement).value;
                    const mapping: ColumnMapping = [...outcome.mapping];
                    const chosen = value === "" ? null : (value as Field);
                    // A field belongs to one column: choosing it here takes it from any other.
                    for (let i = 0; i < mapping.length; i++) if (chosen && mapping[i] === chosen) mapping[i] = null;
                    mapping[column] = chosen;
                    request = { ...request, mapping };
                    void preview();
                  },
                },
                h("option", { value: "", selected: outcome.mapping[column] === null }, t("doNotImport")),
                FIELDS.map((f) => h("option", { value: f, selected: outcome.mapping[column] === f }, t(`field_${f}` as Key))),
              ),
            ),
          ),
        ),
      ),
    );
    // Words no rule knows, and the ones the person already decided (so a decision can change).
    const words = [
      ...outcome.unmatched_categories.map((u) => ({ word: u.word, note: t("rowsCount", { n: u.rows.length }) })),
      ...Object.keys(request.category_choices)
        .filter((word) => !outcome.unmatched_categories.some((u) => u.word === word))
        .map((word) => ({ word, note: t("decided") })),
    ];
    const categories = words.length
      ? h(
          "div",
          { class: "unmatched-categories", "data-testid": "unmatched-categories" },
          h("h3", null, t("unmatchedCategories")),
          words.map((u) =>
            h(
              "label",
              { class: "inline" },
              `「${u.word}」（${u.note}） → `,
              h(
                "select",
                {
                  "data-testid": "category-choice",
                  onchange: (e: globalThis.Event) => {
                    const value = (e.target as HTMLSelectElement).value as Category;
                    request = { ...request, category_choices: { ...request.category_choices, [u.word]: value } };
                    void preview();
                  },
                },
                // No category is preselected: a guess such as その他 would seat an official among
                // the public. The import waits until each word has a person's decision.
                h("option", { value: "", disabled: true, selected: request.category_choices[u.word] === undefined }, t("chooseCategory")),
                choices.category.map((c) => h("option", { value: c, selected: c === request.category_choices[u.word] }, label.category(c))),
              ),
            ),
          ),
        )
      : null;
    const issues = [
      ...outcome.skipped.map((s) => ({ row: s.row, text: `${t("leftOut")}: ${s.reason}` })),
      ...outcome.warnings.map((w) => ({ row: w.row, text: w.message })),
    ].sort((a, b) => a.row - b.row);
    const undecided = outcome.unmatched_categories.length;
    const applyButton = h("button", { type: "button", class: "primary", "data-testid": "import-apply", disabled: undecided > 0 }, t("importNow"));
    applyButton.addEventListener("click", () => void apply(applyButton));
    return h(
      "div",
      null,
      h("p", { class: "file-facts", "data-testid": "import-facts" }, t("importFacts", { format, header: outcome.header_row, rows: outcome.n_rows })),
      mappingTable,
      categories,
      h(
        "p",
        { class: "import-plan", "data-testid": "import-plan", role: "status" },
        t("importPlan", {
          imported: outcome.imported,
          waitlisted: outcome.waitlisted,
          merged: outcome.merged,
          updated: outcome.updated,
          unchanged: outcome.unchanged,
          skipped: outcome.skipped.length,
          warnings: outcome.warnings.length,
        }),
      ),
      issues.length
        ? h(
            "table",
            { class: "list", "data-testid": "import-issues" },
            h("thead", null, h("tr", null, h("th", null, t("row")), h("th", null, t("what")))),
            h("tbody", null, issues.map((i) => h("tr", null, h("td", null, String(i.row)), h("td", null, i.text)))),
          )
        : null,
      h(
        "div",
        { class: "actions" },
        applyButton,
        undecided > 0 ? h("span", { class: "hint", "data-testid": "import-undecided" }, t("decideCategoriesFirst", { n: undecided })) : null,
      ),
    );
  }

  const previewButton = h("button", { type: "button", "data-testid": "import-preview", onclick: () => void preview() }, t("readFile"));
  path.input.addEventListener("keydown", (e: KeyboardEvent) => {
    if (e.key === "Enter") {
      e.preventDefault();
      void preview();
    }
  });
  const element = panelShell("import-panel", "importTitle", "importNote", errorBox, path.element, h("div", { class: "actions" }, previewButton), previewArea);
  return { element, toggle: toggler(element, path.input) };
}

function encodingLabel(encoding: string): string {
  return ({ utf8: "UTF-8", utf8_bom: "UTF-8 (BOM)", utf16_le: "UTF-16", utf16_be: "UTF-16", cp932: "Shift_JIS" } as Record<string, string>)[encoding] ?? encoding;
}

/** Online attendance from a Teams or Zoom report: read, check the matches, mark. */
export function onlineImportPanel(event: Event, onImported: () => Promise<void>): Panel {
  const errorBox = h("div", { class: "form-error", role: "alert", hidden: true });
  const path = pathField("online-path", "onlineFile", () => api.pickFile(["csv", "txt", "tsv", "xlsx"], t("spreadsheetFiles")), errorBox);
  const resultArea = h("div", { "data-testid": "online-preview-area" });

  function resultOf(outcome: OnlineAttendanceImport): HTMLElement {
    const applyButton = h("button", { type: "button", class: "primary", "data-testid": "online-apply" }, t("markAttended"));
    applyButton.addEventListener("click", async () => {
      applyButton.disabled = true;
      try {
        const done = await api.importOnlineAttendance(event.id, path.input.value, false);
        toast(t("onlineDone", { n: done.matched.length, unmatched: done.unmatched.length }));
        await onImported();
      } catch (error) {
        showError(errorBox, error);
        applyButton.disabled = false;
      }
    });
    return h(
      "div",
      null,
      h("p", { "data-testid": "online-plan", role: "status" }, t("onlinePlan", { source: outcome.source, n: outcome.matched.length, fresh: outcome.newly_attended, unmatched: outcome.unmatched.length })),
      outcome.unmatched.length
        ? h(
            "table",
            { class: "list", "data-testid": "online-unmatched" },
            h("caption", null, t("onlineUnmatched")),
            h("thead", null, h("tr", null, h("th", null, t("row")), h("th", null, t("name")), h("th", null, t("email")), h("th", null, t("role")))),
            h(
              "tbody",
              null,
              outcome.unmatched.map((p) =>
                h("tr", null, h("td", null, String(p.row)), h("td", null, p.name + (p.ambiguous ? ` ${t("ambiguous")}` : "")), h("td", null, p.email ?? ""), h("td", null, p.role ?? "")),
              ),
            ),
          )
        : null,
      h("div", { class: "actions" }, applyButton),
    );
  }

  async function preview(): Promise<void> {
    errorBox.hidden = true;
    try {
      mount(resultArea, resultOf(await api.importOnlineAttendance(event.id, path.input.value, true)));
    } catch (error) {
      mount(resultArea);
      showError(errorBox, error);
    }
  }
  const previewButton = h("button", { type: "button", "data-testid": "online-preview", onclick: () => void preview() }, t("readFile"));
  const element = panelShell("online-panel", "onlineTitle", "onlineNote", errorBox, path.element, h("div", { class: "actions" }, previewButton), resultArea);
  return { element, toggle: toggler(element, path.input) };
}

/** The attendance file for the bureau: XLSX or CSV (UTF-8 or Shift_JIS), logged. */
export function attendanceExportPanel(event: Event, defaultDir: () => Promise<string>): Panel {
  const errorBox = h("div", { class: "form-error", role: "alert", "data-testid": "attendance-error", hidden: true });
  const formatSelect = h(
    "select",
    { "data-testid": "attendance-format", name: "attendance-format" },
    h("option", { value: "xlsx" }, "Excel (.xlsx)"),
    h("option", { value: "csv" }, "CSV"),
  );
  const encodingSelect = h(
    "select",
    { "data-testid": "attendance-encoding", name: "attendance-encoding" },
    h("option", { value: "utf8" }, t("encodingUtf8")),
    h("option", { value: "cp932" }, t("encodingCp932")),
  );
  const contact = h("input", { type: "checkbox", "data-testid": "attendance-contact" });
  const substitute = h("input", { type: "checkbox", "data-testid": "attendance-substitute" });
  const notAttending = h("input", { type: "checkbox", "data-testid": "attendance-not-attending" });
  const extension = () => (formatSelect.value === "xlsx" ? "xlsx" : "csv");
  const path = pathField("attendance-path", "exportFile", (current) => api.pickSavePath(current, [extension()], extension().toUpperCase()), errorBox);
  formatSelect.addEventListener("change", () => {
    path.input.value = path.input.value.replace(/\.(csv|xlsx)$/i, `.${extension()}`);
    encodingSelect.disabled = extension() !== "csv";
  });
  encodingSelect.disabled = true;
  const resultBox = h("div", { "data-testid": "attendance-result", role: "status" });
  const submit = h("button", { type: "button", class: "primary", "data-testid": "attendance-export-now" }, t("exportNow"));
  submit.addEventListener("click", async () => {
    submit.disabled = true;
    errorBox.hidden = true;
    try {
      const done = await withReplaceConfirmation(
        (replace) =>
          api.exportAttendance(event.id, path.input.value, {
            format: formatSelect.value as ExportFormat,
            encoding: encodingSelect.value as CsvEncoding,
            include_contact: contact.checked,
            substitute_unencodable: substitute.checked,
            replace,
            include_not_attending: notAttending.checked,
          }),
        confirmReplace,
      );
      if (!done) return;
      mount(
        resultBox,
        h("p", { class: "export-result" }, t("attendanceExported", { n: done.n_people, file: done.file })),
        done.substituted.length ? h("p", { class: "hint" }, t("substituted", { n: done.substituted.length, chars: done.substituted.map((c) => c.character).join(" ") })) : null,
        summaryTable(done.summary),
      );
    } catch (error) {
      showError(errorBox, error);
    } finally {
      submit.disabled = false;
    }
  });
  const element = panelShell(
    "attendance-panel",
    "attendanceTitle",
    "attendanceNote",
    errorBox,
    h("div", { class: "field" }, h("label", null, t("fileFormat"), " ", formatSelect)),
    h("div", { class: "field" }, h("label", null, t("csvEncoding"), " ", encodingSelect)),
    path.element,
    h("label", { class: "inline" }, contact, ` ${t("includeContact")}`),
    h("label", { class: "inline" }, substitute, ` ${t("allowSubstitute")}`),
    h("label", { class: "inline" }, notAttending, ` ${t("includeNotAttending")}`),
    h("div", { class: "actions" }, submit),
    resultBox,
  );
  return {
    element,
    toggle: toggler(element, path.input, async () => {
      if (path.input.value === "") {
        const dir = await defaultDir().catch(() => "");
        if (dir) path.input.value = `${dir}/${t("attendanceFileName")}.${extension()}`;
      }
    }),
  };
}

/** General and stakeholder apart, venue and online apart: attended / registered. */
export function summaryTable(s: AttendanceSummary): HTMLElement {
  const cell = (c: { n_attended: number; n_registered: number }, testId: string) =>
    h("td", { "data-testid": testId }, `${c.n_attended} / ${c.n_registered}`);
  return h(
    "table",
    { class: "list summary", "data-testid": "attendance-summary" },
    h("caption", null, t("summaryCaption")),
    h("thead", null, h("tr", null, h("th", null, ""), h("th", null, t("venue")), h("th", null, t("online")))),
    h(
      "tbody",
      null,
      h("tr", null, h("th", null, t("generalPublic")), cell(s.general_venue, "sum-general-venue"), cell(s.general_online, "sum-general-online")),
      h("tr", null, h("th", null, t("stakeholders")), cell(s.stakeholder_venue, "sum-stakeholder-venue"), cell(s.stakeholder_online, "sum-stakeholder-online")),
    ),
  );
}

/** The privacy log: who imported or exported personal data, when, and how many people. */
/** A moment as people write it here: 2026/11/26 10:04 in Japanese, 26/11/2026 10:04 in English. */
function dateTime(iso: string): string {
  return new Date(iso)
    .toLocaleString(lang() === "ja" ? "ja-JP" : "en-GB", { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false })
    .replace(",", "");
}

export function privacyLogPanel(): Panel {
  const body = h("div", { "data-testid": "privacy-log-entries" });
  const chainResult = h("div", { "data-testid": "audit-chain-result", role: "status" });
  const verify = async () => {
    try {
      const report = await api.verifyAuditChain();
      const unchained = report.unchained > 0 ? h("p", null, t("auditChainUnchained", { n: report.unchained })) : null;
      mount(
        chainResult,
        report.intact
          ? h("p", { "data-testid": "audit-chain-intact" }, t("auditChainIntact", { n: report.lines }))
          : h("p", { class: "form-error", role: "alert", "data-testid": "audit-chain-broken" }, t("auditChainBroken", { line: report.first_broken ?? "?" })),
        unchained,
      );
    } catch (error) {
      const box = h("div", { class: "form-error", role: "alert" });
      showError(box, error);
      mount(chainResult, box);
    }
  };
  const verifyButton = h("button", { type: "button", "data-testid": "verify-audit-chain", onclick: () => void verify() }, t("verifyAuditChain"));
  const element = h(
    "section",
    { class: "panel", "data-testid": "privacy-log-panel", hidden: true },
    h("h2", null, t("privacyLogTitle")),
    h("div", { class: "actions" }, verifyButton),
    chainResult,
    body,
  );
  const load = async () => {
    try {
      const entries = await api.auditLog(200);
      mount(
        body,
        h(
          "table",
          { class: "list" },
          h("thead", null, h("tr", null, [t("auditLineNumber"), t("when"), t("who"), t("what"), t("people"), t("file")].map((c) => h("th", null, c)))),
          h(
            "tbody",
            null,
            entries.map((e) =>
              h(
                "tr",
                { "data-testid": "privacy-log-entry" },
                h("td", { class: "nowrap" }, String(e.id)),
                h("td", { class: "nowrap", "data-testid": "privacy-log-when" }, dateTime(e.at)),
                h("td", { "data-testid": "privacy-log-who" }, e.actor === "unknown" || e.actor.trim() === "" ? t("actorUnknown") : e.actor),
                h("td", null, `${label.auditAction(e.action)}${e.detail ? `（${e.detail}）` : ""}`),
                h("td", null, String(e.n_people)),
                h("td", { class: "file" }, e.file),
              ),
            ),
          ),
        ),
      );
    } catch (error) {
      const box = h("div", { class: "form-error", role: "alert" });
      showError(box, error);
      mount(body, box);
    }
  };
  return { element, toggle: toggler(element, element, () => void load()) };
}
