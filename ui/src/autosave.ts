//! Saving what people type at length (the minutes' notes and texts; later the report's and the
//! hearings'), so that killing the app loses at most about a second of typing.
//!
//! A field's text is saved after a short quiet moment, and also at least every `maxWaitMs` while
//! the typing never pauses, and at once on Enter, blur, leaving the page or closing the window.
//! Each field has at most one save in flight; what is typed meanwhile waits as one latest value,
//! so saves never overlap and a slower earlier save can never land after a later one. While an
//! IME composition is open, the field's committed text (what it held when the composition began)
//! is what gets saved: half-converted kana are never written, and the converted text is saved
//! whole when the composition ends.

import { t } from "./i18n";

/** How long a pause in the typing is before it is saved, and how long continuous typing waits at
 *  most. A save is one durable commit of a few milliseconds, so the worst loss is about
 *  `maxWaitMs` plus one commit. */
export const AUTOSAVE_TIMING = { quietMs: 300, maxWaitMs: 500 };

/** Where a field reports its saves: a [`SaveStatus`] line, or nothing (tests). */
export interface SaveListener {
  /** The field changed (the person is typing): a moment to send failed saves again. */
  changed(field: Autosave): void;
  saved(field: Autosave, at: Date): void;
  failed(field: Autosave, error: unknown): void;
}

/** Every field with something not yet saved, flushed when the page is left or the window closes. */
const live = new Set<Autosave>();

/** Saves the latest text of one field: after a pause, during continuous typing, and on demand. */
export class Autosave {
  private quietTimer: ReturnType<typeof setTimeout> | undefined;
  private maxTimer: ReturnType<typeof setTimeout> | undefined;
  /** Typed and not yet handed to a save; waits for a timer or a flush. */
  private pending: string | null = null;
  /** Handed over while a save was in flight: the next save sends it. */
  private queued: string | null = null;
  private inFlight: Promise<void> | null = null;
  /** The text the last save (successful or not) sent, or the text the field started with. */
  private lastSent: string;
  /** The text of a save that failed and has not been replaced by a newer one since. */
  private failedText: string | null = null;
  /** While an IME composition is open, the committed text (what the field held when it began)
   *  is the one pending; the field's growing value is not saved until the composition ends. */
  private composing = false;
  /** The text as last shown in the field (for a pane drawn again), committed or not. */
  shown: string;

  constructor(
    private readonly write: (text: string) => Promise<unknown>,
    initial: string,
    private readonly listener: SaveListener | null = null,
    private readonly timing = AUTOSAVE_TIMING,
  ) {
    this.lastSent = initial;
    this.shown = initial;
  }

  /** The field now holds `text` (after an input event). */
  typed(text: string): void {
    this.shown = text;
    if (this.composing) return;
    this.change(text);
  }

  /** An IME composition begins; `text` is the field's committed text at that moment. */
  compositionStart(text: string): void {
    this.composing = true;
    this.change(text);
  }

  /** The composition ended: the field's `text` now holds the converted words, committed. */
  compositionEnd(text: string): void {
    this.composing = false;
    this.typed(text);
  }

  /** Sends a failed save again, unless a newer text is already on its way. */
  retry(): void {
    if (this.failedText === null || this.pending !== null || this.queued !== null || this.inFlight) return;
    this.queued = this.failedText;
    live.add(this);
    this.pump();
  }

  /** Saves what is typed now (the committed text, during a composition; a failed text again) and
   *  resolves when every save of this field has finished, successfully or not. */
  async flush(): Promise<void> {
    this.handOver();
    this.retry();
    while (this.inFlight) await this.inFlight;
  }

  private change(text: string): void {
    // The same text again (an input event after compositionend, a blur) is nothing to save.
    if (text === (this.pending ?? this.queued ?? this.lastSent) && this.failedText === null) return;
    this.pending = text;
    live.add(this);
    this.listener?.changed(this);
    clearTimeout(this.quietTimer);
    this.quietTimer = setTimeout(() => this.handOver(), this.timing.quietMs);
    // The max-wait runs from the first change not yet saved: continuous typing is saved too.
    this.maxTimer ??= setTimeout(() => this.handOver(), this.timing.maxWaitMs);
  }

  /** Moves the pending text to the save queue, and starts a save if none is in flight. */
  private handOver(): void {
    clearTimeout(this.quietTimer);
    clearTimeout(this.maxTimer);
    this.quietTimer = undefined;
    this.maxTimer = undefined;
    if (this.pending !== null) {
      this.queued = this.pending;
      this.pending = null;
    }
    this.pump();
  }

