// What the window shows before the app proper: the database error, or the first-start welcome.

import type { AppStatus } from "../bindings";
import { api } from "../api";
import { byId, h, mount } from "../dom";
import { t } from "../i18n";
import { showError } from "./forms";

/** The database could not be opened: say why and what to do, and show nothing else. */
export function showFatal(status: AppStatus): void {
  if (status.error?.code === "vault.passphrase_needed") {
    showUnlock(status);
    return;
  }
  if (status.error?.code === "vault.new_database") {
    showCreate(status);
    return;
  }
  mount(
    byId("app"),
    h(
      "main",
      { class: "fatal", role: "alert", "data-testid": "fatal-error", "data-code": status.error?.code ?? "" },
      h("h1", null, t("fatalTitle")),
      h("p", { class: "fatal-message" }, status.error?.message ?? ""),
      h("p", null, h("strong", null, `${t("databaseFile")}: `), h("code", null, status.db_path)),
      h("p", { class: "hint" }, t("fatalHint")),
    ),
  );
}

/** The first start: offer the demo, or an empty start. */
export function welcome(container: HTMLElement, onDemoLoaded: () => void, onStartEmpty: () => void): void {
  const errorBox = h("div", { class: "form-error", role: "alert", hidden: true });
  const demoButton = h(
    "button",
    {
      class: "primary big",
      "data-testid": "load-demo",
      onclick: async () => {
        demoButton.disabled = true;
        try {
          await api.loadDemo();
          onDemoLoaded();
        } catch (error) {
          showError(errorBox, error);
          demoButton.disabled = false;
        }
      },
    },
    t("loadDemo"),
  );
  mount(
    container,
    h(
      "section",
      { class: "panel welcome", "data-testid": "welcome" },
      h("h1", null, t("welcomeTitle")),
      h("p", null, t("welcomeText")),
      errorBox,
      h(
        "div",
        { class: "actions" },
        demoButton,
        h("button", { class: "big", "data-testid": "start-empty", onclick: onStartEmpty }, t("startEmpty")),
      ),
    ),
  );
  demoButton.focus();
}

/** An encrypted database: nothing shows until its passphrase is typed. */
function showUnlock(status: AppStatus): void {
  const errorBox = h("div", { class: "form-error", role: "alert", hidden: true });
  const input = h("input", {
    type: "password",
    autocomplete: "current-password",
    "data-testid": "unlock-passphrase",
    "aria-label": t("passphrase"),
  }) as HTMLInputElement;
  const button = h("button", { class: "primary big", type: "submit", "data-testid": "unlock-open" }, t("unlockOpen"));
  const remember = h("input", { type: "checkbox", "data-testid": "unlock-remember" }) as HTMLInputElement;
  // Offered only where this computer has a keychain Tsudoi can use.
  const rememberRow = h("label", { class: "checkbox", hidden: true }, remember, ` ${t("unlockRemember")}`);
  const rememberHint = h("p", { class: "hint", hidden: true }, t("unlockRememberHint"));
  void api.passphraseKeychain().then(
    (keychain) => {
      rememberRow.hidden = rememberHint.hidden = !keychain.available;
    },
    () => undefined,
  );
  const form = h(
    "form",
    {
      class: "panel unlock",
      "data-testid": "unlock",
      onsubmit: async (event: Event) => {
        event.preventDefault();
        button.disabled = true;
        try {
          await api.unlockDatabase(input.value, remember.checked);
          window.location.reload();
        } catch (error) {
          showError(errorBox, error);
          input.select();
          button.disabled = false;
        }
      },
    },
    h("h1", null, t("unlockTitle")),
    h("p", null, t("unlockHint")),
    h("label", null, t("passphrase"), input),
    rememberRow,
    rememberHint,
    errorBox,
    button,
    h("p", { class: "hint" }, h("strong", null, `${t("databaseFile")}: `), h("code", null, status.db_path)),
  );
  mount(byId("app"), h("main", { class: "start" }, form));
  input.focus();
}

/** The first start: the passphrase that encrypts the new database, typed twice. */
function showCreate(status: AppStatus): void {
  const errorBox = h("div", { class: "form-error", role: "alert", hidden: true });
  const field = (testId: string, label: string) =>
    h("input", { type: "password", autocomplete: "new-password", "data-testid": testId, "aria-label": label }) as HTMLInputElement;
  const first = field("create-passphrase", t("passphrase"));
  const second = field("create-passphrase-again", t("passphraseAgain"));
  const button = h("button", { class: "primary big", type: "submit", "data-testid": "create-open" }, t("createOpen"));
  const form = h(
    "form",
    {
      class: "panel unlock",
      "data-testid": "create-database",
      onsubmit: async (event: Event) => {
        event.preventDefault();
        button.disabled = true;
        try {
          await api.createDatabase(first.value, second.value);
          window.location.reload();
        } catch (error) {
          showError(errorBox, error);
          first.select();
          button.disabled = false;
        }
      },
    },
    h("h1", null, t("createTitle")),
    h("p", null, status.error?.message ?? ""),
    h("label", null, t("passphrase"), first),
    h("label", null, t("passphraseAgain"), second),
    h("p", { class: "hint" }, t("createWarning")),
    errorBox,
    button,
    h("p", { class: "hint" }, h("strong", null, `${t("databaseFile")}: `), h("code", null, status.db_path)),
  );
  mount(byId("app"), h("main", { class: "start" }, form, restoreForm()));
  first.focus();
}

/** At a first start, a backup from another laptop can be restored instead. */
function restoreForm(): HTMLElement {
  const errorBox = h("div", { class: "form-error", role: "alert", hidden: true, "data-testid": "restore-error" });
  const file = h("input", { type: "text", class: "wide-input", "data-testid": "restore-file", "aria-label": t("restoreFile"), size: 50 }) as HTMLInputElement;
  const passphrase = h("input", { type: "password", autocomplete: "current-password", "data-testid": "restore-passphrase", "aria-label": t("passphrase") }) as HTMLInputElement;
  const button = h("button", { type: "submit", "data-testid": "restore-run" }, t("restoreRun"));
  return h(
    "form",
    {
      class: "panel unlock",
      "data-testid": "restore",
      onsubmit: async (event: Event) => {
        event.preventDefault();
        button.disabled = true;
        try {
          await api.restoreBackup(file.value.trim(), passphrase.value);
          window.location.reload();
        } catch (error) {
          showError(errorBox, error);
          button.disabled = false;
        }
      },
    },
    h("h2", null, t("restoreTitle")),
    h("p", { class: "hint" }, t("restoreHint")),
    h("label", null, t("restoreFile"), file),
    h("label", null, t("passphrase"), passphrase),
    errorBox,
    button,
  );
}
