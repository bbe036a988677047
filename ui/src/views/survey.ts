// The survey (アンケート) of an event: the results, a Forms import with a preview of the guessed
// kinds (changeable before anything is saved), the paper entry typed with the number keys, and
// the kiosk: large, anonymous, reset after each answer, left only with a handler's sign-in.

import type { Answer, CrossTable, Event, KioskVisitor, Question, QuestionKind, Response, StoredQuestionnaire, SurveyImport, SurveyOverview } from "../bindings";
import { api } from "../api";
import { h, mount } from "../dom";
import { choices, label, lang, t } from "../i18n";
import { LABELS } from "../vocabulary";
import { showError } from "./forms";
import { toast } from "./toast";
import "./kiosk.css";

const KINDS = Object.keys(LABELS.questionKind) as QuestionKind[];

// This page's own sentences (the shared ones are in i18n.ts).
const WORDS = {
  questionsTitle: ["設問の編集", "Edit the questions"],
  questionsNote: [
    "回答があると設問は固定され、保存すると次の版になります。「両方の回で共通」にすると、自分の設問がない回はこの設問で回答を集めます。",
    "Once answered, the questions are frozen and saving makes the next version. Shared questions are used by every gathering without questions of its own.",
  ],
  questionText: ["設問", "Question"],
  questionKind: ["種類", "Kind"],
  questionRequired: ["必須", "Required"],
  questionChoices: ["選択肢（1行に1つ。5段階は1から5の言葉）", "Choices (one per line; for a scale, its words from 1 to 5)"],
  questionAdd: ["設問を追加", "Add a question"],
  questionRemove: ["削除", "Remove"],
  questionUp: ["上へ", "Up"],
  questionDown: ["下へ", "Down"],
  loadStandard: ["標準の設問を読み込む（都道府県・従業員数を含む）", "Load the built-in questions (with prefecture and company size)"],
  saveForEvent: ["この回の設問として保存", "Save for this gathering"],
  saveShared: ["両方の回で共通の設問として保存", "Save as shared by both gatherings"],
  savedVersion: ["設問を保存しました（第{version}版）", "Questions saved (version {version})"],
  sharedNote: ["この回は両方の回で共通の設問を使っています。", "This gathering uses the questions shared by both gatherings."],
  viewThis: ["この回の結果", "This gathering"],
  viewTogether: ["両方の回の合計", "Both gatherings together"],
  crossTitle: ["クロス集計（3件未満の群は「その他」に統合）", "Cross-tabulation (groups under 3 folded into Others)"],
  byCategory: ["区分別", "By category"],
  byMode: ["参加方法別", "By mode"],
  byPrefecture: ["都道府県別", "By prefecture"],
  byCompanySize: ["従業員数別", "By company size"],
  group: ["群", "Group"],
  answersShort: ["回答数", "Answers"],
  mean: ["平均", "Mean"],
  ticketLabel: ["受付票のQRコードを読み取ると、区分と参加方法だけが回答に付きます（お名前は残りません）。読み取らずに匿名で回答することもできます。", "Scan your ticket's QR code and only your category and way of attending go with the answer (never your name). You may also answer anonymously without it."],
  ticketPlaceholder: ["受付票（任意）", "Ticket (optional)"],
  ticketRead: ["受付票を確認しました: {category}・{mode}", "Ticket read: {category}, {mode}"],
} as const;
type Word = keyof typeof WORDS;

function w(key: Word, params: Record<string, string | number> = {}): string {
  let value: string = WORDS[key][lang() === "ja" ? 0 : 1];
  for (const [name, v] of Object.entries(params)) value = value.replace(`{${name}}`, String(v));
  return value;
}

function kindLabel(kind: QuestionKind): string {
  return LABELS.questionKind[kind][lang() === "ja" ? 0 : 1];
}

