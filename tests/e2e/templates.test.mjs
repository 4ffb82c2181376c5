// Story 3 of DESIGN.md: the director publishes a template; a town adopts and
// adapts it; the director improves it; the town pulls the update — the
// director's changes arrive where the town did not edit, the town's edits
// stay, and a true conflict is shown for the town to choose. Files and links.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startEnv, axeViolations } from "./support/env.mjs";
import { HomePage, CreateWorkspacePage, WorkspacePage } from "./pages/app.mjs";
import { IndicatorsPage } from "./pages/workspace.mjs";
import { DocumentsPage, ImportPage } from "./pages/sharing.mjs";

let env;
before(async () => {
  env = await startEnv();
});
after(async () => {
  await env?.close();
});

const TEMPLATE = "Indicateurs de la transformation numérique";

async function openTemplate(page) {
  await page.goto("/modeles");
  await page.getByTestId("template-list").getByRole("link", { name: TEMPLATE }).click();
  await page.getByTestId("template-sheet").waitFor();
}

async function setTarget(page, indicator, value) {
  await new WorkspacePage(page).openSection("Indicateurs");
  const sheet = await new IndicatorsPage(page).open(indicator);
  await page.getByTestId("indicator-target").fill(value);
  await page.getByTestId("indicator-save").click();
  await page.getByText("Définition enregistrée.").waitFor();
  await sheet.waitUntilSaved();
}

test("a town adopts the director's template, adapts it, and pulls the update without losing its edits", async () => {
  const director = await env.newPerson({ acceptDownloads: true });
  await director.page.goto("/modeles");
  await director.page.getByTestId("add-starters").click();
  await director.page.getByTestId("template-list").getByRole("link", { name: TEMPLATE }).waitFor();
  await openTemplate(director.page);
  assert.match(await director.page.getByTestId("template-version").textContent(), /version 1/);
  assert.deepEqual(await axeViolations(director.page), []);
  const docs = new DocumentsPage(director.page);
  await docs.openPage();
  const v1 = await docs.fileOf(TEMPLATE);

  // The town creates its workspace, receives the file, adopts.
  const town = await env.newPerson({ acceptDownloads: true });
  await new HomePage(town.page).open("/espace/nouveau");
  const create = new CreateWorkspacePage(town.page);
  await create.fill({ name: "Lauris", author: "Marie" });
  await create.submit();
  await town.page.getByTestId("dashboard").waitFor();
  const importer = new ImportPage(town.page);
  await importer.openPage();
  await importer.chooseFile("modele.gouvernail", v1);
  assert.match(await importer.confirmation().textContent(), /Modèle/);
  await importer.accept();
  await openTemplate(town.page);
  await town.page.getByTestId("adopt").click();
  await town.page.getByTestId("adopted").waitFor();

  // The town adapts: its own RGAA target.
  await town.page.goto("/");
  await town.page.getByTestId("workspace-list").getByRole("link", { name: "Lauris" }).click();
  await town.page.getByTestId("dashboard").waitFor();
  await setTarget(town.page, "Taux de conformité RGAA", "60");

  // The director improves the template: two targets, one new indicator, v2.
  await openTemplate(director.page);
  for (const [name, value] of [["Taux de conformité RGAA", "80"], ["Satisfaction des usagers", "8,5"]]) {
    await director.page.getByTestId("template-edit-target").getByLabel("Indicateur").selectOption({ label: name });
    await director.page.getByTestId("template-target").fill(value);
    await director.page.getByTestId("template-edit-target").getByRole("button", { name: "Modifier la cible" }).click();
    await director.page.waitForFunction((v) => document.querySelector('[data-testid="template-indicators"]')?.textContent.includes(v), value);
  }
  await director.page.getByTestId("template-new-indicator").fill("Tiers-lieux numériques");
  await director.page.getByTestId("template-add-indicator").getByRole("button", { name: "Ajouter" }).click();
  await director.page.getByTestId("template-indicators").getByText("Tiers-lieux numériques").waitFor();
  await director.page.getByTestId("version-note").fill("Cibles revues, un indicateur ajouté");
  await director.page.getByTestId("publish").click();
  await director.page.waitForFunction(() => document.querySelector('[data-testid="template-version"]')?.textContent.includes("version 2"));
  await docs.openPage();
  const link = await docs.linkOf(TEMPLATE);

  // The town opens the link: « mise à jour disponible », previewed item by item.
  await town.page.goto(link);
  assert.match(await importer.lastNotice(), /fusionné/);
  await openTemplate(town.page);
  assert.match(await town.page.getByTestId("update-available").textContent(), /version 1 → 2/);
  const preview = town.page.getByTestId("update-preview");
  const text = (await preview.textContent()).replace(/[\u202f\u00a0]/g, " ");
  assert.match(text, /Tiers-lieux numériques — Nouvel élément/);
  assert.match(text, /Satisfaction des usagers — target : « 8 » → « 8,5 »/);
  const conflict = preview.getByTestId("conflict");
  assert.equal(await conflict.count(), 1);
  assert.match(await conflict.textContent(), /Garder ma valeur : « 60 ».*Prendre celle du modèle : « 80 »/s);
  assert.deepEqual(await axeViolations(town.page), []);
  await town.page.getByTestId("apply-template-update").click();
  await town.page.getByTestId("adopted").waitFor();

  // Result: the director's changes where the town did not edit; the town's edit stays.
  await town.page.goto("/");
  await town.page.getByTestId("workspace-list").getByRole("link", { name: "Lauris" }).click();
  await new WorkspacePage(town.page).openSection("Indicateurs");
  const indicators = new IndicatorsPage(town.page);
  await indicators.open("Taux de conformité RGAA");
  assert.equal(await town.page.getByTestId("indicator-target").inputValue(), "60");
  await new WorkspacePage(town.page).openSection("Indicateurs");
  await indicators.open("Satisfaction des usagers");
  assert.equal(await town.page.getByTestId("indicator-target").inputValue(), "8,5");
  await new WorkspacePage(town.page).openSection("Indicateurs");
  await indicators.table.getByRole("link", { name: "Tiers-lieux numériques" }).waitFor();
  assert.deepEqual(director.errors, []);
  assert.deepEqual(town.errors, []);
});

test("template texts are rendered as text, never as HTML", async () => {
  const person = await env.newPerson();
  await person.page.goto("/modeles");
  await person.page.getByTestId("add-starters").click();
  await person.page.getByTestId("template-list").getByRole("link", { name: "Textes types de la gouvernance numérique" }).click();
  await person.page.getByRole("heading", { name: "Charte de gouvernance du numérique" }).waitFor();
  await person.page.getByText("transversale").first().waitFor();
  assert.deepEqual(await axeViolations(person.page), []);
  assert.deepEqual(person.errors, []);
});
