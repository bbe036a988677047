// Mail to each person (個別メール): choose the purpose, template and filter; see who is left out
// and why; preview any recipient's message; have a second handler approve; send over SMTP in
// short runs (the outbox is redrawn after each) or write .eml files; retry the failed on request.
// One message per person: only their address in To, no Cc, no Bcc (the Rust side builds it).

import type {
  Lang,
  AttendanceMode,
  Category,
  Event,
  LeftOutReason,
  ListedAttendee,
  MailServer,
  MailTemplate,
  Mailing,
  OutboxEntry,
  OutboxState,
  SmtpSecurity,
  TemplateInfo,
} from "../bindings";
import { api, withReplaceConfirmation } from "../api";
import { h, mount } from "../dom";
import { choices, label, lang, t } from "../i18n";
import { LABELS } from "../vocabulary";
import { confirmReplace, field, narrowDigits, select, showError, textInput } from "./forms";
import { toast } from "./toast";

const SECURITIES = Object.keys(LABELS.smtpSecurity) as SmtpSecurity[];
/** Messages per run of `send_mailing`: the database is free between runs, for the outbox view. */
const RUN_SIZE = 5;
const DEFAULT_PER_MINUTE = 30;

function pick<T extends string>(labels: Readonly<Record<T, readonly [string, string]>>, value: T): string {
  return labels[value][lang() === "ja" ? 0 : 1];
}
const templateLabel = (v: MailTemplate) => pick(LABELS.mailTemplate, v);
const reasonLabel = (v: LeftOutReason) => pick(LABELS.leftOutReason, v);
const stateLabel = (v: OutboxState) => pick(LABELS.outboxState, v);
const securityLabel = (v: SmtpSecurity) => pick(LABELS.smtpSecurity, v);

const sleep = (ms: number) => new Promise((resolve) => window.setTimeout(resolve, ms));

/** The mail page of one event: a new mailing, the mailings, and the one chosen. */
export function mailPage(event: Event, onBack: () => void): HTMLElement {
  const page = h("div", { class: "event-page", "data-testid": "mail-page" });
  page.addEventListener("keydown", (e: KeyboardEvent) => {
    if (e.key === "Escape" && !(e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement)) {
      e.preventDefault();
      onBack();
    }
  });
  const names = new Map<number, string>();
  const draw = async (chosen: number | null) => {
    const errorBox = h("div", { class: "form-error", role: "alert", hidden: true, "data-testid": "mail-error" });
    let mailings: Mailing[] = [];
    let templates: TemplateInfo[] = [];
    try {
      const people: ListedAttendee[] = await api.listAttendees(event.id, { search: null, presence: null, category: null, mode: null });
      for (const p of people) names.set(p.id, p.name);
      [mailings, templates] = await Promise.all([api.listMailings(event.id), api.mailTemplates()]);
    } catch (error) {
      showError(errorBox, error);
    }
    const current = mailings.find((m) => m.id === chosen) ?? null;
    mount(
      page,
      h(
        "section",
        { class: "panel" },
        h("div", { class: "panel-head" }, h("h1", null, t("mailTitle", { event: event.title })), h("button", { type: "button", "data-testid": "mail-back", onclick: onBack }, t("back"))),
        h("p", { class: "hint" }, t("mailNote")),
        errorBox,
      ),
      prepareForm(event, templates, (id) => void draw(id)),
      templateEditor(templates, () => void draw(chosen)),
      mailingList(mailings, chosen, (id) => void draw(id)),
      current ? mailingDetail(current, names, () => void draw(current.id)) : null,
    );
    (page.querySelector<HTMLElement>("[data-focus-first]") ?? page.querySelector<HTMLElement>("[autofocus]"))?.focus();
  };
  void draw(null);
  return page;
}

function personName(names: Map<number, string>, id: number): string {
  return names.get(id) ?? `#${id}`;
}