/** The survey page of one event. */
export function surveyPage(event: Event, on: { onBack: () => void; onKiosk: () => void }): HTMLElement {
  const page = h("div", { class: "event-page", "data-testid": "survey-page" });
  let together = false;
  const draw = async () => {
    const errorBox = h("div", { class: "form-error", role: "alert", hidden: true });
    let results: SurveyOverview | null = null;
    let questionnaire: StoredQuestionnaire | null = null;
    try {
      questionnaire = await api.surveyQuestionnaire(event.id);
      if (questionnaire?.event_id !== null || !questionnaire) together = false;
      results = await (together ? api.surveyResultsTogether() : api.surveyResults(event.id));
    } catch (error) {
      showError(errorBox, error);
    }
    const shared = questionnaire !== null && questionnaire.event_id === null;
    const viewButton = (value: boolean, testId: string, text: string) =>
      h(
        "button",
        {
          type: "button",
          "data-testid": testId,
          "aria-pressed": String(together === value),
          onclick: () => {
            together = value;
            void draw();
          },
        },
        text,
      );
    mount(
      page,
      h(
        "section",
        { class: "panel" },
        h(
          "div",
          { class: "panel-head" },
          h("h1", null, t("surveyTitle", { title: event.title })),
          h("div", { class: "actions" }, h("button", { type: "button", "data-testid": "open-kiosk", disabled: questionnaire === null, onclick: on.onKiosk }, t("surveyKiosk")), h("button", { type: "button", onclick: on.onBack }, t("back"))),
        ),
        errorBox,
        shared ? h("p", { class: "hint", "data-testid": "survey-shared-note" }, w("sharedNote")) : null,
        shared ? h("div", { class: "actions" }, viewButton(false, "survey-view-event", w("viewThis")), viewButton(true, "survey-view-together", w("viewTogether"))) : null,
        results ? resultsView(results) : null,
        results ? crossView(results) : null,
      ),
      questionsPanel(event, questionnaire, () => void draw()),
      importPanel(event, questionnaire === null, () => void draw()),
      questionnaire ? paperPanel(event, questionnaire, () => void draw()) : null,
    );
  };
  void draw();
  return page;
}

function resultsView(results: SurveyOverview): HTMLElement {
  if (results.version === null) return h("p", { class: "empty", "data-testid": "survey-empty" }, t("surveyNone"));
  const rate = results.rate;
  return h(
    "div",
    { "data-testid": "survey-results" },
    h(
      "p",
      { "data-testid": "survey-responses" },
      t("surveyResponses", { n: results.responses, venue: rate.venue_answers, checkedIn: rate.n_checked_in, online: rate.online_answers, attended: rate.n_attended_online }),
    ),
    results.questions.map((q, i) =>
      h(
        "div",
        { class: "survey-question", "data-testid": "survey-question" },
        h("h3", null, `Q${i + 1} ${q.text}`),
        h("p", { class: "hint" }, `${kindLabel(q.kind)}・${t("surveyAnswers", { n: q.answers })}${q.mean === null ? "" : `・${t("surveyMean", { mean: q.mean.toFixed(2) })}`}`),
        q.distribution.length
          ? h(
              "table",
              { class: "attendees" },
              h(
                "tbody",
                null,
                q.distribution.map((c) =>
                  h("tr", null, h("td", null, c.choice), h("td", null, h("progress", { max: 100, value: c.percent })), h("td", { "data-testid": "survey-count" }, `${c.n}（${c.percent.toFixed(1)}%）`)),
                ),
              ),
            )
          : null,
        q.texts.length ? h("ul", null, q.texts.map((text) => h("li", null, text))) : null,
      ),
    ),
  );
}

/** The cross-tabulations by category, mode, prefecture and company size (small groups folded). */
function crossView(results: SurveyOverview): HTMLElement | null {
  const sections: [string, string, CrossTable[]][] = [
    ["category", w("byCategory"), results.by_category],
    ["mode", w("byMode"), results.by_mode],
    ["prefecture", w("byPrefecture"), results.by_prefecture],
    ["company-size", w("byCompanySize"), results.by_company_size],
  ];
  const shown = sections.filter(([, , tables]) => tables.some((t) => t.groups.length > 0));
  if (shown.length === 0) return null;
  const groupLabel = (g: CrossTable["groups"][number]["group"]): string => {
    switch (g.group) {
      case "category":
        return label.category(g.value);
      case "mode":
        return label.mode(g.value);
      case "answer":
        return g.value[1];
      case "unknown":
        return lang() === "ja" ? "不明" : "Not known";
      default:
        return lang() === "ja" ? "その他（少数のため統合）" : "Others (small groups folded)";
    }
  };
  return h(
    "div",
    { "data-testid": "survey-cross" },
    h("h2", null, w("crossTitle")),
    shown.map(([id, title, tables]) =>
      h(
        "div",
        { "data-testid": `cross-${id}` },
        h("h3", null, title),
        tables
          .filter((table) => table.groups.length > 0)
          .map((table) =>
            h(
              "table",
              { class: "attendees", "data-testid": "cross-table" },
              h("caption", null, table.text),
              h("thead", null, h("tr", null, h("th", null, w("group")), h("th", null, w("answersShort")), table.groups[0]!.distribution.map((c) => h("th", null, c.choice)), table.kind === "scale" ? h("th", null, w("mean")) : null)),
              h(
                "tbody",
                null,
                table.groups.map((g) =>
                  h(
                    "tr",
                    { "data-testid": "cross-row" },
                    h("td", { "data-testid": "cross-group" }, groupLabel(g.group)),
                    h("td", null, g.answers),
                    g.distribution.map((c) => h("td", null, `${c.n}（${c.percent.toFixed(1)}%）`)),
                    table.kind === "scale" ? h("td", null, g.mean === null ? "—" : g.mean.toFixed(2)) : null,
                  ),
                ),
              ),
            ),
          ),
      ),
    ),
  );
}

