// Page objects for the steering report, the roll-up and the accessibility statement.
import { readFile } from "node:fs/promises";
import { AppShell } from "./app.mjs";

/** « Rapport de pilotage », of a workspace or of the intercommunality. */
export class ReportPage extends AppShell {
  constructor(page) {
    super(page);
    this.root = page.getByTestId("report-page");
    this.report = page.getByTestId("report");
    this.period = page.getByTestId("report-period");
    this.error = page.getByTestId("report-error");
  }

  async waitUntilShown() {
    await this.report.waitFor();
  }

  /** The parts in document order (`data-part` of the cover and each part). */
  async parts() {
    return this.report.locator("[data-part]").evaluateAll((nodes) => nodes.map((n) => n.dataset.part));
  }

  async periodShown() {
    return (await this.report.locator(".report-period").textContent()).replace(/[\u202f\u00a0]/g, " ");
  }

  async choosePeriod(label) {
    await this.period.selectOption({ label });
  }

  async chooseRange(from, to) {
    await this.period.selectOption({ label: "Autre période…" });
    await this.page.getByTestId("report-from").fill(from);
    await this.page.getByTestId("report-to").fill(to);
    await this.page.getByTestId("report-range").getByRole("button", { name: "Appliquer" }).click();
  }

  /** Downloads the report: its file name, path and text. */
  async download() {
    const [download] = await Promise.all([this.page.waitForEvent("download"), this.page.getByTestId("report-download").click()]);
    const path = await download.path();
    return { name: download.suggestedFilename(), path, text: await readFile(path, "utf8") };
  }
}

/** « Vue intercommunale ». */
export class RollupPage extends AppShell {
  constructor(page) {
    super(page);
    this.table = page.getByTestId("rollup-table");
    this.wrap = page.locator(".rollup-wrap");
  }

  async openPage() {
    await this.open("/intercommunalite");
    await this.table.waitFor();
  }

  header(name) {
    return this.table.locator("thead th").filter({ has: this.page.getByRole("button", { name, exact: true }) });
  }

  async sortBy(name) {
    await this.table.getByRole("button", { name, exact: true }).click();
  }

  async communes() {
    return this.table.locator("tbody th").allTextContents();
  }

  async exportCsv() {
    const [download] = await Promise.all([this.page.waitForEvent("download"), this.page.getByTestId("rollup-export").click()]);
    return { name: download.suggestedFilename(), text: await readFile(await download.path(), "utf8") };
  }
}
