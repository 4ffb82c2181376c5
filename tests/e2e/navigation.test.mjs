// The app shell: navigation, deep routes surviving a reload, not-found,
// no console error, and zero axe violations on every page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { startEnv, axeViolations, artifacts } from "./support/env.mjs";
import { AppShell, HomePage } from "./pages/app.mjs";

let env;
before(async () => {
  env = await startEnv();
});
after(async () => {
  await env?.close();
});

test("a person navigates between pages with the main navigation", async () => {
  const { page, errors } = await env.newPerson();
  const home = new HomePage(page);
  await home.open("/");
  assert.match(await home.title(), /Pilotez la transformation numérique/);
  assert.equal(await page.title(), "Accueil — Gouvernail");
  await home.navigateTo("À propos");
  assert.equal(await home.title(), "À propos de Gouvernail");
  assert.equal(new URL(page.url()).pathname, "/a-propos");
  assert.equal(await home.nav.getByRole("link", { name: "À propos" }).getAttribute("aria-current"), "page");
  await home.navigateTo("Sauvegarde");
  assert.equal(await home.title(), "Sauvegarde");
  await home.navigateTo("Accueil");
  await home.createButton.waitFor();
  assert.deepEqual(errors, []);
});

test("reloading a deep route shows the same page", async () => {
  const { page, errors } = await env.newPerson();
  const shell = new AppShell(page);
  await shell.open("/a-propos");
  await page.reload();
  await shell.heading.first().waitFor();
  assert.equal(await shell.title(), "À propos de Gouvernail");
  assert.deepEqual(errors, []);
});

test("an unknown address shows a not-found page with a way home", async () => {
  const { page, errors } = await env.newPerson();
  const shell = new AppShell(page);
  await shell.open("/nulle-part/ici");
  await page.getByTestId("not-found").waitFor();
  assert.equal(await shell.title(), "Page introuvable");
  await page.getByRole("link", { name: "Revenir à l'accueil" }).click();
  await page.getByTestId("home-create").waitFor();
  assert.deepEqual(errors, []);
});

test("the skip link moves focus to the main content", async () => {
  const { page } = await env.newPerson();
  await new AppShell(page).open("/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Aller au contenu" });
  assert.equal(await skip.evaluate((el) => el === document.activeElement), true);
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => location.hash === "#contenu");
});

test("every page has zero accessibility violations (axe, WCAG 2.1 AA) and no console error", async () => {
  const { page, errors } = await env.newPerson();
  const shell = new AppShell(page);
  for (const path of ["/", "/a-propos", "/sauvegarde", "/espace/nouveau", "/page-inconnue"]) {
    await shell.open(path);
    assert.deepEqual(await axeViolations(page), [], `axe violations on ${path}`);
  }
  assert.deepEqual(errors, []);
});

test("the home page is captured as a screenshot", async () => {
  const { page } = await env.newPerson({ viewport: { width: 1280, height: 900 } });
  await new HomePage(page).open("/");
  await page.screenshot({ path: join(artifacts, "home.png"), fullPage: true });
});
