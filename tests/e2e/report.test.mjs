// Issue 17: the director's steering report (page, HTML file, PDF), the
// projects' timeline, the roll-up (layout, sort, CSV) and the
// accessibility statement. Every screen: zero axe violations, no console
// error (a Content-Security-Policy violation would be one).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { copyFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { startEnv, axeViolations, artifacts } from "./support/env.mjs";
import { HomePage, AppShell } from "./pages/app.mjs";
import { DashboardPage, StrategyPage } from "./pages/workspace.mjs";
import { ReportPage, RollupPage } from "./pages/report.mjs";
import { DocumentsPage } from "./pages/sharing.mjs";

let env;
before(async () => {
  env = await startEnv();
});
after(async () => {
  await env?.close();
});

const year = new Date().getFullYear();
const plain = (text) => text.replace(/[\u202f\u00a0]/g, " ");
const PARTS = ["couverture", "rapport-synthese", "rapport-indicateurs", "rapport-budget", "rapport-projets", "rapport-formation", "rapport-donnees", "rapport-maturite"];

/** A director with the demo, on the report of the demo intercommunality. */
async function directorOnReport(options = {}) {
  const person = await env.newPerson({ acceptDownloads: true, ...options });
  const home = new HomePage(person.page);
  await home.open("/");
  await home.startDemo();
  const dashboard = new DashboardPage(person.page);
  const indicators = (await Promise.all(["on-track", "at-risk", "off-track", "no-data", "no-target"].map((s) => dashboard.countOf(s)))).reduce((a, b) => a + b);
  await person.page.getByRole("link", { name: "Rapport de pilotage", exact: true }).click();
  const report = new ReportPage(person.page);
  await report.waitUntilShown();
  return { ...person, report, indicators };
}

/** Pages in a PDF made by Chromium (its page objects are not compressed). */
function pdfPages(bytes) {
  return (bytes.toString("latin1").match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}

test("the report of the demo has every part, one chart per indicator, follows the period chosen, and passes axe", async () => {
  const { page, errors, report, indicators } = await directorOnReport({ viewport: { width: 1280, height: 900 } });
  assert.equal(await page.title(), "Rapport de pilotage — Communauté de communes du Val de Lure — Gouvernail");
  assert.deepEqual(await report.parts(), PARTS);
  assert.match(await report.heading.first().textContent(), /Val de Lure/);
  assert.equal(await report.periodShown(), `Période couverte : année ${year}`);
  assert.equal(await report.report.locator(".report-indicator").count(), indicators);
  assert.equal(await report.report.locator(".report-indicator figure.report-chart svg[role=img]").count(), indicators);
  for (const part of ["report-status-counts", "report-worrying", "report-budget-sections", "report-budget-projects", "projects-table", "report-training", "report-data"]) {
    await report.report.getByTestId(part).first().waitFor();
  }
  await report.report.getByTestId("timeline").waitFor();
  assert.match(await report.report.locator("#rapport-maturite").textContent(), /Dernière évaluation : \d+ \/ 100/);
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: join(artifacts, "report-1280.png") });

  const mandate = (await report.period.locator("option", { hasText: "Mandat" }).first().textContent()).trim();
  await report.choosePeriod(mandate);
  await page.waitForFunction(() => document.querySelector(".report-period")?.textContent.includes("mandat"));
  assert.equal(await report.periodShown(), `Période couverte : ${mandate.toLowerCase()}`);
  await report.chooseRange(String(year + 1), String(year - 1));
  assert.equal(await report.error.textContent(), `L'année de début (${year + 1}) doit précéder l'année de fin (${year - 1}) ou lui être égale.`);
  await report.chooseRange(String(year - 2), String(year - 1));
  await page.waitForFunction((label) => document.querySelector(".report-period")?.textContent.includes(label), `${year - 2} à ${year - 1}`);
  assert.equal(await report.error.count(), 0);
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(errors, []);
});

