// Live sync through a relay (issue 15): two browsers on one workspace see
// each other's edits without reloading; edits made offline go out when the
// network is back; a relay restart is survived; wrong address, refused key
// and a relay that does not answer are said in French and change nothing.
// The relay is the real one (relay/relay.mjs), started by this file.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { axeViolations } from "./support/env.mjs";
import { startEnvWithRelay } from "./support/relay.mjs";
import { HomePage, CreateWorkspacePage, WorkspacePage } from "./pages/app.mjs";
import { DocumentsPage, ImportPage } from "./pages/sharing.mjs";
import { IndicatorsPage } from "./pages/workspace.mjs";
import { SyncPage } from "./pages/sync.mjs";

let env;
let relay;
before(async () => {
  ({ env, relay } = await startEnvWithRelay());
});
after(async () => {
  await env?.close();
  await relay?.close();
});

/** Two people holding the same workspace (the second received it by link), both following it live. */
async function twoPeopleOnOneWorkspace(title) {
  const a = await env.newPerson();
  await new HomePage(a.page).open("/espace/nouveau");
  const create = new CreateWorkspacePage(a.page);
  await create.fill({ name: title, author: "Jeanne" });
  await create.submit();
  await a.page.getByTestId("dashboard").waitFor();
  const workspaceId = new WorkspacePage(a.page).workspaceId();
  const docs = new DocumentsPage(a.page);
  await docs.openPage();
  const link = await docs.linkOf(title);

  const b = await env.newPerson();
  const importer = new ImportPage(b.page);
  await importer.openPage();
  await importer.pasteLink(link);
  await importer.accept();

  for (const person of [a, b]) {
    const sync = new SyncPage(person.page);
    await sync.openPage();
    await sync.setRelay(relay.url, relay.key);
    await sync.waitForText(sync.connection, "connecté au relais");
    await sync.setLive(title);
    await sync.waitForText(sync.documentStatus(title), "synchronisé");
    await sync.waitForText(sync.headerStatus, "Synchronisation : synchronisé");
    person.sync = sync;
  }
  return { a, b, workspaceId };
}

async function openIndicators(person, workspaceId) {
  await person.page.goto(`/espace/${workspaceId}/indicateurs`);
  await person.page.getByTestId("indicator-table").or(person.page.getByTestId("add-indicator")).first().waitFor();
  return new IndicatorsPage(person.page);
}

/** Waits until the indicator shows in the list, without any reload. */
async function waitForIndicator(person, name) {
  await person.page.getByRole("link", { name, exact: true }).waitFor();
}

/** Records full page loads from now on (a live edit must need none). */
function watchLoads(page) {
  const loads = [];
  page.on("load", () => loads.push(page.url()));
  return loads;
}

test("two browsers on one workspace converge live, both ways, without reloading", async () => {
  const { a, b, workspaceId } = await twoPeopleOnOneWorkspace("Mairie de Lauris");
  assert.deepEqual(await axeViolations(a.page), [], "the sync screen passes axe");

  const inA = await openIndicators(a, workspaceId);
  await openIndicators(b, workspaceId);
  await b.sync.waitForText(b.sync.headerStatus, "Synchronisation : synchronisé");
  await b.sync.waitForText(b.sync.announcement, "Synchronisation : synchronisé");
  await b.sync.recordStatusChanges();
  const loadsInB = watchLoads(b.page);
  await inA.add({ name: "Démarches en ligne" });
  await waitForIndicator(b, "Démarches en ligne");
  assert.deepEqual(loadsInB, [], "B saw the edit without reloading");
  // Receiving flips B's header line and back: a passing state, never spoken.
  const changes = await b.sync.statusChanges(1_500);
  assert.equal(changes.shown.at(-1), "Synchronisation : synchronisé", `shown: ${changes.shown.join(" | ")}`);
  assert.deepEqual(changes.spoken, [], "nothing was said while the line only flickered");
  // The workspace's own status, next to its name.
  await b.page.getByTestId("document-live-status").filter({ hasText: "Synchronisation en direct : synchronisé" }).waitFor();
  assert.deepEqual(await axeViolations(b.page), [], "a live workspace's screen passes axe");

  // And back: A goes to the list (in the app), B adds an indicator.
  await inA.openSection("Indicateurs");
  const loadsInA = watchLoads(a.page);
  await new IndicatorsPage(b.page).add({ name: "Agents formés" });
  await waitForIndicator(a, "Agents formés");
  assert.deepEqual(loadsInA, []);
  await a.sync.waitForText(a.sync.headerStatus, "Synchronisation : synchronisé");
  assert.deepEqual(a.errors, []);
  assert.deepEqual(b.errors, []);
});

