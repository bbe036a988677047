// The reception desk (受付): an always-ready scan field, a result the queue can read from a step
// away, name search, walk-ins, undo and overrides, and the live counts. Keyboard first:
// F2 entry/exit, F3 search, F4 walk-in, F5 camera, F6 override, Ctrl+Z undo, Esc back to the scan.
//
// Privacy: the desk shows a person only when their ticket is scanned or their name is searched
// (a few matches at most); it never lists the attendees to whoever stands in the queue.

import type {
  AttendanceMode,
  AttendeeDraft,
  ListedAttendee,
  PossibleDuplicate,
  Category,
  Direction,
  DoorAttempt,
  DoorInput,
  DoorOutcome,
  DeskAnswer,
  DoorStatus,
  Event,
} from "../bindings";
import { api, ApiFailure } from "../api";
import { h, mount } from "../dom";
import { choices, label, lang, t, type Key } from "../i18n";
import { play, type OutcomeKind } from "../sounds";
import { OUTCOME_KIND } from "../vocabulary";
import { cameraProblem, startCamera, type CameraHandle } from "../camera";
import { field, form, select, showError, text, textInput } from "./forms";
import { toast } from "./toast";
import { presenceTags } from "./presence";
import { DuplicateWatch } from "./duplicates";

type Panel = "none" | "search" | "walk-in" | "override" | "undo" | "desk-name";

/** The colour and sound of an outcome (a pass, "already here", "scan again", a ticket that
 * cannot enter, a full room): Rust's rule, generated into vocabulary.ts. */
function kindOf(outcome: DoorOutcome): OutcomeKind {
  return OUTCOME_KIND[outcome];
}
const LOG_LENGTH = 8;

function localTime(iso: string): string {
  return new Date(iso).toLocaleTimeString(lang() === "ja" ? "ja-JP" : "en-GB", {
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hour12: false,
  });
}

