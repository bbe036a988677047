// Shared pieces of every form: labelled fields, the error box, and Enter/Esc behaviour.

import { ApiFailure } from "../api";
import { h, type Child } from "../dom";
import { t } from "../i18n";

/** A labelled field; `name` is the input's name and its data-testid. */
export function field(labelText: string, input: HTMLElement, options: { required?: boolean; wide?: boolean } = {}) {
  const id = `field-${input.getAttribute("name") ?? Math.random().toString(36).slice(2)}`;
  input.id = id;
  if (options.required) input.setAttribute("aria-required", "true");
  return h(
    "div",
    { class: options.wide ? "field wide" : "field" },
    h("label", { for: id }, labelText, options.required ? h("span", { class: "required" }, ` ${t("required")}`) : null),
    input,
  );
}

export function textInput(name: string, value: string, attrs: Record<string, string> = {}) {
  return h("input", { type: "text", name, value, "data-testid": name, autocomplete: "off", ...attrs });
}

export function select<T extends string>(name: string, value: T, options: T[], labelOf: (v: T) => string) {
  return h(
    "select",
    { name, "data-testid": name },
    options.map((option) => h("option", { value: option, selected: option === value }, labelOf(option))),
  );
}

/** Which input a validation error is about, so the cursor goes where the fix is. */
const fieldOfError: Record<string, string> = {
  "validation.empty_title": "title",
  "validation.bad_date": "date",
  "validation.end_not_after_start": "end_time",
  "validation.zero_capacity": "capacity",
  "validation.bad_url": "online_url",
  "validation.empty_name": "name",
  "validation.bad_email": "email",
  "validation.reason_required": "zone_reason",
  "validation.bad_number": "capacity",
  "validation.limit_below_capacity": "registration_limit",
};

/**
 * A form with an error box: `onSubmit` runs on Enter or the save button; a failure shows its
 * message in the box and puts the cursor in the field it concerns. Esc runs `onCancel`.
 */
export function form(
  testId: string,
  title: string,
  fields: Child[],
  onSubmit: (data: FormData) => Promise<void>,
  onCancel: () => void,
): HTMLFormElement {
  const errorBox = h("div", { class: "form-error", role: "alert", "data-testid": "form-error", hidden: true });
  const saveButton = h("button", { type: "submit", class: "primary", "data-testid": "save" }, t("save"));
  const element = h(
    "form",
    {
      class: "panel form",
      "data-testid": testId,
      novalidate: true,
      onsubmit: async (event: SubmitEvent) => {
        event.preventDefault();
        saveButton.disabled = true;
        errorBox.hidden = true;
        try {
          await onSubmit(new FormData(element));
        } catch (error) {
          showError(errorBox, error);
          const name = error instanceof ApiFailure ? fieldOfError[error.code] : undefined;
          const target = name ? element.querySelector<HTMLElement>(`[name="${name}"]`) : null;
          target?.setAttribute("aria-invalid", "true");
          target?.focus();
        } finally {
          saveButton.disabled = false;
        }
      },
      onkeydown: (event: KeyboardEvent) => {
        if (event.key === "Escape") {
          event.preventDefault();
          onCancel();
        }
      },
    },
    h("h2", null, title),
    errorBox,
    h("div", { class: "fields" }, fields),
    h(
      "div",
      { class: "actions" },
      saveButton,
      h("button", { type: "button", "data-testid": "cancel", onclick: onCancel }, t("cancel")),
      h("span", { class: "hint" }, t("formHint")),
    ),
  );
  return element;
}

export function showError(box: HTMLElement, error: unknown): void {
  box.textContent = error instanceof ApiFailure ? error.message : t("unexpected", { message: String(error) });
  box.hidden = false;
}

/** Full-width digits and the signs around numbers and times (１７：００) as ASCII: people type them
 * with the Japanese IME on and mean the same thing (the Rust side reads them the same way). */
export function narrowDigits(value: string): string {
  return value.replace(/[０-９：／－．，]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, " ");
}

/** A whole number typed in a form (full-width digits and thousands separators read too). */
export function wholeNumber(data: FormData, name: string): number {
  const typed = text(data, name);
  const cleaned = narrowDigits(typed).replace(/[,\s]/g, "");
  if (!/^\d+$/.test(cleaned)) throw new ApiFailure("validation.bad_number", t("badNumber", { value: typed.trim() }));
  return Number(cleaned);
}

export function text(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === "string" ? value : "";
}

/** Asks whether an export may replace the file already at its place (the error's message says
 * which file). */
export function confirmReplace(message: string): boolean {
  return window.confirm(`${message}\n\n${t("replaceQuestion")}`);
}
