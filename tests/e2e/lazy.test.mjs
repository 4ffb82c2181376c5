// Screens loaded on demand (src/ui/screens.rs, scripts/build-wasm.mjs): the
// home page is up before any of their modules is requested; they open from
// a link or a deep address, online and, after a first visit that never
// opened them, offline; a module that cannot be fetched shows a message
// (never a panic) and « Réessayer » loads it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startEnv, axeViolations } from "./support/env.mjs";
import { AppShell, HomePage } from "./pages/app.mjs";
import { ModuleUnavailable } from "./pages/boot.mjs";

let env;
before(async () => {
  env = await startEnv();
});
after(async () => {
  await env?.close();
});

const SPLIT_FILE = /\/pkg-[0-9a-f]+\/(split|chunk)_[^/]*\.wasm$/;

test("the home page is interactive before any on-demand module is requested; they come after, when idle", async () => {
  // Service workers blocked: the page's own requests are the only ones.
  const { page, errors } = await env.newPerson({ serviceWorkers: "block" });
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.querySelector('[data-testid="home-create"]')) {
        window.__homeAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await new HomePage(page).open("/");
  await page.waitForFunction(
    (pattern) => performance.getEntriesByType("resource").filter((e) => new RegExp(pattern).test(e.name)).length >= 2,
    SPLIT_FILE.source,
  );
  const { homeAt, firstModuleAt } = await page.evaluate((pattern) => {
    const starts = performance
      .getEntriesByType("resource")
      .filter((e) => new RegExp(pattern).test(e.name))
      .map((e) => e.startTime);
    return { homeAt: window.__homeAt, firstModuleAt: Math.min(...starts) };
  }, SPLIT_FILE.source);
  assert.ok(homeAt < firstModuleAt, `home at ${homeAt} ms, first module requested at ${firstModuleAt} ms`);
  assert.deepEqual(errors, []);
});

test("lazy screens open online, from a deep address and from the navigation", async () => {
  const { page, errors } = await env.newPerson();
  const shell = new AppShell(page);
  await page.goto("/intercommunalite");
  await page.getByTestId("rollup").waitFor();
  assert.equal(await shell.title(), "Vue intercommunale");
  await shell.nav.getByRole("link", { name: "Modèles", exact: true }).click();
  await page.getByRole("heading", { level: 1, name: "Modèles" }).waitFor();
  await page.goto("/espace/nouveau");
  await page.getByTestId("create-form").waitFor();
  assert.deepEqual(errors, []);
});

test("after a first visit of the home page only, lazy screens open offline", async () => {
  const { context, page, errors } = await env.newPerson();
  const home = new HomePage(page);
  await home.open("/");
  // The service worker is installed once everything is in its cache.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await context.setOffline(true);
  await page.reload();
  await home.createButton.waitFor();
  await home.nav.getByRole("link", { name: "Modèles", exact: true }).click();
  await page.getByRole("heading", { level: 1, name: "Modèles" }).waitFor();
  await home.nav.getByRole("link", { name: "Accueil", exact: true }).click();
  await home.startDemo();
  assert.match(new URL(page.url()).pathname, /^\/espace\/[0-9a-f-]+$/);
  const offlineNoise = /net::ERR_INTERNET_DISCONNECTED|Failed to load resource/;
  assert.deepEqual(
    errors.filter((e) => !offlineNoise.test(e)),
    [],
  );
});

test("a module that cannot be fetched shows a message, not a panic, and « Réessayer » loads it", async () => {
  const { context, page, errors } = await env.newPerson({ serviceWorkers: "block" });
  let cut = true;
  await context.route(SPLIT_FILE, (route) => (cut ? route.abort("internetdisconnected") : route.continue()));
  const home = new HomePage(page);
  await home.open("/");

  // The demo's data is in the workspace module too: a French notice.
  await home.demoButton.click();
  await home.notices.getByRole("alert").filter({ hasText: "La démonstration n'a pas pu être téléchargée" }).waitFor();

  await home.nav.getByRole("link", { name: "Vue intercommunale", exact: true }).click();
  const unavailable = new ModuleUnavailable(page);
  await unavailable.root.waitFor();
  assert.equal(await unavailable.heading.textContent(), "Cette page n'a pas pu être chargée");
  assert.match(await unavailable.alert.textContent(), /n'a pas pu être téléchargée/);
  assert.equal(await page.title(), "Page non chargée — Gouvernail");
  assert.deepEqual(await axeViolations(page), [], "axe violations on the notice");

  cut = false;
  await unavailable.retry.click();
  await page.getByTestId("rollup").waitFor();
  assert.equal(await unavailable.root.count(), 0);
  // The loader logs each failed fetch; the app itself never failed.
  assert.ok(!errors.some((e) => e.startsWith("pageerror")), errors.join("\n"));
  assert.ok(
    errors.every((e) => /Failed to load resource|Failed to fetch/.test(e)),
    errors.join("\n"),
  );
});
