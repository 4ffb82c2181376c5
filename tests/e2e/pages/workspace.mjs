// Page objects for the screens of a workspace.
import { WorkspacePage } from "./app.mjs";

export class DashboardPage extends WorkspacePage {
  constructor(page) {
    super(page);
    this.root = page.getByTestId("dashboard");
  }

  async countOf(statusSlug) {
    const text = await this.page.getByTestId(`count-${statusSlug}`).locator(".count").textContent();
    return Number(text.trim());
  }
}

export class IndicatorsPage extends WorkspacePage {
  constructor(page) {
    super(page);
    this.table = page.getByTestId("indicator-table");
    this.count = page.getByTestId("indicator-count");
  }

  async add({ name, unit }) {
    const form = this.page.getByTestId("add-indicator");
    await form.getByLabel("Nom").fill(name);
    if (unit !== undefined) await form.getByLabel("Unité", { exact: true }).fill(unit);
    await this.page.getByTestId("new-indicator-submit").click();
    await this.page.getByTestId("indicator-sheet").waitFor();
    return new IndicatorSheet(this.page);
  }

  async filterByStatus(label) {
    await this.page.getByTestId("filter-status").selectOption({ label });
  }

  async open(name) {
    await this.table.getByRole("link", { name, exact: true }).click();
    await this.page.getByTestId("indicator-sheet").waitFor();
    return new IndicatorSheet(this.page);
  }
}

export class IndicatorSheet extends WorkspacePage {
  constructor(page) {
    super(page);
    this.status = page.getByTestId("indicator-status");
    this.reason = page.getByTestId("indicator-reason");
    this.measurements = page.getByTestId("measurements");
    this.entryError = page.getByTestId("entry-error");
  }

  async record(period, value, comment = "") {
    const form = this.page.getByTestId("quick-entry");
    await form.getByLabel("Période").fill(period);
    await form.getByLabel("Valeur").fill(value);
    await form.getByLabel("Commentaire").fill(comment);
    await this.page.getByTestId("entry-submit").click();
  }

  async setThresholds({ target, good, bad }) {
    const form = this.page.getByTestId("indicator-form");
    if (target !== undefined) await form.getByLabel("Cible", { exact: true }).fill(target);
    if (good !== undefined) await form.getByLabel("Seuil « en bonne voie »").fill(good);
    if (bad !== undefined) await form.getByLabel("Seuil d'alerte").fill(bad);
    await this.page.getByTestId("indicator-save").click();
  }

  async deleteMeasurement(periodLabel) {
    this.page.once("dialog", (d) => d.accept());
    await this.measurements.getByRole("button", { name: `Supprimer la mesure de ${periodLabel}` }).click();
  }

  async deleteIndicator() {
    this.page.once("dialog", (d) => d.accept());
    await this.page.getByTestId("indicator-delete").click();
    await this.page.getByTestId("indicators").waitFor();
  }
}

export class UsagePage extends WorkspacePage {
  constructor(page) {
    super(page);
    this.summary = page.getByTestId("csv-summary");
    this.preview = page.getByTestId("csv-preview");
    this.error = page.getByTestId("csv-error");
  }

  async chooseCsv(name, text) {
    await this.page.getByTestId("csv-file").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(text, "utf8") });
  }

  async confirmImport() {
    await this.page.getByTestId("csv-confirm").click();
  }
}

export class FinancesPage extends WorkspacePage {
  async addLine({ label, year, planned, committed, paid }) {
    const form = this.page.getByTestId("add-budget-line");
    await form.getByLabel("Libellé").fill(label);
    if (year !== undefined) await form.getByLabel("Année", { exact: true }).fill(String(year));
    await form.getByLabel("Crédits votés (€)").fill(planned);
    await form.getByLabel("Crédits engagés (€)").fill(committed);
    await form.getByLabel("Crédits mandatés (€)").fill(paid);
    await this.page.getByTestId("budget-submit").click();
  }
}

export class StrategyPage extends WorkspacePage {
  constructor(page) {
    super(page);
    // Projects are linked from the tree and from the timeline above it.
    this.tree = page.getByTestId("strategy-tree");
    this.timeline = page.getByTestId("timeline");
  }

  async addAxis(title) {
    await this.page.getByTestId("add-axis").getByLabel("Nouvel axe").fill(title);
    await this.page.getByTestId("add-axis").getByRole("button", { name: "Ajouter l'axe" }).click();
    await this.page.getByRole("heading", { name: title }).waitFor();
  }

  async addObjective(title) {
    await this.page.getByLabel("Nouvel objectif pour cet axe").first().fill(title);
    await this.page.getByRole("button", { name: "Ajouter l'objectif" }).first().click();
    await this.page.getByRole("heading", { name: title }).waitFor();
  }

  async addAction(title) {
    await this.page.getByLabel("Nouvelle action pour cet objectif").first().fill(title);
    await this.page.getByRole("button", { name: "Ajouter l'action" }).first().click();
    await this.tree.getByRole("link", { name: title }).waitFor();
  }

  async openAction(title) {
    await this.tree.getByRole("link", { name: title }).click();
    await this.page.getByTestId("action-sheet").waitFor();
  }
}