test("the report downloads as one HTML file: no script, one chart per indicator, and it renders offline in a fresh browser", async () => {
  const { errors, report, indicators } = await directorOnReport();
  const file = await report.download();
  assert.match(file.name, new RegExp(`^rapport-de-pilotage-communaute-de-communes-du-val-de-lure-${year}\\.html$`));
  assert.ok(file.text.startsWith("<!DOCTYPE html>"));
  assert.doesNotMatch(file.text, /<script/i);
  assert.equal((file.text.match(/<article class="report-indicator"/g) ?? []).length, indicators);
  assert.equal((file.text.match(/<figure class="report-chart"><svg/g) ?? []).length, indicators + 1, "one per indicator, and the maturity chart");

  // A fresh browser, offline: the file shows everything and asks for nothing.
  const context = await env.browser.newContext({ offline: true });
  const reader = await context.newPage();
  const requests = [];
  const problems = [];
  reader.on("request", (r) => requests.push(r.url()));
  reader.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  // Saved under its own name, as the browser saves it (the extension tells it is HTML).
  const saved = join(artifacts, file.name);
  await copyFile(file.path, saved);
  const url = pathToFileURL(saved).href;
  await reader.goto(url);
  assert.deepEqual(requests, [url], "nothing fetched but the file itself");
  assert.match(await reader.getByRole("heading", { level: 1 }).textContent(), /Val de Lure/);
  assert.equal(await reader.locator(".report-indicator figure svg").count(), indicators);
  const styled = await reader.evaluate(() => getComputedStyle(document.querySelector(".report-badge")).borderRadius);
  assert.equal(styled, "999px", "its styles are inside");
  assert.deepEqual(await axeViolations(reader), []);
  assert.deepEqual(problems, []);
  await context.close();
  assert.deepEqual(errors, []);
});

test("printed by Chromium, the report has a page per part at least and no table wider than A4", async () => {
  const { page, errors, report } = await directorOnReport();
  const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true, printBackground: true });
  const pages = pdfPages(pdf);
  assert.ok(pages >= PARTS.length, `${pages} page(s) for ${PARTS.length} parts`);
  // A4 minus the margins of @page: 186 mm ≈ 703 px.
  await page.setViewportSize({ width: 703, height: 1000 });
  await page.emulateMedia({ media: "print" });
  const overflowing = await report.report.evaluate((article) => {
    const right = article.getBoundingClientRect().right + 1;
    return [...article.querySelectorAll("table, svg, figure")].filter((t) => t.getBoundingClientRect().right > right).map((t) => t.querySelector("caption")?.textContent ?? t.tagName);
  });
  assert.deepEqual(overflowing, []);
  assert.equal(await page.locator(".app-header").isVisible(), false, "the app's frame is not printed");
  assert.equal(await page.getByTestId("report-controls").isVisible(), false);
  assert.deepEqual(errors, []);
});

test("the projects' timeline is operable by keyboard, and has a table alternative", async () => {
  const { page, errors } = await env.newPerson({ viewport: { width: 1280, height: 900 } });
  const home = new HomePage(page);
  await home.open("/");
  await home.startDemo();
  const strategy = new StrategyPage(page);
  await strategy.openSection("Stratégie et projets");
  await strategy.timeline.waitFor();
  const links = strategy.timeline.getByRole("link");
  const count = await links.count();
  assert.ok(count >= 6, `${count} projects on the timeline`);
  assert.ok((await strategy.timeline.locator(".timeline-alert").allTextContents()).includes("En retard"), "late projects said in words");
  // Keyboard: from the top of the page (where focus lands after
  // navigation), Tab reaches the timeline, then each project in turn.
  const inTimeline = () => page.evaluate(() => document.activeElement.closest("[data-testid=timeline]") !== null);
  let presses = 0;
  while (!(await inTimeline()) && presses < 30) {
    await page.keyboard.press("Tab");
    presses += 1;
  }
  assert.ok(await inTimeline(), "Tab reaches the timeline");
  const first = await links.nth(0).textContent();
  assert.equal(await page.evaluate(() => document.activeElement.textContent), first);
  const outline = await links.nth(0).evaluate((a) => getComputedStyle(a.closest(".timeline-row")).outlineStyle);
  assert.equal(outline, "solid", "the focused project's row is outlined");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), await links.nth(1).textContent());
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Enter");
  await page.getByTestId("action-sheet").waitFor();
  assert.equal(await strategy.title(), first);
  // The same projects as a table, opened from the keyboard.
  await strategy.openSection("Stratégie et projets");
  const summary = page.getByText("Voir le calendrier sous forme de tableau");
  await summary.focus();
  await page.keyboard.press("Enter");
  const table = page.getByTestId("timeline-table").getByTestId("projects-table");
  await table.waitFor();
  assert.equal(await table.locator("tbody tr").count(), count);
  assert.match(await table.textContent(), /en retard/);
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: join(artifacts, "timeline-1280.png") });
  assert.deepEqual(errors, []);
});