/** Purpose, template and filter; the template's text beside them; prepares on Enter. */
function prepareForm(event: Event, templates: TemplateInfo[], onPrepared: (id: number) => void): HTMLElement {
  const errorBox = h("div", { class: "form-error", role: "alert", hidden: true });
  const result = h("div", { "data-testid": "prepare-result", role: "status" });
  const templateSelect = select<MailTemplate>("mail-template", "ticket", templates.map((x) => x.name), templateLabel);
  const subject = h("p", { class: "mail-subject", "data-testid": "template-subject" });
  const body = h("pre", { class: "mail-body", "data-testid": "template-body" });
  const showTemplate = () => {
    const chosen = templates.find((x) => x.name === templateSelect.value);
    subject.textContent = chosen ? `${t("mailSubject")}: ${chosen.subject}` : "";
    body.textContent = chosen ? chosen.body + (chosen.attaches_ticket ? `\n${t("mailAttachesTicket")}` : "") : "";
  };
  templateSelect.addEventListener("change", showTemplate);
  showTemplate();
  const modeSelect = h(
    "select",
    { name: "mail-mode", "data-testid": "mail-mode" },
    h("option", { value: "" }, t("mailEveryone")),
    choices.mode.map((m) => h("option", { value: m }, label.mode(m))),
  );
  const categorySelect = h(
    "select",
    { name: "mail-category", "data-testid": "mail-category" },
    h("option", { value: "" }, t("mailEveryone")),
    choices.category.map((c) => h("option", { value: c }, label.category(c))),
  );
  const notYetSent = h("input", { type: "checkbox", name: "mail-not-yet-sent", "data-testid": "mail-not-yet-sent", id: "mail-not-yet-sent" });
  const purpose = textInput("mail-purpose", "", { placeholder: t("mailPurposeHint"), "data-focus-first": "" });
  const prepare = h("button", { type: "submit", class: "primary", "data-testid": "prepare-mailing" }, t("mailPrepare"));
  const element = h(
    "form",
    {
      class: "panel form",
      "data-testid": "mail-prepare",
      novalidate: true,
      onsubmit: async (e: SubmitEvent) => {
        e.preventDefault();
        errorBox.hidden = true;
        prepare.disabled = true;
        try {
          const prepared = await api.prepareMailing(
            event.id,
            templateSelect.value as MailTemplate,
            {
              mode: (modeSelect.value || null) as AttendanceMode | null,
              category: (categorySelect.value || null) as Category | null,
              not_yet_sent: notYetSent.checked,
            },
            purpose.value.trim() || null,
          );
          toast(t("mailPrepared", { id: prepared.id, n: prepared.recipients, left: prepared.left_out.length }));
          mount(result, h("p", null, t("mailPrepared", { id: prepared.id, n: prepared.recipients, left: prepared.left_out.length })));
          onPrepared(prepared.id);
        } catch (error) {
          showError(errorBox, error);
        } finally {
          prepare.disabled = false;
        }
      },
    },
    h("h2", null, t("mailNew")),
    errorBox,
    h(
      "div",
      { class: "fields" },
      field(t("mailPurpose"), purpose, { wide: true }),
      field(t("mailTemplate"), templateSelect),
      field(t("mode"), modeSelect),
      field(t("category"), categorySelect),
      h("div", { class: "field" }, h("label", { for: "mail-not-yet-sent" }, notYetSent, ` ${t("mailNotYetSent")}`)),
    ),
    h("div", { class: "mail-template-text" }, subject, body),
    h("div", { class: "actions" }, prepare, h("span", { class: "hint" }, t("mailPrepareHint"))),
    result,
  );
  return element;
}

function mailingList(mailings: Mailing[], chosen: number | null, onChoose: (id: number) => void): HTMLElement {
  if (mailings.length === 0) return h("section", { class: "panel" }, h("h2", null, t("mailMailings")), h("p", { class: "empty" }, t("mailNone")));
  return h(
    "section",
    { class: "panel", "data-testid": "mailings" },
    h("h2", null, t("mailMailings")),
    h(
      "table",
      { class: "attendees" },
      h("thead", null, h("tr", null, ["#", t("mailPurpose"), t("mailTemplate"), t("mailApprover"), t("mailCounts"), ""].map((c) => h("th", null, c)))),
      h(
        "tbody",
        null,
        mailings.map((m) =>
          h(
            "tr",
            { "data-testid": "mailing-row", "data-id": m.id, class: m.id === chosen ? "selected" : null },
            h("td", null, m.id),
            h("td", { class: "name" }, m.purpose),
            h("td", null, templateLabel(m.template)),
            h("td", null, m.approved_by ?? t("mailNotApproved")),
            h("td", null, countsText(m)),
            h("td", null, h("button", { type: "button", "data-testid": "open-mailing", onclick: () => onChoose(m.id) }, t("mailOpen"))),
          ),
        ),
      ),
    ),
  );
}

