// The event list, an event's page, and the event form.

import type { Attendee, Event, EventForm, EventFormat, EventSummary, SeatZone, ZonePlan } from "../bindings";
import { api, withReplaceConfirmation } from "../api";
import { h, mount } from "../dom";
import { choices, label, t } from "../i18n";
import { attendeeSection } from "./attendees";
import { printoutsPanel } from "./printouts";
import { seatPlanPanel } from "./seats";
import { attendanceExportPanel, onlineImportPanel, privacyLogPanel, registrationImportPanel, summaryTable } from "./exchange";
import { confirmReplace, field, form, select, showError, text, textInput, wholeNumber } from "./forms";

export function eventList(
  events: EventSummary[],
  selectedId: number | null,
  on: { onSelect: (id: number) => void; onNew: () => void },
): HTMLElement {
  return h(
    "nav",
    { class: "event-list" },
    h("h2", null, t("events")),
    h(
      "ul",
      null,
      events.map(({ event, counts }) =>
        h(
          "li",
          null,
          h(
            "button",
            {
              class: event.id === selectedId ? "event-item selected" : "event-item",
              "data-testid": "event-item",
              "aria-current": event.id === selectedId ? "page" : null,
              onclick: () => on.onSelect(event.id),
            },
            h("span", { class: "event-date" }, event.date),
            h("span", { class: "event-title" }, event.title),
            h("span", { class: "event-count" }, `${t("registered")} ${counts.n_registered} / ${t("ofCapacity", { capacity: event.capacity })}`),
          ),
        ),
      ),
    ),
    h("button", { class: "new-event", "data-testid": "new-event", onclick: on.onNew }, `＋ ${t("newEvent")}`),
  );
}

function timeRange(event: Event): string {
  if (!event.start_time) return "";
  return `${event.start_time}–${event.end_time ?? ""}`;
}

export function eventDetail(
  summary: EventSummary,
  on: {
    onEdit: () => void;
    onOpenDesk: () => void;
    onAddAttendee: () => void;
    onEditAttendee: (a: Attendee) => void;
    onOpenAgenda: () => void;
    onDataChanged: () => Promise<void>;
  },
): HTMLElement {
  const { event, counts } = summary;
  const exportPanel = ticketExportPanel(event);
  const importPanel = registrationImportPanel(event, on.onDataChanged);
  const onlinePanel = onlineImportPanel(event, on.onDataChanged);
  const attendancePanel = attendanceExportPanel(event, () => api.defaultExportDir(event.id));
  const auditPanel = privacyLogPanel();
  const seatsPanel = seatPlanPanel(event, () => api.defaultExportDir(event.id));
  const printPanel = printoutsPanel(event);
  const summaryBox = h("div", { class: "attendance-summary-box" });
  void api.attendanceSummary(event.id).then((s) => mount(summaryBox, summaryTable(s)), () => undefined);
  const zonesPanel = zonePlanPanel(event);
  const facts: [string, string][] = [
    [t("date"), `${event.date} ${timeRange(event)}`],
    [t("format"), label.format(event.format)],
    [t("venueName"), event.venue_name],
    [t("venueAddress"), event.venue_address],
    [t("capacity"), String(event.capacity)],
    [t("onlineUrl"), event.online_url],
  ];
  return h(
    "div",
    { class: "event-page", "data-testid": "event-detail" },
    h(
      "section",
      { class: "panel" },
      h(
        "div",
        { class: "panel-head" },
        h("h1", { "data-testid": "event-title" }, event.title),
        h("button", { class: "primary", "data-testid": "open-desk", onclick: on.onOpenDesk }, t("openDesk")),
        h("button", { "data-testid": "edit-zones", onclick: () => zonesPanel.toggle() }, t("zones")),
        h("button", { "data-testid": "edit-seats", onclick: () => seatsPanel.toggle() }, t("seats")),
        h("button", { "data-testid": "export-tickets", onclick: () => exportPanel.toggle() }, t("exportTickets")),
        h("button", { "data-testid": "edit-event", onclick: on.onEdit }, t("editEvent")),
      ),
      h(
        "div",
        { class: "panel-tools" },
        h("button", { "data-testid": "import-registrations", onclick: () => importPanel.toggle() }, t("importRegistrations")),
        h("button", { "data-testid": "import-online", onclick: () => onlinePanel.toggle() }, t("importOnline")),
        h("button", { "data-testid": "export-attendance", onclick: () => attendancePanel.toggle() }, t("exportAttendance")),
        h("button", { "data-testid": "open-printouts", onclick: () => printPanel.toggle() }, t("printouts")),
        h("button", { "data-testid": "open-agenda", onclick: on.onOpenAgenda }, t("openAgenda")),
        h("button", { "data-testid": "privacy-log", onclick: () => auditPanel.toggle() }, t("privacyLog")),
      ),
      h(
        "dl",
        { class: "facts" },
        facts.filter(([, value]) => value.trim() !== "").map(([name, value]) => [h("dt", null, name), h("dd", null, value)]),
      ),
      h(
        "div",
        { class: "counts", "data-testid": "event-counts" },
        count(t("registered"), counts.n_registered, "n-registered"),
        count(t("venue"), counts.n_venue, "n-venue"),
        count(t("online"), counts.n_online, "n-online"),
        count(t("cancelled"), counts.n_cancelled, "n-cancelled"),
        count(t("waitlisted"), counts.n_waitlisted, "n-waitlisted"),
      ),
      summaryBox,
    ),
    importPanel.element,
    onlinePanel.element,
    attendancePanel.element,
    auditPanel.element,
    zonesPanel.element,
    seatsPanel.element,
    printPanel.element,
    exportPanel.element,
    attendeeSection(event, on),
  );
}

