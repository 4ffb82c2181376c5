// A first visit on a slow line: the loading screen of index.html is there
// and accessible before the app starts, shows the download's progress, and
// is replaced by the app; a failed download says so in French and
// « Réessayer » starts the app; without JavaScript or WebAssembly the page
// says why. The server sends the precompressed files the browser accepts.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { get } from "node:http";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { startEnv, axeViolations, root } from "./support/env.mjs";
import { HomePage } from "./pages/app.mjs";
import { LoadingScreen } from "./pages/boot.mjs";

let env;
before(async () => {
  env = await startEnv();
});
after(async () => {
  await env?.close();
});

const MAIN_WASM = /\/pkg-[0-9a-f]+\/gouvernail_bg\.wasm$/;

/** Holds the main module's download until `release()` is called. */
async function holdMainModule(context) {
  let release;
  const released = new Promise((done) => (release = done));
  await context.route(MAIN_WASM, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

test("the loading screen is there and accessible before the app starts, then the app replaces it", async () => {
  const { context, page, errors } = await env.newPerson();
  const release = await holdMainModule(context);
  const loading = new LoadingScreen(page);
  await page.goto("/");
  await loading.waitForDownload();
  assert.equal(await loading.name.isVisible(), true, "the app's name is shown");
  assert.match(await loading.root.textContent(), /Pilotez la transformation numérique de votre collectivité/);
  assert.equal(await loading.status.textContent(), "Téléchargement de l'application…");
  assert.equal(await loading.failure.isVisible(), false);
  assert.deepEqual(await axeViolations(page), [], "axe violations on the loading screen");

  release();
  await loading.waitUntilReplaced();
  const home = new HomePage(page);
  await home.createButton.waitFor();
  assert.equal(await page.locator("main").count(), 1, "one main landmark once the app runs");
  assert.deepEqual(errors, []);
});

test("on a fast line the loading screen is still shown before the app replaces it", async () => {
  const { page, errors } = await env.newPerson();
  // When the app removed the loading screen, and when the largest paints were shown.
  await page.addInitScript(() => {
    window.largestPaints = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.largestPaints.push(entry.startTime);
    }).observe({ type: "largest-contentful-paint", buffered: true });
    new MutationObserver((_, observer) => {
      if (document.readyState !== "loading" && !document.getElementById("boot")) {
        window.replacedAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto("/");
  await new HomePage(page).createButton.waitFor();
  await page.waitForFunction(() => window.largestPaints.length > 0);
  const { largestPaints, replacedAt } = await page.evaluate(() => ({ largestPaints: window.largestPaints, replacedAt: window.replacedAt }));
  assert.ok(largestPaints[0] < replacedAt, `first largest paint at ${largestPaints[0]} ms, app at ${replacedAt} ms`);
  assert.deepEqual(errors, []);
});

test("the progress bar follows the bytes of the main module as they arrive", async () => {
  const { context, page, errors } = await env.newPerson();
  // Every value the boot script gives the bar, recorded as it happens.
  await page.addInitScript(() => {
    window.__progress = [];
    new MutationObserver((records) => {
      for (const r of records) if (r.target.id === "boot-progress") window.__progress.push(Number(r.target.getAttribute("value")));
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ["value"] });
  });
  // About 1 MB/s: the main module arrives over several hundred milliseconds.
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 20,
    downloadThroughput: 1_000_000,
    uploadThroughput: 1_000_000,
  });
  await page.goto("/");
  await new HomePage(page).createButton.waitFor();
  const values = await page.evaluate(() => window.__progress);
  assert.ok(values.some((v) => v > 0 && v < 100), `intermediate values: ${values}`);
  assert.deepEqual([...values].sort((a, b) => a - b), values, "never goes back");
  assert.equal(values.at(-1), 100);
  assert.deepEqual(errors, []);
});

test("a failed download of the app shows a French message, and « Réessayer » starts the app", async () => {
  const { context, page, errors } = await env.newPerson();
  let cut = true;
  await context.route(MAIN_WASM, (route) => (cut ? route.abort("internetdisconnected") : route.continue()));
  const loading = new LoadingScreen(page);
  await page.goto("/");
  await loading.alert.waitFor();
  assert.match(await loading.alert.textContent(), /n'a pas pu être téléchargé : la connexion a peut-être été coupée/);
  assert.equal(await loading.progress.count(), 0, "no progress bar once it failed");
  assert.deepEqual(await axeViolations(page), [], "axe violations on the failure message");
  assert.ok(errors.some((e) => e.includes("Gouvernail n'a pas pu démarrer")), errors.join("\n"));

  cut = false;
  await loading.retry.click();
  await loading.waitUntilReplaced();
  await new HomePage(page).createButton.waitFor();
  assert.ok(!errors.some((e) => e.startsWith("pageerror")), errors.join("\n"));
});

test("a browser without WebAssembly is told so in French", async () => {
  const { page } = await env.newPerson();
  await page.addInitScript(() => delete globalThis.WebAssembly);
  const loading = new LoadingScreen(page);
  await page.goto("/");
  await loading.alert.waitFor();
  assert.match(await loading.alert.textContent(), /ne peut pas faire fonctionner Gouvernail : WebAssembly y est absent ou désactivé/);
  assert.equal(await loading.retry.isVisible(), true);
});

test("without JavaScript the page says it needs it", async () => {
  const { page } = await env.newPerson({ javaScriptEnabled: false });
  await page.goto("/");
  // (Playwright's text locators skip <noscript>: located by tag.)
  const message = page.locator("noscript p");
  await message.waitFor();
  assert.match(await message.innerText(), /^Gouvernail a besoin de JavaScript pour fonctionner\./);
  assert.equal(await page.getByRole("progressbar").count(), 0);
  assert.equal(await page.getByRole("button", { name: "Réessayer" }).count(), 0);
});

/** GETs a path of the test server with the given Accept-Encoding. */
function fetchRaw(path, acceptEncoding) {
  return new Promise((done, fail) => {
    const headers = acceptEncoding === undefined ? {} : { "accept-encoding": acceptEncoding };
    get(`${env.baseURL}${path}`, { headers }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => done({ headers: res.headers, body: Buffer.concat(chunks) }));
    }).on("error", fail);
  });
}

test("the server sends brotli when asked, gzip when only that is accepted, and identity otherwise", async () => {
  const html = await readFile(join(root, "dist", "index.html"));
  const wasmPath = html.toString().match(/href="(\/pkg-[0-9a-f]+\/gouvernail_bg\.wasm)"/)[1];
  const wasm = await readFile(join(root, "dist", wasmPath));

  const br = await fetchRaw(wasmPath, "gzip, deflate, br, zstd");
  assert.equal(br.headers["content-encoding"], "br");
  assert.equal(br.headers["content-type"], "application/wasm");
  assert.equal(br.headers.vary, "Accept-Encoding");
  assert.ok(br.body.length < wasm.length / 2, `brotli: ${br.body.length} of ${wasm.length} bytes`);
  assert.ok(brotliDecompressSync(br.body).equals(wasm));

  const gz = await fetchRaw(wasmPath, "gzip, br;q=0");
  assert.equal(gz.headers["content-encoding"], "gzip");
  assert.ok(gunzipSync(gz.body).equals(wasm));

  const plain = await fetchRaw(wasmPath, undefined);
  assert.equal(plain.headers["content-encoding"], undefined);
  assert.equal(plain.headers.vary, "Accept-Encoding");
  assert.ok(plain.body.equals(wasm));

  // A route of the app is index.html, compressed too.
  const route = await fetchRaw("/espace/nouveau", "br");
  assert.equal(route.headers["content-encoding"], "br");
  assert.ok(brotliDecompressSync(route.body).equals(html));
});
