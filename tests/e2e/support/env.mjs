// The test environment: the release build in dist/ served on 127.0.0.1 by
// the same static server as `scripts/serve.sh`, and Debian's Chromium driven
// by playwright-core. Each browser context stands for one person's browser
// (its own localStorage).
import { chromium } from "playwright-core";
import { createRequire } from "node:module";
import { readFile, mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { startServer } from "../../../scripts/static-server.mjs";

const here = dirname(fileURLToPath(import.meta.url));
export const root = join(here, "..", "..", "..");
export const artifacts = join(root, "tests", "e2e", "artifacts");
const require = createRequire(import.meta.url);

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export async function startEnv() {
  const server = await startServer(join(root, "dist"), 0);
  const baseURL = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
  });
  await mkdir(artifacts, { recursive: true });
  const contexts = [];
  return {
    baseURL,
    browser,
    /** A fresh browser profile (own storage), with console errors collected. */
    async newPerson(options = {}) {
      const context = await browser.newContext({ baseURL, locale: "fr-FR", ...options });
      contexts.push(context);
      const errors = [];
      context.on("page", (page) => watch(page, errors));
      const page = await context.newPage();
      return { context, page, errors };
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
      await new Promise((done) => server.close(done));
    },
  };
}

function watch(page, errors) {
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
}

let axeSource;

/** Runs axe-core on the current page (WCAG 2.1 A and AA) and returns the violations. */
export async function axeViolations(page) {
  axeSource ??= await readFile(require.resolve("axe-core/axe.min.js"), "utf8");
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }),
  );
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`);
}
