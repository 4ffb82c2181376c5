// Live sync between collectivités (issue 15): a live-sync link (relay
// address and document id, never the key) brings a document from the
// relay; damaged links and unknown ids change nothing; the director follows
// every member commune in one action and the roll-up follows a commune's
// new value live; a mentor and three towns converge live on a shared
// roadmap. The relay is the real one, started by this file.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { randomUUID, createHash } from "node:crypto";
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

/** A person whose browser is set up for the test relay. */
async function personOnRelay() {
  const person = await env.newPerson({ acceptDownloads: true });
  person.sync = new SyncPage(person.page);
  await person.sync.openPage();
  await person.sync.setRelay(relay.url, relay.key);
  await person.sync.waitForText(person.sync.connection, "connecté au relais");
  return person;
}

/** Turns live sync on for a document and returns its live-sync link once the relay has it. */
async function shareLive(person, title) {
  await person.sync.openPage();
  await person.sync.setLive(title);
  await person.sync.waitForText(person.sync.documentStatus(title), "synchronisé");
  return person.page.getByLabel(`Lien de synchronisation de « ${title} »`).inputValue();
}

async function createCommune(person, { name, code, population, value }) {
  await new HomePage(person.page).open("/espace/nouveau");
  const create = new CreateWorkspacePage(person.page);
  await create.fill({ name, code, population, epciName: "CC Luberon", epciCode: "200040442", author: `Secrétaire de ${name}` });
  await create.submit();
  await person.page.getByTestId("dashboard").waitFor();
  const ws = new WorkspacePage(person.page);
  await ws.openSection("Indicateurs");
  const sheet = await new IndicatorsPage(person.page).add({ name: "Démarches en ligne", unit: "%" });
  await sheet.record("2026", value);
  await sheet.measurements.getByRole("cell", { name: "2026", exact: true }).waitFor();
  return { id: ws.workspaceId(), sheet };
}