function countsText(m: Mailing): string {
  return t("mailCountsText", { waiting: m.counts.waiting, sent: m.counts.sent, failed: m.counts.failed + m.counts.sending });
}

/** The chosen mailing: the left out with why, a preview of any recipient's message, the approval, sending and the outbox. */
function mailingDetail(mailing: Mailing, names: Map<number, string>, redraw: () => void): HTMLElement {
  const outboxBody = h("tbody", null);
  const counts = h("p", { "data-testid": "mailing-counts", role: "status" }, countsText(mailing));
  const refreshOutbox = async (): Promise<OutboxEntry[]> => {
    const [entries, now] = await Promise.all([api.mailingOutbox(mailing.id), api.mailingStatus(mailing.id)]);
    counts.textContent = countsText(now);
    mount(
      outboxBody,
      entries.map((e) =>
        h(
          "tr",
          { "data-testid": "outbox-row", "data-state": e.state, "data-attendee": e.attendee_id },
          h("td", { class: "name" }, personName(names, e.attendee_id)),
          h("td", null, e.address),
          h("td", { "data-testid": "outbox-state" }, stateLabel(e.state)),
          h("td", null, e.answer),
          h("td", null, e.attempted_at ? new Date(e.attempted_at).toLocaleString(lang() === "ja" ? "ja-JP" : "en-GB") : ""),
        ),
      ),
    );
    return entries;
  };
  const element = h(
    "section",
    { class: "panel", "data-testid": "mailing-detail", "data-id": mailing.id },
    h("h2", null, t("mailDetailTitle", { id: mailing.id, purpose: mailing.purpose })),
    h("p", null, `${t("mailTemplate")}: ${templateLabel(mailing.template)} / ${t("mailPreparedBy")}: ${mailing.created_by}`),
    counts,
    leftOutList(mailing, names),
    previewPanel(mailing, names),
    mailing.approved_by ? h("p", { "data-testid": "mailing-approved", class: "notice" }, t("mailApprovedBy", { name: mailing.approved_by })) : approvalPanel(mailing, redraw),
    mailing.approved_by ? sendPanel(mailing, refreshOutbox) : null,
    h("h3", null, t("mailOutbox")),
    h(
      "table",
      { class: "attendees", "data-testid": "outbox" },
      h("thead", null, h("tr", null, [t("name"), t("email"), t("mailState"), t("mailAnswer"), t("mailAttempted")].map((c) => h("th", null, c)))),
      outboxBody,
    ),
  );
  void refreshOutbox();
  return element;
}

function leftOutList(mailing: Mailing, names: Map<number, string>): HTMLElement {
  if (mailing.left_out.length === 0) return h("p", { "data-testid": "left-out-none" }, t("mailNoneLeftOut"));
  return h(
    "details",
    { open: true, "data-testid": "left-out" },
    h("summary", null, t("mailLeftOut", { n: mailing.left_out.length })),
    h(
      "ul",
      null,
      mailing.left_out.map((l) =>
        h("li", { "data-testid": "left-out-row", "data-attendee": l.attendee, "data-reason": l.reason }, `${personName(names, l.attendee)}: ${reasonLabel(l.reason)}`),
      ),
    ),
  );
}