/** Editing the questions: text, kind, required, choices; added, removed, moved; the built-in
 * questions to start from; saved for this gathering or shared by both. */
function questionsPanel(event: Event, questionnaire: StoredQuestionnaire | null, onSaved: () => void): HTMLElement {
  const errorBox = h("div", { class: "form-error", role: "alert", hidden: true });
  const list = h("div", { "data-testid": "question-editors" });
  let questions: Question[] = (questionnaire?.questions ?? []).map((q) => ({ ...q, choices: [...q.choices] }));
  const draw = () => {
    mount(
      list,
      questions.map((q, i) => {
        const text = h("input", { type: "text", class: "wide-input", "data-testid": "question-text", value: q.text, "aria-label": w("questionText") });
        text.addEventListener("input", () => (q.text = text.value));
        const kind = h("select", { "data-testid": "question-kind", "aria-label": w("questionKind") }, KINDS.map((k) => h("option", { value: k, selected: k === q.kind }, kindLabel(k))));
        kind.addEventListener("change", () => (q.kind = kind.value as QuestionKind));
        const required = h("input", { type: "checkbox", "data-testid": "question-required", checked: q.required });
        required.addEventListener("change", () => (q.required = required.checked));
        const choicesBox = h("textarea", { rows: 3, class: "minutes-text", "data-testid": "question-choices", "aria-label": w("questionChoices") });
        choicesBox.value = q.choices.join("\n");
        choicesBox.addEventListener("input", () => (q.choices = choicesBox.value.split("\n").map((c) => c.trim()).filter((c) => c !== "")));
        const move = (by: number) => {
          const j = i + by;
          if (j < 0 || j >= questions.length) return;
          [questions[i], questions[j]] = [questions[j]!, questions[i]!];
          draw();
        };
        return h(
          "div",
          { class: "survey-question", "data-testid": "question-editor" },
          h("div", { class: "inline" }, h("strong", null, `Q${i + 1}`), text, kind, h("label", null, required, " ", w("questionRequired"))),
          h("div", { class: "field wide" }, h("label", null, w("questionChoices")), choicesBox),
          h(
            "div",
            { class: "actions" },
            h("button", { type: "button", "data-testid": "question-up", onclick: () => move(-1) }, w("questionUp")),
            h("button", { type: "button", "data-testid": "question-down", onclick: () => move(1) }, w("questionDown")),
            h(
              "button",
              {
                type: "button",
                "data-testid": "question-remove",
                onclick: () => {
                  questions.splice(i, 1);
                  draw();
                },
              },
              w("questionRemove"),
            ),
          ),
        );
      }),
    );
  };
  draw();
  const save = async (sharedByBoth: boolean) => {
    errorBox.hidden = true;
    try {
      const saved = sharedByBoth ? await api.saveSharedQuestionnaire(questions) : await api.saveQuestionnaire(event.id, questions);
      toast(w("savedVersion", { version: saved.version }));
      onSaved();
    } catch (error) {
      showError(errorBox, error);
    }
  };
  return h(
    "section",
    { class: "panel", "data-testid": "questions-panel" },
    h("h2", null, w("questionsTitle")),
    h("p", { class: "hint" }, w("questionsNote")),
    errorBox,
    h(
      "div",
      { class: "actions" },
      h(
        "button",
        {
          type: "button",
          "data-testid": "load-standard",
          onclick: async () => {
            try {
              questions = (await api.surveyStandardQuestions()).questions;
              draw();
            } catch (error) {
              showError(errorBox, error);
            }
          },
        },
        w("loadStandard"),
      ),
      h(
        "button",
        {
          type: "button",
          "data-testid": "question-add",
          onclick: () => {
            questions.push({ text: "", kind: "single", required: false, choices: [] });
            draw();
          },
        },
        w("questionAdd"),
      ),
    ),
    list,
    h(
      "div",
      { class: "actions" },
      h("button", { type: "button", class: "primary", "data-testid": "save-questions", onclick: () => void save(false) }, w("saveForEvent")),
      h("button", { type: "button", "data-testid": "save-shared-questions", onclick: () => void save(true) }, w("saveShared")),
    ),
  );
}

