// Story 1 of DESIGN.md: a town secretary opens the link once; the next day,
// with no network, the same address opens and everything is editable. Then a
// new version is deployed: the app says so and switches on her click,
// losing nothing.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdtemp, readFile, writeFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { root, CHROMIUM_ARGS } from "./support/env.mjs";
import { startServer } from "../../scripts/static-server.mjs";
import { compressFile } from "../../scripts/compress.mjs";
import { HomePage, CreateWorkspacePage, WorkspacePage, AppShell } from "./pages/app.mjs";
import { IndicatorsPage } from "./pages/workspace.mjs";

let site, server, browser, baseURL;
before(async () => {
  // A copy of dist/ that the test can "redeploy".
  site = await mkdtemp(join(tmpdir(), "gouvernail-site-"));
  await cp(join(root, "dist"), site, { recursive: true });
  server = await startServer(site, 0);
  baseURL = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS });
});
after(async () => {
  await browser?.close();
  await new Promise((done) => server?.close(done));
  await rm(site, { recursive: true, force: true });
});

async function waitForServiceWorker(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((done) => navigator.serviceWorker.addEventListener("controllerchange", done, { once: true }));
    }
  });
}

test("after one visit the app opens, navigates and edits offline, and keeps everything", async () => {
  const context = await browser.newContext({ baseURL, locale: "fr-FR" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && !/net::ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(m.text()) && errors.push(m.text()));
  const home = new HomePage(page);
  await home.open("/");
  await waitForServiceWorker(page);

  await context.setOffline(true);
  await page.reload();
  await home.createButton.waitFor();
  assert.match(await page.getByTestId("net-status").textContent(), /Hors ligne/);
  for (const [link, title] of [["À propos", "À propos de Gouvernail"], ["Sauvegarde", "Sauvegarde"], ["Documents et partage", "Documents et partage"], ["Accueil", null]]) {
    await home.navigateTo(link);
    if (title) assert.equal(await home.title(), title);
  }
  await page.goto("/a-propos");
  assert.equal(await home.title(), "À propos de Gouvernail");

  await home.open("/espace/nouveau");
  const create = new CreateWorkspacePage(page);
  await create.fill({ name: "Les Granges", author: "Paul, secrétaire de mairie" });
  await create.submit();
  const ws = new WorkspacePage(page);
  await page.getByTestId("dashboard").waitFor();
  await ws.openSection("Indicateurs");
  const sheet = await new IndicatorsPage(page).add({ name: "Démarches en ligne", unit: "%" });
  await sheet.record("2026", "25");
  await sheet.measurements.getByRole("cell", { name: "2026", exact: true }).waitFor();
  await ws.waitUntilSaved();
  const url = page.url();

  // Next day, still offline: the same address.
  await page.close();
  const again = await context.newPage();
  await again.goto(url);
  await again.getByTestId("indicator-sheet").waitFor();
  await again.getByTestId("measurements").getByRole("cell", { name: "25 %", exact: true }).waitFor();
  await context.close();
  assert.deepEqual(errors, []);
});

test("a new deployment is announced and applied on the user's click without losing data", async () => {
  const context = await browser.newContext({ baseURL, locale: "fr-FR" });
  const page = await context.newPage();
  const home = new HomePage(page);
  await home.open("/espace/nouveau");
  await waitForServiceWorker(page);
  const create = new CreateWorkspacePage(page);
  await create.fill({ name: "Cucuron", author: "Jeanne" });
  await create.submit();
  await page.getByTestId("dashboard").waitFor();
  const shell = new AppShell(page);
  await shell.waitUntilSaved();
  const oldCaches = await page.evaluate(() => caches.keys());
  assert.equal(oldCaches.length, 1);

  // Deploy a changed build: same assets, a new version of the worker.
  const swPath = join(site, "sw.js");
  const sw = await readFile(swPath, "utf8");
  await writeFile(swPath, sw.replace(/const VERSION = "([^"]+)"/, (_, v) => `const VERSION = "${v}-2"`));
  await compressFile(swPath); // its .br and .gz copies, which the server prefers
  await page.reload();
  const banner = page.getByTestId("update-banner");
  await banner.waitFor({ timeout: 15000 });
  await Promise.all([page.waitForEvent("load"), page.getByTestId("apply-update").click()]);
  await page.getByTestId("dashboard").waitFor();
  assert.equal(await page.getByTestId("workspace-name").textContent(), "Cucuron");
  await page.waitForFunction(async () => (await caches.keys()).length === 1);
  const newCaches = await page.evaluate(() => caches.keys());
  assert.notDeepEqual(newCaches, oldCaches, "the old cache is removed");
  assert.equal(await banner.count(), 0);
  await context.close();
});

test("applying a new version in one tab reloads the app's other tabs into it", async () => {
  // A tab left on the previous version would keep writing where the new one
  // no longer reads (issue 14: localStorage, then IndexedDB).
  const context = await browser.newContext({ baseURL, locale: "fr-FR" });
  const page = await context.newPage();
  await new HomePage(page).open("/");
  await waitForServiceWorker(page);
  const other = await context.newPage();
  await new HomePage(other).open("/a-propos");
  await other.evaluate(() => {
    window.__previousVersion = true;
  });
  const swPath = join(site, "sw.js");
  const sw = await readFile(swPath, "utf8");
  await writeFile(swPath, sw.replace(/const VERSION = "([^"]+)"/, (_, v) => `const VERSION = "${v}-autre-onglet"`));
  await compressFile(swPath);
  await page.reload();
  await page.getByTestId("update-banner").waitFor({ timeout: 15000 });
  const otherReloaded = other.waitForEvent("load");
  await Promise.all([page.waitForEvent("load"), page.getByTestId("apply-update").click()]);
  await otherReloaded;
  await new AppShell(other).heading.first().waitFor();
  assert.equal(await other.evaluate(() => window.__previousVersion), undefined, "the other tab runs the new version");
  await context.close();
});

test("the page runs under a strict Content-Security-Policy with no inline script", async () => {
  const html = await readFile(join(root, "dist", "index.html"), "utf8");
  assert.match(html, /Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, "no inline script");
  const manifest = JSON.parse(await readFile(join(root, "dist", "manifest.webmanifest"), "utf8"));
  assert.equal(manifest.display, "standalone");
  assert.ok(manifest.icons.some((i) => i.sizes === "512x512"));
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const violations = [];
  page.on("console", (m) => /Content Security Policy/.test(m.text()) && violations.push(m.text()));
  await new HomePage(page).open("/");
  assert.deepEqual(violations, []);
  await context.close();
});
