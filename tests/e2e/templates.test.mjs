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
  assert.match(text, /Satisfaction des usagers — Cible : « 8 » → « 8,5 »/);
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

async function openStarter(page, title) {
  await page.goto("/modeles");
  await page.getByTestId("template-list").getByRole("link", { name: title }).click();
  await page.getByTestId("template-sheet").waitFor();
}

test("a town adopts texts and a maturity questionnaire, adapts a text, keeps it through an update, and starts a roadmap from the skeleton", async () => {
  const person = await env.newPerson();
  await new HomePage(person.page).open("/espace/nouveau");
  const create = new CreateWorkspacePage(person.page);
  await create.fill({ name: "Lauris", author: "Marie" });
  await create.submit();
  await person.page.getByTestId("dashboard").waitFor();
  const workspaceId = new WorkspacePage(person.page).workspaceId();
  await person.page.goto("/modeles");
  await person.page.getByTestId("add-starters").click();
  await person.page.getByTestId("template-list").getByRole("link", { name: "Textes types de la gouvernance numérique" }).waitFor();

  // Adopt the texts: they show rendered in the workspace's « Textes ».
  await openStarter(person.page, "Textes types de la gouvernance numérique");
  await person.page.getByTestId("adopt").click();
  await person.page.getByTestId("adopted").getByRole("link", { name: "Voir dans l'espace" }).click();
  await person.page.getByTestId("texts").waitFor();
  assert.equal(await person.page.getByTestId("text-sheet").count(), 3);
  const charter = person.page.getByTestId("text-sheet").filter({ has: person.page.getByRole("heading", { name: "Charte de gouvernance", exact: true }) });
  await charter.getByRole("heading", { name: "Charte de gouvernance du numérique" }).waitFor();
  assert.match(await charter.textContent(), /Issu du modèle « Textes types de la gouvernance numérique », version 1/);
  assert.deepEqual(await axeViolations(person.page), []);

  // The town adapts its charter.
  await charter.getByTestId("edit-text-open").click();
  await charter.getByTestId("edit-text-body").fill("# Charte de Lauris\n\nLe conseil municipal **valide** la feuille de route.");
  await charter.getByRole("button", { name: "Enregistrer" }).click();
  await person.page.getByRole("heading", { name: "Charte de Lauris" }).waitFor();

  // The author revises the charter and the job description, publishes v2.
  await openStarter(person.page, "Textes types de la gouvernance numérique");
  const edit = person.page.getByTestId("template-edit-text");
  await edit.getByLabel("Texte à réviser").selectOption({ label: "Charte de gouvernance" });
  await person.page.getByTestId("template-text-body").fill("# Charte v2\n\nRévisée par l'auteur.");
  await edit.getByRole("button", { name: "Enregistrer le texte" }).click();
  await person.page.getByRole("heading", { name: "Charte v2" }).waitFor();
  await person.page.getByTestId("template-edit-text").getByLabel("Texte à réviser").selectOption({ label: "Fiche de poste du directeur mutualisé" });
  await person.page.getByTestId("template-text-body").fill("# Fiche de poste v2\n\nUn mi-temps par commune.");
  await person.page.getByTestId("template-edit-text").getByRole("button", { name: "Enregistrer le texte" }).click();
  await person.page.getByRole("heading", { name: "Fiche de poste v2" }).waitFor();
  await person.page.getByTestId("version-note").fill("Textes révisés");
  await person.page.getByTestId("publish").click();
  await person.page.getByTestId("update-available").waitFor();

  // The update: the charter is a conflict (kept by default), the job description arrives.
  const conflict = person.page.getByTestId("update-preview").getByTestId("conflict");
  assert.equal(await conflict.count(), 1);
  assert.match(await conflict.textContent(), /Texte : modifié des deux côtés/);
  await person.page.getByTestId("apply-template-update").click();
  await person.page.getByTestId("adopted").getByRole("link", { name: "Voir dans l'espace" }).click();
  await person.page.getByRole("heading", { name: "Charte de Lauris" }).waitFor();
  await person.page.getByRole("heading", { name: "Fiche de poste v2" }).waitFor();

  // The questionnaire: the maturity screen asks the adopted questions.
  await openStarter(person.page, "Questionnaire de maturité de l'organisation");
  await person.page.getByTestId("adopt").click();
  await person.page.getByTestId("adopted").getByRole("link", { name: "Voir dans l'espace" }).click();
  await person.page.getByTestId("maturity").waitFor();
  assert.match(await person.page.getByTestId("questionnaire-source").textContent(), /Questionnaire de maturité de l'organisation/);
  await person.page.getByTestId("maturity-form").locator("fieldset").first().getByLabel("Exemplaire").check();
  assert.equal(await person.page.getByTestId("maturity-score").textContent(), "Score : 20 / 100");
  assert.deepEqual(await axeViolations(person.page), []);

  // The skeleton becomes a shared roadmap.
  await openStarter(person.page, "Trame de feuille de route : les trois conditions");
  await person.page.getByTestId("roadmap-from-skeleton").click();
  await person.page.getByTestId("roadmap").waitFor();
  await person.page.getByText("Former les agents au numérique").first().waitFor();
  assert.ok(person.page.url().includes("/feuille-de-route/"));
  assert.ok(workspaceId);
  assert.deepEqual(person.errors, []);
});
