// The intercommunality roll-up with many member communes, in headless
// Chromium against the build in dist/ (issue 8: « roll-up of 50 communes
// < 1 s »). A backup file holding the demo EPCI and N synthetic communes is
// generated natively (examples/synthetic_backup.rs) and restored through the
// « Sauvegarde » page, as a director would; then we time:
//  - in the app: click « Vue intercommunale » → table with N rows rendered;
//  - a fresh page load of /intercommunalite from the offline cache
//    (navigation → table rendered), i.e. opening every workspace from
//    storage, hydrating it and computing the roll-up.
// `--realistic` uses realistic communes (five years of history each,
// content::demo::realistic) instead of the demo's small synthetic ones;
// `--dist dir --label name` measures another build (e.g. the commit before
// a change) side by side. A build that cannot store every commune (the
// previous version filled localStorage) is measured on those it stored.
// Prints medians and writes bench/results/rollup[-<label>].json.
// Usage: node bench/rollup.mjs [communes=50] [runs=5] [--realistic] [--dist dir --label name]
import { chromium } from "playwright-core";
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer } from "../scripts/static-server.mjs";
import { CHROMIUM_ARGS, root } from "../tests/e2e/support/env.mjs";
import { storedDocuments } from "./stored.mjs";

const communes = Number(process.argv[2] ?? 50);
const runs = Number(process.argv[3] ?? 5);
const option = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const realistic = process.argv.includes("--realistic");
const dist = option("dist") ?? join(root, "dist");
const label = option("label");
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const file = join(mkdtempSync(join(tmpdir(), "gouvernail-rollup-")), `communes-${communes}.json`);
const generate = ["run", "--quiet", "--release", "--example", "synthetic_backup", "--", String(communes), file];
execFileSync("cargo", realistic ? [...generate, "--realistic"] : generate, { cwd: root, stdio: "inherit" });

const server = await startServer(dist, 0);
const baseURL = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS });

/** Resolves when the roll-up table shows `rows` communes; returns performance.now() then. */
function watchTable(rows) {
  return new Promise((done) => {
    const check = () => document.querySelectorAll('[data-testid="rollup-table"] tbody tr').length >= rows;
    if (check()) return done(performance.now());
    new MutationObserver((_, obs) => {
      if (check()) {
        obs.disconnect();
        done(performance.now());
      }
    }).observe(document, { childList: true, subtree: true });
  });
}

/** Member communes this build stored (all workspaces but the EPCI). */
const storedCommunes = async (page) => (await storedDocuments(page)).kinds.filter((k) => k === "Workspace").length - 1;

const inApp = [], offlineLoad = [], offlineAfterStart = [], stored = [];
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.goto("/sauvegarde");
  await page.getByTestId("restore-backup").setInputFiles(file);
  await page.getByTestId("notices").getByText(/restaur/i).first().waitFor({ timeout: 60_000 });
  await page.waitForFunction(
    () => /Enregistré dans ce navigateur|Non enregistré/.test(document.querySelector('[data-testid="save-status"]')?.textContent ?? ""),
    null,
    { timeout: 10 * 60_000 },
  );
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  const kept = await storedCommunes(page);
  stored.push(kept);

  // In the app: the director clicks « Vue intercommunale ».
  const t0 = await page.evaluate(() => performance.now());
  const rendered = page.evaluate(watchTable, communes);
  await page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Vue intercommunale", exact: true }).click();
  inApp.push((await rendered) - t0);

  // A fresh load from the offline cache.
  await context.setOffline(true);
  const cached = await context.newPage();
  await cached.addInitScript((rows) => {
    new MutationObserver((_, obs) => {
      if (document.querySelectorAll('[data-testid="rollup-table"] tbody tr').length >= rows) {
        window.__rollup = performance.now();
        obs.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  }, kept);
  await cached.goto("/intercommunalite");
  await cached.waitForFunction(() => window.__rollup > 0, null, { timeout: 60_000 });
  const t = await cached.evaluate(() => ({ total: window.__rollup, start: performance.getEntriesByName("gouvernail-start")[0]?.startTime ?? 0 }));
  offlineLoad.push(t.total);
  offlineAfterStart.push(t.total - t.start);
  await context.close();
}
await browser.close();
server.close();

const result = {
  label,
  dist,
  communes,
  realistic,
  communes_stored: Math.min(...stored),
  runs,
  in_app_click_to_table_ms: Math.round(median(inApp)),
  offline_navigation_to_table_ms: Math.round(median(offlineLoad)),
  offline_app_start_to_table_ms: Math.round(median(offlineAfterStart)),
  chromium: execFileSync("/usr/bin/chromium", ["--version"], { stdio: ["ignore", "pipe", "ignore"] }).toString().trim(),
  date: new Date().toISOString(),
};
mkdirSync(join(root, "bench", "results"), { recursive: true });
writeFileSync(join(root, "bench", "results", label ? `rollup-${label}.json` : "rollup.json"), JSON.stringify(result, null, 2) + "\n");
console.log(`roll-up of ${communes} ${realistic ? "realistic " : ""}communes (${result.communes_stored} stored), ${runs} runs (medians):`);
console.log(`  in the app, click → table:            ${result.in_app_click_to_table_ms} ms`);
console.log(`  offline cache, navigation → table of the ${result.communes_stored} stored: ${result.offline_navigation_to_table_ms} ms`);
console.log(`  offline cache, app start → table:     ${result.offline_app_start_to_table_ms} ms`);
