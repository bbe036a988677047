// The app's frame (header, event list, main area) and the navigation between its views.

import type { AppStatus, Attendee, Event, EventSummary, Lang } from "../bindings";
import { api } from "../api";
import { byId, h, mount } from "../dom";
import { label, lang, setLang, t } from "../i18n";
import { showAbout } from "./about";
import { attendeeForm } from "./attendees";
import { openDesk } from "./desk";
import { agendaPage } from "./agenda";
import { eventDetail, eventForm, eventList } from "./events";
import { incidentsPage } from "./incidents";
import { mailPage } from "./mail";
import { paymentsPage } from "./payments";
import { budgetNavLabel, budgetPage } from "./budget";
import { reportPage } from "./report";
import { rosterPage } from "./roster";
import { openKiosk, surveyPage } from "./survey";
import { welcome } from "./start";
import { toast } from "./toast";

interface View {
  kind: "welcome" | "event" | "event-form" | "attendee-form" | "desk" | "agenda" | "roster" | "incidents" | "payments" | "budget" | "survey" | "kiosk" | "mail" | "report";
  event?: Event | null;
  attendee?: Attendee | null;
}

let events: EventSummary[] = [];
let selectedId: number | null = null;
let view: View = { kind: "welcome" };

/** The desk stays open while the window is locked (desk-only mode); leaving it needs a sign-in. */
let deskOnly = false;
let idleTimer = 0;

export async function startApp(status: AppStatus): Promise<void> {
  events = await api.listEvents();
  selectedId = events[0]?.event.id ?? null;
  view = status.is_empty ? { kind: "welcome" } : { kind: "event" };
  watchIdle(status.idle_lock_seconds);
  render();
}

/** Whether nobody may see anything now: the roster has people and nobody is signed in. */
async function mustSignIn(): Promise<boolean> {
  const [names, person] = await Promise.all([api.handlerNames().catch(() => []), api.signedIn().catch(() => null)]);
  return names.length > 0 && person === null;
}

/**
 * Locks a signed-in window after `seconds` without a key or a click: the person is signed out and
 * the window shows only the sign-in, except at the desk, which stays open for the queue
 * (desk-only mode) until someone signs in to leave it.
 */
function watchIdle(seconds: number): void {
  const arm = () => {
    window.clearTimeout(idleTimer);
    idleTimer = window.setTimeout(() => void lockWhenIdle(), seconds * 1000);
  };
  for (const type of ["keydown", "pointerdown", "wheel"]) document.addEventListener(type, arm, { capture: true, passive: true });
  arm();
}

async function lockWhenIdle(): Promise<void> {
  if ((await api.signedIn().catch(() => null)) === null) return;
  if (view.kind === "desk") {
    // The queue goes on under the same name; everything else needs a sign-in again.
    await api.lockToDesk().catch(() => undefined);
    deskOnly = true;
    return;
  }
  await api.signOut().catch(() => undefined);
  // The kiosk stays open and anonymous; leaving it asks for a sign-in anyway.
  if (view.kind === "kiosk") return;
  showLock();
}

/** The whole window replaced by the sign-in: nothing personal stays on screen or in the page. */
function showLock(): void {
  window.clearTimeout(idleTimer);
  mount(
    byId("app"),
    h(
      "div",
      { class: "lock", "data-testid": "lock-screen" },
      h("h1", null, t("lockedTitle")),
      h("p", null, t("lockedText")),
      signInBox(() => {
        deskOnly = false;
        if (view.kind === "desk") view = { kind: "event" };
        render();
      }),
    ),
  );
}

function render(): void {
  void mustSignIn().then((locked) => (locked ? showLock() : draw()));
}