/** A Forms answers export: previewed first (the guessed kinds, changeable), then imported. */
function importPanel(event: Event, makesQuestionnaire: boolean, onImported: () => void): HTMLElement {
  const errorBox = h("div", { class: "form-error", role: "alert", hidden: true });
  const preview = h("div", { "data-testid": "survey-preview" });
  const input = h("input", { type: "text", id: "survey-path", "data-testid": "survey-path", class: "wide-input", autocomplete: "off" });
  const browse = h("button", { type: "button" }, t("browse"));
  browse.addEventListener("click", async () => {
    const chosen = await api.pickFile(["csv", "txt", "tsv", "xlsx"], t("spreadsheetFiles")).catch((error) => {
      showError(errorBox, error);
      return null;
    });
    if (chosen) input.value = chosen;
  });
  let kinds: QuestionKind[] | null = null;
  const run = async (dryRun: boolean) => {
    errorBox.hidden = true;
    try {
      const options = { kinds, closes_on: null, new_version: false, dry_run: dryRun };
      const done: SurveyImport = dryRun ? await api.previewSurveyImport(event.id, input.value, options) : await api.importSurvey(event.id, input.value, options);
      if (!dryRun) {
        toast(t("surveyImported", { added: done.added, unchanged: done.unchanged, leftOut: done.left_out }));
        onImported();
        return;
      }
      kinds = done.questions.map((q) => q.kind);
      mount(
        preview,
        h("p", { "data-testid": "survey-preview-counts" }, t("surveyPreviewCounts", { added: done.added, leftOut: done.left_out })),
        h(
          "table",
          { class: "attendees" },
          h("tbody", null, done.questions.map((q, i) => {
            const choice = h("select", { "data-testid": "survey-kind", disabled: !done.made_questionnaire }, KINDS.map((k) => h("option", { value: k, selected: k === q.kind }, kindLabel(k))));
            choice.addEventListener("change", () => {
              if (kinds) kinds[i] = choice.value as QuestionKind;
            });
            return h("tr", null, h("td", null, q.text), h("td", null, choice), h("td", { class: "hint" }, q.choices.join("・")));
          })),
        ),
        done.rows.length ? h("ul", { class: "form-error" }, done.rows.map((r) => h("li", null, `${t("surveyRow", { row: r.row })} ${r.message}`))) : null,
        h("div", { class: "actions" }, h("button", { type: "button", class: "primary", "data-testid": "survey-import", onclick: () => void run(false) }, t("surveyImport"))),
      );
    } catch (error) {
      showError(errorBox, error);
    }
  };
  return h(
    "section",
    { class: "panel", "data-testid": "survey-import-panel" },
    h("h2", null, t("surveyImportTitle")),
    h("p", { class: "hint" }, makesQuestionnaire ? t("surveyImportNew") : t("surveyImportNote")),
    errorBox,
    h("div", { class: "field wide" }, h("label", { for: "survey-path" }, t("surveyFile")), h("div", { class: "inline" }, input, browse)),
    h("div", { class: "actions" }, h("button", { type: "button", "data-testid": "survey-preview-button", onclick: () => void run(true) }, t("surveyPreview"))),
    preview,
  );
}