  private pump(): void {
    if (this.inFlight || this.queued === null) {
      if (!this.inFlight && this.pending === null && this.failedText === null) live.delete(this);
      return;
    }
    const text = this.queued;
    this.queued = null;
    this.lastSent = text;
    this.inFlight = this.write(text).then(
      () => {
        // A later text saved supersedes an earlier one that failed.
        this.failedText = null;
        this.listener?.saved(this, new Date());
      },
      (error: unknown) => {
        // The text stays in the field; the next change (or a retry) sends it again.
        this.failedText = text;
        this.listener?.failed(this, error);
      },
    );
    void this.inFlight.then(() => {
      this.inFlight = null;
      this.pump();
    });
  }
}

/** Saves every field with something unsaved, now; resolves when all have finished. */
export function flushAll(): Promise<void> {
  return Promise.all([...live].map((field) => field.flush())).then(() => undefined);
}

type TextField = HTMLTextAreaElement | HTMLInputElement;

/** Wires a text field to its [`Autosave`] (or to whichever is current, for a field that moves on
 *  to a new record, as the running notes do): input, IME composition, Enter and blur. Enter saves
 *  at once, then `onEnter` runs (the running notes start the next note there). */
export function autosaveField(field: TextField, saverOf: Autosave | (() => Autosave), onEnter?: (e: KeyboardEvent) => void): void {
  const saver = typeof saverOf === "function" ? saverOf : () => saverOf;
  field.addEventListener("compositionstart", () => saver().compositionStart(field.value));
  field.addEventListener("compositionend", () => saver().compositionEnd(field.value));
  field.addEventListener("input", (e) => {
    // WebKit marks the input events of an open composition; a composition we did not see start
    // (the field focused mid-way) is treated the same.
    if ((e as InputEvent).isComposing) saver().shown = field.value;
    else saver().typed(field.value);
  });
  field.addEventListener("keydown", (event) => {
    const e = event as KeyboardEvent;
    // Enter that confirms a conversion (isComposing, or WebKit's key code 229) is the IME's.
    if (e.key !== "Enter" || e.isComposing || e.keyCode === 229) return;
    saver().typed(field.value);
    void saver().flush();
    onEnter?.(e);
  });
  field.addEventListener("blur", () => {
    saver().typed(field.value);
    void saver().flush();
  });
}

/** A small line saying when a panel's fields were last saved, or plainly that a save failed. */
export class SaveStatus implements SaveListener {
  readonly element: HTMLElement;
  private readonly failures = new Map<Autosave, string>();
  private lastSaved: Date | null = null;

  constructor(testId = "save-status") {
    this.element = document.createElement("p");
    this.element.className = "save-status";
    this.element.setAttribute("role", "status");
    this.element.setAttribute("aria-live", "polite");
    this.element.dataset.testid = testId;
  }

  /** A field of this panel changed: failed saves of the others (a finished note) go again. */
  changed(field: Autosave): void {
    for (const other of this.failures.keys()) if (other !== field) other.retry();
  }

  saved(field: Autosave, at: Date): void {
    this.failures.delete(field);
    this.lastSaved = at;
    this.draw();
  }

  failed(field: Autosave, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.failures.set(field, message);
    this.draw();
  }

  private draw(): void {
    const failure = [...this.failures.values()].pop();
    this.element.classList.toggle("failed", failure !== undefined);
    this.element.dataset.state = failure !== undefined ? "failed" : "saved";
    if (failure !== undefined) {
      this.element.setAttribute("role", "alert");
      this.element.textContent = t("autosaveFailed", { message: failure });
    } else if (this.lastSaved) {
      this.element.setAttribute("role", "status");
      this.element.textContent = t("autosaveSaved", { time: clockSeconds(this.lastSaved) });
    }
  }
}

/** HH:MM:SS, 24-hour, whatever the system's locale. */
function clockSeconds(date: Date): string {
  return [date.getHours(), date.getMinutes(), date.getSeconds()].map((n) => String(n).padStart(2, "0")).join(":");
}

let leaving = false;

/** Saves every field when the page is hidden or left, or the window is asked to close. Called
 *  once by the pages that autosave; closing waits for the saves (at most `closeWaitMs`). */
export function flushOnLeave(closeWaitMs = 3_000): void {
  if (leaving) return;
  leaving = true;
  window.addEventListener("beforeunload", () => void flushAll());
  window.addEventListener("pagehide", () => void flushAll());
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") void flushAll();
  });
  // The window's close button: Tauri waits for this handler, then closes the window.
  void import("@tauri-apps/api/window")
    .then(({ getCurrentWindow }) =>
      getCurrentWindow().onCloseRequested(() => Promise.race([flushAll(), new Promise<void>((done) => setTimeout(done, closeWaitMs))])),
    )
    .catch(() => undefined);
}
