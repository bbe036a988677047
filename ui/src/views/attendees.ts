// An event's attendees: the searchable table and the attendee form.

import type { AttendanceMode, Attendee, AttendeeDraft, AttendeeStatus, Category, Event, SeatZone } from "../bindings";
import { api } from "../api";
import { h, mount } from "../dom";
import { choices, label, t } from "../i18n";
import { field, form, select, showError, text, textInput } from "./forms";
import { toast } from "./toast";

/** The attendee table with its search box; typing narrows the list without losing focus. */
export function attendeeSection(event: Event, on: { onAddAttendee: () => void; onEditAttendee: (a: Attendee) => void }) {
  const tableHolder = h("div", { class: "table-holder" });
  const errorBox = h("div", { class: "form-error", role: "alert", hidden: true });
  let latestQuery = 0;
  const search = h("input", {
    type: "search",
    class: "search",
    "data-testid": "attendee-search",
    placeholder: t("searchPlaceholder"),
    "aria-label": t("searchLabel"),
    oninput: () => refresh(),
  });
  async function refresh(): Promise<void> {
    const query = search.value;
    const ticket = ++latestQuery;
    try {
      const attendees = await api.listAttendees(event.id, query);
      if (ticket !== latestQuery) return; // a later keystroke has already asked again
      errorBox.hidden = true;
      mount(tableHolder, attendeeTable(attendees, query, on.onEditAttendee));
    } catch (error) {
      showError(errorBox, error);
    }
  }
  void refresh();
  return h(
    "section",
    {
      class: "panel",
      onkeydown: (e: KeyboardEvent) => {
        if (e.key === "/" && document.activeElement !== search && !(document.activeElement instanceof HTMLInputElement)) {
          e.preventDefault();
          search.focus();
        }
      },
    },
    h(
      "div",
      { class: "panel-head" },
      h("h2", null, t("attendees")),
      search,
      h("button", { class: "primary", "data-testid": "add-attendee", onclick: on.onAddAttendee }, `＋ ${t("addAttendee")}`),
    ),
    errorBox,
    tableHolder,
  );
}

function attendeeTable(attendees: Attendee[], query: string, onEdit: (a: Attendee) => void): HTMLElement {
  if (attendees.length === 0) {
    return h("p", { class: "empty", "data-testid": "attendee-empty" }, query.trim() ? t("noMatches", { query }) : t("noAttendees"));
  }
  return h(
    "div",
    null,
    h("p", { class: "table-count", "data-testid": "attendee-count" }, t("nPeople", { n: attendees.length })),
    h(
      "table",
      { class: "attendees", "data-testid": "attendee-table" },
      h(
        "thead",
        null,
        h("tr", null, [t("name"), t("kana"), t("organization"), t("jobTitle"), t("category"), t("mode"), t("status"), ""].map((c) => h("th", null, c))),
      ),
      h(
        "tbody",
        null,
        attendees.map((a) =>
          h(
            "tr",
            { class: a.status === "cancelled" ? "cancelled" : null, "data-testid": "attendee-row", "data-id": a.id },
            h("td", { class: "name" }, a.name),
            h("td", null, a.kana),
            h("td", null, a.organization),
            h("td", null, a.title),
            h("td", null, h("span", { class: `tag category-${a.category}` }, label.category(a.category))),
            h("td", { class: "nowrap" }, label.mode(a.mode)),
            h("td", { class: "nowrap" }, a.waitlist_position !== null ? t("waitlistedN", { n: a.waitlist_position }) : label.status(a.status)),
            h("td", { class: "nowrap" }, h("button", { class: "small", "data-testid": "edit-attendee", onclick: () => onEdit(a) }, t("edit"))),
          ),
        ),
      ),
    ),
  );
}

