// The event day's printouts: the reception roster (受付名簿), the desk's paper fallback, and the
// name badges (名札), for everyone registered or for the people chosen. Both are PDFs headed
// 非公表用 and logged in the privacy log; a file already there is replaced only when confirmed.

import type { Attendee, Event, Printout } from "../bindings";
import { api, withReplaceConfirmation } from "../api";
import { h, mount } from "../dom";
import { label, t, type Key } from "../i18n";
import type { Panel } from "./exchange";
import { confirmReplace, showError } from "./forms";

/** A PDF's place: typed, or picked with the system's "save as" dialog. */
function pdfPath(testId: string, labelText: string, errorBox: HTMLElement) {
  const input = h("input", { type: "text", id: testId, name: testId, "data-testid": testId, class: "wide-input", autocomplete: "off" });
  const browse = h("button", { type: "button", "data-testid": `${testId}-browse` }, t("browse"));
  browse.addEventListener("click", async () => {
    const chosen = await api.pickSavePath(input.value, ["pdf"], "PDF").catch((error) => {
      showError(errorBox, error);
      return null;
    });
    if (chosen) input.value = chosen;
  });
  const element = h("div", { class: "field wide" }, h("label", { for: testId }, labelText), h("div", { class: "inline" }, input, browse));
  return { element, input };
}

/** Text as the filter compares it: NFKC, lower case, hiragana as katakana (readings are stored
 * in katakana), no spaces; as the store's search key does. */
function filterKey(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60))
    .replace(/\s+/g, "");
}

/** The people a badge can be printed for (registrations that stand), to tick. */
function badgeChoice(event: Event, errorBox: HTMLElement) {
  const filter = h("input", { type: "search", "data-testid": "badge-filter", class: "wide-input", placeholder: t("badgeFilter"), autocomplete: "off" });
  const list = h("ul", { class: "printout-choice", "data-testid": "badge-people" });
  const chosen = new Set<number>();
  let people: Attendee[] = [];
  const show = () => {
    const words = filterKey(filter.value);
    mount(
      list,
      people
        .filter((a) => words === "" || [a.name, a.kana, a.organization].some((field) => filterKey(field).includes(words)))
        .map((a) => {
          const box = h("input", { type: "checkbox", "data-testid": "badge-person", "data-id": a.id, checked: chosen.has(a.id) });
          box.addEventListener("change", () => (box.checked ? chosen.add(a.id) : chosen.delete(a.id)));
          return h("li", null, h("label", null, box, ` ${a.name}`, h("span", { class: "hint" }, ` ${a.kana} ${a.organization} ${label.category(a.category)}`)));
        }),
    );
  };
  filter.addEventListener("input", show);
  // A plain wrapper: `.field`'s display would override the hidden attribute.
  const element = h("div", { class: "printout-people", hidden: true }, h("div", { class: "field wide" }, filter), list);
  return {
    element,
    chosen,
    load: async () => {
      try {
        people = (await api.listAttendees(event.id, { search: null, presence: null, category: null, mode: null })).filter((a) => a.status === "registered");
        show();
      } catch (error) {
        showError(errorBox, error);
      }
    },
  };
}

export function printoutsPanel(event: Event): Panel {
  const errorBox = h("div", { class: "form-error", role: "alert", hidden: true });
  const resultBox = h("p", { class: "export-result", "data-testid": "printout-result", role: "status" });
  const roster = pdfPath("roster-path", t("rosterFile"), errorBox);
  const badges = pdfPath("badges-path", t("badgesFile"), errorBox);
  const choice = badgeChoice(event, errorBox);
  const everyone = h("input", { type: "radio", name: "badge-scope", value: "all", "data-testid": "badges-everyone", checked: true });
  const some = h("input", { type: "radio", name: "badge-scope", value: "chosen", "data-testid": "badges-chosen" });
  const scopeChanged = () => {
    choice.element.hidden = !some.checked;
    if (some.checked) void choice.load();
  };
  everyone.addEventListener("change", scopeChanged);
  some.addEventListener("change", scopeChanged);

  const run = async (button: HTMLButtonElement, print: (replace: boolean) => Promise<{ file: string; n_people: number; n_waiting: number } | null>, done: Key) => {
    button.disabled = true;
    errorBox.hidden = true;
    resultBox.textContent = "";
    try {
      const written = await withReplaceConfirmation(async (replace) => print(replace), confirmReplace);
      if (written) resultBox.textContent = t(done, { n: written.n_people, waiting: written.n_waiting, file: written.file });
    } catch (error) {
      showError(errorBox, error);
    } finally {
      button.disabled = false;
    }
  };
  const printRoster = h("button", { type: "button", class: "primary", "data-testid": "print-roster" }, t("printRoster"));
  printRoster.addEventListener("click", () => void run(printRoster, (replace) => api.printRoster(event.id, roster.input.value, replace), "rosterWritten"));
  const printBadges = h("button", { type: "button", class: "primary", "data-testid": "print-badges" }, t("printBadges"));
  printBadges.addEventListener("click", () => {
    if (some.checked && choice.chosen.size === 0) {
      errorBox.textContent = t("badgesNoneChosen");
      errorBox.hidden = false;
      return;
    }
    const ids = some.checked ? [...choice.chosen] : null;
    void run(printBadges, (replace) => api.printBadges(event.id, badges.input.value, ids, replace), "badgesWritten");
  });

  const element = h(
    "section",
    { class: "panel form printouts", "data-testid": "printouts-panel", hidden: true },
    h("h2", null, t("printoutsTitle")),
    h("p", { class: "hint" }, t("printoutsNote")),
    errorBox,
    roster.element,
    h("div", { class: "actions" }, printRoster),
    badges.element,
    h(
      "div",
      { class: "field wide" },
      h("label", { class: "inline" }, everyone, ` ${t("badgesEveryone")}`),
      h("label", { class: "inline" }, some, ` ${t("badgesSome")}`),
    ),
    choice.element,
    h("div", { class: "actions" }, printBadges),
    resultBox,
  );
  const fill = async (input: HTMLInputElement, printout: Printout) => {
    if (input.value === "") input.value = await api.defaultPrintoutPath(event.id, printout).catch(() => "");
  };
  return {
    element,
    toggle: async () => {
      element.hidden = !element.hidden;
      if (element.hidden) return;
      await Promise.all([fill(roster.input, "roster"), fill(badges.input, "badges")]);
      printRoster.focus();
    },
  };
}
