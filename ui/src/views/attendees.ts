// An event's attendees: the searchable table and the attendee form.

import type {
  AttendanceMode,
  Attendee,
  AttendeeDraft,
  AttendeeStatus,
  Category,
  DeskAnswer,
  DoorInput,
  Event,
  ListedAttendee,
  PeopleFilter,
  PossibleDuplicate,
  PresenceFilter,
  SeatZone,
} from "../bindings";
import { api, ApiFailure } from "../api";
import { h, mount } from "../dom";
import { choices, label, t } from "../i18n";
import { field, form, select, showError, text, textInput } from "./forms";
import { toast } from "./toast";
import { presenceTags } from "./presence";
import { DuplicateWatch } from "./duplicates";

/**
 * The attendee table with its search box and filters (where people stand, category, mode); typing
 * narrows the list without losing focus. An organizer checks a person in, or undoes their last
 * pass, from their row, under the desk's rules and log.
 */
export function attendeeSection(
  event: Event,
  on: { onAddAttendee: () => void; onEditAttendee: (a: Attendee) => void; onDataChanged?: () => Promise<void> },
) {
  const tableHolder = h("div", { class: "table-holder" });
  const errorBox = h("div", { class: "form-error", role: "alert", hidden: true });
  const askBox = h("div", { class: "row-ask", "data-testid": "row-ask", hidden: true });
  let latestQuery = 0;
  const search = h("input", {
    type: "search",
    class: "search",
    "data-testid": "attendee-search",
    placeholder: t("searchPlaceholder"),
    "aria-label": t("searchLabel"),
    oninput: () => refresh(),
  });
  const presenceFilter = filterSelect<PresenceFilter>("filter-presence", t("filterPresence"), choices.presence, label.presence);
  const categoryFilter = filterSelect<Category>("filter-category", t("category"), choices.category, label.category);
  const modeFilter = filterSelect<AttendanceMode>("filter-mode", t("mode"), choices.mode, label.mode);
  function filterSelect<T extends string>(testId: string, name: string, values: T[], labelOf: (v: T) => string): HTMLSelectElement {
    return h(
      "select",
      { "data-testid": testId, "aria-label": name, onchange: () => refresh() },
      h("option", { value: "" }, `${name}: ${t("all")}`),
      values.map((v) => h("option", { value: v }, labelOf(v))),
    );
  }
  function filter(): PeopleFilter {
    return {
      search: search.value.trim() === "" ? null : search.value,
      presence: (presenceFilter.value || null) as PresenceFilter | null,
      category: (categoryFilter.value || null) as Category | null,
      mode: (modeFilter.value || null) as AttendanceMode | null,
    };
  }
  async function refresh(): Promise<void> {
    const ticket = ++latestQuery;
    try {
      const people = await api.listAttendees(event.id, filter());
      if (ticket !== latestQuery) return; // a later keystroke has already asked again
      errorBox.hidden = true;
      mount(tableHolder, attendeeTable(people, search.value, on.onEditAttendee, rowActions));
    } catch (error) {
      showError(errorBox, error);
    }
  }

  /** Asks for a reason in a line above the table; Esc or キャンセル closes it. */
  function askReason(titleText: string, initial: string, onReason: (reason: string) => Promise<void>): void {
    const input = h("input", { type: "text", class: "wide-input", "data-testid": "row-reason", value: initial, "aria-label": t("overrideReason") });
    const problem = h("p", { class: "form-error", role: "alert", hidden: true });
    const close = () => {
      askBox.hidden = true;
      askBox.replaceChildren();
    };
    const run = async () => {
      if (input.value.trim() === "") {
        problem.textContent = t("overrideReason");
        problem.hidden = false;
        input.focus();
        return;
      }
      try {
        await onReason(input.value.trim());
        close();
      } catch (error) {
        showError(problem, error);
      }
    };
    input.addEventListener("keydown", (e: KeyboardEvent) => {
      if (e.isComposing) return;
      if (e.key === "Enter") {
        e.preventDefault();
        void run();
      } else if (e.key === "Escape") {
        e.preventDefault();
        close();
      }
    });
    mount(
      askBox,
      h("strong", null, titleText),
      h("label", null, `${t("overrideReason")} `, input),
      h("button", { type: "button", class: "primary", "data-testid": "row-reason-ok", onclick: () => void run() }, t("ok")),
      h("button", { type: "button", onclick: close }, t("cancel")),
      problem,
    );
    askBox.hidden = false;
    input.focus();
  }

  async function afterDoor(answer: DeskAnswer, person: ListedAttendee): Promise<void> {
    const name = person.name;
    if (answer.verdict.passed) {
      toast(`${answer.verdict.title}: ${name}${answer.verdict.notice ? ` — ${answer.verdict.notice}` : ""}`);
    } else if (answer.verdict.can_override) {
      askReason(`${answer.verdict.title}: ${name}`, "", async (reason) => {
        const retried = await api.door(event.id, checkInInput(person, reason));
        toast(`${retried.verdict.title}: ${name}`);
        await refresh();
        await on.onDataChanged?.();
      });
    } else {
      errorBox.textContent = `${answer.verdict.title}: ${name}`;
      errorBox.hidden = false;
    }
    await refresh();
    await on.onDataChanged?.();
  }

  function rowActions(person: ListedAttendee): HTMLElement[] {
    const actions: HTMLElement[] = [];
    if (!person.in_room && person.status === "registered") {
      actions.push(
        h(
          "button",
          {
            class: "small",
            "data-testid": "row-check-in",
            onclick: async () => {
              try {
                await afterDoor(await api.door(event.id, checkInInput(person, null)), person);
              } catch (error) {
                showError(errorBox, error);
              }
            },
          },
          t("checkIn"),
        ),
      );
    }
    const lastPass = person.last_pass_attempt;
    if (lastPass !== null) {
      actions.push(
        h(
          "button",
          {
            class: "small",
            "data-testid": "row-undo",
            onclick: () =>
              askReason(t("undoTitleFor", { name: person.name }), t("undoReasonDefault"), async (reason) => {
                await api.undoAttempt(lastPass, reason);
                toast(t("undone"));
                await refresh();
                await on.onDataChanged?.();
              }),
          },
          t("undoPass"),
        ),
      );
    }
    return actions;
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
    h("div", { class: "filters" }, presenceFilter, categoryFilter, modeFilter),
    errorBox,
    askBox,
    tableHolder,
  );
}

