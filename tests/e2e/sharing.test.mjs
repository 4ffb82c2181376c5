// Story 2 of DESIGN.md: a mentoring city keeps a roadmap shared with three
// towns; each town updates its status and sends back a file or a link; the
// mentor imports them in any order and everyone ends with the same roadmap.
// Also: the director's roll-up, every bad input, and a file edited by the
// JavaScript Automerge library merging back.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import * as Automerge from "@automerge/automerge";
import { startEnv } from "./support/env.mjs";
import { HomePage, CreateWorkspacePage, WorkspacePage } from "./pages/app.mjs";
import { IndicatorsPage } from "./pages/workspace.mjs";
import { DocumentsPage, ImportPage, RoadmapPage } from "./pages/sharing.mjs";

let env;
before(async () => {
  env = await startEnv();
});
after(async () => {
  await env?.close();
});

const TITLE = "Feuille de route numérique 2027";
const TOWNS = [
  ["84065", "Lauris"],
  ["84042", "Cucuron"],
  ["84026", "Cadenet"],
];

async function receive(page, file, { accept = true } = {}) {
  const importer = new ImportPage(page);
  await importer.openPage();
  await importer.chooseFile("recu.gouvernail", file);
  if (accept) await importer.accept();
  return importer;
}

async function openRoadmap(page) {
  const docs = new DocumentsPage(page);
  await docs.openPage();
  await docs.table.getByRole("link", { name: TITLE }).click();
  await page.getByTestId("roadmap").waitFor();
  return new RoadmapPage(page);
}

