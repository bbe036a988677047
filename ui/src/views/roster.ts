// The information-handler roster (情報取扱者名簿): who may handle personal data, in which role.
// The first person is the 情報管理責任者; after that only they add people. The sensitive columns
// are filled and shown only for them.

import type { ErasureCertificate, ExternalService, Handler, HandlerDraft, HandlerOrganization, HandlerRole, PassphraseKeychain, ServiceDraft } from "../bindings";
import { api, ApiFailure, withReplaceConfirmation } from "../api";
import { h, mount } from "../dom";
import { label, t } from "../i18n";
import { confirmReplace, field, form, select, showError, text, textInput } from "./forms";
import { toast } from "./toast";

const ROLES: HandlerRole[] = ["officer", "manager", "staff"];
const ORGANIZATIONS: HandlerOrganization[] = ["contractor", "subcontractor"];

export function rosterPage(onChanged: () => void, onCancel: () => void): HTMLElement {
  const page = h("div", { class: "event-page", "data-testid": "roster-page" });
  const editBox = h("div", { "data-testid": "roster-edit-box" });
  const errorBox = h("div", { class: "form-error", role: "alert", hidden: true });
  void (async () => {
    let handlers: Handler[] = [];
    try {
      handlers = await api.listHandlers();
    } catch (error) {
      showError(errorBox, error);
    }
    const first = handlers.length === 0;
    const officer = (await api.signedIn().catch(() => null))?.role === "officer";
    mount(
      page,
      h(
        "section",
        { class: "panel" },
        h("div", { class: "panel-head" }, h("h1", null, t("rosterTitle"))),
        h("p", { class: "hint" }, first ? t("rosterFirst") : t("rosterNote")),
        errorBox,
        first ? null : exportBox(),
        first
          ? null
          : h(
              "table",
              { class: "attendees", "data-testid": "roster-table" },
              h("thead", null, h("tr", null, [t("name"), t("rosterRole"), t("rosterDepartment"), t("jobTitle"), t("rosterOrganization"), "", ""].map((c) => h("th", null, c)))),
              h(
                "tbody",
                null,
                handlers.map((p) =>
                  h(
                    "tr",
                    { "data-testid": "roster-row" },
                    h("td", { class: "name" }, p.name),
                    h("td", null, label.role(p.role)),
                    h("td", null, p.department),
                    h("td", null, p.title),
                    h("td", null, `${label.handlerOrganization(p.organization)}${p.company ? `（${p.company}）` : ""}`),
                    h("td", null, p.active ? "" : t("rosterLeft")),
                    h(
                      "td",
                      null,
                      h("button", { class: "small", "data-testid": "roster-edit", onclick: () => mount(editBox, editForm(p, officer, onChanged, () => editBox.replaceChildren())) }, t("edit")),
                    ),
                  ),
                ),
              ),
            ),
      ),
      editBox,
      first ? null : servicesSection(),
      first ? null : protectionSection(),
      keychainSection(),
      first ? null : scheduleSection(),
      first ? null : erasureSection(officer),
      addForm(
        first,
        async (added) => {
          toast(t("rosterAdded", { name: added.name, role: label.role(added.role) }));
          onChanged();
        },
        onCancel,
      ),
    );
  })();
  return page;
}

function addForm(first: boolean, onAdded: (handler: Handler) => Promise<void>, onCancel: () => void): HTMLFormElement {
  return form(
    "roster-form",
    first ? t("rosterFirstTitle") : t("rosterAdd"),
    [
      field(t("name"), textInput("name", "", { autofocus: "" }), { required: true }),
      first
        ? h("p", { class: "hint" }, `${t("rosterRole")}: ${label.role("officer")}`)
        : field(t("rosterRole"), select<HandlerRole>("role", "staff", ROLES, label.role)),
      field(t("rosterDepartment"), textInput("department", "")),
      field(t("jobTitle"), textInput("title", "")),
      field(t("rosterOrganization"), select<HandlerOrganization>("organization", "contractor", ORGANIZATIONS, label.handlerOrganization)),
      field(t("rosterCompany"), textInput("company", "")),
      field(t("pin"), textInput("pin", "", { type: "password", autocomplete: "new-password", "data-testid": "roster-pin" }), { required: true }),
      field(t("pinAgain"), textInput("pin_again", "", { type: "password", autocomplete: "new-password", "data-testid": "roster-pin-again" }), { required: true }),
    ],
    async (data) => {
      if (text(data, "pin") !== text(data, "pin_again")) throw new ApiFailure("validation.pin_too_short", t("pinMismatch"));
      const draft: HandlerDraft = {
        name: text(data, "name"),
        department: text(data, "department"),
        title: text(data, "title"),
        organization: text(data, "organization") as HandlerOrganization,
        company: text(data, "company"),
        role: first ? "officer" : (text(data, "role") as HandlerRole),
        home_address: "",
        birth_date: "",
        passport_number: "",
        nationality: "",
      };
      await onAdded(await api.addHandler(draft, text(data, "pin")));
    },
    onCancel,
  );
}

