// The programme and the minutes of an event on one page: the programme on the left (reordered by
// drag or Alt+↑/↓, timing checked), the minutes of the chosen item on the right (saved as typed),
// with the photos taken during it.

import type {
  AgendaItem,
  AgendaItemDraft,
  AgendaKind,
  AgendaView,
  Event,
  ItemMinutes,
  ItemPlace,
  MinutesField,
  PhotoView,
  ScheduleIssue,
  Speaker,
} from "../bindings";
import { api, ApiFailure, withReplaceConfirmation } from "../api";
import { cameraProblem } from "../camera";
import { Autosave, SaveStatus, autosaveField, flushAll, flushOnLeave } from "../autosave";
import { h, mount } from "../dom";
import { label, t, type Key } from "../i18n";
import { confirmReplace, showError } from "./forms";
import { toast } from "./toast";

const KINDS: AgendaKind[] = ["opening", "keynote", "panel", "talk", "networking", "break", "group_work", "closing"];
const PLACES: ItemPlace[] = ["hybrid", "venue", "online"];
/** A running note being typed: its id once the first save has created it. */
type DraftNote = { id: number | null; saver: Autosave };

/** A time of day as the programme writes it: 24-hour HH:MM, whatever the system's locale. */
function clockTime(date: Date): string {
  return `${String(date.getHours()).padStart(2, "0")}:${String(date.getMinutes()).padStart(2, "0")}`;
}

function issueText(issue: ScheduleIssue, items: AgendaItem[]): string {
  const title = (id: number) => items.find((i) => i.id === id)?.title ?? "";
  switch (issue.kind) {
    case "overlap":
      return t("issueOverlap", { item: title(issue.item), previous: title(issue.previous), n: issue.minutes });
    case "gap":
      return t("issueGap", { item: title(issue.item), previous: title(issue.previous), n: issue.minutes });
    case "before_event":
      return t("issueBefore", { item: title(issue.item), n: issue.minutes });
    case "after_event":
      return t("issueAfter", { item: title(issue.item), n: issue.minutes });
    case "short_of_event":
      return t("issueShort", { n: issue.minutes });
  }
}

