// Measures, in headless Chromium against the release build in dist/, how
// long the demo takes to reach an interactive dashboard:
//  - "first open": click « Découvrir… » → dashboard (builds the demo documents);
//  - "reopen": navigation to /espace/<id> → dashboard, cold (app + wasm load)
//    and from the offline cache (service worker), and the part after the app
//    has loaded (wasm initialised → dashboard rendered).
// Prints medians of several runs and writes bench/results/dashboard[-<label>].json.
// Usage: node bench/dashboard.mjs [runs] [--dist dir --label name]   (another
// build, e.g. the commit before a change, to compare side by side)
import { chromium } from "playwright-core";
import { startServer } from "../scripts/static-server.mjs";
import { CHROMIUM_ARGS, root } from "../tests/e2e/support/env.mjs";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";

const runs = Number(process.argv[2] ?? 5);
const option = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const dist = option("dist") ?? join(root, "dist");
const label = option("label");
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const server = await startServer(dist, 0);
const baseURL = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS });

// Time from navigation start to the dashboard in the DOM, and from the app's
// start (the `gouvernail-start` mark set first thing in main) to the dashboard.
async function timeToDashboard(page, url) {
  await page.addInitScript(() => {
    new MutationObserver((_, obs) => {
      if (document.querySelector('[data-testid="dashboard"] [data-testid="status-counts"]')) {
        window.__dashboard = performance.now();
        obs.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(url);
  await page.waitForFunction(() => window.__dashboard > 0);
  return page.evaluate(() => {
    const start = performance.getEntriesByName("gouvernail-start")[0]?.startTime ?? 0;
    // The app's own User Timing measures (src/ui/timing.rs), summed by name.
    const steps = {};
    for (const m of performance.getEntriesByType("measure")) {
      if (m.name.startsWith("gouvernail:") && m.startTime < window.__dashboard) steps[m.name] = (steps[m.name] ?? 0) + m.duration;
    }
    return { total: window.__dashboard, afterLoad: window.__dashboard - start, start, steps };
  });
}

const first = [], coldTotal = [], coldAfter = [], cachedTotal = [], cachedAfter = [], cachedStart = [];
const cachedSteps = {};
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.goto("/");
  await page.getByTestId("home-demo").waitFor();
  const t0 = await page.evaluate(() => performance.now());
  await page.getByTestId("home-demo").click();
  await page.getByTestId("status-counts").waitFor();
  first.push((await page.evaluate(() => performance.now())) - t0);
  const url = page.url();
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.close();

  // Cold: a fresh tab with the HTTP cache disabled, service worker bypassed.
  const cold = await context.newPage();
  const cdp = await context.newCDPSession(cold);
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.setBypassServiceWorker", { bypass: true });
  const c = await timeToDashboard(cold, url);
  coldTotal.push(c.total);
  coldAfter.push(c.afterLoad);
  await cold.close();

  // From the offline cache: network off, the service worker serves everything.
  await context.setOffline(true);
  const cached = await context.newPage();
  const o = await timeToDashboard(cached, url);
  cachedTotal.push(o.total);
  cachedAfter.push(o.afterLoad);
  cachedStart.push(o.start);
  for (const [name, ms] of Object.entries(o.steps)) (cachedSteps[name] ??= []).push(ms);
  await context.close();
}
const ms = (x) => `${x.toFixed(0)} ms`;
console.log(`runs: ${runs}`);
console.log(`demo first open (click → dashboard, builds 4 documents): median ${ms(median(first))}`);
console.log(`reopen, cold network:   navigation → dashboard ${ms(median(coldTotal))}, app loaded → dashboard ${ms(median(coldAfter))}`);
console.log(`reopen, offline cache:  navigation → dashboard ${ms(median(cachedTotal))}, app loaded → dashboard ${ms(median(cachedAfter))}`);
console.log(`  of which: navigation → app started (wasm fetched, compiled, instantiated) ${ms(median(cachedStart))}`);
for (const [name, xs] of Object.entries(cachedSteps)) console.log(`  of which: ${name} ${ms(median(xs))}`);
await browser.close();
server.close();

const round = (xs) => Math.round(median(xs));
const result = {
  label,
  dist,
  runs,
  demo_first_open_ms: round(first),
  cold_navigation_to_dashboard_ms: round(coldTotal),
  cold_app_start_to_dashboard_ms: round(coldAfter),
  offline_navigation_to_dashboard_ms: round(cachedTotal),
  offline_app_start_to_dashboard_ms: round(cachedAfter),
  offline_navigation_to_app_start_ms: round(cachedStart),
  offline_steps_ms: Object.fromEntries(Object.entries(cachedSteps).map(([name, xs]) => [name, round(xs)])),
  chromium: execFileSync("/usr/bin/chromium", ["--version"], { stdio: ["ignore", "pipe", "ignore"] }).toString().trim(),
  date: new Date().toISOString(),
};
mkdirSync(join(root, "bench", "results"), { recursive: true });
writeFileSync(join(root, "bench", "results", label ? `dashboard-${label}.json` : "dashboard.json"), JSON.stringify(result, null, 2) + "\n");