/** Writes the roster (PDF with the 情報管理体制図, or XLSX by the extension): the officer's. */
function exportBox(): HTMLElement {
  const path = h("input", { type: "text", class: "wide-input", "data-testid": "roster-export-path", placeholder: t("rosterExportPlaceholder"), size: 50 });
  const result = h("span", { class: "hint", role: "status", "data-testid": "roster-export-result" });
  const problem = h("p", { class: "form-error", role: "alert", "data-testid": "roster-export-error", hidden: true });
  const run = async () => {
    problem.hidden = true;
    try {
      const done = await withReplaceConfirmation((replace) => api.exportHandlerRoster(path.value, replace), confirmReplace);
      if (done) result.textContent = t("rosterExported", { file: done.file, n: done.n_people });
    } catch (error) {
      showError(problem, error);
    }
  };
  return h(
    "div",
    { class: "actions" },
    path,
    h("button", { type: "button", "data-testid": "roster-export", onclick: () => void run() }, t("rosterExport")),
    result,
    problem,
  );
}

/** Changes one person: details, role, leaving the roster; the sensitive columns for the officer. */
function editForm(person: Handler, officer: boolean, onSaved: () => void, onCancel: () => void): HTMLFormElement {
  const sensitive = officer
    ? [
        field(t("rosterAddress"), textInput("home_address", person.home_address), { wide: true }),
        field(t("rosterBirthDate"), textInput("birth_date", person.birth_date)),
        field(t("rosterPassport"), textInput("passport_number", person.passport_number)),
        field(t("rosterNationality"), textInput("nationality", person.nationality)),
      ]
    : [];
  return form(
    "roster-edit-form",
    `${t("edit")} — ${person.name}`,
    [
      field(t("name"), textInput("name", person.name, { autofocus: "" }), { required: true }),
      field(t("rosterRole"), select<HandlerRole>("role", person.role, ROLES, label.role)),
      field(t("rosterDepartment"), textInput("department", person.department)),
      field(t("jobTitle"), textInput("title", person.title)),
      field(t("rosterOrganization"), select<HandlerOrganization>("organization", person.organization, ORGANIZATIONS, label.handlerOrganization)),
      field(t("rosterCompany"), textInput("company", person.company)),
      ...sensitive,
      h("label", { class: "checkbox wide" }, h("input", { type: "checkbox", name: "left", "data-testid": "roster-left", checked: !person.active }), ` ${t("rosterLeaves")}`),
    ],
    async (data) => {
      const draft: HandlerDraft = {
        name: text(data, "name"),
        department: text(data, "department"),
        title: text(data, "title"),
        organization: text(data, "organization") as HandlerOrganization,
        company: text(data, "company"),
        role: text(data, "role") as HandlerRole,
        home_address: officer ? text(data, "home_address") : person.home_address,
        birth_date: officer ? text(data, "birth_date") : person.birth_date,
        passport_number: officer ? text(data, "passport_number") : person.passport_number,
        nationality: officer ? text(data, "nationality") : person.nationality,
      };
      const saved = await api.updateHandler(person.id, draft, data.get("left") === null);
      toast(t("rosterSaved", { name: saved.name, role: label.role(saved.role) }));
      onSaved();
    },
    onCancel,
  );
}