test("three towns and a mentor exchange roadmap files and links in different orders and converge", async () => {
  const mentor = await env.newPerson({ acceptDownloads: true });
  const docs = new DocumentsPage(mentor.page);
  await docs.openPage();
  const roadmap = await docs.createRoadmap(TITLE);
  await roadmap.addParticipant("84007", "Avignon", "Collectivité marraine (mentor)");
  for (const [code, name] of TOWNS) await roadmap.addParticipant(code, name);
  await roadmap.addAxis("Former les agents");
  await roadmap.addAction("Former les agents", "Nommer un référent numérique");
  await roadmap.addAction("Former les agents", "Former les secrétaires de mairie");
  await roadmap.waitUntilSaved();
  await docs.openPage();
  const shared = await docs.fileOf(TITLE);

  // Each town adopts the file, updates its own column, and sends it back.
  const replies = {};
  const towns = [];
  for (const [i, [code, name]] of TOWNS.entries()) {
    const town = await env.newPerson({ acceptDownloads: true });
    towns.push(town);
    const importer = await receive(town.page, shared, { accept: false });
    assert.match(await importer.confirmation().textContent(), new RegExp(`« ${TITLE} » — Feuille de route partagée`));
    await importer.accept();
    const view = await openRoadmap(town.page);
    await view.speakFor(name);
    await view.setStatus(name, "Nommer un référent numérique", i === 2 ? "Bloquée" : "Terminée");
    await view.setStatus(name, "Former les secrétaires de mairie", "En cours");
    const townDocs = new DocumentsPage(town.page);
    await townDocs.openPage();
    replies[name] = i === 1 ? { link: await townDocs.linkOf(TITLE) } : { file: await townDocs.fileOf(TITLE) };
    assert.deepEqual(town.errors, []);
  }
  assert.match(replies.Cucuron.link, /\/importer#g1\./);

  // The mentor merges in the order Cadenet (file), Lauris (file), Cucuron (link).
  const importer = new ImportPage(mentor.page);
  await importer.openPage();
  await importer.chooseFile("cadenet.gouvernail", replies.Cadenet.file);
  assert.match(await importer.lastNotice(), /fusionné : 2 modification\(s\) reçue\(s\) de Utilisateur anonyme \(2 statuts d'avancement\)/);
  await importer.clearNotices();
  await importer.chooseFile("lauris.gouvernail", replies.Lauris.file);
  assert.match(await importer.lastNotice(), /fusionné : 2 modification/);
  await importer.clearNotices();
  await mentor.page.goto(replies.Cucuron.link);
  assert.match(await importer.lastNotice(), /fusionné : 2 modification/);
  assert.equal(new URL(mentor.page.url()).hash, "", "the link's content leaves the address bar");
  // Importing the same file again changes nothing.
  await importer.openPage();
  await importer.chooseFile("cadenet.gouvernail", replies.Cadenet.file);
  assert.match(await importer.lastNotice(), /rien de nouveau/);

  const merged = await openRoadmap(mentor.page);
  const mentorMatrix = await merged.matrixText();
  for (const [, name] of TOWNS) assert.match(mentorMatrix, new RegExp(name));
  assert.equal((mentorMatrix.match(/Terminée/g) ?? []).length, 2);
  assert.equal((mentorMatrix.match(/Bloquée/g) ?? []).length, 1);
  assert.equal((mentorMatrix.match(/En cours/g) ?? []).length, 3);

  // The mentor shares the merged roadmap back; each town, whatever it had, sees the same.
  await docs.openPage();
  const back = await docs.fileOf(TITLE);
  for (const town of towns) {
    const importer = await receive(town.page, back, { accept: false });
    // Reading the file and merging are asynchronous: leaving the page before
    // the merge notice would drop the import.
    assert.match(await importer.lastNotice(), /fusionné/);
    const view = await openRoadmap(town.page);
    assert.equal(await view.matrixText(), mentorMatrix);
  }
  assert.deepEqual(mentor.errors, []);
});

test("the director imports three communes' workspaces and the roll-up shows them", async () => {
  const files = [];
  for (const [code, name, population, value] of [["84065", "Lauris", "3900", "40"], ["84042", "Cucuron", "1900", "55"], ["84026", "Cadenet", "4200", "70"]]) {
    const town = await env.newPerson({ acceptDownloads: true });
    const home = new HomePage(town.page);
    await home.open("/espace/nouveau");
    const create = new CreateWorkspacePage(town.page);
    await create.fill({ name, code, population, epciName: "CC Luberon", epciCode: "200040442", author: `Secrétaire de ${name}` });
    await create.submit();
    const ws = new WorkspacePage(town.page);
    await town.page.getByTestId("dashboard").waitFor();
    await ws.openSection("Indicateurs");
    const sheet = await new IndicatorsPage(town.page).add({ name: "Démarches en ligne", unit: "%" });
    await sheet.record("2026", value);
    await sheet.measurements.getByRole("cell", { name: "2026", exact: true }).waitFor();
    await ws.waitUntilSaved();
    const docs = new DocumentsPage(town.page);
    await docs.openPage();
    files.push(await docs.fileOf(name));
  }
  const director = await env.newPerson();
  for (const file of files) await receive(director.page, file);
  await director.page.goto("/intercommunalite");
  const table = director.page.getByTestId("rollup-table");
  await table.waitFor();
  for (const name of ["Lauris", "Cucuron", "Cadenet"]) await table.getByRole("link", { name }).waitFor();
  const text = (await table.textContent()).replace(/[\u202f\u00a0]/g, " ");
  assert.match(text, /Démarches en ligne/);
  assert.match(text, /55 %/);
  assert.match(text, /Moyenne.*55 %/s);
  await director.page.getByTestId("compare-select").selectOption({ label: "Lauris" });
  assert.match(await director.page.getByTestId("similar").textContent(), /Cadenet/);
  assert.deepEqual(director.errors, []);
});

test("every bad input is refused in French and changes nothing", async () => {
  const person = await env.newPerson({ acceptDownloads: true });
  const home = new HomePage(person.page);
  await home.open("/");
  await home.startDemo();
  const docs = new DocumentsPage(person.page);
  await docs.openPage();
  const count = await docs.table.locator("tbody tr").count();
  const good = await docs.fileOf("Les Granges (démonstration)");
  const importer = new ImportPage(person.page);
  await importer.openPage();
  const cases = [
    ["garbage", Buffer.from("ceci n'est pas un document"), /n'est pas un document Gouvernail lisible/],
    ["truncated", good.subarray(0, Math.floor(good.length / 2)), /n'est pas un document Gouvernail lisible/],
    ["empty", Buffer.alloc(0), /vide/],
    ["foreign", Buffer.from(Automerge.save(Automerge.from({ courses: ["lait"] }))), /ne provient pas de Gouvernail/],
    ["too large", Buffer.alloc(21 * 1024 * 1024, 1), /trop volumineux/],
  ];
  for (const [name, bytes, message] of cases) {
    await importer.clearNotices();
    await importer.chooseFile(`${name}.gouvernail`, bytes);
    assert.match(await importer.lastNotice(), message, name);
  }
  for (const [link, message] of [["http://127.0.0.1/importer#autre", /n'est pas un lien de partage/], ["#g1.@@@@", /abîmé/], ["#g1.AAAA", /n'est pas un document Gouvernail lisible/]]) {
    await importer.clearNotices();
    await importer.pasteLink(link);
    assert.match(await importer.lastNotice(), message, link);
  }
  await docs.openPage();
  assert.equal(await docs.table.locator("tbody tr").count(), count);
  assert.deepEqual(person.errors, []);
});

test("a file exported by Gouvernail is edited by @automerge/automerge in node and merges back", async () => {
  const person = await env.newPerson({ acceptDownloads: true });
  const home = new HomePage(person.page);
  await home.open("/espace/nouveau");
  const create = new CreateWorkspacePage(person.page);
  await create.fill({ name: "Lauris", author: "Marie" });
  await create.submit();
  const ws = new WorkspacePage(person.page);
  await person.page.getByTestId("dashboard").waitFor();
  await ws.openSection("Indicateurs");
  const sheet = await new IndicatorsPage(person.page).add({ name: "Satisfaction", unit: "/10" });
  await sheet.record("2026", "6,5");
  await sheet.measurements.getByRole("cell", { name: "2026", exact: true }).waitFor();
  await ws.waitUntilSaved();
  const docs = new DocumentsPage(person.page);
  await docs.openPage();
  const file = await docs.fileOf("Lauris");

  // Another implementation opens the plain Automerge document and edits it.
  let doc = Automerge.load(new Uint8Array(file));
  assert.equal(String(doc.meta.kind), "Workspace");
  const [indicatorId] = Object.keys(doc.indicators);
  // Schema 2: a measurement is its number; a comment sits apart, keyed "indicator/period".
  assert.equal(doc.measurements[indicatorId]["2026"], 6.5);
  doc = Automerge.change(doc, { message: JSON.stringify({ author: "Script JS", message: "Correction" }) }, (d) => {
    d.measurements[indicatorId]["2026"] = 8;
    d.measurements[indicatorId]["2025"] = 5.5;
    d.measurement_comments[`${indicatorId}/2025`] = "ajouté en JS";
  });
  const importer = new ImportPage(person.page);
  await importer.openPage();
  await importer.chooseFile("lauris.gouvernail", Automerge.save(doc));
  assert.match(await importer.lastNotice(), /fusionné : 1 modification\(s\) reçue\(s\) de Script JS/);
  await person.page.goto(`/espace/${doc.meta.id}/indicateurs/${indicatorId}`);
  await person.page.getByTestId("indicator-sheet").waitFor();
  await sheet.measurements.getByRole("cell", { name: "8/10", exact: true }).waitFor();
  await sheet.measurements.getByRole("cell", { name: "5,5/10", exact: true }).waitFor();
  // Who recorded each value is read from the change that wrote it.
  const row2025 = sheet.measurements.getByRole("row").filter({ hasText: "ajouté en JS" });
  assert.match(await row2025.innerText(), /Script JS/);
  const row2026 = sheet.measurements.getByRole("row").filter({ hasText: "8/10" });
  assert.match(await row2026.innerText(), /Script JS/);
  assert.deepEqual(person.errors, []);
});