test("the roll-up fits the page, sorts by any column, exports CSV, tells one story with the communes, and becomes a report", async () => {
  const { page, errors } = await env.newPerson({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const home = new HomePage(page);
  await home.open("/");
  await home.startDemo();
  const rollup = new RollupPage(page);
  await rollup.openPage();
  const fits = () => page.evaluate(() => ({ page: document.documentElement.scrollWidth <= innerWidth, table: document.querySelector(".rollup-wrap").scrollWidth <= document.querySelector(".rollup-wrap").clientWidth }));
  assert.deepEqual(await fits(), { page: true, table: true }, "whole at 1 280 px");
  await page.screenshot({ path: join(artifacts, "rollup-1280.png") });

  // Sorting: figures highest first, then the other way; names A→Z.
  await rollup.sortBy("Population");
  assert.deepEqual(await rollup.communes(), ["Saint-Aubin-sur-Lure", "Montclar-de-Lure", "Les Granges"]);
  assert.equal(await rollup.header("Population").getAttribute("aria-sort"), "descending");
  await rollup.sortBy("Population");
  assert.deepEqual(await rollup.communes(), ["Les Granges", "Montclar-de-Lure", "Saint-Aubin-sur-Lure"]);
  assert.equal(await rollup.header("Population").getAttribute("aria-sort"), "ascending");
  await rollup.sortBy("Budget numérique par habitant");
  assert.equal((await rollup.communes())[0], "Saint-Aubin-sur-Lure");

  // Each commune's budget column says what its own indicator says.
  const rows = await rollup.table.locator("tbody tr").evaluateAll((trs, key) => {
    const headers = [...document.querySelectorAll(".rollup-table thead th")].map((th) => th.textContent.replace(/[▲▼↕]/g, "").trim());
    return trs.map((tr) => {
      const cells = [...tr.children].map((c) => c.textContent.replace(/[\u202f\u00a0]/g, " "));
      return { indicator: cells[headers.indexOf(key)], budget: cells[headers.indexOf("Budget / hab.")] };
    });
  }, "Budget numérique par habitant");
  for (const { indicator, budget } of rows) {
    const number = (text) => Number(text.match(/[\d ]+,\d+|\d+/)[0].replace(/ /g, "").replace(",", "."));
    assert.equal(number(indicator), number(budget), `${indicator} vs ${budget}`);
  }

  const csv = await rollup.exportCsv();
  assert.match(csv.name, /^vue-intercommunale-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = csv.text.split(/\r?\n/);
  assert.ok(lines[0].startsWith("\uFEFFCommune;Code INSEE;Population;"));
  assert.deepEqual(lines.slice(1, 4).map((l) => l.split(";")[0]), await rollup.communes(), "in the order shown");
  assert.match(lines[1], /;\d+,\d+;/, "decimal commas");
  assert.deepEqual(await axeViolations(page), []);

  // On a phone: the table scrolls in its own box, communes kept in view.
  await page.setViewportSize({ width: 390, height: 844 });
  assert.deepEqual(await fits(), { page: true, table: false });
  await rollup.wrap.evaluate((wrap) => wrap.scrollBy(600, 0));
  const stuck = await rollup.wrap.evaluate((wrap) => Math.abs(wrap.querySelector("tbody th").getBoundingClientRect().left - wrap.getBoundingClientRect().left) < 2);
  assert.ok(stuck, "the communes' column stays in view");
  await page.screenshot({ path: join(artifacts, "rollup-390.png") });

  // The roll-up as a report.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByTestId("rollup-report-link").click();
  const report = new ReportPage(page);
  await report.waitUntilShown();
  assert.deepEqual(await report.parts(), PARTS);
  assert.equal(await report.report.getByTestId("report-rollup").locator("tbody tr").count(), 3);
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(errors, []);
});

test("the accessibility statement is linked from the footer, and the screens it lists that no other test scans pass axe", async () => {
  const { page, errors } = await env.newPerson();
  const shell = new AppShell(page);
  // What the statement claims: every screen is scanned. These are scanned here.
  await new HomePage(page).open("/");
  await new HomePage(page).startDemo();
  const docs = new DocumentsPage(page);
  await docs.openPage();
  assert.deepEqual(await axeViolations(page), [], "axe violations on Documents et partage");
  await docs.createRoadmap("Feuille de route du Val de Lure");
  assert.deepEqual(await axeViolations(page), [], "axe violations on a shared roadmap");
  for (const [path, testid] of [["/importer", "import"], ["/modeles", "templates"]]) {
    await shell.open(path);
    await page.getByTestId(testid).first().waitFor();
    assert.deepEqual(await axeViolations(page), [], `axe violations on ${path}`);
  }
  await shell.open("/a-propos");
  await page.getByRole("contentinfo").getByRole("link", { name: "Accessibilité : non conforme" }).click();
  await page.getByTestId("accessibility").waitFor();
  assert.equal(await shell.title(), "Déclaration d'accessibilité");
  const text = await page.getByTestId("accessibility").textContent();
  for (const part of ["État de conformité", "axe-core", "Retour d'information et contact", "Défenseur des droits", "Libre réponse 71120"]) {
    assert.ok(text.includes(part), part);
  }
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(errors, []);
});
