// What the window shows before the app proper: the database error, or the first-start welcome.

import type { AppStatus } from "../bindings";
import { api } from "../api";
import { byId, h, mount } from "../dom";
import { t } from "../i18n";
import { showError } from "./forms";

/** The database could not be opened: say why and what to do, and show nothing else. */
export function showFatal(status: AppStatus): void {
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
