// The first visit on a slow mobile line, side by side with an older build:
// for each build (dist/ and the one given with --base), each way of serving
// it (uncompressed, gzip, brotli: scripts/static-server.mjs narrowed to one
// encoding), several throttled visits of the home page in a fresh browser
// profile, and Lighthouse's scores.
//
// Throttling: Lighthouse's mobile "slow 4G" figures applied for real through
// the DevTools protocol: 150 ms latency, 1 638.4 kbit/s down, 750 kbit/s up
// (Network.emulateNetworkConditions), CPU 4× slower
// (Emulation.setCPUThrottlingRate).
//
// Measured per visit, from the navigation:
//   - first text: the first contentful paint;
//   - largest contentful paint;
//   - home interactive: the home page's « Créer » button in the DOM (Leptos
//     attaches its handler as it renders it);
//   - bytes on the wire until then (transfer sizes, headers included);
//   - demo: a click on « Découvrir » as soon as the home page is
//     interactive, until the demo's dashboard shows (the worst case for the
//     modules loaded on demand: the click does not wait for the prefetch);
//     with brotli, a second series clicks 8 s later (a visitor reading the
//     page first), when the prefetch has had time.
//
// Lighthouse 13 (npm `lighthouse`, about 180 MB with its dependencies) is
// not a dependency of the project: it is installed on first use into
// ~/.cache/gouvernail-bench/ (npm, pinned version), and run headless on
// Debian's Chromium (CHROME_PATH), mobile, default simulated throttling.
//
// Usage (the exact commands are in BENCHMARKS.md):
//   node bench/first-visit.mjs --base <dist of the older build> [--base-label <commit>]
//        [--runs 3] [--lighthouse-runs 3] [--dist dist]
// Prints medians and writes bench/results/first-visit.json.
import { chromium } from "playwright-core";
import { execFile, execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, homedir, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { compressSite } from "../scripts/compress.mjs";
import { startServer } from "../scripts/static-server.mjs";
import { CHROMIUM_ARGS, root } from "../tests/e2e/support/env.mjs";

const { values: args } = parseArgs({
  options: {
    base: { type: "string" },
    "base-label": { type: "string", default: "before" },
    dist: { type: "string", default: join(root, "dist") },
    runs: { type: "string", default: "3" },
    "lighthouse-runs": { type: "string", default: "3" },
  },
});
if (!args.base) throw new Error("--base <dist of the older build> is required (see BENCHMARKS.md)");
const RUNS = Number(args.runs);
const LIGHTHOUSE_RUNS = Number(args["lighthouse-runs"]);
const CHROME = "/usr/bin/chromium";
const LIGHTHOUSE_VERSION = "13.5.0";

const SLOW_4G = { offline: false, latency: 150, downloadThroughput: (1638.4 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };
const CPU_SLOWDOWN = 4;
const ENCODINGS = { identity: [], gzip: ["gzip"], brotli: ["br"] };
/** How long a visitor reads the home page before « Découvrir » (second series, brotli). */
const DEMO_READING_MS = 8_000;

const median = (xs) => {
  const sorted = xs.filter((x) => x !== null && x !== undefined).sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : null;
};
const git = (...a) => execFileSync("git", a, { cwd: root, encoding: "utf8" }).trim();

/** A copy of a build with its .br/.gz copies (older builds had none). */
function prepareSite(dir) {
  const site = mkdtempSync(join(tmpdir(), "gouvernail-first-visit-"));
  cpSync(resolve(dir), site, { recursive: true });
  return site;
}

/** One throttled first visit of the home page; times in ms from navigation. */
async function visit(browser, baseURL, demoDelayMs = 0) {
  const context = await browser.newContext({ baseURL, locale: "fr-FR" });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", SLOW_4G);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
  await page.addInitScript(() => {
    window.__lcp = null;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__lcp = entry.startTime;
    }).observe({ type: "largest-contentful-paint", buffered: true });
    new MutationObserver((_, observer) => {
      if (document.querySelector('[data-testid="home-create"]')) {
        window.__home = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto("/", { waitUntil: "commit" });
  await page.waitForFunction(() => window.__home > 0, null, { timeout: 180_000, polling: 200 });
  // The home page's first paint (a page blank until the app runs paints
  // its first text then).
  await page.waitForFunction(() => performance.getEntriesByName("first-contentful-paint").length > 0, null, {
    timeout: 10_000,
    polling: 100,
  });
  const first = await page.evaluate(() => {
    const paint = performance.getEntriesByName("first-contentful-paint")[0];
    const navigation = performance.getEntriesByType("navigation")[0];
    const resources = performance.getEntriesByType("resource").filter((e) => e.startTime < window.__home);
    return {
      first_text_ms: paint ? paint.startTime : null,
      lcp_ms: window.__lcp,
      home_interactive_ms: window.__home,
      bytes_until_interactive: navigation.transferSize + resources.reduce((sum, e) => sum + e.transferSize, 0),
      requests_until_interactive: 1 + resources.length,
    };
  });
  // « Découvrir », at once or after the visitor has read the page a while.
  if (demoDelayMs > 0) await page.waitForTimeout(demoDelayMs);
  const clicked = await page.evaluate(() => performance.now());
  await page.getByTestId("home-demo").click();
  await page.locator('[data-testid="dashboard"] [data-testid="status-counts"]').waitFor({ timeout: 180_000 });
  first.demo_click_to_dashboard_ms = (await page.evaluate(() => performance.now())) - clicked;
  await context.close();
  return first;
}

/** Lighthouse, installed on first use into a cache folder. */
function lighthouseCli() {
  const prefix = join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "gouvernail-bench", `lighthouse-${LIGHTHOUSE_VERSION}`);
  const cli = join(prefix, "node_modules", "lighthouse", "cli", "index.js");
  if (!existsSync(cli)) {
    console.log(`installing lighthouse ${LIGHTHOUSE_VERSION} into ${prefix}`);
    mkdirSync(prefix, { recursive: true });
    writeFileSync(join(prefix, "package.json"), '{ "private": true }\n');
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", `lighthouse@${LIGHTHOUSE_VERSION}`], {
      cwd: prefix,
      stdio: "inherit",
    });
  }
  return cli;
}

/**
 * One Lighthouse run (mobile, simulated slow 4G): scores and metrics.
 * Asynchronous on purpose: the site is served from this very process, and a
 * synchronous spawn would block the server Lighthouse is loading from.
 */
async function lighthouse(cli, url, attempt = 1) {
  const out = join(mkdtempSync(join(tmpdir(), "gouvernail-lh-")), "report.json");
  const args = [
    cli,
    url,
    "--output=json",
    `--output-path=${out}`,
    "--only-categories=performance,accessibility,best-practices,seo",
    "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
  ];
  const failure = await new Promise((done) =>
    execFile(process.execPath, args, { env: { ...process.env, CHROME_PATH: CHROME }, maxBuffer: 64 * 1024 * 1024 }, (error, _stdout, stderr) =>
      done(error || !existsSync(out) ? `${stderr ?? ""}`.trim().split("\n").slice(-8).join("\n") : null),
    ),
  );
  if (failure !== null) {
    // Chrome sometimes fails to start on a loaded machine: up to two more tries.
    if (attempt < 3) {
      console.log(`lighthouse failed (attempt ${attempt}), again:\n${failure}`);
      return lighthouse(cli, url, attempt + 1);
    }
    throw new Error(`lighthouse failed:\n${failure}`);
  }
  const report = JSON.parse(readFileSync(out, "utf8"));
  rmSync(join(out, ".."), { recursive: true, force: true });
  const score = (id) => Math.round(report.categories[id].score * 100);
  const metric = (id) => report.audits[id]?.numericValue ?? null;
  return {
    performance: score("performance"),
    accessibility: score("accessibility"),
    best_practices: score("best-practices"),
    seo: score("seo"),
    fcp_ms: metric("first-contentful-paint"),
    lcp_ms: metric("largest-contentful-paint"),
    tbt_ms: metric("total-blocking-time"),
    cls: metric("cumulative-layout-shift"),
    speed_index_ms: metric("speed-index"),
    total_bytes: metric("total-byte-weight"),
    failed_audits: Object.values(report.categories)
      .flatMap((c) => c.auditRefs)
      .filter((ref) => ref.weight > 0 && report.audits[ref.id].score !== null && report.audits[ref.id].score < 1)
      .map((ref) => ref.id),
  };
}

/** Median of each numeric field over runs; the runs themselves kept. */
function summarize(runs) {
  const summary = {};
  for (const key of Object.keys(runs[0])) {
    if (typeof runs[0][key] === "number") summary[key] = median(runs.map((r) => r[key]));
  }
  return { ...summary, runs };
}

const builds = [
  { name: "before", label: args["base-label"], dir: args.base },
  { name: "after", label: `${git("rev-parse", "--short", "HEAD")}${git("status", "--porcelain").length ? "+changes" : ""}`, dir: args.dist },
];
for (const build of builds) {
  build.site = prepareSite(build.dir);
  if (!existsSync(join(build.site, "index.html.br"))) await compressSite(build.site);
}

const browser = await chromium.launch({ executablePath: CHROME, headless: true, args: CHROMIUM_ARGS });
const results = { visits: {}, lighthouse: {} };
for (const build of RUNS > 0 ? builds : []) {
  results.visits[build.name] = {};
  for (const [encoding, offered] of Object.entries(ENCODINGS)) {
    const server = await startServer(build.site, 0, "127.0.0.1", { encodings: offered });
    const baseURL = `http://127.0.0.1:${server.address().port}`;
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await visit(browser, baseURL));
    results.visits[build.name][encoding] = summarize(runs);
    const m = results.visits[build.name][encoding];
    console.log(
      `${build.name} (${build.label}), ${encoding}: first text ${m.first_text_ms?.toFixed(0)} ms, LCP ${m.lcp_ms?.toFixed(0)} ms, ` +
        `home interactive ${m.home_interactive_ms.toFixed(0)} ms, ${(m.bytes_until_interactive / 1024).toFixed(0)} KiB on the wire, ` +
        `demo ${m.demo_click_to_dashboard_ms.toFixed(0)} ms`,
    );
    if (encoding === "brotli") {
      // The demo clicked once the visitor has read the home page for a while.
      const later = [];
      for (let i = 0; i < RUNS; i++) later.push(await visit(browser, baseURL, DEMO_READING_MS));
      m.demo_click_after_reading_ms = median(later.map((r) => r.demo_click_to_dashboard_ms));
      m.demo_click_after_reading_runs = later.map((r) => r.demo_click_to_dashboard_ms);
      console.log(`  demo clicked ${DEMO_READING_MS / 1000} s after the home page is interactive: ${m.demo_click_after_reading_ms.toFixed(0)} ms`);
    }
    await new Promise((done) => server.close(done));
  }
}
await browser.close();

if (LIGHTHOUSE_RUNS > 0) {
  const cli = lighthouseCli();
  for (const build of builds) {
    results.lighthouse[build.name] = {};
    for (const encoding of ["identity", "brotli"]) {
      const server = await startServer(build.site, 0, "127.0.0.1", { encodings: ENCODINGS[encoding] });
      const url = `http://127.0.0.1:${server.address().port}/`;
      const runs = [];
      for (let i = 0; i < LIGHTHOUSE_RUNS; i++) runs.push(await lighthouse(cli, url));
      const summary = summarize(runs);
      results.lighthouse[build.name][encoding] = summary;
      console.log(
        `lighthouse ${build.name} (${build.label}), ${encoding}: performance ${summary.performance}, accessibility ${summary.accessibility}, ` +
          `best practices ${summary.best_practices}, SEO ${summary.seo}; FCP ${summary.fcp_ms?.toFixed(0)} ms, LCP ${summary.lcp_ms?.toFixed(0)} ms, ` +
          `TBT ${summary.tbt_ms?.toFixed(0)} ms, CLS ${summary.cls?.toFixed(3)}, SI ${summary.speed_index_ms?.toFixed(0)} ms`,
      );
      await new Promise((done) => server.close(done));
    }
  }
}
for (const build of builds) rmSync(build.site, { recursive: true, force: true });

const output = {
  command: `node bench/first-visit.mjs ${process.argv.slice(2).join(" ")}`,
  builds: Object.fromEntries(builds.map((b) => [b.name, b.label])),
  throttling: { ...SLOW_4G, cpu_slowdown: CPU_SLOWDOWN },
  runs: RUNS,
  lighthouse_runs: LIGHTHOUSE_RUNS,
  lighthouse: `lighthouse ${LIGHTHOUSE_VERSION}, mobile, simulated throttling (default)`,
  chromium: execFileSync(CHROME, ["--version"], { stdio: ["ignore", "pipe", "ignore"] }).toString().trim(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model, load_average_at_end: loadavg() },
  date: new Date().toISOString(),
  ...results,
};
mkdirSync(join(root, "bench", "results"), { recursive: true });
writeFileSync(join(root, "bench", "results", "first-visit.json"), JSON.stringify(output, null, 2) + "\n");