/** The paper entry: one field per question, choices typed as their numbers (1, 2 …; 1,3). */
function paperPanel(event: Event, questionnaire: StoredQuestionnaire, onEntered: () => void): HTMLElement {
  const errorBox = h("div", { class: "form-error", role: "alert", hidden: true });
  const status = h("p", { "data-testid": "paper-status", role: "status" });
  const sheet = h("input", { type: "text", "data-testid": "paper-sheet", inputmode: "numeric", size: 6, placeholder: t("surveyNextSheet") });
  const category = h("select", { "data-testid": "paper-category" }, h("option", { value: "" }, "—"), choices.category.map((c) => h("option", { value: c }, label.category(c))));
  const mode = h("select", { "data-testid": "paper-mode" }, h("option", { value: "" }, "—"), choices.mode.map((m) => h("option", { value: m }, label.mode(m))));
  const cells = questionnaire.questions.map((q, i) =>
    h("input", { type: "text", class: "wide-input", "data-testid": "paper-answer", "aria-label": q.text, placeholder: hintOf(q), autocomplete: "off", "data-index": i }),
  );
  const submit = async () => {
    errorBox.hidden = true;
    try {
      const number = sheet.value.trim() === "" ? null : Number(sheet.value.trim());
      const done = await api.enterPaperSheet(event.id, number, (category.value || null) as Response["category"], (mode.value || null) as Response["mode"], cells.map((c) => c.value));
      status.textContent = t("surveySheetEntered", { sheet: done.sheet_number, n: done.n_sheets, next: done.next_sheet });
      for (const c of cells) c.value = "";
      sheet.value = "";
      cells[0]?.focus();
    } catch (error) {
      showError(errorBox, error);
    }
  };
  cells.forEach((cell, i) =>
    cell.addEventListener("keydown", (e: KeyboardEvent) => {
      if (e.key !== "Enter" || e.isComposing) return;
      e.preventDefault();
      const next = cells[i + 1];
      if (next) next.focus();
      else void submit();
    }),
  );
  return h(
    "section",
    { class: "panel", "data-testid": "paper-panel" },
    h("h2", null, t("surveyPaperTitle", { version: questionnaire.version })),
    h("p", { class: "hint" }, t("surveyPaperNote")),
    errorBox,
    h("div", { class: "inline" }, h("label", null, t("surveySheet"), " ", sheet), h("label", null, t("category"), " ", category), h("label", null, t("mode"), " ", mode)),
    questionnaire.questions.map((q, i) => h("div", { class: "field wide" }, h("label", null, `Q${i + 1} ${q.text}`), cells[i])),
    h(
      "div",
      { class: "actions" },
      h("button", { type: "button", class: "primary", "data-testid": "paper-save", onclick: () => void submit() }, t("surveyPaperSave")),
      h("button", { type: "button", onclick: onEntered }, t("surveyRefresh")),
    ),
    status,
  );
}

function hintOf(q: Question): string {
  if (q.kind === "single" || q.kind === "multiple") return q.choices.map((c, i) => `${i + 1}:${c}`).join(" ");
  if (q.kind === "scale") return "1–5";
  return "";
}

/**
 * The kiosk: the whole window, large, anonymous (whoever was signed in is signed out as it
 * opens), reset after each answer. Leaving needs a handler's sign-in once the roster has people.
 */
export async function openKiosk(root: HTMLElement, event: Event, onLeave: () => void): Promise<void> {
  await api.signOut().catch(() => undefined);
  const questionnaire = await api.surveyQuestionnaire(event.id);
  if (!questionnaire) return onLeave();
  const draw = () => {
    const answers: Answer[] = questionnaire.questions.map(() => "blank");
    const errorBox = h("div", { class: "form-error", role: "alert", hidden: true });
    const questions = questionnaire.questions.map((q, i) => kioskQuestion(q, (answer) => (answers[i] = answer)));
    // Optional: a ticket scanned first gives the answer its category and mode, never a name,
    // and lets each attendee answer once. Without one the answer is anonymous.
    let ticket: string | null = null;
    const ticketStatus = h("p", { class: "hint", "data-testid": "kiosk-ticket-status", role: "status" });
    const ticketInput = h("input", { type: "text", class: "kiosk-input", "data-testid": "kiosk-ticket", placeholder: w("ticketPlaceholder"), autocomplete: "off" });
    ticketInput.addEventListener("keydown", async (e: KeyboardEvent) => {
      if (e.key !== "Enter" || e.isComposing) return;
      e.preventDefault();
      errorBox.hidden = true;
      const scanned = ticketInput.value.trim();
      ticketInput.value = "";
      if (scanned === "") return;
      try {
        const visitor: KioskVisitor = await api.kioskTicket(event.id, scanned);
        ticket = scanned;
        ticketStatus.textContent = w("ticketRead", { category: label.category(visitor.category), mode: label.mode(visitor.mode) });
      } catch (error) {
        ticket = null;
        ticketStatus.textContent = "";
        showError(errorBox, error);
      }
    });
    const ticketBox = h("div", { class: "kiosk-question", "data-testid": "kiosk-ticket-box" }, h("p", { class: "hint" }, w("ticketLabel")), ticketInput, ticketStatus);
    const send = h("button", { type: "button", class: "primary kiosk-send", "data-testid": "kiosk-send" }, t("kioskSend"));
    send.addEventListener("click", async () => {
      try {
        await api.kioskAnswer(event.id, { category: null, mode: null, answers }, ticket);
        mount(root, h("div", { class: "kiosk", "data-testid": "kiosk-thanks" }, h("h1", null, t("kioskThanks"))));
        window.setTimeout(draw, 2500);
      } catch (error) {
        showError(errorBox, error);
      }
    });
    const leave = h("button", { type: "button", class: "kiosk-leave", "data-testid": "kiosk-leave" }, t("kioskLeave"));
    leave.addEventListener("click", () => void leaveKiosk(root, onLeave, draw));
    mount(root, h("div", { class: "kiosk", "data-testid": "kiosk" }, h("h1", null, t("kioskTitle", { title: event.title })), ticketBox, errorBox, questions, h("div", { class: "actions" }, send), leave));
  };
  draw();
}