function checkInInput(person: ListedAttendee, reason: string | null): DoorInput {
  return { direction: "entry", method: "search", code: null, attendee_id: person.id, override_reason: reason };
}

function attendeeTable(
  people: ListedAttendee[],
  query: string,
  onEdit: (a: Attendee) => void,
  actionsOf: (person: ListedAttendee) => HTMLElement[],
): HTMLElement {
  if (people.length === 0) {
    return h("p", { class: "empty", "data-testid": "attendee-empty" }, query.trim() ? t("noMatches", { query }) : t("noAttendees"));
  }
  return h(
    "div",
    null,
    h("p", { class: "table-count", "data-testid": "attendee-count" }, t("nPeople", { n: people.length })),
    h(
      "table",
      { class: "attendees", "data-testid": "attendee-table" },
      h(
        "thead",
        null,
        h("tr", null, [t("name"), t("kana"), t("organization"), t("category"), t("mode"), t("dayStatus"), ""].map((c) => h("th", null, c))),
      ),
      h(
        "tbody",
        null,
        people.map((a) =>
          h(
            "tr",
            { class: a.status === "cancelled" ? "cancelled" : null, "data-testid": "attendee-row", "data-id": a.id },
            h("td", { class: "name" }, a.name, a.title ? h("div", { class: "sub" }, a.title) : null),
            h("td", null, a.kana),
            h("td", null, a.organization),
            h("td", null, h("span", { class: `tag category-${a.category}` }, label.category(a.category))),
            h("td", { class: "nowrap" }, label.mode(a.mode)),
            h("td", null, presenceTags(a)),
            h(
              "td",
              { class: "row-actions" },
              actionsOf(a),
              h("button", { class: "small", "data-testid": "edit-attendee", onclick: () => onEdit(a) }, t("edit")),
            ),
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
  // Registrations that look like the person typed: warned about before a second record is made.
  const matchBox = h("div", { class: "duplicate-warning", "data-testid": "duplicate-warning", role: "status", hidden: true });
  function draftOf(data: FormData): AttendeeDraft {
    return {
      name: text(data, "name"),
      kana: text(data, "kana"),
      organization: text(data, "organization"),
      title: text(data, "title"),
      email: text(data, "email"),
      phone: text(data, "phone"),
      category: (text(data, "category") || "atotsugi") as Category,
      mode: (text(data, "mode") || "venue") as AttendanceMode,
      consent: data.get("consent") !== null,
      source: a?.source ?? "manual",
      notes: text(data, "notes"),
      status: a ? (text(data, "status") as AttendeeStatus) : "registered",
    };
  }
  function showMatches(matches: PossibleDuplicate[]): void {
    matchBox.hidden = matches.length === 0;
    mount(
      matchBox,
      h("p", null, `⚠ ${t("duplicateWarning")}`),
      h(
        "ul",
        null,
        matches.map((m) =>
          h("li", { "data-testid": "duplicate-match" }, `${m.attendee.name}（${m.attendee.kana || "—"}・${m.attendee.organization || "—"}）: ${label.duplicateReason(m.reason)}`),
        ),
      ),
      a ? h("p", { class: "hint" }, t("mergeHint")) : null,
    );
  }
  const formElement = form(
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
      h("div", { class: "wide" }, matchBox),
      a?.ticket ? ticketBlock(a) : null,
      // Consent is given by the person, never assumed: the box starts unticked.
      h(
        "label",
        { class: "checkbox wide" },
        h("input", { type: "checkbox", name: "consent", "data-testid": "consent", checked: a ? a.consent : false }),
        ` ${t("consent")}`,
      ),
      a ? careBlock(a) : null,
    ],
    async (data) => {
      if (!a && watch.mustWarn()) {
        throw new ApiFailure("attendee.possible_duplicate", t("addDuplicateConfirm"));
      }
      const draft = draftOf(data);
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
  const watch = new DuplicateWatch(formElement, event.id, a?.id ?? null, draftOf, showMatches, 200);
  if (a) void watch.lookUp();

  /** Merging a duplicate into this person, and deleting this person on their request. */
  function careBlock(person: Attendee): HTMLElement {
    const note = h("p", { class: "form-error", role: "alert", hidden: true });
    const reason = h("input", { type: "text", class: "wide-input", "data-testid": "care-reason", "aria-label": t("careReason") });
    const other = h("select", { "data-testid": "merge-choice", "aria-label": t("mergeWith") }, h("option", { value: "" }, t("mergeChoose")));
    void api.possibleDuplicates(event.id, person, person.id).then((found) => {
      for (const m of found) other.append(h("option", { value: String(m.attendee.id) }, `${m.attendee.name}（${label.duplicateReason(m.reason)}）`));
    });
    const needReason = (): string | null => {
      if (reason.value.trim() === "") {
        note.textContent = t("careReasonRequired");
        note.hidden = false;
        reason.focus();
        return null;
      }
      return reason.value.trim();
    };
    const merge = h(
      "button",
      {
        type: "button",
        "data-testid": "merge-attendee",
        onclick: async () => {
          const why = needReason();
          if (why === null) return;
          if (other.value === "") {
            note.textContent = t("mergeChoose");
            note.hidden = false;
            other.focus();
            return;
          }
          try {
            const merged = await api.mergeAttendees(person.id, Number(other.value), why);
            toast(t("merged", { name: merged.name }));
            await on.onSaved(merged, false);
          } catch (error) {
            showError(note, error);
          }
        },
      },
      t("mergeInto"),
    );
    let armed = false;
    const erase = h(
      "button",
      {
        type: "button",
        class: "danger",
        "data-testid": "erase-attendee",
        onclick: async () => {
          const why = needReason();
          if (why === null) return;
          if (!armed) {
            armed = true;
            note.textContent = t("eraseConfirm");
            note.hidden = false;
            return;
          }
          try {
            await api.eraseAttendee(person.id, why);
            toast(t("erased"));
            on.onCancel();
          } catch (error) {
            showError(note, error);
          }
        },
      },
      t("eraseOnRequest"),
    );
    return h(
      "fieldset",
      { class: "wide care" },
      h("legend", null, t("careTitle")),
      h("label", { class: "field wide" }, h("span", { class: "field-label" }, t("careReason")), reason),
      h("div", { class: "inline" }, other, merge),
      h("div", { class: "inline" }, erase, h("span", { class: "hint" }, t("eraseHint"))),
      note,
    );
  }
  return formElement;
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