/** The register of external services used with personal data, with the bureau's approval. */
function servicesSection(): HTMLElement {
  const table = h("div", { "data-testid": "services" });
  const load = async () => {
    const services: ExternalService[] = await api.listServices().catch(() => []);
    mount(
      table,
      services.length === 0
        ? h("p", { class: "empty" }, t("servicesNone"))
        : h(
            "table",
            { class: "attendees", "data-testid": "services-table" },
            h("thead", null, h("tr", null, [t("serviceName"), t("servicePurpose"), t("serviceData"), t("serviceApproved")].map((c) => h("th", null, c)))),
            h(
              "tbody",
              null,
              services.map((s) =>
                h("tr", null, h("td", { class: "name" }, s.name), h("td", null, s.purpose), h("td", null, s.personal_data), h("td", null, s.approved_on ? `${s.approved_on} ${s.approved_by}` : t("serviceNotApproved"))),
              ),
            ),
          ),
    );
  };
  void load();
  const formElement = form(
    "service-form",
    t("serviceAdd"),
    [
      field(t("serviceName"), textInput("name", ""), { required: true }),
      field(t("servicePurpose"), textInput("purpose", "")),
      field(t("serviceData"), textInput("personal_data", ""), { wide: true }),
      field(t("serviceApprovedOn"), textInput("approved_on", "", { placeholder: t("datePlaceholder"), inputmode: "numeric" })),
      field(t("serviceApprovedBy"), textInput("approved_by", "")),
    ],
    async (data) => {
      const draft: ServiceDraft = {
        name: text(data, "name"),
        purpose: text(data, "purpose"),
        personal_data: text(data, "personal_data"),
        approved_on: text(data, "approved_on"),
        approved_by: text(data, "approved_by"),
      };
      const saved = await api.saveService(null, draft);
      toast(t("serviceSaved", { name: saved.name }));
      formElement.reset();
      await load();
    },
    () => formElement.reset(),
  );
  return h("section", { class: "panel" }, h("h2", null, t("servicesTitle")), h("p", { class: "hint" }, t("servicesNote")), table, formElement);
}

/** Data protection: an encrypted backup, and the half-year security measures report. */
function protectionSection(): HTMLElement {
  const backupPath = h("input", { type: "text", class: "wide-input", "data-testid": "backup-path", placeholder: t("backupPlaceholder"), size: 50 });
  const backupResult = h("span", { class: "hint", role: "status", "data-testid": "backup-result" });
  const backupProblem = h("p", { class: "form-error", role: "alert", "data-testid": "backup-error", hidden: true });
  const backup = async () => {
    backupProblem.hidden = true;
    try {
      const done = await withReplaceConfirmation((replace) => api.makeBackup(backupPath.value, replace), confirmReplace);
      if (done) backupResult.textContent = t("backupDone", { file: done.path, n: done.files });
    } catch (error) {
      showError(backupProblem, error);
    }
  };
  const from = h("input", { type: "text", "data-testid": "security-from", placeholder: "2026-04-01", size: 12 });
  const to = h("input", { type: "text", "data-testid": "security-to", placeholder: "2026-09-30", size: 12 });
  const reportPath = h("input", { type: "text", class: "wide-input", "data-testid": "security-path", placeholder: t("securityPlaceholder"), size: 50 });
  const reportResult = h("span", { class: "hint", role: "status", "data-testid": "security-result" });
  const reportProblem = h("p", { class: "form-error", role: "alert", "data-testid": "security-error", hidden: true });
  const report = async () => {
    reportProblem.hidden = true;
    try {
      const done = await withReplaceConfirmation(
        (replace) => api.exportSecurityReport(reportPath.value, from.value, to.value, replace),
        confirmReplace,
      );
      if (done) {
        const open = done.measures.filter((m) => m.status === "not_done").length;
        reportResult.textContent = t("securityDone", { n: done.measures.length, open });
      }
    } catch (error) {
      showError(reportProblem, error);
    }
  };
  return h(
    "section",
    { class: "panel", "data-testid": "protection-section" },
    h("h2", null, t("protectionTitle")),
    h("p", { class: "hint" }, t("backupHint")),
    h("div", { class: "actions" }, backupPath, h("button", { type: "button", "data-testid": "backup", onclick: () => void backup() }, t("backupMake")), backupResult),
    backupProblem,
    h("p", { class: "hint" }, t("securityHint")),
    h(
      "div",
      { class: "actions" },
      h("label", null, t("securityFrom"), " ", from),
      h("label", null, t("securityTo"), " ", to),
      reportPath,
      h("button", { type: "button", "data-testid": "security-export", onclick: () => void report() }, t("securityExport")),
      reportResult,
    ),
    reportProblem,
  );
}

