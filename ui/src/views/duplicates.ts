// Registrations that look like the person being typed in (the attendee form, a walk-in at the
// desk): looked up as the name, reading, email or organisation changes, and a warning that
// stands while the same people are offered. One mechanism for both forms.

import type { AttendeeDraft, PossibleDuplicate } from "../bindings";
import { api } from "../api";

const WATCHED = new Set(["name", "kana", "email", "organization"]);

export class DuplicateWatch {
  matches: PossibleDuplicate[] = [];
  private warned = false;
  private lastOffered = "";
  private latest = 0;
  private timer = 0;

  /**
   * Watches `form`: `draftOf` reads the person typed, `except` is the person being edited,
   * `show` renders the current matches.
   */
  constructor(
    private readonly form: HTMLFormElement,
    private readonly eventId: number,
    private readonly except: number | null,
    private readonly draftOf: (data: FormData) => AttendeeDraft,
    private readonly show: (matches: PossibleDuplicate[]) => void,
    delayMs: number,
  ) {
    const soon = (e: globalThis.Event) => {
      if (!WATCHED.has((e.target as HTMLInputElement | null)?.name ?? "")) return;
      window.clearTimeout(this.timer);
      this.timer = window.setTimeout(() => void this.lookUp(), delayMs);
    };
    // Typing, and a change that arrives all at once (a paste, an autofill, leaving the field).
    form.addEventListener("input", soon);
    form.addEventListener("change", soon);
  }

  async lookUp(): Promise<void> {
    const ticket = ++this.latest;
    const draft = this.draftOf(new FormData(this.form));
    let found: PossibleDuplicate[] = [];
    if (draft.name.trim() !== "" || draft.email.trim() !== "" || draft.kana.trim() !== "") {
      found = await api.possibleDuplicates(this.eventId, draft, this.except).catch(() => []);
    }
    if (ticket !== this.latest) return;
    this.matches = found;
    // A warning stands while the same people are offered (a change event after the first Enter
    // must not ask for a third).
    const offered = found.map((m) => m.attendee.id).join(",");
    if (offered !== this.lastOffered) this.warned = false;
    this.lastOffered = offered;
    this.show(found);
  }

  /** Whether saving must stop once to warn: true the first time for the people offered now. */
  mustWarn(): boolean {
    if (this.matches.length === 0 || this.warned) return false;
    this.warned = true;
    return true;
  }
}