export function agendaPage(event: Event, on: { onBack: () => void }): HTMLElement {
  let view: AgendaView = { items: [], issues: [], running: null };
  let minutes: ItemMinutes[] = [];
  let photos: PhotoView[] = [];
  let speakers: Speaker[] = [];
  let selectedId: number | null = null;
  /** When the minutes were last saved, or why a save failed: one line for the minutes' pane. */
  const saveStatus = new SaveStatus("minutes-save-status");
  /** Each text field's saver, kept while the pane is drawn again (a photo added, the clock), so a
   *  field never has two saves in flight and shows what was typed, saved yet or not. */
  const savers = new Map<string, Autosave>();
  /** The note being typed, per item; Enter finishes it and starts the next. */
  const draftNotes = new Map<number, DraftNote>();
  const draftNoteOf = (item: number): DraftNote => {
    const existing = draftNotes.get(item);
    if (existing) return existing;
    const draft: DraftNote = {
      id: null,
      saver: new Autosave(async (text) => {
        const saved = await api.saveNote(item, draft.id, text);
        draft.id = saved?.id ?? null;
      }, "", saveStatus),
    };
    draftNotes.set(item, draft);
    return draft;
  };

  const errorBox = h("div", { class: "form-error", role: "alert", hidden: true });
  const fail = (error: unknown) => showError(errorBox, error);
  const listBox = h("div", { class: "agenda-list-box" });
  const formBox = h("div", { class: "agenda-form-box" });
  const minutesBox = h("div", { class: "minutes-box", "data-testid": "minutes" });

  /** The item running now, as Rust's rule says (the same one that attaches photos to items). */
  function currentItemId(): number | null {
    return view.running;
  }

  async function reload(): Promise<void> {
    [view, minutes, photos, speakers] = await Promise.all([api.agenda(event.id), api.minutes(event.id), api.photos(event.id), api.speakers()]);
    if (selectedId === null || !view.items.some((i) => i.id === selectedId)) selectedId = currentItemId() ?? view.items[0]?.id ?? null;
    renderList();
    renderMinutes();
  }

  async function move(item: AgendaItem, to: number): Promise<void> {
    if (to < 0 || to >= view.items.length || to === item.position) return;
    try {
      view = await api.moveAgendaItem(item.id, to);
      renderList();
      listBox.querySelector<HTMLElement>(`[data-item-id="${item.id}"]`)?.focus();
    } catch (error) {
      fail(error);
    }
  }

  function renderList(): void {
    const current = currentItemId();
    const list = h(
      "ol",
      { class: "agenda-list", "data-testid": "agenda-list" },
      view.items.map((item) => {
        const row = h(
          "li",
          {
            class: ["agenda-item", item.id === selectedId ? "selected" : "", item.id === current ? "current" : ""].join(" ").trim(),
            "data-testid": "agenda-item",
            "data-item-id": String(item.id),
            tabindex: 0,
            "aria-current": item.id === current ? "time" : null,
            onclick: () => select(item.id),
            onkeydown: (e: KeyboardEvent) => {
              if (e.altKey && e.key === "ArrowUp") {
                e.preventDefault();
                void move(item, item.position - 1);
              } else if (e.altKey && e.key === "ArrowDown") {
                e.preventDefault();
                void move(item, item.position + 1);
              } else if (e.key === "Enter") {
                select(item.id);
              }
            },
          },
          h("span", { class: "drag-handle", "data-testid": "drag-handle", "aria-hidden": "true", onpointerdown: (e: PointerEvent) => startDrag(e, item) }, "⠿"),
          h("span", { class: "agenda-time" }, `${item.starts_at}–${item.ends_at}`),
          h("span", { class: `tag kind-${item.kind}` }, label.agendaKind(item.kind)),
          h("span", { class: "agenda-title", "data-testid": "agenda-title" }, item.title),
          item.speakers.length ? h("span", { class: "agenda-speakers" }, item.speakers.map((s) => s.name).join("、")) : null,
          h(
            "span",
            { class: "agenda-actions" },
            h("button", { type: "button", "data-testid": "move-up", "aria-label": t("moveUp"), onclick: (e: MouseEvent) => (e.stopPropagation(), void move(item, item.position - 1)) }, "↑"),
            h("button", { type: "button", "data-testid": "move-down", "aria-label": t("moveDown"), onclick: (e: MouseEvent) => (e.stopPropagation(), void move(item, item.position + 1)) }, "↓"),
            h("button", { type: "button", "data-testid": "edit-item", onclick: (e: MouseEvent) => (e.stopPropagation(), openForm(item)) }, t("edit")),
          ),
        );
        return row;
      }),
    );
    const issues = view.issues.length
      ? h("ul", { class: "schedule-issues", "data-testid": "schedule-issues", role: "status" }, view.issues.map((i) => h("li", null, `! ${issueText(i, view.items)}`)))
      : h("p", { class: "hint", "data-testid": "schedule-issues" }, view.items.length ? t("scheduleOk") : t("agendaEmpty"));
    mount(listBox, list, issues);
  }

  /**
   * Dragging by the handle with pointer events (mouse, pen or touch): the row under the pointer
   * is marked, and on release the item moves there. Pointer events, not HTML drag and drop, which
   * WebKitGTK does not deliver reliably inside the app's window.
   */
  function startDrag(start: PointerEvent, item: AgendaItem): void {
    start.preventDefault();
    const handle = start.currentTarget as HTMLElement;
    handle.setPointerCapture(start.pointerId);
    let target: number | null = null;
    const rowAt = (e: PointerEvent) => document.elementFromPoint(e.clientX, e.clientY)?.closest<HTMLElement>(".agenda-item") ?? null;
    const onMove = (e: PointerEvent) => {
      listBox.querySelectorAll(".drop-target").forEach((row) => row.classList.remove("drop-target"));
      const row = rowAt(e);
      const id = Number(row?.dataset.itemId);
      target = view.items.find((i) => i.id === id)?.position ?? null;
      row?.classList.add("drop-target");
    };
    const onUp = (e: PointerEvent) => {
      onMove(e);
      handle.removeEventListener("pointermove", onMove);
      handle.removeEventListener("pointerup", onUp);
      listBox.querySelectorAll(".drop-target").forEach((row) => row.classList.remove("drop-target"));
      if (target !== null) void move(item, target);
    };
    handle.addEventListener("pointermove", onMove);
    handle.addEventListener("pointerup", onUp);
  }

  function select(id: number): void {
    void flushAll();
    selectedId = id;
    renderList();
    renderMinutes();
    // The list was drawn again: the keyboard stays on the chosen item (Alt+↑/↓ moves it).
    listBox.querySelector<HTMLElement>(`[data-item-id="${id}"]`)?.focus();
  }

  function openForm(item: AgendaItem | "new"): void {
    const existing = item === "new" ? null : item;
    const last = view.items[view.items.length - 1];
    const start = h("input", { type: "text", inputmode: "numeric", size: 5, placeholder: "13:30", "data-testid": "item-start", value: existing?.starts_at ?? last?.ends_at ?? event.start_time ?? "13:30" });
    const end = h("input", { type: "text", inputmode: "numeric", size: 5, placeholder: "14:30", "data-testid": "item-end", value: existing?.ends_at ?? "" });
    const title = h("input", { type: "text", "data-testid": "item-title", value: existing?.title ?? "", class: "wide-input" });
    const kind = h("select", { "data-testid": "item-kind" }, KINDS.map((k) => h("option", { value: k, selected: (existing?.kind ?? "talk") === k }, label.agendaKind(k))));
    const place = h("select", { "data-testid": "item-place" }, PLACES.map((p) => h("option", { value: p, selected: (existing?.place ?? "hybrid") === p }, label.itemPlace(p))));
    const chosen = new Set(existing?.speaker_ids ?? []);
    /** The speaker whose details the fields below hold for editing (none: a new speaker). */
    let editingSpeaker: number | null = null;
    const speakerBoxes = speakers.map((s) =>
      h(
        "span",
        { class: "inline speaker-box" },
        h("label", { class: "inline" }, h("input", { type: "checkbox", value: String(s.id), checked: chosen.has(s.id), "data-testid": "item-speaker" }), ` ${s.name}`),
        h(
          "button",
          {
            type: "button",
            class: "link",
            "data-testid": "edit-speaker",
            onclick: () => {
              editingSpeaker = s.id;
              newSpeaker.value = s.name;
              newSpeakerKana.value = s.kana;
              newSpeakerOrg.value = s.organization;
              newSpeakerTitle.value = s.title;
              newSpeakerContact.value = s.contact;
              newSpeakerBio.value = s.biography;
              const button = formBox.querySelector<HTMLElement>('[data-testid="add-speaker"]');
              if (button) button.textContent = t("save");
              newSpeaker.focus();
            },
          },
          t("editSpeaker"),
        ),
      ),
    );
    const moderator = h(
      "select",
      { "data-testid": "item-moderator" },
      h("option", { value: "" }, t("none")),
      speakers.map((s) => h("option", { value: String(s.id), selected: existing?.moderator_id === s.id }, s.name)),
    );
    const notes = h("input", { type: "text", "data-testid": "item-notes", value: existing?.notes ?? "", class: "wide-input" });
    const formError = h("div", { class: "form-error", role: "alert", hidden: true });
    const newSpeaker = h("input", { type: "text", "data-testid": "new-speaker-name", placeholder: t("name") });
    const newSpeakerKana = h("input", { type: "text", "data-testid": "new-speaker-kana", placeholder: t("kana") });
    const newSpeakerOrg = h("input", { type: "text", "data-testid": "new-speaker-org", placeholder: t("organization") });
    const newSpeakerTitle = h("input", { type: "text", "data-testid": "new-speaker-title", placeholder: t("jobTitle") });
    const newSpeakerContact = h("input", { type: "text", "data-testid": "new-speaker-contact", placeholder: t("speakerContact") });
    const newSpeakerBio = h("textarea", { "data-testid": "new-speaker-bio", rows: 2, class: "minutes-text", placeholder: t("speakerBio") });
    const save = async () => {
      const draft: AgendaItemDraft = {
        starts_at: start.value,
        ends_at: end.value,
        kind: kind.value as AgendaKind,
        title: title.value,
        place: place.value as ItemPlace,
        speaker_ids: speakerBoxes.map((b) => b.querySelector("input")!).filter((i) => i.checked).map((i) => Number(i.value)),
        moderator_id: moderator.value ? Number(moderator.value) : null,
        notes: notes.value,
      };
      try {
        view = existing ? await api.updateAgendaItem(existing.id, draft) : await api.createAgendaItem(event.id, draft);
        mount(formBox);
        await reload();
      } catch (error) {
        showError(formError, error);
      }
    };
    mount(
      formBox,
      h(
        "form",
        {
          class: "panel form agenda-form",
          "data-testid": "agenda-form",
          onsubmit: (e: SubmitEvent) => (e.preventDefault(), void save()),
          onkeydown: (e: KeyboardEvent) => {
            if (e.key === "Escape") mount(formBox);
          },
        },
        h("h2", null, existing ? t("editItem") : t("addItem")),
        formError,
        h("div", { class: "inline" }, h("label", null, t("startTime"), " ", start), h("label", null, t("endTime"), " ", end), h("label", null, t("itemKind"), " ", kind), h("label", null, t("itemPlace"), " ", place)),
        h("label", { class: "field wide" }, t("itemTitle"), title),
        h("div", { class: "field wide" }, h("span", { class: "field-label" }, t("speakers")), h("div", { class: "speaker-boxes" }, speakerBoxes)),
        h("p", { class: "hint" }, t("newSpeakerHint")),
        h("div", { class: "inline speaker-new" }, newSpeaker, newSpeakerKana, newSpeakerOrg, newSpeakerTitle, newSpeakerContact),
        newSpeakerBio,
        h(
          "div",
          { class: "inline" },
          h(
            "button",
            {
              type: "button",
              "data-testid": "add-speaker",
              onclick: async () => {
                try {
                  const draft = {
                    name: newSpeaker.value,
                    kana: newSpeakerKana.value,
                    organization: newSpeakerOrg.value,
                    title: newSpeakerTitle.value,
                    biography: newSpeakerBio.value,
                    contact: newSpeakerContact.value,
                  };
                  if (editingSpeaker === null) {
                    await api.createSpeaker(draft);
                  } else {
                    const saved = await api.updateSpeaker(editingSpeaker, draft);
                    toast(t("speakerSaved", { name: saved.name }));
                  }
                  speakers = await api.speakers();
                  openForm(item);
                } catch (error) {
                  showError(formError, error);
                }
              },
            },
            t("addSpeaker"),
          ),
        ),
        h("label", { class: "field" }, t("moderator"), moderator),
        h("label", { class: "field wide" }, t("notes"), notes),
        h(
          "div",
          { class: "actions" },
          h("button", { type: "submit", class: "primary", "data-testid": "save-item" }, t("save")),
          existing
            ? h(
                "button",
                {
                  type: "button",
                  "data-testid": "delete-item",
                  onclick: async () => {
                    try {
                      view = await api.deleteAgendaItem(existing.id);
                      mount(formBox);
                      await reload();
                    } catch (error) {
                      showError(formError, error);
                    }
                  },
                },
                t("delete"),
              )
            : null,
          h("button", { type: "button", onclick: () => mount(formBox) }, t("cancel")),
        ),
      ),
    );
    title.focus();
  }

  function renderMinutes(): void {
    const item = view.items.find((i) => i.id === selectedId);
    if (!item) {
      mount(minutesBox, h("p", { class: "hint" }, t("agendaEmpty")));
      return;
    }
    const record = minutes.find((m) => m.agenda_item_id === item.id);
    const textArea = (field: MinutesField, key: Key) => {
      const area = h("textarea", { "data-testid": `minutes-${field}`, rows: 3, class: "minutes-text" });
      const saverKey = `${item.id}:${field}`;
      let saver = savers.get(saverKey);
      if (!saver) {
        saver = new Autosave((text) => api.saveMinutesText(item.id, field, text), record?.[field] ?? "", saveStatus);
        savers.set(saverKey, saver);
      }
      area.value = saver.shown;
      autosaveField(area, saver);
      return h("label", { class: "field wide" }, t(key), area);
    };
    // The running notes: the one being typed is saved as it grows; Enter starts the next.
    const draft = draftNoteOf(item.id);
    const notesList = h(
      "ul",
      { class: "notes", "data-testid": "notes" },
      (record?.notes ?? [])
        .filter((n) => n.id !== draft.id)
        .map((n) => h("li", null, h("span", { class: "note-time" }, clockTime(new Date(n.at))), ` ${n.text}`)),
    );
    const noteInput = h("textarea", { "data-testid": "note-input", rows: 2, class: "minutes-text", placeholder: t("notePlaceholder") });
    noteInput.value = draft.saver.shown;
    // Enter has saved the note as typed; it stays saved on its own (retried if that failed) and
    // the typing goes on in a new one. Shift+Enter is a line break within the note.
    autosaveField(noteInput, () => draftNoteOf(item.id).saver, (e) => {
      if (e.shiftKey) return;
      e.preventDefault();
      if (noteInput.value.trim() === "") return;
      draftNotes.delete(item.id);
      notesList.append(h("li", null, h("span", { class: "note-time" }, clockTime(new Date())), ` ${noteInput.value.trim()}`));
      noteInput.value = "";
    });
    mount(
      minutesBox,
      h("h2", { "data-testid": "minutes-title" }, `${item.starts_at}–${item.ends_at} ${item.title}`),
      saveStatus.element,
      item.speakers.length ? h("p", { class: "hint" }, item.speakers.map((s) => [s.name, s.organization, s.title].filter(Boolean).join(" ")).join("、")) : null,
      h("div", { class: "field wide" }, h("span", { class: "field-label" }, t("runningNotes")), notesList, noteInput),
      textArea("talk_summary", "talkSummary"),
      textArea("decisions", "decisions"),
      textArea("follow_ups", "followUps"),
      photoSection(item),
    );
  }

  function photoSection(item: AgendaItem): HTMLElement {
    const here = photos.filter((p) => p.photo.agenda_item_id === item.id);
    const loose = photos.filter((p) => p.photo.agenda_item_id === null);
    const card = (p: PhotoView) => {
      const caption = h("input", { type: "text", "data-testid": "photo-caption", value: p.photo.caption, placeholder: t("caption") });
      caption.addEventListener("change", () => void api.updatePhoto(p.photo.id, { caption: caption.value }).catch(fail));
      const publicBox = h("input", { type: "checkbox", "data-testid": "photo-public", checked: p.photo.public_ok });
      publicBox.addEventListener("change", () => void api.updatePhoto(p.photo.id, { public_ok: publicBox.checked }).catch(fail));
      const place = h(
        "select",
        { "data-testid": "photo-item", "aria-label": t("photoItem") },
        h("option", { value: "" }, t("noItem")),
        view.items.map((i) => h("option", { value: String(i.id), selected: p.photo.agenda_item_id === i.id }, `${i.starts_at} ${i.title}`)),
      );
      place.addEventListener("change", async () => {
        try {
          await api.updatePhoto(p.photo.id, { agenda_item_id: place.value ? Number(place.value) : null });
          await reload();
        } catch (error) {
          fail(error);
        }
      });
      const remove = h("button", { type: "button", class: "danger", "data-testid": "photo-delete" }, t("deletePhoto"));
      remove.addEventListener("click", async () => {
        if (!window.confirm(t("deletePhotoConfirm"))) return;
        try {
          const deleted = await api.deletePhoto(p.photo.id);
          toast(deleted.files_left.length ? t("photoFilesLeft", { files: deleted.files_left.join(", ") }) : t("photoDeleted"));
          await reload();
        } catch (error) {
          fail(error);
        }
      });
      return h(
        "figure",
        { class: "photo-card", "data-testid": "photo-card" },
        h("img", { src: p.thumbnail, alt: p.photo.caption || p.photo.original_name }),
        h("figcaption", null, caption, h("label", { class: "inline" }, publicBox, ` ${t("publicOk")}`), place, remove),
      );
    };
    return h(
      "div",
      { class: "photos", "data-testid": "photos" },
      h("h3", null, t("photosTitle")),
      h("p", { class: "hint" }, t("photosNote")),
      h("div", { class: "photo-grid" }, here.map(card)),
      loose.length ? [h("h4", null, t("loosePhotos")), h("div", { class: "photo-grid" }, loose.map(card))] : null,
    );
  }

  async function addPhotoPaths(paths: string[]): Promise<void> {
    if (!paths.length) return;
    try {
      const results = await api.addPhotos(event.id, paths);
      const refused = results.filter((r) => r.error);
      for (const r of refused) fail(r.error!);
      const added = results.filter((r) => r.added && r.new).length;
      const again = results.filter((r) => r.added && !r.new).length;
      toast(t("photosAdded", { n: added, again }));
      await reload();
    } catch (error) {
      fail(error);
    }
  }

  const photoPath = h("input", { type: "text", "data-testid": "photo-path", class: "wide-input", placeholder: t("photoPathHint") });
  const exportDir = h("input", { type: "text", "data-testid": "agenda-export-dir", class: "wide-input" });
  const publicExport = h("input", { type: "checkbox", "data-testid": "export-public" });
  const exportResult = h("p", { class: "export-result", "data-testid": "agenda-export-result", role: "status" });
  void api.defaultExportDir(event.id).then((dir) => (exportDir.value = dir), () => undefined);

  const jumpToCurrent = () => {
    const id = currentItemId();
    if (id === null) {
      toast(t("noCurrentItem"));
      return;
    }
    select(id);
    minutesBox.querySelector<HTMLElement>('[data-testid="note-input"]')?.focus();
  };

  const page = h(
    "div",
    {
      class: "agenda-page",
      "data-testid": "agenda-page",
      onkeydown: (e: KeyboardEvent) => {
        if (e.key === "F2") {
          e.preventDefault();
          jumpToCurrent();
        }
      },
    },
    h(
      "div",
      { class: "panel-head" },
      h("h1", null, `${t("agendaAndMinutes")} — ${event.title}`),
      h("button", { type: "button", "data-testid": "jump-current", onclick: jumpToCurrent }, `${t("jumpToCurrent")} (F2)`),
      h("button", { type: "button", class: "primary", "data-testid": "add-item", onclick: () => openForm("new") }, `＋ ${t("addItem")}`),
      h("button", { type: "button", "data-testid": "back-to-event", onclick: () => void flushAll().then(on.onBack) }, t("back")),
    ),
    errorBox,
    formBox,
    h("div", { class: "agenda-columns" }, h("section", { class: "panel" }, h("h2", null, t("agenda")), listBox), h("section", { class: "panel" }, minutesBox)),
    h(
      "section",
      { class: "panel form" },
      h("h2", null, t("photosAdd")),
      h(
        "div",
        { class: "inline" },
        photoPath,
        h("button", { type: "button", "data-testid": "photo-add", onclick: () => void addPhotoPaths(photoPath.value.split("\n").map((p) => p.trim()).filter(Boolean)).then(() => (photoPath.value = "")) }, t("add")),
        h(
          "button",
          {
            type: "button",
            "data-testid": "photo-browse",
            onclick: async () => {
              try {
                await addPhotoPaths(await api.pickFiles(["jpg", "jpeg", "png", "heic"], t("photoFiles")));
              } catch (error) {
                fail(error);
              }
            },
          },
          t("browse"),
        ),
        h("button", { type: "button", "data-testid": "photo-camera", onclick: () => void openCameraCapture(event.id, reload, fail) }, t("takePhoto")),
      ),
      h("div", { class: "camera-capture", "data-testid": "camera-capture" }),
    ),
    h(
      "section",
      { class: "panel form" },
      h("h2", null, t("exportAgendaMinutes")),
      h("div", { class: "field wide" }, h("label", null, t("exportDir")), exportDir),
      h("label", { class: "inline" }, publicExport, ` ${t("exportPublic")}`),
      h(
        "div",
        { class: "actions" },
        h(
          "button",
          {
            type: "button",
            "data-testid": "export-agenda",
            onclick: async () => {
              try {
                const done = await withReplaceConfirmation((replace) => api.exportAgenda(event.id, exportDir.value, publicExport.checked, replace), confirmReplace);
                if (done) exportResult.textContent = t("agendaExported", { pdf: done.pdf });
              } catch (error) {
                fail(error);
              }
            },
          },
          t("exportAgenda"),
        ),
        h(
          "button",
          {
            type: "button",
            "data-testid": "export-minutes",
            onclick: async () => {
              await flushAll();
              try {
                const done = await withReplaceConfirmation((replace) => api.exportMinutes(event.id, exportDir.value, publicExport.checked, replace), confirmReplace);
                if (done) exportResult.textContent = t("minutesExported", { pdf: done.pdf, n: done.n_photos });
              } catch (error) {
                fail(error);
              }
            },
          },
          t("exportMinutes"),
        ),
      ),
      exportResult,
    ),
  );
  // Photos dropped on the window arrive as paths from the desktop shell.
  void listenForDrops(addPhotoPaths);
  // The current item moves with the clock: the list is drawn again only when it changes, so the
  // keyboard focus in the list stays where it is.
  const clock = window.setInterval(() => {
    if (!document.body.contains(page)) return window.clearInterval(clock);
    void api.runningAgendaItem(event.id).then((now) => {
      if (now !== view.running) {
        view = { ...view, running: now };
        renderList();
      }
    }, () => undefined);
  }, 30_000);
  void reload().catch(fail);
  return page;
}