/** Opens the desk for `event` in `root`; `onClose` is called when the person leaves the desk. */
export function openDesk(root: HTMLElement, event: Event, onClose: () => void): void {
  let direction: Direction = "entry";
  let panel: Panel = "none";
  let last: { result: DeskAnswer; retry: (reason: string) => Promise<DeskAnswer> } | null = null;
  let queue: Promise<void> = Promise.resolve();
  let camera: CameraHandle | null = null;

  const scan = h("input", {
    class: "scan-input",
    "data-testid": "scan-input",
    autocomplete: "off",
    spellcheck: "false",
    autocapitalize: "characters",
    placeholder: t("scanPlaceholder"),
    "aria-label": t("scanLabel"),
  });
  const scanLabel = h("label", { class: "scan-label", for: "scan" }, t("scanLabel"));
  scan.id = "scan";
  const resultBox = h("section", { class: "door-result idle", "data-testid": "door-result", "aria-live": "assertive" });
  const panelBox = h("section", { class: "desk-panel", "data-testid": "desk-panel", hidden: true });
  const statusBox = h("section", { class: "door-status", "data-testid": "door-status" });
  const logBox = h("section", { class: "door-log", "data-testid": "door-log" });
  const deskLabel = h("span", { "data-testid": "desk-label" });
  const cameraBox = h("div", { class: "camera-box", hidden: true });
  const entryButton = h("button", { "data-testid": "direction-entry", onclick: () => setDirection("entry") }, t("entry"));
  const exitButton = h("button", { "data-testid": "direction-exit", onclick: () => setDirection("exit") }, t("exit"));
  const cameraButton = h("button", { "data-testid": "camera-toggle", onclick: () => void toggleCamera() }, t("cameraStart"));

  function focusScan(): void {
    if (panel === "none") scan.focus();
  }

  function setDirection(next: Direction): void {
    direction = next;
    entryButton.classList.toggle("active", direction === "entry");
    exitButton.classList.toggle("active", direction === "exit");
    entryButton.setAttribute("aria-pressed", String(direction === "entry"));
    exitButton.setAttribute("aria-pressed", String(direction === "exit"));
    scanLabel.textContent = direction === "entry" ? t("scanLabel") : t("scanExitLabel");
    root.querySelector(".desk")?.classList.toggle("exit-mode", direction === "exit");
    focusScan();
  }

  // --- Attempts -------------------------------------------------------------------------------

  /** Runs attempts one after another, so a fast scanner never overtakes the desk. */
  function enqueue(work: () => Promise<void>): void {
    queue = queue.then(work, work);
  }

  function attempt(input: DoorInput, startedAt: number): void {
    enqueue(async () => {
      try {
        const result = await api.door(event.id, input);
        showResult(result, startedAt, (reason) => api.door(event.id, { ...input, override_reason: reason }));
      } catch (error) {
        showFailure(error);
      }
      void refreshCounts();
    });
  }

  function submitScan(method: "qr" | "camera", code: string, startedAt: number): void {
    if (code.trim() === "") return;
    attempt({ direction, method, code, attendee_id: null, override_reason: null }, startedAt);
  }

  scan.addEventListener("keydown", (e: KeyboardEvent) => {
    if (e.key !== "Enter" || e.isComposing) return;
    e.preventDefault();
    const code = scan.value;
    scan.value = "";
    submitScan("qr", code, performance.now());
  });
  // A scanner typing through an active Japanese IME: its Enter only commits the composition, so a
  // committed text that has the shape of a ticket code is taken as a scan.
  scan.addEventListener("compositionend", () => {
    const cleaned = scan.value.normalize("NFKC").replace(/[\s-]/g, "");
    if (/^[0-9A-Za-z]{17}$/.test(cleaned)) {
      scan.value = "";
      submitScan("qr", cleaned, performance.now());
    }
  });
  scan.addEventListener("blur", () => window.setTimeout(() => {
    if (panel === "none" && (document.activeElement === document.body || document.activeElement === null)) scan.focus();
  }, 0));

  /** A text field a person types in: what is typed there is theirs, not a scan. */
  function isTypingField(element: Element | null): boolean {
    if (element instanceof HTMLTextAreaElement) return true;
    if (element instanceof HTMLInputElement) {
      return !["button", "submit", "reset", "checkbox", "radio", "file", "range", "color", "image"].includes(element.type);
    }
    return element instanceof HTMLElement && element.isContentEditable;
  }

  /**
   * A keyboard-wedge scanner types its code and Enter into whatever has the focus. On a button that
   * Enter would press it (退場, 受付を閉じる) and the code would be lost. So a character typed
   * anywhere but a text field starts a scan: it goes into the scan field, which takes the focus,
   * and the rest of the code and its Enter follow it there. Runs before any button sees the key.
   */
  function captureScannerKeys(e: KeyboardEvent): void {
    if (e.isComposing || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key.length !== 1 || e.key === " ") return; // Space still presses the focused button.
    const active = document.activeElement;
    if (active === scan || isTypingField(active)) return;
    e.preventDefault();
    e.stopPropagation();
    scan.focus();
    scan.value += e.key;
  }
  document.addEventListener("keydown", captureScannerKeys, true);

  function outcomeHint(result: DeskAnswer): string {
    if (result.verdict.detail) return result.verdict.detail;
    const outcome = result.attempt.outcome;
    if (outcome === "ok") return result.attempt.override_reason ? t("overridden", { reason: result.attempt.override_reason }) : "";
    if ((outcome === "duplicate" || outcome === "repeat") && result.previous) {
      const previous = t("hint_duplicate", { time: localTime(result.previous.at), desk: result.previous.desk });
      return outcome === "repeat" ? `${t("hint_repeat")} ${previous}` : previous;
    }
    if (outcome === "full" && result.zone && result.zone_capacity !== null && result.zone_in_room !== null && result.zone_in_room >= result.zone_capacity) {
      return `${t("zoneFull", { zone: label.zone(result.zone), n: result.zone_in_room, capacity: result.zone_capacity })} ${t("hint_full")}`;
    }
    return t(`hint_${outcome}` as Key);
  }

  function showResult(result: DeskAnswer, startedAt: number, retry: (reason: string) => Promise<DeskAnswer>): void {
    last = { result, retry };
    const outcome = result.attempt.outcome;
    const kind = kindOf(outcome);
    const person = result.attendee;
    const actions: HTMLElement[] = [];
    if (outcome === "ok") {
      actions.push(h("button", { "data-testid": "undo", onclick: () => openPanel("undo") }, `${t("undo")} (Ctrl+Z)`));
    }
    if (result.verdict.can_override) {
      actions.push(h("button", { class: "primary", "data-testid": "override", onclick: () => openPanel("override") }, `${t("override")} (F6)`));
    }
    const notice = result.verdict.notice;
    resultBox.className = `door-result ${kind}${kind === "pass" || kind === "notice" ? "" : " refused"}${result.attempt.direction === "exit" ? " exit" : ""}${notice ? " with-notice" : ""}`;
    resultBox.dataset.outcome = outcome;
    mount(
      resultBox,
      h("div", { class: "result-title", "data-testid": "result-title" }, result.verdict.passed ? "✓ " : kind === "notice" ? "! " : "✕ ", result.verdict.title),
      person
        ? h(
            "div",
            { class: "result-person" },
            h("div", { class: "result-name", "data-testid": "result-name" }, person.name),
            h("div", { class: "result-kana" }, person.kana),
            h("div", { class: "result-org" }, [person.organization, person.title].filter(Boolean).join(" ・ "), " ", h("span", { class: `tag category-${person.category}` }, label.category(person.category))),
          )
        : null,
      result.zone && result.verdict.passed && result.attempt.direction === "entry"
        ? h(
            "div",
            { class: "result-place" },
            h("div", { class: `result-zone zone-${result.zone}`, "data-testid": "result-zone" }, label.zone(result.zone)),
            result.seat ? h("div", { class: "result-seat", "data-testid": "result-seat" }, `${t("seat")} ${result.seat}`) : null,
            result.seat && person ? seatChanger(person.id) : null,
          )
        : null,
      notice ? h("p", { class: "result-notice", "data-testid": "result-notice", role: "status" }, `⚠ ${notice}`) : null,
      h("p", { class: "result-hint", "data-testid": "result-hint" }, outcomeHint(result)),
      actions.length ? h("div", { class: "actions" }, actions) : null,
    );
    play(kind);
    // Enter to result on screen, for the desk benchmark (BENCHMARKS.md).
    requestAnimationFrame(() => {
      resultBox.dataset.latencyMs = (performance.now() - startedAt).toFixed(1);
    });
    focusScan();
  }

  /** A seat other than the one offered: typed and given if free in the person's zone. */
  function seatChanger(attendeeId: number): HTMLElement {
    const input = h("input", { type: "text", class: "seat-input", "data-testid": "seat-choice", "aria-label": t("changeSeat"), size: 5 });
    const button = h("button", { type: "button", "data-testid": "change-seat" }, t("changeSeat"));
    // A refused seat leaves the check-in on screen: the person passed, only the seat did not change.
    const problem = h("p", { class: "form-error", role: "alert", "data-testid": "seat-error", hidden: true });
    const change = async () => {
      try {
        const seat = await api.assignSeat(attendeeId, input.value);
        const shown = resultBox.querySelector<HTMLElement>('[data-testid="result-seat"]');
        if (shown && seat) shown.textContent = `${t("seat")} ${seat}`;
        problem.hidden = true;
        toast(t("seatChanged", { seat: seat ?? "" }));
        focusScan();
      } catch (error) {
        problem.textContent = t("seatNotChanged", { message: error instanceof ApiFailure ? error.message : String(error) });
        problem.hidden = false;
        play("refusal");
        input.focus();
        input.select();
      }
    };
    button.addEventListener("click", () => void change());
    input.addEventListener("keydown", (e: KeyboardEvent) => {
      if (e.key === "Enter") {
        e.preventDefault();
        e.stopPropagation();
        void change();
      }
    });
    return h("div", { class: "seat-change" }, h("div", { class: "inline" }, input, button), problem);
  }

  function showFailure(error: unknown): void {
    last = null;
    resultBox.className = "door-result refusal refused";
    resultBox.dataset.outcome = "error";
    const message = error instanceof ApiFailure ? error.message : t("unexpected", { message: String(error) });
    mount(resultBox, h("div", { class: "result-title" }, "✕"), h("p", { class: "result-hint", role: "alert" }, message));
    play("refusal");
    focusScan();
  }

  // --- Live counts and the log ----------------------------------------------------------------

  async function refreshCounts(): Promise<void> {
    try {
      const [status, attempts] = await Promise.all([api.doorStatus(event.id), api.doorAttempts(event.id, LOG_LENGTH)]);
      renderStatus(status);
      renderLog(attempts);
    } catch (error) {
      mount(statusBox, h("p", { class: "form-error", role: "alert" }, error instanceof ApiFailure ? error.message : String(error)));
    }
  }

  function big(labelText: string, value: string, testId: string): HTMLElement {
    return h("div", { class: "live-figure" }, h("span", { class: "live-value", "data-testid": testId }, value), h("span", null, labelText));
  }

  function groupTable(titleText: string, rows: [string, { registered: number; checked_in: number; in_room: number } | undefined][], testId: string) {
    return h(
      "table",
      { class: "live-table", "data-testid": testId },
      h("caption", null, titleText),
      h("thead", null, h("tr", null, h("th", null, ""), h("th", null, t("liveRegistered")), h("th", null, t("liveCheckedIn")), h("th", null, t("liveInRoom")))),
      h(
        "tbody",
        null,
        rows.map(([name, count]) =>
          h("tr", null, h("th", null, name), h("td", null, String(count?.registered ?? 0)), h("td", null, String(count?.checked_in ?? 0)), h("td", null, String(count?.in_room ?? 0))),
        ),
      ),
    );
  }

  function renderStatus(status: DoorStatus): void {
    const warning = status.full ? t("liveFull") : status.nearly_full ? t("liveNearlyFull") : null;
    mount(
      statusBox,
      h(
        "div",
        { class: "live-figures" },
        big(t("liveCheckedIn"), `${status.checked_in} / ${status.registered}`, "live-checked-in"),
        big(t("liveInRoom"), `${status.in_room} / ${status.capacity}`, "live-in-room"),
        big(t("liveRemaining"), String(status.remaining), "live-remaining"),
      ),
      warning ? h("p", { class: status.full ? "live-warning full" : "live-warning", "data-testid": "live-warning", role: "status" }, warning) : null,
      groupTable(
        t("byZone"),
        choices.zone.map((z) => {
          const zone = status.by_zone[z];
          return [zone?.capacity != null ? `${label.zone(z)}（${t("ofCapacity", { capacity: zone.capacity })}）` : label.zone(z), zone];
        }),
        "live-by-zone",
      ),
      groupTable(t("byMode"), choices.mode.map((m) => [label.mode(m), status.by_mode[m]]), "live-by-mode"),
      groupTable(t("byCategory"), choices.category.map((c) => [label.category(c), status.by_category[c]]), "live-by-category"),
      h("p", { class: "hint", "data-testid": "live-walk-ins" }, t("walkInCount", { n: status.walk_ins })),
      status.waitlisted ? h("p", { class: "hint", "data-testid": "live-waitlisted" }, t("liveWaitlisted", { n: status.waitlisted })) : null,
    );
  }

  function renderLog(attempts: DoorAttempt[]): void {
    mount(
      logBox,
      h("h2", null, t("recent")),
      h(
        "ol",
        null,
        attempts.map((a) =>
          h(
            "li",
            { class: `log-${kindOf(a.outcome)}${a.undone_at ? " undone" : ""}` },
            h("span", { class: "log-time" }, localTime(a.at)),
            h("span", null, a.direction === "exit" ? (a.outcome === "ok" ? label.direction("exit") : `${label.direction("exit")}・${label.outcome(a.outcome)}`) : label.outcome(a.outcome)),
            h("span", { class: "log-name" }, a.attendee_name ?? ""),
          ),
        ),
      ),
    );
  }

  // --- Panels: search, walk-in, override, undo, desk name -----------------------------------

  function closePanel(): void {
    panel = "none";
    panelBox.hidden = true;
    panelBox.replaceChildren();
    scan.focus();
  }

  function openPanel(next: Panel): void {
    if (next === "override" && !last?.result.verdict.can_override) return;
    if (next === "undo" && !(last && last.result.attempt.outcome === "ok")) return;
    panel = next;
    panelBox.hidden = false;
    const builders: Record<Exclude<Panel, "none">, () => HTMLElement> = {
      search: searchPanel,
      "walk-in": walkInPanel,
      override: () => reasonPanel("override-form", t("overrideTitle"), "", async (reason) => {
        if (!last) return;
        const retry = last.retry;
        const result = await retry(reason);
        closePanel();
        showResult(result, performance.now(), retry);
        void refreshCounts();
      }),
      undo: () => reasonPanel("undo-form", t("undoTitle"), t("undoReasonDefault"), async (reason) => {
        if (!last) return;
        await api.undoAttempt(last.result.attempt.id, reason);
        closePanel();
        last = null;
        resultBox.className = "door-result idle";
        resultBox.dataset.outcome = "undone";
        mount(resultBox, h("p", { class: "result-hint" }, t("undone")));
        toast(t("undone"));
        void refreshCounts();
      }),
      "desk-name": deskNamePanel,
    };
    mount(panelBox, builders[next as Exclude<Panel, "none">]());
    panelBox.querySelector<HTMLElement>("[autofocus]")?.focus();
  }

  function reasonPanel(testId: string, titleText: string, initial: string, onReason: (reason: string) => Promise<void>) {
    return form(
      testId,
      titleText,
      [field(t("overrideReason"), textInput("reason", initial, { autofocus: "" }), { required: true, wide: true })],
      async (data) => {
        const reason = text(data, "reason").trim();
        if (reason === "") throw new ApiFailure("desk.reason_required", t("overrideReason"));
        await onReason(reason);
      },
      closePanel,
    );
  }

  function searchPanel(): HTMLElement {
    let results: ListedAttendee[] = [];
    let selected = 0;
    let latest = 0;
    const list = h("ul", { class: "search-results", "data-testid": "desk-search-results", role: "listbox" });
    const errorBox = h("div", { class: "form-error", role: "alert", hidden: true });
    const input = h("input", {
      type: "search",
      class: "search big-search",
      "data-testid": "desk-search",
      placeholder: t("searchDeskPlaceholder"),
      "aria-label": t("search"),
      autofocus: "",
      autocomplete: "off",
    });
    function render(): void {
      mount(
        list,
        results.map((a, index) =>
          h(
            "li",
            {
              class: index === selected ? "selected" : null,
              role: "option",
              "aria-selected": String(index === selected),
              "data-testid": "desk-search-result",
              onclick: () => choose(index),
            },
            h("span", { class: "result-name-small" }, a.name),
            h("span", null, a.kana),
            h("span", null, a.organization),
            h("span", { class: `tag category-${a.category}` }, label.category(a.category)),
            h("span", { class: "tag" }, label.mode(a.mode)),
            presenceTags(a),
          ),
        ),
      );
    }
    function choose(index: number): void {
      const person = results[index];
      if (!person) return;
      const startedAt = performance.now();
      closePanel();
      attempt({ direction, method: "search", code: null, attendee_id: person.id, override_reason: null }, startedAt);
    }
    input.addEventListener("input", async () => {
      const ticket = ++latest;
      try {
        const found = await api.deskSearch(event.id, input.value);
        if (ticket !== latest) return;
        results = found;
        selected = 0;
        errorBox.hidden = true;
        render();
      } catch (error) {
        showError(errorBox, error);
      }
    });
    input.addEventListener("keydown", (e: KeyboardEvent) => {
      if (e.isComposing) return;
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        if (results.length === 0) return;
        selected = (selected + (e.key === "ArrowDown" ? 1 : results.length - 1)) % results.length;
        render();
      } else if (e.key === "Enter") {
        e.preventDefault();
        choose(selected);
      } else if (e.key === "Escape") {
        e.preventDefault();
        closePanel();
      }
    });
    return h("div", { class: "panel" }, h("h2", null, t("search")), input, h("p", { class: "hint" }, t("searchHint")), errorBox, list);
  }

  function walkInPanel(): HTMLElement {
    // Search first: as the name, reading or email is typed, registered people who look like it are
    // offered, so that a registered person is checked in rather than registered a second time.
    const matchBox = h("div", { class: "walk-in-matches", "data-testid": "walk-in-matches", hidden: true });
    function draftOf(data: FormData): AttendeeDraft {
      return {
        name: text(data, "name"),
        kana: text(data, "kana"),
        organization: text(data, "organization"),
        title: text(data, "title"),
        email: text(data, "email"),
        phone: "",
        category: (text(data, "category") || "atotsugi") as Category,
        mode: (text(data, "mode") || "venue") as AttendanceMode,
        consent: data.get("consent") !== null,
        source: "walk_in",
        notes: "",
        status: "registered",
      };
    }
    function showMatches(matches: PossibleDuplicate[]): void {
      matchBox.hidden = matches.length === 0;
      mount(
        matchBox,
        h("p", { class: "result-notice" }, t("walkInMatches")),
        h(
          "ul",
          { class: "search-results" },
          matches.map((m) =>
            h(
              "li",
              { "data-testid": "walk-in-match" },
              h("span", { class: "result-name-small" }, m.attendee.name),
              h("span", null, m.attendee.kana),
              h("span", null, m.attendee.organization),
              h("span", { class: "tag" }, label.duplicateReason(m.reason)),
              h(
                "button",
                {
                  type: "button",
                  class: "primary",
                  "data-testid": "walk-in-use-match",
                  onclick: () => {
                    const startedAt = performance.now();
                    closePanel();
                    attempt({ direction: "entry", method: "search", code: null, attendee_id: m.attendee.id, override_reason: null }, startedAt);
                  },
                },
                t("checkInThisPerson"),
              ),
            ),
          ),
        ),
      );
    }
    const formElement = form(
      "walk-in-form",
      t("walkInTitle"),
      [
        field(t("name"), textInput("name", "", { autofocus: "" }), { required: true }),
        field(t("kana"), textInput("kana", "")),
        field(t("organization"), textInput("organization", ""), { wide: true }),
        field(t("jobTitle"), textInput("title", "")),
        field(t("email"), textInput("email", "", { type: "email", inputmode: "email" })),
        field(t("category"), select<Category>("category", "atotsugi", choices.category, label.category)),
        field(t("mode"), select<AttendanceMode>("mode", "venue", choices.mode, label.mode)),
        h("label", { class: "checkbox wide" }, h("input", { type: "checkbox", name: "consent", "data-testid": "consent" }), ` ${t("consent")}`),
        h("div", { class: "wide" }, matchBox),
      ],
      async (data) => {
        if (watch.mustWarn()) {
          // One more Enter registers a new person anyway: a namesake is possible.
          throw new ApiFailure("desk.possible_duplicate", t("walkInDuplicateConfirm"));
        }
        const draft = draftOf(data);
        const startedAt = performance.now();
        const result = await api.walkIn(event.id, draft, null);
        closePanel();
        showResult(result, startedAt, (reason) => api.walkIn(event.id, draft, reason));
        void refreshCounts();
      },
      closePanel,
    );
    const watch = new DuplicateWatch(formElement, event.id, null, draftOf, showMatches, 150);
    return formElement;
  }

  function deskNamePanel(): HTMLElement {
    const formElement = form(
      "desk-name-form",
      t("changeDesk"),
      [
        field(t("deskName"), textInput("desk_name", deskLabel.dataset.name ?? "", { autofocus: "" }), { required: true }),
        field(t("operator"), textInput("operator", deskLabel.dataset.operator ?? "")),
      ],
      async (data) => {
        const saved = await api.setDesk({ name: text(data, "desk_name"), operator: text(data, "operator") });
        showDesk(saved.name, saved.operator);
        closePanel();
      },
      closePanel,
    );
    return formElement;
  }

  function showDesk(name: string, operator: string): void {
    deskLabel.dataset.name = name;
    deskLabel.dataset.operator = operator;
    deskLabel.textContent = operator ? `${name}（${operator}）` : name;
  }

  // --- Camera ---------------------------------------------------------------------------------

  async function toggleCamera(): Promise<void> {
    if (camera) {
      camera.stop();
      camera = null;
      cameraBox.hidden = true;
      cameraButton.textContent = t("cameraStart");
      focusScan();
      return;
    }
    cameraBox.hidden = false;
    try {
      camera = await startCamera(cameraBox, (code) => submitScan("camera", code, performance.now()));
      cameraButton.textContent = t("cameraStop");
    } catch (error) {
      cameraBox.hidden = true;
      showFailure(new ApiFailure("camera.unavailable", t("cameraUnavailable", { message: cameraProblem(error) })));
    }
    focusScan();
  }

  // --- Keys -----------------------------------------------------------------------------------

  function onKey(e: KeyboardEvent): void {
    if (e.isComposing) return;
    const keys: Record<string, () => void> = {
      F2: () => setDirection(direction === "entry" ? "exit" : "entry"),
      F3: () => openPanel("search"),
      F4: () => openPanel("walk-in"),
      F5: () => void toggleCamera(),
      F6: () => openPanel("override"),
    };
    const action = keys[e.key];
    if (action) {
      e.preventDefault();
      action();
    } else if (e.key === "z" && (e.ctrlKey || e.metaKey) && document.activeElement === scan) {
      e.preventDefault();
      openPanel("undo");
    } else if (e.key === "Escape" && panel === "none") {
      scan.value = "";
      scan.focus();
    }
  }
  document.addEventListener("keydown", onKey);

  function close(): void {
    document.removeEventListener("keydown", onKey);
    document.removeEventListener("keydown", captureScannerKeys, true);
    camera?.stop();
    onClose();
  }

  mount(
    root,
    h(
      "div",
      { class: "desk", "data-testid": "desk" },
      h(
        "header",
        { class: "desk-bar" },
        h("div", { class: "desk-title" }, h("span", { class: "brand-name" }, t("desk")), h("span", null, event.title)),
        h("div", { class: "direction", role: "group", "aria-label": "F2" }, entryButton, exitButton),
        h("button", { class: "desk-name-button", "data-testid": "desk-name", onclick: () => openPanel("desk-name") }, `${t("desk")}: `, deskLabel),
        h("button", { "data-testid": "close-desk", onclick: close }, t("closeDesk")),
      ),
      h(
        "div",
        { class: "desk-grid" },
        h(
          "div",
          { class: "desk-main" },
          h("div", { class: "scan-box" }, scanLabel, scan),
          h(
            "div",
            { class: "desk-tools" },
            h("button", { "data-testid": "open-search", onclick: () => openPanel("search") }, `${t("search")} (F3)`),
            h("button", { "data-testid": "open-walk-in", onclick: () => openPanel("walk-in") }, `${t("walkIn")} (F4)`),
            cameraButton,
          ),
          cameraBox,
          panelBox,
          resultBox,
        ),
        h("aside", { class: "desk-side" }, statusBox, logBox),
      ),
    ),
  );
  mount(resultBox, h("p", { class: "result-waiting" }, t("waitingForScan")));
  setDirection("entry");
  void api.deskSettings().then((desk) => showDesk(desk.name, desk.operator));
  void refreshCounts();
  scan.focus();
}
