// Entry point: asks the Rust side how things stand, then shows the app, the first-start
// welcome, or a full-window explanation when the database cannot be opened.

import "./style.css";
import { api } from "./api";
import { startApp } from "./views/app";
import { showFatal } from "./views/start";
import { setLang } from "./i18n";

async function boot(): Promise<void> {
  const status = await api.appStatus();
  setLang(status.language);
  if (status.error) {
    showFatal(status);
    return;
  }
  await startApp(status);
}

boot().catch((error) => {
  document.body.textContent = `Tsudoi: ${String(error)}`;
});