test("edits made offline go out when the network is back, and what arrived is kept", async () => {
  const { a, b, workspaceId } = await twoPeopleOnOneWorkspace("Mairie de Cucuron");
  const inA = await openIndicators(a, workspaceId);
  await openIndicators(b, workspaceId);

  await a.context.setOffline(true);
  await a.sync.waitForText(a.sync.headerStatus, "hors ligne");
  // A lasting change is spoken, once it has held.
  await a.sync.waitForText(a.sync.announcement, "Synchronisation : hors ligne");
  await inA.add({ name: "Saisi hors ligne" });
  await a.sync.waitForText(a.sync.headerStatus, "hors ligne — modifications en attente");

  await a.context.setOffline(false);
  await waitForIndicator(b, "Saisi hors ligne");
  await a.sync.waitForText(a.sync.headerStatus, "Synchronisation : synchronisé");

  // What B received was saved in B's browser: it is there after a reload.
  await new WorkspacePage(b.page).waitUntilSaved();
  await openIndicators(b, workspaceId);
  await waitForIndicator(b, "Saisi hors ligne");
  assert.deepEqual(a.errors, []);
  assert.deepEqual(b.errors, []);
});

test("a relay restart: edits made meanwhile reach the other browser once it is back", async () => {
  const { a, b, workspaceId } = await twoPeopleOnOneWorkspace("Mairie de Lourmarin");
  const inA = await openIndicators(a, workspaceId);
  await openIndicators(b, workspaceId);

  await relay.stop();
  await a.sync.waitForText(a.sync.headerStatus, "relais injoignable");
  await inA.add({ name: "Pendant la coupure" });
  await a.sync.waitForText(a.sync.headerStatus, "modifications en attente");

  await relay.restart();
  await waitForIndicator(b, "Pendant la coupure");
  await a.sync.waitForText(a.sync.headerStatus, "Synchronisation : synchronisé");
  assert.deepEqual(a.errors.filter((e) => !/WebSocket|ERR_CONNECTION_REFUSED/.test(e)), []);
});

test("wrong address, refused key, relay out of reach: said in French, nothing kept or changed", async () => {
  const person = await env.newPerson();
  const sync = new SyncPage(person.page);
  await sync.openPage();

  // A wrong address: refused before anything is stored.
  await sync.setRelay("ftp://relais.exemple.fr", "clé");
  await sync.waitForText(sync.error, "wss://");
  await sync.setRelay("", "clé");
  await sync.waitForText(sync.error, "adresse");
  await sync.openPage();
  assert.equal(await sync.address.inputValue(), "", "nothing was kept");
  assert.equal((await sync.headerStatus.textContent()).trim(), "");

  // A key the relay refuses.
  await sync.setRelay(relay.url, "pas la bonne clé");
  await sync.waitForText(sync.connection, "clé refusée");
  await sync.waitForText(sync.headerStatus, "Synchronisation : clé refusée");
  assert.deepEqual(await axeViolations(person.page), []);

  // Nothing listens at this address.
  const nothing = `ws://127.0.0.1:${await freePort()}`;
  await sync.setRelay(nothing, relay.key);
  await sync.waitForText(sync.connection, "relais injoignable");

  // The right one, then forgotten: the header says nothing any more.
  await sync.setRelay(relay.url, relay.key);
  await sync.waitForText(sync.connection, "connecté au relais");
  await sync.forgetRelay();
  await sync.page.getByText("Enregistrez d'abord l'adresse du relais").waitFor();
  assert.equal((await sync.headerStatus.textContent()).trim(), "");
  // Only the browser's own reports of the refused sockets.
  assert.deepEqual(person.errors.filter((e) => !/WebSocket|ERR_CONNECTION_REFUSED|40[13]/.test(e)), []);
});

/** A port nothing listens on (bound, then released). */
async function freePort() {
  const { createServer } = await import("node:net");
  const server = createServer();
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address();
  await new Promise((ok) => server.close(ok));
  return port;
}