export function attendeeForm(
  event: Event,
  existing: Attendee | null,
  on: { onSaved: (attendee: Attendee, isNew: boolean) => Promise<void>; onCancel: () => void },
): HTMLFormElement {
  const a = existing;
  return form(
    "attendee-form",
    `${a ? t("editAttendee") : t("addAttendee")} — ${event.title}`,
    [
      field(t("name"), textInput("name", a?.name ?? "", { autofocus: "" }), { required: true }),
      field(t("kana"), textInput("kana", a?.kana ?? "")),
      field(t("organization"), textInput("organization", a?.organization ?? ""), { wide: true }),
      field(t("jobTitle"), textInput("title", a?.title ?? "")),
      field(t("email"), textInput("email", a?.email ?? "", { type: "email", inputmode: "email" })),
      field(t("phone"), textInput("phone", a?.phone ?? "", { type: "tel", inputmode: "tel" })),
      field(t("category"), select<Category>("category", a?.category ?? "atotsugi", choices.category, label.category)),
      field(t("mode"), select<AttendanceMode>("mode", a?.mode ?? "venue", choices.mode, label.mode)),
      a ? field(t("status"), select<AttendeeStatus>("status", a.status, choices.status, label.status)) : null,
      a
        ? field(
            t("zoneOf"),
            select<"" | SeatZone>("zone_override", a.zone_override ?? "", ["", ...choices.zone], (z) => (z === "" ? t("zoneByCategory") : label.zone(z))),
          )
        : null,
      a ? field(t("zoneMoveReason"), textInput("zone_reason", ""), { wide: true }) : null,
      field(t("notes"), h("textarea", { name: "notes", "data-testid": "notes", rows: 2 }, a?.notes ?? ""), { wide: true }),
      a?.ticket ? ticketBlock(a) : null,
      h(
        "label",
        { class: "checkbox wide" },
        h("input", { type: "checkbox", name: "consent", "data-testid": "consent", checked: a ? a.consent : true }),
        ` ${t("consent")}`,
      ),
    ],
    async (data) => {
      const draft: AttendeeDraft = {
        name: text(data, "name"),
        kana: text(data, "kana"),
        organization: text(data, "organization"),
        title: text(data, "title"),
        email: text(data, "email"),
        phone: text(data, "phone"),
        category: text(data, "category") as Category,
        mode: text(data, "mode") as AttendanceMode,
        consent: data.get("consent") !== null,
        source: a?.source ?? "manual",
        notes: text(data, "notes"),
        status: a ? (text(data, "status") as AttendeeStatus) : "registered",
      };
      if (a) {
        const zone = (text(data, "zone_override") || null) as SeatZone | null;
        if (zone !== a.zone_override) await api.moveToZone(a.id, zone, text(data, "zone_reason"));
      }
      if (a) {
        const update = await api.updateAttendee(a.id, draft);
        await on.onSaved(update.attendee, false);
        if (update.promoted.length) toast(t("promoted", { names: update.promoted.map((p) => p.name).join("、") }));
      } else {
        await on.onSaved(await api.createAttendee(event.id, draft), true);
      }
    },
    on.onCancel,
  );
}

/** The person's ticket: its QR code and code, and reissuing when a ticket is lost. */
function ticketBlock(attendee: Attendee): HTMLElement {
  const qr = h("img", { class: "ticket-qr", alt: t("ticket"), "data-testid": "ticket-qr", width: 132, height: 132 });
  const code = h("code", { class: "ticket-code", "data-testid": "ticket-code" });
  const note = h("p", { class: "hint", role: "status" });
  let armed = false;
  async function show(token: string): Promise<void> {
    code.textContent = token.match(/.{1,4}/g)?.join("-") ?? token;
    const svg = await api.ticketQrSvg(token);
    qr.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  }
  void show(attendee.ticket ?? "");
  const reissue = h(
    "button",
    {
      type: "button",
      "data-testid": "reissue-ticket",
      onclick: async () => {
        if (!armed) {
          armed = true;
          note.textContent = t("reissueConfirm");
          return;
        }
        armed = false;
        const updated = await api.reissueTicket(attendee.id);
        if (updated.ticket) await show(updated.ticket);
        note.textContent = t("reissued");
      },
    },
    t("reissue"),
  );
  return h(
    "div",
    { class: "field wide ticket-block" },
    h("span", { class: "field-label" }, t("ticket")),
    h("div", { class: "inline" }, qr, h("div", null, h("div", null, t("ticketCode")), code, h("div", { class: "actions" }, reissue), note)),
  );
}