/** Any recipient's message as it will be sent: To, subject, body and the attachment. */
function previewPanel(mailing: Mailing, names: Map<number, string>): HTMLElement {
  const errorBox = h("div", { class: "form-error", role: "alert", hidden: true });
  const recipient = h("select", { "data-testid": "preview-recipient", id: "preview-recipient" });
  const to = h("p", { "data-testid": "preview-to" });
  const subject = h("p", { "data-testid": "preview-subject", class: "mail-subject" });
  const attached = h("p", { "data-testid": "preview-attachment", class: "hint" });
  const body = h("pre", { "data-testid": "preview-body", class: "mail-body" });
  const show = async () => {
    errorBox.hidden = true;
    try {
      const mail = await api.previewMail(mailing.id, recipient.value ? Number(recipient.value) : null);
      to.textContent = `To: ${mail.to}`;
      subject.textContent = `${t("mailSubject")}: ${mail.subject}`;
      attached.textContent = mail.ticket ? t("mailAttachment", { file: mail.attachments.join(", ") }) : "";
      body.textContent = mail.body;
    } catch (error) {
      showError(errorBox, error);
    }
  };
  recipient.addEventListener("change", () => void show());
  void api.mailingOutbox(mailing.id).then((entries) => {
    mount(
      recipient,
      entries.map((e) => h("option", { value: e.attendee_id }, `${personName(names, e.attendee_id)} <${e.address}>`)),
    );
    if (entries.length > 0) void show();
  }, (error) => showError(errorBox, error));
  return h(
    "div",
    { class: "mail-preview", "data-testid": "mail-preview" },
    h("h3", null, t("mailPreview")),
    errorBox,
    h("div", { class: "field wide" }, h("label", { for: "preview-recipient" }, t("mailPreviewFor")), recipient),
    to,
    subject,
    attached,
    body,
  );
}

/**
 * The second handler's approval: with a roster, a person other than the preparer chooses their
 * name and types their PIN here (they do not take over the window); before the roster, the
 * approver's name is the second confirmation.
 */
function approvalPanel(mailing: Mailing, onApproved: () => void): HTMLElement {
  const errorBox = h("div", { class: "form-error", role: "alert", hidden: true });
  const box = h("div", { class: "fields" });
  const approve = h("button", { type: "submit", class: "primary", "data-testid": "approve-mailing" }, t("mailApprove"));
  let nameInput: HTMLInputElement | HTMLSelectElement = textInput("mail-approver", "", { autocomplete: "off" });
  let pinInput: HTMLInputElement | null = null;
  void api.handlerNames().then((names) => {
    if (names.length > 0) {
      const others = names.filter((n) => n !== mailing.created_by);
      nameInput = h("select", { name: "mail-approver", "data-testid": "mail-approver" }, others.map((n) => h("option", { value: n }, n)));
      pinInput = h("input", { type: "password", name: "mail-approver-pin", "data-testid": "mail-approver-pin", autocomplete: "off" });
      mount(box, field(t("mailApprover"), nameInput), field(t("pin"), pinInput));
    } else {
      mount(box, field(t("mailApproverName"), nameInput));
    }
  });
  mount(box, field(t("mailApproverName"), nameInput));
  return h(
    "form",
    {
      class: "form mail-approval",
      "data-testid": "mail-approval",
      novalidate: true,
      onsubmit: async (e: SubmitEvent) => {
        e.preventDefault();
        errorBox.hidden = true;
        approve.disabled = true;
        try {
          const done = await api.approveMailing(mailing.id, nameInput.value, pinInput ? pinInput.value : null);
          toast(t("mailApprovedBy", { name: done.approved_by ?? "" }));
          onApproved();
        } catch (error) {
          if (pinInput) pinInput.value = "";
          showError(errorBox, error);
        } finally {
          approve.disabled = false;
        }
      },
    },
    h("h3", null, t("mailApproval")),
    h("p", { class: "hint" }, t("mailApprovalNote", { n: mailing.counts.waiting + mailing.counts.sent + mailing.counts.failed + mailing.counts.sending, by: mailing.created_by })),
    errorBox,
    box,
    h("div", { class: "actions" }, approve),
  );
}

