// The incident records (インシデント記録): what happened to personal data, whose and how many
// people's, who was told at the bureau and when, and what was done. Anyone on the roster who
// notices an incident records it here; the record is updated (status, actions) as it is dealt with.

import type { Incident, IncidentDraft, IncidentKind, IncidentStatus } from "../bindings";
import { api, withReplaceConfirmation } from "../api";
import { h, mount } from "../dom";
import { lang, t } from "../i18n";
import { LABELS } from "../vocabulary";
import { confirmReplace, field, form, select, showError, text, textInput, wholeNumber } from "./forms";
import { toast } from "./toast";

const KINDS = Object.keys(LABELS.incidentKind) as IncidentKind[];
const STATUSES = Object.keys(LABELS.incidentStatus) as IncidentStatus[];

function kindLabel(kind: IncidentKind): string {
  return LABELS.incidentKind[kind][lang() === "ja" ? 0 : 1];
}

function statusLabel(status: IncidentStatus): string {
  return LABELS.incidentStatus[status][lang() === "ja" ? 0 : 1];
}

/** The list of incidents and the form: a new record, or the one chosen with its edit button. */
export function incidentsPage(onCancel: () => void): HTMLElement {
  const page = h("div", { class: "event-page", "data-testid": "incidents-page" });
  const draw = async (editing: Incident | null) => {
    const errorBox = h("div", { class: "form-error", role: "alert", hidden: true });
    let incidents: Incident[] = [];
    try {
      incidents = await api.listIncidents();
    } catch (error) {
      showError(errorBox, error);
    }
    mount(
      page,
      h(
        "section",
        { class: "panel" },
        h("div", { class: "panel-head" }, h("h1", null, t("incidentsTitle"))),
        h("p", { class: "hint" }, t("incidentsNote")),
        errorBox,
        incidents.length === 0
          ? h("p", { class: "empty", "data-testid": "incidents-empty" }, t("incidentsNone"))
          : h(
              "table",
              { class: "attendees", "data-testid": "incidents-table" },
              h(
                "thead",
                null,
                h(
                  "tr",
                  null,
                  ["#", t("incidentNoticed"), t("incidentKind"), t("incidentTitle"), t("incidentPeople"), t("incidentStatus"), ""].map((c) => h("th", null, c)),
                ),
              ),
              h(
                "tbody",
                null,
                incidents.map((incident) =>
                  h(
                    "tr",
                    { "data-testid": "incident-row", "data-id": incident.id },
                    h("td", null, incident.id),
                    h("td", null, incident.noticed_at),
                    h("td", null, kindLabel(incident.kind)),
                    h("td", { class: "name" }, incident.title),
                    h("td", null, incident.n_people),
                    h("td", { "data-testid": "incident-status" }, statusLabel(incident.status)),
                    h("td", null, h("button", { type: "button", "data-testid": "edit-incident", onclick: () => void draw(incident) }, t("incidentEdit"))),
                  ),
                ),
              ),
            ),
      ),
      incidentForm(
        editing,
        async (saved, isNew) => {
          toast(t(isNew ? "incidentRecorded" : "incidentUpdated", { id: saved.id, title: saved.title }));
          await draw(null);
        },
        editing ? () => void draw(null) : onCancel,
      ),
      editing ? printPanel(editing) : null,
    );
    page.querySelector<HTMLElement>("[autofocus]")?.focus();
  };
  void draw(null);
  return page;
}