/** The passphrase remembered in the OS keychain on this computer, and forgetting it: shown
 * before there is a roster too, since whoever opened the window could tick "remember". */
function keychainSection(): HTMLElement {
  const keychainLine = h("p", { class: "hint", "data-testid": "keychain-status" });
  const keychainProblem = h("p", { class: "form-error", role: "alert", hidden: true });
  const showKeychain = (keychain: PassphraseKeychain) => {
    mount(
      keychainLine,
      keychain.remembered ? t("keychainRemembered") : keychain.available ? t("keychainNotRemembered") : t("keychainUnavailable"),
      keychain.remembered
        ? h(
            "button",
            {
              type: "button",
              class: "small",
              "data-testid": "forget-passphrase",
              onclick: async () => {
                keychainProblem.hidden = true;
                try {
                  showKeychain(await api.forgetPassphrase());
                  toast(t("keychainForgotten"));
                } catch (error) {
                  showError(keychainProblem, error);
                }
              },
            },
            t("keychainForget"),
          )
        : null,
    );
  };
  void api.passphraseKeychain().then(showKeychain, (error) => showError(keychainProblem, error));
  return h("section", { class: "panel", "data-testid": "keychain-section" }, h("h2", null, t("keychainTitle")), keychainLine, keychainProblem);
}

/** Backups on a schedule into a folder (a USB stick), keeping the newest N; and one now. */
function scheduleSection(): HTMLElement {
  const folder = h("input", { type: "text", class: "wide-input", "data-testid": "schedule-folder", placeholder: t("scheduleFolderPlaceholder"), size: 50 }) as HTMLInputElement;
  const keep = h("input", { type: "number", min: 1, max: 100, value: 5, "data-testid": "schedule-keep", size: 4 }) as HTMLInputElement;
  const every = h("input", { type: "number", min: 1, max: 168, value: 24, "data-testid": "schedule-every", size: 4 }) as HTMLInputElement;
  const state = h("p", { class: "hint", role: "status", "data-testid": "schedule-state" });
  const problem = h("p", { class: "form-error", role: "alert", "data-testid": "schedule-error", hidden: true });
  const show = (status: { schedule: { folder: string; keep: number; every_hours: number } | null; last: { at: string; file: string | null; problem: string | null } | null }) => {
    const s = status.schedule;
    if (s) {
      folder.value = s.folder;
      keep.value = String(s.keep);
      every.value = String(s.every_hours);
    }
    const last = status.last;
    state.textContent = [
      s ? t("scheduleOn", { hours: s.every_hours, folder: s.folder, keep: s.keep }) : t("scheduleOff"),
      last?.file ? t("scheduleLastFile", { at: last.at.slice(0, 16).replace("T", " "), file: last.file }) : "",
      last?.problem ? t("scheduleLastProblem", { at: last.at.slice(0, 16).replace("T", " "), problem: last.problem }) : "",
    ]
      .filter(Boolean)
      .join(" ");
    state.classList.toggle("warning", Boolean(last?.problem));
  };
  const act = async (action: () => Promise<void>) => {
    problem.hidden = true;
    try {
      await action();
    } catch (error) {
      showError(problem, error);
    }
  };
  void act(async () => show(await api.backupScheduleStatus()));
  const numberOf = (input: HTMLInputElement) => Number.parseInt(input.value, 10) || 0;
  return h(
    "section",
    { class: "panel", "data-testid": "schedule-section" },
    h("h2", null, t("scheduleTitle")),
    h("p", { class: "hint" }, t("scheduleHint")),
    h(
      "div",
      { class: "actions" },
      folder,
      h("label", null, t("scheduleEvery"), " ", every, " ", t("hours")),
      h("label", null, t("scheduleKeep"), " ", keep),
    ),
    h(
      "div",
      { class: "actions" },
      h(
        "button",
        {
          type: "button",
          "data-testid": "schedule-save",
          onclick: () =>
            void act(async () => {
              show(await api.setBackupSchedule({ folder: folder.value.trim(), keep: numberOf(keep), every_hours: numberOf(every) }));
              toast(t("scheduleSaved"));
            }),
        },
        t("scheduleSave"),
      ),
      h(
        "button",
        {
          type: "button",
          "data-testid": "schedule-now",
          onclick: () =>
            void act(async () => {
              const done = await api.backupIntoFolder(folder.value.trim(), numberOf(keep));
              toast(t("backupDone", { file: done.backup.path, n: done.backup.files }));
              if (done.removed.length > 0) toast(t("scheduleRemoved", { n: done.removed.length }));
              show(await api.backupScheduleStatus());
            }),
        },
        t("scheduleNow"),
      ),
      h(
        "button",
        {
          type: "button",
          "data-testid": "schedule-off",
          onclick: () =>
            void act(async () => {
              show(await api.setBackupSchedule(null));
              toast(t("scheduleOff"));
            }),
        },
        t("scheduleStop"),
      ),
    ),
    state,
    problem,
  );
}