/** Sending over SMTP (the server remembered, the password asked each time and never kept) or .eml files. */
function sendPanel(mailing: Mailing, refreshOutbox: () => Promise<OutboxEntry[]>): HTMLElement {
  const errorBox = h("div", { class: "form-error", role: "alert", hidden: true, "data-testid": "send-error" });
  const result = h("p", { "data-testid": "send-result", role: "status" });
  const host = textInput("smtp-host", "", { placeholder: "smtp.example.jp" });
  const port = textInput("smtp-port", "587", { inputmode: "numeric", size: "6" });
  const security = select<SmtpSecurity>("smtp-security", "starttls", SECURITIES, securityLabel);
  const user = textInput("smtp-user", "");
  const from = textInput("smtp-from", "", { placeholder: "jimukyoku@example.jp" });
  const password = h("input", { type: "password", name: "smtp-password", "data-testid": "smtp-password", autocomplete: "off" });
  const perMinute = textInput("smtp-per-minute", String(DEFAULT_PER_MINUTE), { inputmode: "numeric", size: "5" });
  const keychain = h("input", { type: "checkbox", id: "smtp-keychain", "data-testid": "smtp-keychain" });
  const forget = h("button", { type: "button", "data-testid": "forget-password" }, t("mailForgetPassword"));
  const send = h("button", { type: "submit", class: "primary", "data-testid": "send-mailing" }, t("mailSend"));
  const retry = h("button", { type: "button", "data-testid": "retry-failed" }, t("mailRetryFailed"));
  const stop = h("button", { type: "button", "data-testid": "stop-sending", disabled: true }, t("mailStop"));
  let stopping = false;
  stop.addEventListener("click", () => {
    stopping = true;
  });
  void api.mailServer().then((saved) => {
    if (!saved) return;
    host.value = saved.host;
    port.value = String(saved.port);
    security.value = saved.security;
    user.value = saved.user;
    from.value = saved.from;
  }, () => undefined);
  const server = (): MailServer => ({
    host: host.value.trim(),
    port: Number(narrowDigits(port.value).trim()) || 0,
    security: security.value as SmtpSecurity,
    user: user.value.trim(),
    from: from.value.trim(),
  });
  const run = async (retryFailed: boolean) => {
    errorBox.hidden = true;
    result.textContent = "";
    stopping = false;
    send.disabled = retry.disabled = true;
    stop.disabled = false;
    const rate = Math.max(1, Number(narrowDigits(perMinute.value).trim()) || DEFAULT_PER_MINUTE);
    let retryNow = retryFailed;
    let waitingBefore = Number.POSITIVE_INFINITY;
    try {
      for (;;) {
        const report = await api.sendMailing(mailing.id, server(), password.value || null, keychain.checked, rate, retryNow, RUN_SIZE);
        retryNow = false;
        await refreshOutbox();
        result.textContent = t("mailSendReport", { sent: report.sent, failed: report.failed, waiting: report.waiting });
        // Done, stopped, or a run that moved nothing on (nothing more will).
        if (report.waiting === 0 || stopping || report.waiting >= waitingBefore) break;
        waitingBefore = report.waiting;
        await sleep(60_000 / rate);
      }
    } catch (error) {
      showError(errorBox, error);
      await refreshOutbox().catch(() => undefined);
    } finally {
      // The password is used for this sending only.
      password.value = "";
      send.disabled = retry.disabled = false;
      stop.disabled = true;
    }
  };
  retry.addEventListener("click", () => void run(true));
  forget.addEventListener("click", async () => {
    errorBox.hidden = true;
    try {
      await api.forgetMailPassword(server());
      toast(t("mailPasswordForgotten"));
    } catch (error) {
      showError(errorBox, error);
    }
  });

  const emlDir = h("input", { type: "text", id: "eml-dir", "data-testid": "eml-dir", class: "wide-input", autocomplete: "off" });
  const browse = h("button", { type: "button", "data-testid": "eml-browse" }, t("browse"));
  browse.addEventListener("click", async () => {
    const chosen = await api.pickFolder(emlDir.value).catch((error) => {
      showError(errorBox, error);
      return null;
    });
    if (chosen) emlDir.value = chosen;
  });
  const writeEml = h("button", { type: "button", "data-testid": "export-eml" }, t("mailWriteEml"));
  writeEml.addEventListener("click", async () => {
    errorBox.hidden = true;
    try {
      const done = await withReplaceConfirmation((replace) => api.exportMailingEml(mailing.id, emlDir.value, from.value, replace), confirmReplace);
      if (done) result.textContent = t("mailEmlWritten", { n: done.files, dir: done.dir });
      await refreshOutbox();
    } catch (error) {
      showError(errorBox, error);
    }
  });

  return h(
    "div",
    { class: "mail-send" },
    h(
      "form",
      {
        class: "form",
        "data-testid": "mail-send",
        novalidate: true,
        onsubmit: (e: SubmitEvent) => {
          e.preventDefault();
          void run(false);
        },
      },
      h("h3", null, t("mailSendTitle")),
      h("p", { class: "hint" }, t("mailSendNote")),
      errorBox,
      h(
        "div",
        { class: "fields" },
        field(t("mailHost"), host),
        field(t("mailPort"), port),
        field(t("mailSecurity"), security),
        field(t("mailUser"), user),
        field(t("mailPassword"), password),
        h("div", { class: "field" }, h("label", { for: "smtp-keychain" }, keychain, ` ${t("mailKeychain")}`), forget),
        field(t("mailFrom"), from, { required: true }),
        field(t("mailPerMinute"), perMinute),
      ),
      h("div", { class: "actions" }, send, retry, stop),
    ),
    h(
      "div",
      { class: "field wide" },
      h("label", { for: "eml-dir" }, t("mailEmlDir")),
      h("div", { class: "inline" }, emlDir, browse, writeEml),
      h("p", { class: "hint" }, t("mailEmlNote")),
    ),
    result,
  );
}