function incidentForm(editing: Incident | null, onSaved: (incident: Incident, isNew: boolean) => Promise<void>, onCancel: () => void): HTMLFormElement {
  const d = editing;
  const area = (name: string, value: string) => h("textarea", { name, "data-testid": name, rows: 3, class: "minutes-text" }, value);
  return form(
    "incident-form",
    d ? t("incidentEditTitle", { id: d.id }) : t("incidentNew"),
    [
      field(t("incidentTitle"), textInput("title", d?.title ?? "", { autofocus: "" }), { required: true, wide: true }),
      field(t("incidentKind"), select<IncidentKind>("kind", d?.kind ?? "misdirected_mail", KINDS, kindLabel)),
      field(t("incidentHappened"), textInput("happened_at", d?.happened_at ?? "", { placeholder: "2026-07-25 13:30" }), { required: true }),
      field(t("incidentNoticed"), textInput("noticed_at", d?.noticed_at ?? "", { placeholder: "2026-07-25 13:30" }), { required: true }),
      field(t("incidentData"), area("data_involved", d?.data_involved ?? ""), { wide: true }),
      field(t("incidentPeople"), textInput("n_people", String(d?.n_people ?? 0), { inputmode: "numeric" })),
      field(t("incidentBureauContact"), textInput("bureau_contact", d?.bureau_contact ?? "")),
      field(t("incidentBureauTold"), textInput("bureau_told_at", d?.bureau_told_at ?? "", { placeholder: "2026-07-25 13:30" })),
      field(t("incidentActions"), area("actions_taken", d?.actions_taken ?? ""), { wide: true }),
      field(t("incidentStatus"), select<IncidentStatus>("status", d?.status ?? "open", STATUSES, statusLabel)),
    ],
    async (data) => {
      const draft: IncidentDraft = {
        title: text(data, "title"),
        happened_at: text(data, "happened_at"),
        noticed_at: text(data, "noticed_at"),
        kind: text(data, "kind") as IncidentKind,
        data_involved: text(data, "data_involved"),
        n_people: text(data, "n_people").trim() === "" ? 0 : wholeNumber(data, "n_people"),
        bureau_contact: text(data, "bureau_contact"),
        bureau_told_at: text(data, "bureau_told_at"),
        actions_taken: text(data, "actions_taken"),
        status: text(data, "status") as IncidentStatus,
      };
      if (d) await onSaved(await api.updateIncident(d.id, draft), false);
      else await onSaved(await api.addIncident(draft), true);
    },
    onCancel,
  );
}

/** The chosen record's report as a PDF (非公表用 on every page), for the bureau; as saved. */
function printPanel(incident: Incident): HTMLElement {
  const errorBox = h("div", { class: "form-error", role: "alert", hidden: true });
  const resultBox = h("p", { class: "export-result", "data-testid": "incident-print-result", role: "status" });
  const input = h("input", { type: "text", id: "incident-pdf-path", "data-testid": "incident-pdf-path", class: "wide-input", autocomplete: "off" });
  const browse = h("button", { type: "button", "data-testid": "incident-pdf-browse" }, t("browse"));
  browse.addEventListener("click", async () => {
    const chosen = await api.pickSavePath(input.value || t("incidentReportFile"), ["pdf"], "PDF").catch((error) => {
      showError(errorBox, error);
      return null;
    });
    if (chosen) input.value = chosen;
  });
  const print = h("button", { type: "button", class: "primary", "data-testid": "print-incident" }, t("incidentPrint"));
  print.addEventListener("click", async () => {
    errorBox.hidden = true;
    resultBox.textContent = "";
    try {
      const done = await withReplaceConfirmation((replace) => api.printIncident(incident.id, input.value, replace), confirmReplace);
      if (done) resultBox.textContent = t("incidentPrinted", { file: done.file });
    } catch (error) {
      showError(errorBox, error);
    }
  });
  return h(
    "section",
    { class: "panel", "data-testid": "incident-print" },
    h("h2", null, t("incidentPrintTitle")),
    h("p", { class: "hint" }, t("incidentPrintNote")),
    errorBox,
    h("div", { class: "field wide" }, h("label", { for: "incident-pdf-path" }, t("incidentReportPath")), h("div", { class: "inline" }, input, browse)),
    h("div", { class: "actions" }, print),
    resultBox,
  );
}