/** Writing the event's tickets to a folder: typed, or picked with the system's dialog. */
function ticketExportPanel(event: Event): { element: HTMLElement; toggle: () => void } {
  const dirInput = h("input", { type: "text", name: "export_dir", "data-testid": "export-dir", class: "wide-input" });
  const errorBox = h("div", { class: "form-error", role: "alert", hidden: true });
  const resultBox = h("p", { class: "export-result", "data-testid": "export-result", role: "status" });
  const submit = h("button", { type: "submit", class: "primary", "data-testid": "export-now" }, t("exportNow"));
  const element = h(
    "form",
    {
      class: "panel form",
      "data-testid": "export-panel",
      hidden: true,
      onsubmit: async (e: SubmitEvent) => {
        e.preventDefault();
        submit.disabled = true;
        errorBox.hidden = true;
        resultBox.textContent = "";
        try {
          const done = await withReplaceConfirmation((replace) => api.exportTickets(event.id, dirInput.value, replace), confirmReplace);
          if (done) {
            resultBox.textContent = t("exported", { n: done.n_tickets, pdf: done.pdf });
            if (done.n_waiting_without_ticket > 0) resultBox.textContent += ` ${t("waitingNoTicket", { n: done.n_waiting_without_ticket })}`;
          }
        } catch (error) {
          showError(errorBox, error);
        } finally {
          submit.disabled = false;
        }
      },
    },
    h("h2", null, t("exportTitle")),
    h("p", { class: "hint" }, t("exportNote")),
    errorBox,
    h(
      "div",
      { class: "field wide" },
      h("label", { for: "export-dir" }, t("exportDir")),
      h(
        "div",
        { class: "inline" },
        dirInput,
        h("button", {
          type: "button",
          "data-testid": "browse",
          onclick: async () => {
            const chosen = await api.pickFolder(dirInput.value).catch((error) => {
              showError(errorBox, error);
              return null;
            });
            if (chosen) dirInput.value = chosen;
          },
        }, t("browse")),
      ),
    ),
    h("div", { class: "actions" }, submit),
    resultBox,
  );
  dirInput.id = "export-dir";
  return {
    element,
    toggle: async () => {
      element.hidden = !element.hidden;
      if (!element.hidden && dirInput.value === "") {
        dirInput.value = await api.defaultExportDir(event.id).catch(() => "");
      }
      if (!element.hidden) dirInput.focus();
    },
  };
}

function count(name: string, value: number, testId: string): HTMLElement {
  return h("div", { class: "count" }, h("span", { class: "count-value", "data-testid": testId }, String(value)), h("span", null, name));
}