function kioskQuestion(q: Question, set: (answer: Answer) => void): HTMLElement {
  const box = h("div", { class: "kiosk-question", "data-testid": "kiosk-question" }, h("h2", null, q.text));
  if (q.kind === "number") {
    const input = h("input", { type: "text", inputmode: "numeric", class: "kiosk-input", "data-testid": "kiosk-number" });
    input.addEventListener("input", () => {
      const n = Number(input.value.trim());
      set(input.value.trim() === "" || Number.isNaN(n) ? "blank" : { number: n });
    });
    box.append(input);
    return box;
  }
  if (q.kind === "free_text") {
    const area = h("textarea", { class: "kiosk-input", rows: 3, "data-testid": "kiosk-text" });
    area.addEventListener("input", () => set(area.value.trim() === "" ? "blank" : { text: area.value }));
    box.append(area);
    return box;
  }
  const labels = q.kind === "scale" ? [1, 2, 3, 4, 5].map((p) => (q.choices[p - 1] ? `${p} ${q.choices[p - 1]}` : String(p))) : q.choices;
  const picked = new Set<number>();
  const buttons = labels.map((text, i) => {
    const button = h("button", { type: "button", class: "kiosk-choice", "data-testid": "kiosk-choice", "aria-pressed": "false" }, text);
    button.addEventListener("click", () => {
      if (q.kind === "multiple") {
        if (picked.has(i)) picked.delete(i);
        else picked.add(i);
      } else {
        picked.clear();
        picked.add(i);
      }
      buttons.forEach((b, j) => b.setAttribute("aria-pressed", String(picked.has(j))));
      const sorted = [...picked].sort((a, b) => a - b);
      const first = sorted[0];
      if (first === undefined) set("blank");
      else if (q.kind === "scale") set({ scale: first + 1 });
      else set({ choice: sorted });
    });
    return button;
  });
  box.append(h("div", { class: "kiosk-choices" }, buttons));
  return box;
}

/** Leaving the kiosk: free with no roster, else only for a person on it who signs in. */
async function leaveKiosk(root: HTMLElement, onLeave: () => void, back: () => void): Promise<void> {
  const names = await api.handlerNames().catch(() => [] as string[]);
  if (names.length === 0) return onLeave();
  const who = h("select", { "data-testid": "kiosk-sign-in-name" }, names.map((n) => h("option", { value: n }, n)));
  const pin = h("input", { type: "password", "data-testid": "kiosk-sign-in-pin", placeholder: t("pin"), autocomplete: "off" });
  const problem = h("div", { class: "form-error", role: "alert", "data-testid": "kiosk-sign-in-error", hidden: true });
  const submit = async () => {
    try {
      await api.signIn(who.value, pin.value);
      onLeave();
    } catch (error) {
      pin.value = "";
      showError(problem, error);
    }
  };
  mount(
    root,
    h(
      "div",
      { class: "kiosk", "data-testid": "kiosk-leaving" },
      h("h1", null, t("kioskLeaveTitle")),
      who,
      pin,
      h("div", { class: "actions" }, h("button", { type: "button", class: "primary", "data-testid": "kiosk-sign-in", onclick: () => void submit() }, t("signIn")), h("button", { type: "button", "data-testid": "kiosk-back", onclick: back }, t("back"))),
      problem,
    ),
  );
  pin.focus();
}
