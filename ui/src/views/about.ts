// The About box (このアプリについて): the versions a person reads out when asking for help, the
// same as `tsudoi info` prints, plus the WebView the window runs in, and where the licences are.
// Its few words stay here rather than in i18n.ts: they name components, not the app's work.

import { api } from "../api";
import { h } from "../dom";
import { lang } from "../i18n";

function say(ja: string, en: string): string {
  return lang() === "ja" ? ja : en;
}

/** Opens the About box over the window; Escape or the button closes it. */
export async function showAbout(): Promise<void> {
  const box = await api.about();
  const a = box.about;
  const row = (label: string, value: string, testid: string) =>
    h("tr", null, h("th", { scope: "row" }, label), h("td", { "data-testid": testid }, value));
  const dialog = h(
    "dialog",
    { class: "about", "data-testid": "about-box", "aria-labelledby": "about-title" },
    h("h2", { id: "about-title" }, say("集い Tsudoi について", "About Tsudoi")),
    h(
      "table",
      null,
      row(say("版", "Version"), a.app_version, "about-app-version"),
      row(say("スキーマ版", "Schema version"), String(a.schema_version), "about-schema-version"),
      row("SQLite", a.sqlite_version, "about-sqlite"),
      row("SQLCipher", a.sqlcipher_version, "about-sqlcipher"),
      row("WebView", box.webview_version || say("不明", "unknown"), "about-webview"),
      row(say("動作環境", "Platform"), a.platform, "about-platform"),
    ),
    h(
      "p",
      null,
      say(
        "使っているソフトウェアとそのライセンスは、インストール先の THIRD-PARTY-NOTICES.txt と sbom.*.json にあります。",
        "The software Tsudoi includes and its licences are listed in THIRD-PARTY-NOTICES.txt and sbom.*.json where it is installed.",
      ),
    ),
    h("form", { method: "dialog" }, h("button", { "data-testid": "about-close" }, say("閉じる", "Close"))),
  );
  dialog.addEventListener("close", () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
}