export function eventForm(
  existing: Event | null,
  on: { onSaved: (event: Event, isNew: boolean) => Promise<void>; onCancel: () => void },
): HTMLFormElement {
  const e = existing;
  return form(
    "event-form",
    e ? t("editEvent") : t("newEvent"),
    [
      field(t("eventTitle"), textInput("title", e?.title ?? "", { autofocus: "" }), { required: true, wide: true }),
      field(t("date"), textInput("date", e?.date ?? "", { placeholder: t("datePlaceholder"), inputmode: "numeric" }), { required: true }),
      field(t("startTime"), textInput("start_time", e?.start_time ?? "", { placeholder: t("timePlaceholder"), inputmode: "numeric" })),
      field(t("endTime"), textInput("end_time", e?.end_time ?? "", { placeholder: t("timePlaceholder"), inputmode: "numeric" })),
      field(t("format"), select<EventFormat>("format", e?.format ?? "hybrid", choices.format, label.format)),
      field(t("venueName"), textInput("venue_name", e?.venue_name ?? ""), { wide: true }),
      field(t("venueAddress"), textInput("venue_address", e?.venue_address ?? ""), { wide: true }),
      field(t("capacity"), textInput("capacity", String(e?.capacity ?? 70), { "data-testid": "capacity", inputmode: "numeric" })),
      field(
        t("registrationLimit"),
        textInput("registration_limit", e?.registration_limit != null ? String(e.registration_limit) : "", { "data-testid": "registration-limit", inputmode: "numeric", title: t("registrationLimitHint") }),
      ),
      field(
        t("waitlistOpensAt"),
        textInput("waitlist_opens_at", e?.waitlist_opens_at ?? "", { "data-testid": "waitlist-opens-at", placeholder: t("timePlaceholder"), inputmode: "numeric", title: t("waitlistOpensHint") }),
      ),
      field(t("onlineUrl"), textInput("online_url", e?.online_url ?? "", { placeholder: "https://" }), { wide: true }),
    ],
    async (data) => {
      const eventForm: EventForm = {
        title: text(data, "title"),
        date: text(data, "date"),
        start_time: text(data, "start_time"),
        end_time: text(data, "end_time"),
        venue_name: text(data, "venue_name"),
        venue_address: text(data, "venue_address"),
        capacity: wholeNumber(data, "capacity"),
        online_url: text(data, "online_url"),
        format: text(data, "format") as EventFormat,
        registration_limit: text(data, "registration_limit"),
        waitlist_opens_at: text(data, "waitlist_opens_at"),
      };
      const saved = e ? await api.updateEvent(e.id, eventForm) : await api.createEvent(eventForm);
      await on.onSaved(saved, !e);
    },
    on.onCancel,
  );
}

/** Each zone's capacity and which categories sit in it: stakeholders apart by default. */
function zonePlanPanel(event: Event): { element: HTMLElement; toggle: () => void } {
  const body = h("div", { class: "zone-plan" });
  const errorBox = h("div", { class: "form-error", role: "alert", hidden: true });
  const done = h("p", { class: "export-result", role: "status", "data-testid": "zones-result" });
  let plan: ZonePlan | null = null;
  function render(): void {
    if (!plan) return;
    const current = plan;
    mount(
      body,
      choices.zone.map((zone) =>
        h(
          "fieldset",
          { class: "zone-card", "data-testid": `zone-${zone}` },
          h("legend", null, label.zone(zone)),
          field(
            t("zoneCapacity"),
            h("input", {
              type: "text",
              inputmode: "numeric",
              name: `capacity-${zone}`,
              "data-testid": `zone-capacity-${zone}`,
              value: current.zones.find((z) => z.zone === zone)?.capacity?.toString() ?? "",
              placeholder: String(event.capacity),
            }),
          ),
          h("p", { class: "hint" }, t("zoneCapacityHint")),
        ),
      ),
      h(
        "div",
        { class: "field wide" },
        h("span", { class: "field-label" }, t("category")),
        h(
          "table",
          { class: "live-table zone-mapping" },
          h(
            "tbody",
            null,
            choices.category.map((category) =>
              h(
                "tr",
                null,
                h("th", null, label.category(category)),
                h("td", null, select<SeatZone>(`zone-of-${category}`, current.mapping.find((m) => m.category === category)?.zone ?? "general", choices.zone, label.zone)),
              ),
            ),
          ),
        ),
      ),
    );
  }
  const element = h(
    "form",
    {
      class: "panel form",
      "data-testid": "zones-panel",
      hidden: true,
      onsubmit: async (e: SubmitEvent) => {
        e.preventDefault();
        errorBox.hidden = true;
        const data = new FormData(element);
        try {
          const next: ZonePlan = {
            zones: choices.zone.map((zone) => {
              const raw = text(data, `capacity-${zone}`).trim();
              return { zone, capacity: raw === "" ? null : wholeNumber(data, `capacity-${zone}`) };
            }),
            mapping: choices.category.map((category) => ({ category, zone: text(data, `zone-of-${category}`) as SeatZone })),
          };
          plan = await api.setZonePlan(event.id, next);
          render();
          done.textContent = t("zonesSaved");
        } catch (error) {
          showError(errorBox, error);
        }
      },
    },
    h("h2", null, t("zonesTitle")),
    errorBox,
    body,
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary", "data-testid": "save-zones" }, t("saveZones"))),
    done,
  );
  return {
    element,
    toggle: async () => {
      element.hidden = !element.hidden;
      if (!element.hidden) {
        plan = await api.zonePlan(event.id);
        render();
      }
    },
  };
}
