// The project report (事業報告書) page: the organizer's three texts saved as typed (like the
// minutes), the hearings' tags at hand for the measures, the passages that name a registered
// person with a keep / rewrite decision each, what the checks say, and one button that writes
// both editions (公表用, 非公表用) as PDF and DOCX. Every rule is the Rust side's; this page shows.

import type { FlaggedPassage, ReportSection } from "../bindings";
import { api, withReplaceConfirmation } from "../api";
import { Autosave, SaveStatus, autosaveField } from "../autosave";
import { h, mount } from "../dom";
import { t } from "../i18n";
import { LABELS } from "../vocabulary";
import { lang } from "../i18n";
import { confirmReplace, showError } from "./forms";

const SECTIONS: ReportSection[] = ["outline", "aims", "measures"];

function sectionLabel(section: ReportSection): string {
  const [ja, en] = LABELS.reportSection[section];
  return lang() === "ja" ? ja : en;
}

export function reportPage(defaultDir: () => Promise<string>, onBack: () => void): HTMLElement {
  const saveStatus = new SaveStatus("report-save-status");
  const tags = h("p", { class: "hint", "data-testid": "report-tags" });
  const texts = h("div", { class: "report-texts" });
  const flags = h("div", { class: "report-flags", "data-testid": "report-flags" });
  const checks = h("ul", { class: "report-checks", "data-testid": "report-checks" });
  const error = h("p", { class: "error", role: "alert" });
  const dir = h("input", { type: "text", class: "wide-input", "data-testid": "report-dir" }) as HTMLInputElement;
  const result = h("p", { class: "result", "data-testid": "report-result", role: "status" });

  async function refreshChecks(): Promise<void> {
    const messages = await api.reportCheck();
    mount(checks, ...(messages.length ? messages.map((m) => h("li", null, m)) : [h("li", null, t("reportNoIssues"))]));
  }

  function flagRow(flag: FlaggedPassage): HTMLElement {
    const rewrite = h("input", { type: "text", class: "wide-input", "data-testid": "flag-rewrite", placeholder: t("reportRewritePlaceholder") }) as HTMLInputElement;
    const decided = flag.resolution
      ? flag.resolution.decision === "keep"
        ? t("reportKept", { who: flag.resolution.decided_by })
        : t("reportRewritten", { text: flag.resolution.text, who: flag.resolution.decided_by })
      : t("reportUndecided");
    const decide = async (decision: { decision: "keep" } | { decision: "rewrite"; text: string }) => {
      try {
        await api.resolveReportFlag(flag.source, flag.passage, decision);
        await refresh();
      } catch (e) {
        showError(error, e);
      }
    };
    return h(
      "div",
      { class: "report-flag", "data-testid": "report-flag", "data-state": flag.resolution ? "decided" : "open" },
      h("p", null, h("strong", null, flag.place), ` — ${t("reportNames", { name: flag.name })}`),
      h("blockquote", null, flag.passage),
      h("p", { class: "hint" }, decided),
      h(
        "div",
        { class: "inline" },
        h("button", { type: "button", "data-testid": "flag-keep", onclick: () => void decide({ decision: "keep" }) }, t("reportKeep")),
        rewrite,
        h(
          "button",
          {
            type: "button",
            "data-testid": "flag-rewrite-save",
            onclick: () => {
              if (rewrite.value.trim() === "") return rewrite.focus();
              void decide({ decision: "rewrite", text: rewrite.value });
            },
          },
          t("reportRewrite"),
        ),
      ),
    );
  }

  async function refreshFlags(): Promise<void> {
    const list = await api.reportFlags();
    mount(flags, ...(list.length ? list.map(flagRow) : [h("p", { class: "hint" }, t("reportNoFlags"))]));
  }

  async function refresh(): Promise<void> {
    try {
      await Promise.all([refreshFlags(), refreshChecks()]);
    } catch (e) {
      showError(error, e);
    }
  }

  async function load(): Promise<void> {
    try {
      const saved = await api.reportTexts();
      tags.textContent = saved.hearing_tags.length ? t("reportTags", { tags: saved.hearing_tags.join("、") }) : "";
      mount(
        texts,
        ...SECTIONS.map((section) => {
          const area = h("textarea", { rows: 6, class: "wide-input", "data-testid": `report-text-${section}`, id: `report-${section}` }) as HTMLTextAreaElement;
          area.value = saved[section];
          const saver = new Autosave((text) => api.saveReportText(section, text), saved[section], saveStatus);
          autosaveField(area, saver);
          // A changed text may name someone: the flags and checks follow when the field is left.
          area.addEventListener("blur", () => void refresh());
          return h("div", { class: "field wide" }, h("label", { for: `report-${section}` }, sectionLabel(section)), area);
        }),
        saveStatus.element,
      );
      if (dir.value === "") dir.value = await defaultDir();
      await refresh();
    } catch (e) {
      showError(error, e);
    }
  }

  const exportButton = h(
    "button",
    {
      type: "button",
      class: "primary",
      "data-testid": "export-report",
      onclick: async () => {
        error.textContent = "";
        result.textContent = "";
        try {
          const done = await withReplaceConfirmation(
            (replace) => api.exportReport(dir.value, ["public", "internal"], ["pdf", "docx"], replace),
            confirmReplace,
          );
          if (done) result.textContent = t("reportExported", { n: done.files.length, files: done.files.join("\n") });
        } catch (e) {
          showError(error, e);
        }
        await refresh();
      },
    },
    t("reportExport"),
  );

  void load();
  return h(
    "section",
    { class: "report-page", "data-testid": "report-page" },
    h("div", { class: "inline" }, h("button", { type: "button", onclick: onBack }, t("back")), h("h2", null, t("reportTitle"))),
    h("p", { class: "hint" }, t("reportNote")),
    texts,
    tags,
    h("h3", null, t("reportFlagsHeading")),
    flags,
    h("h3", null, t("reportChecksHeading")),
    checks,
    h("h3", null, t("reportExportHeading")),
    h("div", { class: "field wide" }, h("label", null, t("reportDir")), dir),
    exportButton,
    error,
    result,
  );
}