// What is typed is saved when the page is left or the window closed; one set of listeners.
flushOnLeave();

let unlistenDrops: (() => void) | null = null;

async function listenForDrops(onPaths: (paths: string[]) => Promise<void>): Promise<void> {
  const { getCurrentWebview } = await import("@tauri-apps/api/webview");
  unlistenDrops?.();
  unlistenDrops = await getCurrentWebview().onDragDropEvent((event) => {
    if (event.payload.type === "drop") void onPaths(event.payload.paths);
  });
}

/** The webcam in a small panel: a frame taken as a JPEG photo of the running item. */
async function openCameraCapture(eventId: number, reload: () => Promise<void>, fail: (e: unknown) => void): Promise<void> {
  const box = document.querySelector<HTMLElement>('[data-testid="camera-capture"]');
  if (!box) return;
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 1280 }, height: { ideal: 720 } }, audio: false });
    const video = h("video", { autoplay: true, muted: true, playsinline: true, class: "camera-video" });
    video.srcObject = stream;
    const stop = () => {
      stream.getTracks().forEach((track) => track.stop());
      box.replaceChildren();
    };
    const shoot = h("button", { type: "button", class: "primary", "data-testid": "camera-shoot" }, t("shoot"));
    shoot.addEventListener("click", async () => {
      const canvas = document.createElement("canvas");
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      canvas.getContext("2d")?.drawImage(video, 0, 0);
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.9));
      if (!blob) return;
      const bytes = Array.from(new Uint8Array(await blob.arrayBuffer()));
      try {
        await api.addPhotoBytes(eventId, bytes, `webcam-${new Date().toISOString().replace(/[:.]/g, "-")}.jpg`);
        toast(t("photosAdded", { n: 1, again: 0 }));
        await reload();
      } catch (error) {
        fail(error);
      }
    });
    box.replaceChildren(video, h("div", { class: "actions" }, shoot, h("button", { type: "button", onclick: stop }, t("close"))));
    await video.play().catch(() => undefined);
  } catch (error) {
    fail(new ApiFailure("camera.unavailable", t("cameraUnavailablePhoto", { message: cameraProblem(error) })));
  }
}