test("a live-sync link brings the document from the relay; the key is never in it", async () => {
  const town = await personOnRelay();
  const { id } = await createCommune(town, { name: "Lauris", code: "84065", population: 3900, value: "40" });
  const link = await shareLive(town, "Lauris");
  assert.match(link, /\/synchronisation#r1\.[A-Za-z0-9_-]+\.[1-9A-HJ-NP-Za-km-z]+$/);
  assert.ok(!link.includes(relay.key) && !link.includes(encodeURIComponent(relay.key)), "no key in the link");

  // Someone whose browser has no relay yet: the address is filled in, the key asked.
  const director = await env.newPerson();
  const sync = new SyncPage(director.page);
  await director.page.goto(link);
  await sync.waitForText(sync.error, "Saisissez la clé d'accès");
  assert.equal(await sync.address.inputValue(), relay.url);
  assert.deepEqual(await axeViolations(director.page), []);
  await sync.key.fill(relay.key);
  await director.page.getByTestId("relay-save").click();
  await director.page.getByTestId("notices").getByText("« Lauris » est arrivé du relais").waitFor();
  await director.page.goto(`/espace/${id}/indicateurs`);
  await director.page.getByRole("link", { name: "Démarches en ligne", exact: true }).waitFor();
  assert.deepEqual(director.errors, []);
  assert.deepEqual(town.errors, []);
});

test("a damaged link, another relay's link, an id the relay does not have: French message, nothing added", async () => {
  const person = await personOnRelay();
  const docs = new DocumentsPage(person.page);
  const countDocuments = async () => {
    await docs.openPage();
    return docs.table.locator("tbody tr").count();
  };
  const before = await countDocuments();

  await person.page.goto("/synchronisation#r1.@@@.abc");
  await person.sync.waitForText(person.sync.error, "abîmé");

  // A well-formed link to an id the relay has never seen.
  const address = Buffer.from(relay.url).toString("base64url");
  const unknownId = relayIdOf(randomUUID());
  await person.page.goto(`/synchronisation#r1.${address}.${unknownId}`);
  await person.page.getByTestId("notices").getByText("Le relais n'a pas ce document").waitFor();

  // A link to another relay: its address is proposed, ours is kept until saved.
  const other = Buffer.from("wss://autre-relais.exemple.fr").toString("base64url");
  await person.page.goto(`/synchronisation#r1.${other}.${unknownId}`);
  await person.sync.waitForText(person.sync.error, "wss://autre-relais.exemple.fr");
  assert.equal(await person.sync.address.inputValue(), "wss://autre-relais.exemple.fr");

  assert.equal(await countDocuments(), before, "nothing was added");
  assert.deepEqual(person.errors, []);
});

/** The relay id of a document id: bs58check of its 16 bytes, as automerge-repo writes it. */
function relayIdOf(uuid) {
  const bytes = Buffer.from(uuid.replace(/-/g, ""), "hex");
  const check = createHash("sha256").update(createHash("sha256").update(bytes).digest()).digest().subarray(0, 4);
  return base58(Buffer.concat([bytes, check]));
}

function base58(buffer) {
  const alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  let n = BigInt("0x" + buffer.toString("hex"));
  let out = "";
  while (n > 0n) {
    out = alphabet[Number(n % 58n)] + out;
    n /= 58n;
  }
  for (const byte of buffer) {
    if (byte !== 0) break;
    out = "1" + out;
  }
  return out;
}

test("the director follows every member commune in one action; the roll-up follows a new value live", async () => {
  const communes = [
    { name: "Lauris", code: "84065", population: 3900, value: "40" },
    { name: "Cucuron", code: "84042", population: 1900, value: "60" },
  ];
  const towns = [];
  const files = [];
  for (const commune of communes) {
    const town = await personOnRelay();
    town.commune = await createCommune(town, commune);
    await shareLive(town, commune.name);
    const docs = new DocumentsPage(town.page);
    await docs.openPage();
    files.push(await docs.fileOf(commune.name));
    towns.push(town);
  }
  // The director received their files earlier, and now follows them all at once.
  const director = await personOnRelay();
  for (const file of files) {
    const importer = new ImportPage(director.page);
    await importer.openPage();
    await importer.chooseFile("commune.gouvernail", file);
    await importer.accept();
  }
  await director.sync.openPage();
  await director.page.getByTestId("live-all").click();
  for (const { name } of communes) await director.sync.waitForText(director.sync.documentStatus(name), "synchronisé");
  await director.sync.waitForText(director.sync.headerStatus, "Synchronisation : synchronisé");

  await director.page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Vue intercommunale" }).click();
  const table = director.page.getByTestId("rollup-table");
  await table.filter({ hasText: /60\s%/ }).waitFor();

  // Cucuron records a new value: the director's roll-up shows it without reloading.
  const loads = [];
  director.page.on("load", () => loads.push(director.page.url()));
  await towns[1].page.goto(`/espace/${towns[1].commune.id}/indicateurs`);
  const sheet = await new IndicatorsPage(towns[1].page).open("Démarches en ligne");
  await sheet.record("2026", "85");
  await table.filter({ hasText: /85\s%/ }).waitFor();
  assert.deepEqual(loads, []);
  assert.deepEqual(director.errors, []);
});

const TITLE = "Feuille de route numérique 2027";
const TOWNS = [
  ["84065", "Lauris"],
  ["84042", "Cucuron"],
  ["84026", "Cadenet"],
];

const openRoadmap = (page) => new DocumentsPage(page).openRoadmap(TITLE);

test("a mentor and three towns converge live on a shared roadmap", async () => {
  const mentor = await personOnRelay();
  const docs = new DocumentsPage(mentor.page);
  await docs.openPage();
  const roadmap = await docs.createRoadmap(TITLE);
  await roadmap.addParticipant("84007", "Avignon", "Collectivité marraine (mentor)");
  for (const [code, name] of TOWNS) await roadmap.addParticipant(code, name);
  await roadmap.addAxis("Former les agents");
  await roadmap.addAction("Former les agents", "Nommer un référent numérique");
  const link = await shareLive(mentor, TITLE);
  await openRoadmap(mentor.page);

  const towns = [];
  for (const [, name] of TOWNS) {
    const town = await personOnRelay();
    await town.page.goto(link);
    await town.page.getByTestId("notices").getByText(`« ${TITLE} » est arrivé du relais`).waitFor();
    town.view = await openRoadmap(town.page);
    await town.view.speakFor(name);
    town.name = name;
    towns.push(town);
  }
  // All three update their column at about the same time.
  await Promise.all(towns.map((t, i) => t.view.setStatus(t.name, "Nommer un référent numérique", i === 2 ? "Bloquée" : "Terminée")));

  // The matrix as read: a town's own column is a select, read as its chosen option.
  const converged = async (page) =>
    page.waitForFunction(() => {
      const matrix = document.querySelector('[data-testid="roadmap-matrix"]');
      if (!matrix) return false;
      let text = matrix.textContent;
      for (const select of matrix.querySelectorAll("select")) {
        text = text.replace(select.textContent, select.selectedOptions[0]?.textContent ?? "");
      }
      const ok = (text.match(/Terminée/g) ?? []).length === 2 && (text.match(/Bloquée/g) ?? []).length === 1;
      // Without the select's own (visually hidden) label.
      return ok && text.replace(/Avancement de [^«]+« [^»]+ »/g, "").replace(/\s+/g, " ");
    }).then((handle) => handle.jsonValue());
  const expected = await converged(mentor.page);
  for (const town of towns) assert.equal(await converged(town.page), expected);
  for (const person of [mentor, ...towns]) assert.deepEqual(person.errors, []);
});