function draw(): void {
  const selected = events.find((e) => e.event.id === selectedId) ?? null;
  if (view.kind === "desk" && selected) {
    // The desk takes the whole window: big, and nothing else on screen for the queue to read.
    openDesk(byId("app"), selected.event, async () => {
      if (deskOnly) {
        showLock();
        return;
      }
      await reloadEvents();
      navigate({ kind: "event" });
    });
    return;
  }
  if (view.kind === "kiosk" && selected) {
    // The kiosk takes the whole window, like the desk: nothing else for the public to see.
    void openKiosk(byId("app"), selected.event, () => navigate({ kind: "survey" }));
    return;
  }
  mount(
    byId("app"),
    h(
      "header",
      { class: "topbar" },
      h("div", { class: "brand" }, h("span", { class: "brand-name" }, t("appName")), h("span", null, t("appSubtitle"))),
      signInBox(() => render()),
      h("button", { class: "about-button", "data-testid": "about", onclick: () => void showAbout() }, lang() === "ja" ? "このアプリについて" : "About"),
      h(
        "label",
        { class: "language" },
        `${t("language")} `,
        h(
          "select",
          { "data-testid": "language", onchange: (e: globalThis.Event) => changeLanguage((e.target as HTMLSelectElement).value as Lang) },
          h("option", { value: "ja", selected: lang() === "ja" }, "日本語"),
          h("option", { value: "en", selected: lang() === "en" }, "English"),
        ),
      ),
    ),
    h(
      "div",
      { class: "layout" },
      h(
        "aside",
        { class: "sidebar", "aria-label": t("events") },
        eventList(events, selectedId, {
          onSelect: (id) => navigate({ kind: "event" }, id),
          onNew: () => navigate({ kind: "event-form", event: null }),
        }),
        h("button", { class: "new-event roster-link", "data-testid": "open-roster", onclick: () => navigate({ kind: "roster" }) }, t("roster")),
        h("button", { class: "new-event incidents-link", "data-testid": "open-incidents", onclick: () => navigate({ kind: "incidents" }) }, t("incidents")),
        h("button", { class: "new-event incidents-link", "data-testid": "open-payments", onclick: () => navigate({ kind: "payments" }) }, t("payments")),
        h("button", { class: "new-event survey-link", "data-testid": "open-survey", onclick: () => navigate({ kind: "survey" }) }, t("survey")),
        h("button", { class: "new-event survey-link", "data-testid": "open-mail", onclick: () => navigate({ kind: "mail" }) }, t("mail")),
        h("button", { class: "new-event budget-link", "data-testid": "open-budget", onclick: () => navigate({ kind: "budget" }) }, budgetNavLabel()),
        h("button", { class: "new-event report-link", "data-testid": "open-report", onclick: () => navigate({ kind: "report" }) }, t("report")),
      ),
      h("main", { id: "main", class: "content" }),
    ),
  );
  renderMain();
}

