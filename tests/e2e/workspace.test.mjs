// A town secretary creates her workspace and steers with every screen:
// strategy, indicators, usage (CSV import), finances, training, data,
// maturity, exports. Each screen: zero axe violations, no console error.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { startEnv, axeViolations } from "./support/env.mjs";
import { HomePage, CreateWorkspacePage, WorkspacePage } from "./pages/app.mjs";
import { DashboardPage, IndicatorsPage, UsagePage, FinancesPage, StrategyPage } from "./pages/workspace.mjs";

let env;
before(async () => {
  env = await startEnv();
});
after(async () => {
  await env?.close();
});

/** A person with a fresh browser who created the workspace of Lauris. */
async function secretaryWithWorkspace() {
  const person = await env.newPerson();
  const home = new HomePage(person.page);
  await home.open("/");
  await home.startCreating();
  const create = new CreateWorkspacePage(person.page);
  await create.fill({ name: "Lauris", code: "84065", population: "3 900", epciName: "CC Luberon Monts de Vaucluse", epciCode: "200040442", author: "Marie Dupont" });
  await create.submit();
  await person.page.getByTestId("dashboard").waitFor();
  return { ...person, workspace: new WorkspacePage(person.page) };
}

test("creating a workspace checks the form, then opens its dashboard, and it survives a reload", async () => {
  const { page, errors } = await env.newPerson();
  await new HomePage(page).open("/espace/nouveau");
  const create = new CreateWorkspacePage(page);
  await create.fill({ name: "Lauris", code: "8406", author: "Marie" });
  await create.submit();
  assert.match(await create.error.textContent(), /code INSEE « 8406 » n'est pas valide/);
  await create.fill({ code: "84065", population: "beaucoup" });
  await create.submit();
  assert.match(await create.error.textContent(), /population/);
  await create.fill({ population: "3900" });
  await create.submit();
  const dashboard = new DashboardPage(page);
  await dashboard.root.waitFor();
  assert.equal(await dashboard.name.textContent(), "Lauris");
  await dashboard.waitUntilSaved();
  await page.reload();
  await dashboard.root.waitFor();
  assert.equal(await dashboard.name.textContent(), "Lauris");
  assert.deepEqual(errors, []);
});

test("the demo intercommunality opens on an interactive dashboard and is removed in one click", async () => {
  const { page, errors } = await env.newPerson();
  const home = new HomePage(page);
  await home.open("/");
  const started = Date.now();
  await home.startDemo();
  const dashboard = new DashboardPage(page);
  console.log(`# demo: click to dashboard in ${Date.now() - started} ms (includes building the demo)`);
  assert.match(await dashboard.name.textContent(), /Val de Lure/);
  await dashboard.demoBanner.waitFor();
  const total = (await Promise.all(["on-track", "at-risk", "off-track", "no-data", "no-target"].map((s) => dashboard.countOf(s)))).reduce((a, b) => a + b);
  assert.ok(total >= 10, `expected the demo's indicators, got ${total}`);
  await page.getByTestId("budget-figures").waitFor();
  await page.getByTestId("last-maturity").waitFor();
  assert.deepEqual(await axeViolations(page), []);
  // Home lists the demo workspaces; one click removes them all.
  await home.navigateTo("Accueil");
  assert.equal(await home.workspaceList.getByRole("listitem").count(), 4);
  await page.getByTestId("remove-demo").click();
  await page.getByTestId("workspace-list").waitFor({ state: "detached" });
  await page.reload();
  await home.createButton.waitFor();
  assert.equal(await page.getByTestId("workspace-list").count(), 0);
  assert.deepEqual(errors, []);
});

test("every workspace screen of the demo has zero axe violations and no console error", async () => {
  const { page, errors } = await env.newPerson();
  const home = new HomePage(page);
  await home.open("/");
  await home.startDemo();
  const ws = new WorkspacePage(page);
  for (const section of ["Stratégie et projets", "Indicateurs", "Finances", "Usages des services", "Formation des agents", "Données", "Maturité", "Textes", "Collectivité", "Tableau de bord"]) {
    await ws.openSection(section);
    assert.deepEqual(await axeViolations(page), [], `axe violations on ${section}`);
  }
  await ws.openSection("Indicateurs");
  await page.getByTestId("indicator-table").getByRole("link").first().click();
  await page.getByTestId("indicator-sheet").waitFor();
  await page.locator("figure.report-chart svg").waitFor();
  assert.deepEqual(await axeViolations(page), [], "axe violations on an indicator sheet");
  await ws.openSection("Stratégie et projets");
  await page.getByTestId("strategy-tree").getByRole("link").first().click();
  await page.getByTestId("action-sheet").waitFor();
  assert.deepEqual(await axeViolations(page), [], "axe violations on a project sheet");
  assert.deepEqual(errors, []);
});

test("an indicator is created, measured, gets a status with its reason, and is deleted", async () => {
  const { page, errors, workspace } = await secretaryWithWorkspace();
  await workspace.openSection("Indicateurs");
  const indicators = new IndicatorsPage(page);
  const sheet = await indicators.add({ name: "Démarches en ligne", unit: "%" });
  await sheet.record("2026-13", "10");
  assert.match(await sheet.entryError.textContent(), /Période « 2026-13 » non reconnue/);
  await sheet.record("2026-T3", "beaucoup");
  assert.match(await sheet.entryError.textContent(), /n'est pas un nombre/);
  await sheet.record("2026-T2", "55,5");
  await sheet.record("2026-T3", "62");
  await sheet.measurements.getByRole("cell", { name: "T3 2026", exact: true }).waitFor();
  // « Saisie par » comes from the change that recorded the value.
  assert.match(await sheet.measurements.getByRole("row").filter({ hasText: "T3 2026" }).innerText(), /Marie Dupont/);
  await sheet.setThresholds({ target: "80", good: "70", bad: "50" });
  await page.waitForFunction(() => document.querySelector('[data-testid="indicator-reason"]')?.textContent.includes("seuil"));
  assert.equal((await sheet.reason.textContent()).replace(/[\u202f\u00a0]/g, " "), "valeur 62 % < seuil 70 %");
  assert.match(await sheet.status.textContent(), /À surveiller/);
  await sheet.deleteMeasurement("T3 2026");
  await page.waitForFunction(() => document.querySelector('[data-testid="indicator-reason"]')?.textContent.includes("55,5"));
  await sheet.deleteIndicator();
  assert.match(await indicators.count.textContent(), /^0 indicateur/);
  assert.deepEqual(errors, []);
});

test("a CSV import previews every line, explains the bad one, and imports only after confirmation", async () => {
  const { page, errors, workspace } = await secretaryWithWorkspace();
  await workspace.openSection("Usages des services");
  const indicators = new IndicatorsPage(page);
  await indicators.add({ name: "Démarches en ligne par mois", unit: "nombre" });
  await workspace.openSection("Usages des services");
  const usage = new UsagePage(page);
  await usage.chooseCsv("mesures.csv", "\uFEFFIndicateur;Période;Valeur;Commentaire\nDémarches en ligne par mois;2026-08;120;\nDémarches en ligne par mois;2026-09;1 234,5;rentrée\nIndicateur inconnu;2026-09;3;\nDémarches en ligne par mois;2026-10;abc;\n");
  await usage.summary.waitFor();
  assert.equal(await usage.summary.textContent(), "2 ligne(s) prête(s) à importer, 2 ligne(s) en erreur.");
  const errorsShown = await page.getByTestId("csv-line-error").allTextContents();
  assert.match(errorsShown[0], /4.*« Indicateur inconnu » inconnu/);
  assert.match(errorsShown[1], /5.*« abc » illisible/);
  // Nothing imported before confirmation.
  await workspace.openSection("Indicateurs");
  assert.match(await page.getByTestId("indicator-table").textContent(), /—/);
  await workspace.openSection("Usages des services");
  await usage.chooseCsv("mesures.csv", "indicator,period,value\nDémarches en ligne par mois,2026-08,120\nDémarches en ligne par mois,2026-09,\"1234,5\"\nfoo,bar,baz\n");
  await usage.confirmImport();
  await page.getByText("2 mesure(s) importée(s).").waitFor();
  await workspace.openSection("Indicateurs");
  const sheet = await indicators.open("Démarches en ligne par mois");
  await sheet.measurements.getByRole("cell", { name: "septembre 2026", exact: true }).waitFor();
  assert.equal(await sheet.measurements.locator("tbody tr").count(), 2);
  // A file that is not CSV at all.
  await workspace.openSection("Usages des services");
  await usage.chooseCsv("vide.csv", "\n\n");
  assert.match(await usage.error.textContent(), /vide/);
  assert.deepEqual(errors, []);
});

test("the strategy tree and a project sheet are edited", async () => {
  const { page, errors, workspace } = await secretaryWithWorkspace();
  await workspace.openSection("Stratégie et projets");
  const strategy = new StrategyPage(page);
  await strategy.addAxis("Former les agents");
  await strategy.addObjective("Sensibiliser à la cybersécurité");
  await strategy.addAction("Campagne d'hameçonnage simulé");
  await strategy.openAction("Campagne d'hameçonnage simulé");
  const form = page.getByTestId("action-form");
  await form.getByLabel("Prestataire").fill("CyberSud (prestataire)");
  await page.getByTestId("action-status").selectOption({ label: "En cours" });
  await form.getByLabel("Début").fill("2026-01-05");
  await form.getByLabel("Fin prévue").fill("2026-03-31");
  await page.getByTestId("action-save").click();
  await page.getByText("Projet enregistré.").waitFor();
  await page.getByTestId("action-alerts").waitFor();
  assert.match(await page.getByTestId("action-alerts").textContent(), /échéance est dépassée/);
  await page.getByTestId("milestone-title").fill("Bilan au comité");
  await page.getByTestId("milestone-due").fill("2026-04-15");
  await page.getByRole("button", { name: "Ajouter le jalon" }).click();
  await page.getByTestId("milestones").getByText(/Bilan au comité — /).waitFor();
  await page.getByTestId("risk-title").fill("Plaintes d'agents");
  await page.getByRole("button", { name: "Ajouter le risque" }).click();
  await page.getByTestId("risks").getByRole("cell", { name: "Plaintes d'agents", exact: true }).waitFor();
  await workspace.openSection("Tableau de bord");
  assert.match(await page.getByTestId("projects-attention").textContent(), /Campagne d'hameçonnage simulé — échéance dépassée/);
  await workspace.openSection("Stratégie et projets");
  await strategy.openAction("Campagne d'hameçonnage simulé");
  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: "Supprimer l'action" }).click();
  await page.getByTestId("strategy").waitFor();
  assert.equal(await page.getByRole("link", { name: "Campagne d'hameçonnage simulé" }).count(), 0);
  assert.deepEqual(errors, []);
});

test("finances, training, data and maturity are filled in and totals follow", async () => {
  const { page, errors, workspace } = await secretaryWithWorkspace();
  await workspace.openSection("Finances");
  const finances = new FinancesPage(page);
  await finances.addLine({ label: "Licences", year: 2026, planned: "10 000", committed: "abc", paid: "0" });
  assert.match(await page.getByTestId("budget-error").textContent(), /Engagés : « abc »/);
  await finances.addLine({ label: "Licences", year: 2026, planned: "10 000", committed: "8000", paid: "5 000,50" });
  await page.getByTestId("budget-lines").getByRole("cell", { name: "Licences", exact: true }).waitFor();
  assert.equal((await page.getByTestId("budget-total-rate").textContent()).replace(/[\u202f\u00a0]/g, " "), "50 %");
  assert.match((await page.getByTestId("budget-per-inhabitant").textContent()).replace(/[\u202f\u00a0]/g, " "), /2,56 € par habitant/);

  await workspace.openSection("Formation des agents");
  await page.getByTestId("training-theme").fill("Cybersécurité");
  await page.getByTestId("training-year").fill("2026");
  await page.getByTestId("training-trained").fill("12");
  await page.getByTestId("training-total").fill("40");
  await page.getByTestId("training-submit").click();
  await page.getByTestId("training-table").getByRole("cell", { name: "Cybersécurité", exact: true }).waitFor();
  assert.match((await page.getByTestId("training-rates").textContent()).replace(/[\u202f\u00a0]/g, " "), /30 % des agents/);

  await workspace.openSection("Données");
  await page.getByTestId("dataset-name").fill("Délibérations");
  await page.getByTestId("dataset-owner").fill("Secrétariat");
  await page.getByTestId("dataset-submit").click();
  await page.getByRole("button", { name: "Passer à « Ouverture prévue » pour Délibérations" }).click();
  await page.getByRole("button", { name: "Passer à « Publié en open data » pour Délibérations" }).click();
  assert.match(await page.getByTestId("dataset-counts").textContent(), /1 publié/);

  await workspace.openSection("Maturité");
  const form = page.getByTestId("maturity-form");
  await form.getByRole("group", { name: /directeur de la transformation numérique/ }).getByLabel("En place").check();
  await form.getByRole("group", { name: /budget dédié/ }).getByLabel("Exemplaire").check();
  assert.equal(await page.getByTestId("maturity-score").textContent(), "Score : 35 / 100");
  await page.getByTestId("maturity-submit").click();
  await page.getByTestId("maturity-history").getByRole("cell", { name: "35 / 100", exact: true }).waitFor();
  await workspace.openSection("Tableau de bord");
  assert.match(await page.getByTestId("last-maturity").textContent(), /35 \/ 100/);
  assert.deepEqual(errors, []);
});

test("exports are CSV with semicolons and a BOM, and JSON of the whole workspace", async () => {
  const { page, errors } = await env.newPerson({ acceptDownloads: true });
  const home = new HomePage(page);
  await home.open("/");
  await home.startDemo();
  const ws = new WorkspacePage(page);
  await ws.openSection("Collectivité");
  const [indicatorsCsv] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-indicators").click()]);
  const text = await readFile(await indicatorsCsv.path(), "utf8");
  assert.ok(text.startsWith("\uFEFFIndicateur;Catégorie;Unité;Cible;Échéance;Période;Valeur;Commentaire"));
  assert.match(text, /Satisfaction des usagers;Usages;\/10;8;\d{4};\d{4}-T\d;\d+(,\d)?;/);
  assert.match(indicatorsCsv.suggestedFilename(), /indicateurs\.csv$/);
  const [budgetCsv] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-budget").click()]);
  assert.match(await readFile(await budgetCsv.path(), "utf8"), /^\uFEFFAnnée;Section;Libellé/);
  const [json] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-json").click()]);
  const workspace = JSON.parse(await readFile(await json.path(), "utf8"));
  assert.equal(workspace.profile.kind, "Epci");
  assert.ok(Object.keys(workspace.indicators).length >= 10);
  assert.deepEqual(errors, []);
});

test("a town finds itself in the official list: code, population and EPCI are filled in", async () => {
  const { page, errors } = await env.newPerson();
  await new HomePage(page).open("/espace/nouveau");
  await page.getByTestId("collectivity-search").fill("laur");
  const results = page.getByTestId("collectivity-results");
  await results.getByRole("button", { name: /^Lauris \(84065\)/ }).click();
  const create = new CreateWorkspacePage(page);
  assert.equal(await create.form.getByLabel("Nom de la collectivité").inputValue(), "Lauris");
  assert.equal(await create.form.getByLabel("Code INSEE (commune) ou SIREN (EPCI)").inputValue(), "84065");
  assert.ok(Number(await create.form.getByLabel("Population").inputValue()) > 3000);
  assert.match(await create.form.getByLabel("SIREN de l'EPCI").inputValue(), /^\d{9}$/);
  assert.notEqual(await create.form.getByLabel("Intercommunalité (EPCI) de rattachement").inputValue(), "");
  // By INSEE code, and an intercommunality.
  await page.getByTestId("collectivity-search").fill("84042");
  await results.getByRole("button", { name: /^Cucuron/ }).waitFor();
  await page.getByTestId("collectivity-search").fill("zzzzzz");
  await page.getByText("Aucune collectivité trouvée.").waitFor();
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(errors, []);
});
