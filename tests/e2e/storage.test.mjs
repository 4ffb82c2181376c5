// Persistence in a real browser (IndexedDB): data survives a reload, two
// tabs editing at the same time lose nothing and see each other's changes,
// damaged data is put aside, a full disk and a browser refusing storage are
// said in French with the backup offered, an edit made just before the tab
// is closed survives (DESIGN.md, invariant 6).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { startEnv } from "./support/env.mjs";
import { HomePage, CreateWorkspacePage, WorkspacePage } from "./pages/app.mjs";
import { IndicatorsPage } from "./pages/workspace.mjs";

let env;
before(async () => {
  env = await startEnv();
});
after(async () => {
  await env?.close();
});

/** Creates a workspace from the form and waits until it is stored. */
async function createSavedWorkspace(page, fields) {
  await new HomePage(page).open("/espace/nouveau");
  const create = new CreateWorkspacePage(page);
  await create.fill(fields);
  await create.submit();
  await page.getByTestId("dashboard").waitFor();
  const ws = new WorkspacePage(page);
  await ws.waitUntilSaved();
  return ws;
}

/** Puts a chunk under `key` in the app's IndexedDB. */
function putChunk(page, key, bytes) {
  return page.evaluate(
    async ({ key, bytes }) => {
      const db = await new Promise((ok, ko) => {
        const request = indexedDB.open("gouvernail");
        request.onsuccess = () => ok(request.result);
        request.onerror = () => ko(request.error);
      });
      const tx = db.transaction("chunks", "readwrite");
      tx.objectStore("chunks").put(new Uint8Array(bytes), key);
      await new Promise((ok, ko) => {
        tx.oncomplete = ok;
        tx.onabort = () => ko(tx.error);
      });
      db.close();
    },
    { key, bytes: [...bytes] },
  );
}

/** The chunks of a document: [key, bytes] pairs. */
function chunksOf(page, id) {
  return page.evaluate(async (id) => {
    const db = await new Promise((ok, ko) => {
      const request = indexedDB.open("gouvernail");
      request.onsuccess = () => ok(request.result);
      request.onerror = () => ko(request.error);
    });
    const store = db.transaction("chunks").objectStore("chunks");
    const range = IDBKeyRange.bound([id], [id, []]);
    const keys = await new Promise((ok) => (store.getAllKeys(range).onsuccess = (e) => ok(e.target.result)));
    const values = await new Promise((ok) => (store.getAll(range).onsuccess = (e) => ok(e.target.result)));
    db.close();
    return keys.map((key, i) => [key, [...values[i]]]);
  }, id);
}

test("two tabs adding different indicators at the same time keep both after reload", async () => {
  const { context, page, errors } = await env.newPerson();
  const ws = await createSavedWorkspace(page, { name: "Cucuron", author: "Jeanne" });
  const url = page.url();
  const second = await context.newPage();
  await second.goto(url + "/indicateurs");
  await second.getByTestId("indicators").waitFor();
  await ws.openSection("Indicateurs");
  // Both tabs add an indicator before either has saved.
  await Promise.all([
    new IndicatorsPage(page).add({ name: "Indicateur de l'onglet 1" }),
    new IndicatorsPage(second).add({ name: "Indicateur de l'onglet 2" }),
  ]);
  await ws.waitUntilSaved();
  await new WorkspacePage(second).waitUntilSaved();
  for (const tab of [page, second]) {
    await tab.goto(url + "/indicateurs");
    await tab.getByTestId("indicator-table").waitFor();
    const text = await tab.getByTestId("indicator-table").textContent();
    assert.match(text, /onglet 1/);
    assert.match(text, /onglet 2/);
  }
  assert.deepEqual(errors, []);
});

test("a change saved in one tab shows in the other without reloading", async () => {
  const { context, page, errors } = await env.newPerson();
  const ws = await createSavedWorkspace(page, { name: "Lourmarin", author: "Jeanne" });
  const second = await context.newPage();
  await second.goto(page.url() + "/indicateurs");
  await second.getByTestId("indicators").waitFor();
  await ws.openSection("Indicateurs");
  await new IndicatorsPage(page).add({ name: "Ajouté dans l'autre onglet" });
  await ws.waitUntilSaved();
  await second.getByTestId("indicator-table").getByRole("link", { name: "Ajouté dans l'autre onglet" }).waitFor();
  assert.deepEqual(errors, []);
});

test("an edit made just before the tab is closed is still there when the app is opened again", async () => {
  const { context, page, errors } = await env.newPerson();
  const ws = await createSavedWorkspace(page, { name: "Ansouis", author: "Jeanne" });
  const url = page.url();
  await ws.openSection("Indicateurs");
  await new IndicatorsPage(page).add({ name: "Saisi au dernier moment" });
  // Closed within the save delay: only the journal written on `pagehide` holds it.
  await page.close({ runBeforeUnload: true });
  const again = await context.newPage();
  await again.goto(url + "/indicateurs");
  await again.getByTestId("indicator-table").getByRole("link", { name: "Saisi au dernier moment" }).waitFor();
  assert.deepEqual(errors, []);
});

