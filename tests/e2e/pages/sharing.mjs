// Page objects for sharing: documents, import, shared roadmap, roll-up.
import { readFile } from "node:fs/promises";
import { AppShell } from "./app.mjs";

export class DocumentsPage extends AppShell {
  constructor(page) {
    super(page);
    this.table = page.getByTestId("document-table");
  }

  async openPage() {
    await this.open("/documents");
    await this.page.getByTestId("documents").waitFor();
  }

  async createRoadmap(title) {
    await this.page.getByTestId("roadmap-title").fill(title);
    await this.page.getByTestId("new-roadmap").getByRole("button", { name: "Créer" }).click();
    await this.page.getByTestId("roadmap").waitFor();
    return new RoadmapPage(this.page);
  }

  /** Downloads a document's .gouvernail file and returns its bytes. */
  async fileOf(title) {
    const [download] = await Promise.all([
      this.page.waitForEvent("download"),
      this.table.getByRole("button", { name: `Fichier de ${title}` }).click(),
    ]);
    return readFile(await download.path());
  }

  async linkOf(title) {
    await this.table.getByRole("button", { name: `Lien de ${title}` }).click();
    return this.page.getByTestId("share-link").inputValue();
  }

  /** Opens a shared roadmap from the list. */
  async openRoadmap(title) {
    await this.openPage();
    await this.table.getByRole("link", { name: title }).click();
    await this.page.getByTestId("roadmap").waitFor();
    return new RoadmapPage(this.page);
  }

  async open_(title) {
    await this.table.getByRole("link", { name: title }).click();
  }
}

export class ImportPage extends AppShell {
  async openPage() {
    await this.open("/importer");
    await this.page.getByTestId("import").waitFor();
  }

  async chooseFile(name, buffer) {
    await this.page.getByTestId("import-file").setInputFiles({ name, mimeType: "application/octet-stream", buffer: Buffer.from(buffer) });
  }

  async pasteLink(url) {
    await this.page.getByTestId("import-link").fill(url);
    await this.page.getByTestId("import-link-submit").click();
  }

  confirmation() {
    return this.page.getByTestId("import-confirm");
  }

  async accept() {
    await this.page.getByTestId("import-accept").click();
    await this.confirmation().waitFor({ state: "detached" });
  }

  /** The last notice shown (success or error). */
  async lastNotice() {
    const notice = this.page.getByTestId("notices").locator(".notice").last();
    await notice.waitFor();
    return (await notice.textContent()).trim();
  }

  async clearNotices() {
    for (const b of await this.page.getByTestId("notices").getByRole("button", { name: /Fermer/ }).all()) await b.click();
  }
}

export class RoadmapPage extends AppShell {
  async addParticipant(code, name, role) {
    const form = this.page.getByTestId("add-participant");
    await form.getByLabel("Code INSEE ou SIREN").fill(code);
    await form.getByLabel("Nom", { exact: true }).fill(name);
    if (role) await form.getByLabel("Rôle").selectOption({ label: role });
    await form.getByRole("button", { name: "Ajouter le participant" }).click();
    await this.page.getByTestId("participants").getByText(`${name} (${code})`).waitFor();
  }

  async addAxis(title) {
    await this.page.getByTestId("roadmap-axis-title").fill(title);
    await this.page.getByTestId("add-roadmap-axis").getByRole("button", { name: "Ajouter l'axe" }).click();
    await this.page.getByRole("heading", { name: title }).waitFor();
  }

  async addAction(axisTitle, title) {
    await this.page.getByLabel(`Nouvelle action pour « ${axisTitle} »`).fill(title);
    await this.page.getByLabel(`Nouvelle action pour « ${axisTitle} »`).press("Enter");
    await this.page.getByRole("rowheader", { name: title }).waitFor();
  }

  async speakFor(name) {
    await this.page.getByTestId("roadmap-me").selectOption({ label: name });
  }

  async setStatus(participant, action, label) {
    await this.page.getByLabel(`Avancement de ${participant} pour « ${action} »`).selectOption({ label });
    await this.waitUntilSaved();
  }

  /** The whole matrix as text, to compare replicas. */
  async matrixText() {
    return (await this.page.getByTestId("roadmap-matrix").allTextContents()).join("\n");
  }
}
