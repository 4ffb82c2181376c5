// Persistence in a real browser: data survives a reload, and two tabs
// editing at the same time lose nothing (DESIGN.md, invariant 6).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
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

test("a corrupt stored entry is reported, kept aside, and the rest of the data loads", async () => {
  const { page, errors } = await env.newPerson();
  // Wait for the app to have started: the wasm starts after the load event,
  // and an app starting after the write would report it before the reload.
  await new HomePage(page).open("/");
  await page.evaluate(() => localStorage.setItem("gouvernail/v1/doc/abime", "ceci n'est pas un document"));
  await page.reload();
  const alert = page.getByRole("alert").filter({ hasText: "mise de côté" });
  await alert.waitFor();
  const keys = await page.evaluate(() => Object.keys(localStorage));
  assert.ok(keys.some((k) => k.startsWith("gouvernail/v1/quarantine/abime/")));
  assert.ok(!keys.includes("gouvernail/v1/doc/abime"));
  await new HomePage(page).navigateTo("Sauvegarde");
  await page.getByTestId("quarantine-list").waitFor();
  assert.deepEqual(errors, []);
});

test("a saved workspace damaged in storage is reported when the app reads it, not shown from its snapshot", async () => {
  const { page, errors } = await env.newPerson();
  await createSavedWorkspace(page, { name: "Vaugines", author: "Jeanne" });
  const id = new URL(page.url()).pathname.split("/").pop();
  // Half the stored document is lost (a crash mid-write, a disk error):
  // its snapshot no longer matches it and must not stand in for it.
  const hadSnapshot = await page.evaluate((id) => {
    const key = `gouvernail/v1/doc/${id}`;
    const value = localStorage.getItem(key);
    localStorage.setItem(key, value.slice(0, value.length / 2));
    return localStorage.getItem(`gouvernail/v1/snapshot/${id}`) !== null;
  }, id);
  assert.ok(hadSnapshot);
  await page.reload();
  await page.getByTestId("workspace-missing").waitFor();
  await page.getByRole("alert").filter({ hasText: "mise de côté" }).waitFor();
  const keys = await page.evaluate(() => Object.keys(localStorage));
  assert.ok(keys.some((k) => k.startsWith(`gouvernail/v1/quarantine/${id}/`)));
  assert.ok(!keys.includes(`gouvernail/v1/snapshot/${id}`));
  assert.deepEqual(errors, []);
});

test("when storage is full the app says so, keeps the edit, and offers a backup", async () => {
  const { page, errors } = await env.newPerson({ acceptDownloads: true });
  const ws = await createSavedWorkspace(page, { name: "Les Granges", author: "Paul" });
  // Fill localStorage with someone else's data, with smaller and smaller
  // items until not one more character fits.
  await page.evaluate(() => {
    let i = 0;
    for (const size of [100_000, 10_000, 1_000, 100, 10, 1]) {
      const chunk = "x".repeat(size);
      for (;;) {
        try { localStorage.setItem(`f/${i}`, chunk); i++; } catch { break; }
      }
    }
  });
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
  assert.deepEqual(errors, []);
});