const PLACEHOLDERS = ["{name}", "{event}", "{date}", "{venue}", "{online_url}", "{ticket}", "{how_to_join}"];

/**
 * The templates' words in the mail language: a person edits the subject and body with the
 * placeholders and saves them, or goes back to the built-in words. A mailing keeps the words it
 * was prepared with, so editing here never changes one already prepared.
 */
function templateEditor(templates: TemplateInfo[], onChanged: () => void): HTMLElement {
  const errorBox = h("div", { class: "form-error", role: "alert", hidden: true });
  const status = h("p", { "data-testid": "template-state", role: "status" });
  const mailLang = templates[0]?.lang ?? "ja";
  const language = h(
    "select",
    { "data-testid": "mail-language", id: "mail-language" },
    h("option", { value: "ja", selected: mailLang === "ja" }, "日本語"),
    h("option", { value: "en", selected: mailLang === "en" }, "English"),
  );
  language.addEventListener("change", async () => {
    try {
      await api.setMailLanguage(language.value as Lang);
      onChanged();
    } catch (error) {
      showError(errorBox, error);
    }
  });
  const chooser = select<MailTemplate>("edit-template", templates[0]?.name ?? "ticket", templates.map((x) => x.name), templateLabel);
  const subject = h("input", { type: "text", name: "template-subject", "data-testid": "template-subject-input", class: "wide-input", autocomplete: "off" });
  const body = h("textarea", { name: "template-body", "data-testid": "template-body-input", rows: 12, class: "minutes-text" });
  const fill = () => {
    const chosen = templates.find((x) => x.name === chooser.value);
    if (!chosen) return;
    subject.value = chosen.subject;
    body.value = chosen.body;
    status.textContent = chosen.customized ? t("mailTemplateCustomized") : t("mailTemplateBuiltIn");
  };
  chooser.addEventListener("change", fill);
  fill();
  const save = h("button", { type: "submit", class: "primary", "data-testid": "save-template" }, t("save"));
  const reset = h("button", { type: "button", "data-testid": "reset-template" }, t("mailTemplateReset"));
  reset.addEventListener("click", async () => {
    errorBox.hidden = true;
    try {
      await api.resetMailTemplate(chooser.value as MailTemplate);
      toast(t("mailTemplateResetDone"));
      onChanged();
    } catch (error) {
      showError(errorBox, error);
    }
  });
  return h(
    "form",
    {
      class: "panel form",
      "data-testid": "template-editor",
      novalidate: true,
      onsubmit: async (e: SubmitEvent) => {
        e.preventDefault();
        errorBox.hidden = true;
        try {
          await api.saveMailTemplate(chooser.value as MailTemplate, { subject: subject.value, body: body.value });
          toast(t("mailTemplateSaved"));
          onChanged();
        } catch (error) {
          showError(errorBox, error);
        }
      },
    },
    h("h2", null, t("mailTemplates")),
    h("p", { class: "hint" }, t("mailTemplatesNote", { placeholders: PLACEHOLDERS.join(" ") })),
    errorBox,
    h(
      "div",
      { class: "fields" },
      h("div", { class: "field" }, h("label", { for: "mail-language" }, t("mailLanguage")), language),
      field(t("mailTemplate"), chooser),
      field(t("mailSubject"), subject, { wide: true }),
      field(t("mailBody"), body, { wide: true }),
    ),
    status,
    h("div", { class: "actions" }, save, reset),
  );
}
