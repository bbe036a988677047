// The optional seat plan (座席表): each zone's rows or tables, and the printable chart.

import type { Event, SeatPlanForm } from "../bindings";
import { api, withReplaceConfirmation } from "../api";
import { h } from "../dom";
import { label, t } from "../i18n";
import { confirmReplace, showError } from "./forms";
import type { Panel } from "./exchange";

export function seatPlanPanel(event: Event, defaultDir: () => Promise<string>): Panel {
  const errorBox = h("div", { class: "form-error", role: "alert", hidden: true });
  const general = h("input", { type: "text", id: "seat-blocks-general", "data-testid": "seat-blocks-general", class: "wide-input", placeholder: "A:10, B:10, C:10" });
  const stakeholder = h("input", { type: "text", id: "seat-blocks-stakeholder", "data-testid": "seat-blocks-stakeholder", class: "wide-input", placeholder: "S:10" });
  const counts = h("p", { class: "hint", "data-testid": "seat-counts", role: "status" });
  const chartPath = h("input", { type: "text", id: "seat-chart-path", "data-testid": "seat-chart-path", class: "wide-input" });
  const chartResult = h("p", { class: "export-result", "data-testid": "seat-chart-result", role: "status" });

  const show = (form: SeatPlanForm) => {
    general.value = form.general;
    stakeholder.value = form.stakeholder;
    counts.textContent = t("seatCounts", {
      general: label.zone("general"),
      n_general: form.n_general,
      stakeholder: label.zone("stakeholder"),
      n_stakeholder: form.n_stakeholder,
    });
  };
  const save = h("button", { type: "button", class: "primary", "data-testid": "save-seats" }, t("saveSeats"));
  save.addEventListener("click", async () => {
    errorBox.hidden = true;
    try {
      show(await api.setSeatPlan(event.id, { general: general.value, stakeholder: stakeholder.value, n_general: 0, n_stakeholder: 0 }));
    } catch (error) {
      showError(errorBox, error);
    }
  });
  const print = h("button", { type: "button", "data-testid": "export-seat-chart" }, t("printSeatChart"));
  print.addEventListener("click", async () => {
    errorBox.hidden = true;
    try {
      const done = await withReplaceConfirmation((replace) => api.exportSeatChart(event.id, chartPath.value, replace), confirmReplace);
      if (done) chartResult.textContent = t("seatChartWritten", { n: done.n_seated, file: done.file });
    } catch (error) {
      showError(errorBox, error);
    }
  });
  const element = h(
    "section",
    { class: "panel form", "data-testid": "seats-panel", hidden: true },
    h("h2", null, t("seatsTitle")),
    h("p", { class: "hint" }, t("seatsNote")),
    errorBox,
    h("div", { class: "field wide" }, h("label", { for: "seat-blocks-general" }, label.zone("general")), general),
    h("div", { class: "field wide" }, h("label", { for: "seat-blocks-stakeholder" }, label.zone("stakeholder")), stakeholder),
    counts,
    h("div", { class: "actions" }, save),
    h("div", { class: "field wide" }, h("label", { for: "seat-chart-path" }, t("seatChartFile")), h("div", { class: "inline" }, chartPath, print)),
    chartResult,
  );
  return {
    element,
    toggle: async () => {
      element.hidden = !element.hidden;
      if (element.hidden) return;
      try {
        show(await api.seatPlan(event.id));
        if (chartPath.value === "") chartPath.value = `${await defaultDir()}/${t("seatChartFileName")}.pdf`;
      } catch (error) {
        showError(errorBox, error);
      }
      general.focus();
    },
  };
}
