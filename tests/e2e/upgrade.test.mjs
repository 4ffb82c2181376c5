// Upgrading from the version that kept documents in localStorage (issue 14):
// a browser profile holding what that version left (fixtures/v1-storage.json,
// made by driving its release build: fixtures/make-v1-storage.mjs) opens
// the new version with everything still there and editable; a migration cut
// half-way (storage full) resumes at the next start and loses nothing; an
// older version still open in another tab never overwrites the new store.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { startEnv, root } from "./support/env.mjs";
import { HomePage, WorkspacePage } from "./pages/app.mjs";
import { IndicatorsPage, IndicatorSheet } from "./pages/workspace.mjs";

let env;
let fixture;
before(async () => {
  env = await startEnv();
  fixture = JSON.parse(await readFile(join(root, "tests", "e2e", "fixtures", "v1-storage.json"), "utf8"));
});
after(async () => {
  await env?.close();
});

const oldDocuments = () => Object.keys(fixture.localStorage).filter((k) => k.startsWith("gouvernail/v1/doc/"));

/**
 * A browser profile as the old version left it: its localStorage is in place
 * before the new version first runs (an init script, once).
 */
async function oldProfile() {
  const person = await env.newPerson();
  await person.context.addInitScript((entries) => {
    // Not in pages without storage of their own (about:blank).
    if (location.origin === "null" || localStorage.getItem("e2e/ancien-profil")) return;
    for (const [key, value] of Object.entries(entries)) localStorage.setItem(key, value);
    localStorage.setItem("e2e/ancien-profil", "1");
  }, fixture.localStorage);
  return person;
}

const oldKeysLeft = (page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("gouvernail/v1/")));

/** The cell showing a value of the indicator (in %). */
const valueCell = (sheet, value) => sheet.measurements.getByRole("cell", { name: new RegExp(`^${value}\\s*%$`) });

/** Opens the upgraded workspace's indicator sheet. */
async function openIndicator(page) {
  await page.goto(`/espace/${fixture.workspace.id}/indicateurs`);
  await new IndicatorsPage(page).open(fixture.workspace.indicator);
  return new IndicatorSheet(page);
}

test("a browser holding the previous version's storage upgrades with everything still there and editable", async () => {
  const { page, errors } = await oldProfile();
  const home = new HomePage(page);
  await home.open("/");
  // The demo's three communes, its intercommunality, and Cucuron.
  await home.workspaceList.getByRole("link", { name: fixture.workspace.name, exact: true }).waitFor();
  assert.equal(await home.workspaceList.getByRole("link").count(), oldDocuments().length);
  assert.deepEqual(await oldKeysLeft(page), [], "the old keys are removed once moved");
  // The workspace reads and takes an edit, which survives a reload.
  let sheet = await openIndicator(page);
  await valueCell(sheet, "41").waitFor();
  await sheet.record("2026-11", "52");
  await valueCell(sheet, "52").waitFor();
  await sheet.waitUntilSaved();
  sheet = await openIndicator(page);
  await valueCell(sheet, "52").waitFor();
  // Settings came along (typed JSON through gloo-storage); the entry put aside is still aside.
  assert.equal(await page.evaluate(() => localStorage.getItem("gouvernail/settings/author")), '"Jeanne"');
  await new HomePage(page).navigateTo("Sauvegarde");
  await page.getByTestId("quarantine-list").getByText("abime/gouvernail/v1/quarantine/abime/0").waitFor();
  assert.deepEqual(errors, []);
});

test("a migration cut half-way (storage full) resumes at the next start and loses nothing", async () => {
  const { context, page, errors } = await env.newPerson();
  // The new version has run once (its service worker and empty database are there).
  const home = new HomePage(page);
  await home.open("/");
  await page.evaluate(async (entries) => {
    await navigator.serviceWorker.ready;
    // Then the old version's data appears (as if written before the upgrade).
    for (const [key, value] of Object.entries(entries)) localStorage.setItem(key, value);
  }, fixture.localStorage);
  // Room for part of the documents only.
  const cdp = await context.newCDPSession(page);
  const origin = env.baseURL;
  const usage = await page.evaluate(async () => (await navigator.storage.estimate()).usage);
  await cdp.send("Storage.overrideQuotaForOrigin", { origin, quotaSize: usage + 12_000 });
  await home.open("/");
  await page.getByRole("alert").filter({ hasText: "n'a pas pu se terminer" }).waitFor();
  const left = (await oldKeysLeft(page)).filter((k) => k.startsWith("gouvernail/v1/doc/"));
  assert.ok(left.length > 0, "cut before the end");
  // Room again: the next start finishes the move.
  await cdp.send("Storage.overrideQuotaForOrigin", { origin });
  await home.open("/");
  await home.workspaceList.getByRole("link", { name: fixture.workspace.name, exact: true }).waitFor();
  assert.equal(await home.workspaceList.getByRole("link").count(), oldDocuments().length);
  assert.deepEqual(await oldKeysLeft(page), []);
  const sheet = await openIndicator(page);
  await valueCell(sheet, "41").waitFor();
  assert.deepEqual(errors, []);
});

test("an older version still open in another tab never overwrites the new store: its write is merged in", async () => {
  const { context, page, errors } = await oldProfile();
  await new HomePage(page).open("/");
  // This version edits the workspace.
  let sheet = await openIndicator(page);
  await sheet.record("2026-11", "52");
  await valueCell(sheet, "52").waitFor();
  await sheet.waitUntilSaved();
  // The older version, open in another tab since before the upgrade, saves
  // its own edit of its copy under its old key: the very value it wrote
  // (that tab is stood for by another page of the origin writing it).
  const older = await context.newPage();
  await older.goto("/a-propos");
  await older.evaluate(({ key, value }) => localStorage.setItem(key, value), fixture.olderTabWrite);
  // This tab takes it in, says so, and keeps both edits.
  await page.getByRole("status").filter({ hasText: "version précédente de Gouvernail est encore ouverte" }).waitFor();
  await valueCell(sheet, fixture.olderTabValue.value).waitFor();
  await valueCell(sheet, "52").waitFor();
  await page.waitForFunction(() => !Object.keys(localStorage).some((k) => k.startsWith("gouvernail/v1/")));
  await sheet.waitUntilSaved();
  sheet = await openIndicator(page);
  await valueCell(sheet, "52").waitFor();
  await valueCell(sheet, fixture.olderTabValue.value).waitFor();
  assert.deepEqual(errors, []);
});