function renderMain(): void {
  const main = byId("main");
  const selected = events.find((e) => e.event.id === selectedId) ?? null;
  switch (view.kind) {
    case "welcome":
      welcome(
        main,
        async () => {
          events = await api.listEvents();
          selectedId = events[0]?.event.id ?? null;
          toast(t("demoLoaded", { events: events.length, attendees: events.reduce((n, e) => n + e.counts.n_registered, 0) }));
          navigate({ kind: "event" });
        },
        () => navigate({ kind: "event-form", event: null }),
      );
      break;
    case "event-form":
      mount(main, eventForm(view.event ?? null, { onSaved: eventSaved, onCancel: () => navigate({ kind: events.length ? "event" : "welcome" }) }));
      break;
    case "attendee-form":
      if (!selected) return navigate({ kind: "event" });
      mount(
        main,
        attendeeForm(selected.event, view.attendee ?? null, {
          onSaved: async (attendee, isNew) => {
            toast(t(isNew ? "attendeeAdded" : "attendeeSaved", { name: attendee.name }));
            await reloadEvents();
            navigate({ kind: "event" });
          },
          onCancel: () => navigate({ kind: "event" }),
        }),
      );
      break;
    case "roster":
      mount(main, rosterPage(() => render(), () => navigate({ kind: events.length ? "event" : "welcome" })));
      break;
    case "incidents":
      mount(main, incidentsPage(() => navigate({ kind: events.length ? "event" : "welcome" })));
      break;
    case "payments":
      mount(main, paymentsPage(selectedId, () => navigate({ kind: events.length ? "event" : "welcome" })));
      break;
    case "survey":
      if (!selected) return navigate({ kind: "event" });
      mount(main, surveyPage(selected.event, { onBack: () => navigate({ kind: "event" }), onKiosk: () => navigate({ kind: "kiosk" }) }));
      break;
    case "mail":
      if (!selected) return navigate({ kind: "event" });
      mount(main, mailPage(selected.event, () => navigate({ kind: "event" })));
      break;
    case "budget":
      mount(main, budgetPage(() => navigate({ kind: events.length ? "event" : "welcome" })));
      break;
    case "report":
      mount(
        main,
        reportPage(
          // The gatherings' export folders sit side by side; the report goes in their parent.
          async () => (events[0] ? (await api.defaultExportDir(events[0].event.id)).replace(/[\\/][^\\/]*$/, "") : ""),
          () => navigate({ kind: events.length ? "event" : "welcome" }),
        ),
      );
      break;
    case "agenda":
      if (!selected) return navigate({ kind: "event" });
      mount(main, agendaPage(selected.event, { onBack: () => navigate({ kind: "event" }) }));
      break;
    case "desk":
    case "kiosk":
    case "event":
      if (!selected) {
        mount(main, h("p", { class: "empty" }, t("noEvents")));
        return;
      }
      mount(
        main,
        eventDetail(selected, {
          onEdit: () => navigate({ kind: "event-form", event: selected.event }),
          onOpenDesk: () => navigate({ kind: "desk" }),
          onAddAttendee: () => navigate({ kind: "attendee-form", attendee: null }),
          onEditAttendee: (attendee) => navigate({ kind: "attendee-form", attendee }),
          onOpenAgenda: () => navigate({ kind: "agenda" }),
          onDataChanged: async () => {
            await reloadEvents();
            render();
          },
        }),
      );
      break;
  }
  main.querySelector<HTMLElement>("[autofocus]")?.focus();
}

function navigate(next: View, eventId: number | null = selectedId): void {
  view = next;
  selectedId = eventId;
  render();
}

async function reloadEvents(): Promise<void> {
  events = await api.listEvents();
}

async function eventSaved(event: Event, isNew: boolean): Promise<void> {
  toast(t(isNew ? "eventCreated" : "eventSaved", { title: event.title }));
  await reloadEvents();
  navigate({ kind: "event" }, event.id);
}

async function changeLanguage(next: Lang): Promise<void> {
  await api.setLanguage(next);
  setLang(next);
  render();
}

/**
 * Who acts at this window: once the roster (情報取扱者名簿) has people, a person signs in with
 * their name and PIN before exports, imports and erasures; the privacy log names them.
 */
function signInBox(onSignedIn: () => void): HTMLElement {
  const box = h("div", { class: "sign-in", "data-testid": "sign-in-box" });
  void (async () => {
    const [names, person] = await Promise.all([api.handlerNames().catch(() => []), api.signedIn().catch(() => null)]);
    if (names.length === 0) return;
    if (person) {
      mount(
        box,
        h("span", { "data-testid": "signed-in-as" }, t("signedInAs", { name: person.name, role: label.role(person.role) })),
        h("button", { type: "button", "data-testid": "sign-out", onclick: async () => { await api.signOut(); render(); } }, t("signOut")),
      );
      return;
    }
    const who = h("select", { "data-testid": "sign-in-name", "aria-label": t("name") }, names.map((n) => h("option", { value: n }, n)));
    const pin = h("input", { type: "password", "data-testid": "sign-in-pin", "aria-label": t("pin"), placeholder: t("pin"), autocomplete: "off", size: 8 });
    const problem = h("span", { class: "sign-in-error", role: "alert", "data-testid": "sign-in-error" });
    const submit = async () => {
      try {
        await api.signIn(who.value, pin.value);
        onSignedIn();
      } catch (error) {
        pin.value = "";
        problem.textContent = error instanceof Error ? error.message : String(error);
        pin.focus();
      }
    };
    pin.addEventListener("keydown", (e: KeyboardEvent) => {
      if (e.key === "Enter" && !e.isComposing) {
        e.preventDefault();
        void submit();
      }
    });
    mount(box, who, pin, h("button", { type: "button", "data-testid": "sign-in", onclick: () => void submit() }, t("signIn")), problem);
  })();
  return box;
}