/** Erasure with proof: one event's personal data early (managers), or everything at the end of
 *  the contract (the 情報管理責任者 only); both ask for the typed word and write a certificate. */
function erasureSection(officer: boolean): HTMLElement {
  const eventChoice = h("select", { "data-testid": "erase-event" }) as HTMLSelectElement;
  void api
    .listEvents()
    .then((events) => eventChoice.replaceChildren(...events.map((e) => h("option", { value: String(e.event.id) }, `${e.event.date} ${e.event.title}`))))
    .catch(() => undefined);
  const certificateDir = h("input", { type: "text", class: "wide-input", "data-testid": "erase-certificate-dir", placeholder: t("eraseCertificatePlaceholder"), size: 50 }) as HTMLInputElement;
  const word = h("input", { type: "text", "data-testid": "erase-confirmation", size: 8, autocomplete: "off" }) as HTMLInputElement;
  const result = h("div", { role: "status", "data-testid": "erase-result" });
  const problem = h("p", { class: "form-error", role: "alert", "data-testid": "erase-error", hidden: true });
  const report = (certificate: ErasureCertificate) =>
    h(
      "div",
      { class: "panel" },
      h("p", null, t("eraseDone", { n: certificate.files.filter((f) => f.outcome === "erased").length, pdf: certificate.certificate_pdf })),
      certificate.to_confirm_by_hand.length > 0
        ? h("div", null, h("p", { class: "warning" }, t("eraseByHand")), h("ul", { "data-testid": "erase-by-hand" }, certificate.to_confirm_by_hand.map((p) => h("li", null, h("code", null, p)))))
        : null,
    );
  const run = async (all: boolean) => {
    problem.hidden = true;
    result.replaceChildren();
    try {
      if (all) {
        const certificate = await api.eraseAllData(certificateDir.value.trim(), word.value);
        result.replaceChildren(
          report(certificate),
          h("button", { class: "primary big", type: "button", "data-testid": "erase-finish", onclick: () => window.location.reload() }, t("eraseFinish")),
        );
      } else {
        const id = Number.parseInt(eventChoice.value, 10);
        const certificate = await api.eraseEventData(id, certificateDir.value.trim(), word.value);
        result.replaceChildren(report(certificate));
      }
      word.value = "";
    } catch (error) {
      showError(problem, error);
    }
  };
  return h(
    "section",
    { class: "panel danger-zone", "data-testid": "erasure-section" },
    h("h2", null, t("erasureTitle")),
    h("p", { class: "hint" }, t("erasureHint")),
    h("div", { class: "actions" }, h("label", null, t("eraseCertificateDir"), " ", certificateDir)),
    h("div", { class: "actions" }, h("label", null, t("eraseTypeWord"), " ", word)),
    h(
      "div",
      { class: "actions" },
      h("label", null, t("eraseEventLabel"), " ", eventChoice),
      h("button", { type: "button", "data-testid": "erase-event-run", onclick: () => void run(false) }, t("eraseEventRun")),
    ),
    officer
      ? h(
          "div",
          { class: "actions" },
          h("button", { type: "button", class: "danger", "data-testid": "erase-all-run", onclick: () => void run(true) }, t("eraseAllRun")),
        )
      : h("p", { class: "hint" }, t("eraseAllOfficerOnly")),
    problem,
    result,
  );
}