test("a damaged chunk is reported, put aside with its document, and the rest of the data loads", async () => {
  const { page, errors } = await env.newPerson();
  await createSavedWorkspace(page, { name: "Villelaure", author: "Jeanne" });
  // A document nobody listed, whose only chunk is not Automerge data.
  await putChunk(page, ["abime", "snapshot", "0000"], new TextEncoder().encode("ceci n'est pas un document"));
  await page.reload();
  await page.getByRole("alert").filter({ hasText: "mise de côté" }).waitFor();
  await new HomePage(page).navigateTo("Accueil");
  await page.getByTestId("workspace-list").getByRole("link", { name: "Villelaure" }).waitFor();
  await new HomePage(page).navigateTo("Sauvegarde");
  await page.getByTestId("quarantine-list").getByText("abime/snapshot/0000").waitFor();
  assert.deepEqual(errors, []);
});

test("a saved workspace damaged in storage is reported when the app reads it", async () => {
  const { page, errors } = await env.newPerson();
  await createSavedWorkspace(page, { name: "Vaugines", author: "Jeanne" });
  const id = new URL(page.url()).pathname.split("/").pop();
  // Half of its stored snapshot is lost (a disk error).
  const chunks = await chunksOf(page, id);
  assert.ok(chunks.length >= 1);
  const [key, bytes] = chunks[0];
  await putChunk(page, key, bytes.slice(0, bytes.length / 2));
  await page.reload();
  await page.getByTestId("workspace-missing").waitFor();
  await page.getByRole("alert").filter({ hasText: "mise de côté" }).waitFor();
  await new HomePage(page).navigateTo("Sauvegarde");
  await page.getByTestId("quarantine-list").getByText(new RegExp(`^${id}/snapshot/`)).waitFor();
  assert.deepEqual(errors, []);
});

test("when storage is full the app says so, keeps the edit, and offers a backup", async () => {
  const { context, page, errors } = await env.newPerson({ acceptDownloads: true });
  // This browser gives the site 8 MB (Chromium reads the quota when a
  // database is first written to, so it is set before the app writes).
  const cdp = await context.newCDPSession(page);
  await cdp.send("Storage.overrideQuotaForOrigin", { origin: env.baseURL, quotaSize: 8_000_000 });
  const ws = await createSavedWorkspace(page, { name: "Les Granges", author: "Paul" });
  // Someone else's data fills it, with smaller and smaller values until not
  // one more byte fits (random bytes: the browser compresses what it stores).
  const full = await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    const db = await new Promise((ok, ko) => {
      const request = indexedDB.open("remplissage", 1);
      request.onupgradeneeded = () => request.result.createObjectStore("s");
      request.onsuccess = () => ok(request.result);
      request.onerror = () => ko(request.error);
    });
    const noise = (size) => {
      const bytes = new Uint8Array(size);
      for (let i = 0; i < size; i += 65536) crypto.getRandomValues(bytes.subarray(i, Math.min(size, i + 65536)));
      return bytes;
    };
    const put = (size, key) =>
      new Promise((ok) => {
        const tx = db.transaction("s", "readwrite");
        tx.objectStore("s").put(noise(size), key);
        tx.oncomplete = () => ok(true);
        tx.onabort = () => ok(tx.error?.name !== "QuotaExceededError");
      });
    let n = 0;
    for (const size of [256_000, 16_000, 1_000, 100]) {
      while (await put(size, n)) if (++n > 5_000) return false;
    }
    db.close();
    return true;
  });
  assert.ok(full, "the quota filled up");
  await ws.openSection("Indicateurs");
  await new IndicatorsPage(page).add({ name: "Indicateur non enregistré" });
  await page.getByRole("alert").filter({ hasText: "stockage du navigateur est plein" }).waitFor();
  assert.match(await ws.saveStatus.textContent(), /Non enregistré/);
  // The edit is still on screen, and the backup holds it.
  await ws.openSection("Indicateurs");
  await page.getByRole("link", { name: "Indicateur non enregistré" }).waitFor();
  await ws.saveStatus.getByRole("link", { name: "sauvegarder" }).click();
  const [backup] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-backup").click()]);
  assert.match(backup.suggestedFilename(), /^gouvernail-sauvegarde-\d{4}-\d{2}-\d{2}\.json$/);
  assert.match(await readFile(await backup.path(), "utf8"), /Les Granges/);
  assert.deepEqual(errors, []);
});

test("a browser without IndexedDB (some private modes): a clear message, the app works in memory, the backup is offered", async () => {
  const { context, page, errors } = await env.newPerson({ acceptDownloads: true });
  await context.addInitScript(() => Object.defineProperty(window, "indexedDB", { value: undefined }));
  await new HomePage(page).open("/");
  await page.getByRole("alert").filter({ hasText: "refuse d'enregistrer des données" }).waitFor();
  await new HomePage(page).open("/espace/nouveau");
  const create = new CreateWorkspacePage(page);
  await create.fill({ name: "Puyvert", author: "Paul" });
  await create.submit();
  await page.getByTestId("dashboard").waitFor();
  const ws = new WorkspacePage(page);
  assert.match(await ws.saveStatus.textContent(), /Stockage indisponible/);
  await ws.openSection("Indicateurs");
  await new IndicatorsPage(page).add({ name: "Gardé en mémoire" });
  await ws.saveStatus.getByRole("link", { name: "sauvegarder" }).click();
  const [backup] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-backup").click()]);
  assert.match(await readFile(await backup.path(), "utf8"), /Puyvert/);
  assert.deepEqual(errors, []);
});
