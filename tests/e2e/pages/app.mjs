// Page objects: what a person sees and does, by accessible names and test ids.

/** The frame common to every page: header, main navigation, notices. */
export class AppShell {
  constructor(page) {
    this.page = page;
    this.nav = page.getByRole("navigation", { name: "Navigation principale" });
    this.heading = page.getByRole("heading", { level: 1 });
    this.notices = page.getByTestId("notices");
    this.saveStatus = page.getByTestId("save-status");
  }

  async open(path = "/") {
    await this.page.goto(path);
    await this.heading.first().waitFor();
  }

  async navigateTo(linkName) {
    await this.nav.getByRole("link", { name: linkName, exact: true }).click();
    await this.heading.first().waitFor();
  }

  async title() {
    return (await this.heading.first().textContent()).trim();
  }

  /** Waits until every edit is written to storage. */
  async waitUntilSaved() {
    await this.page.waitForFunction(() => document.querySelector('[data-testid="save-status"]')?.textContent.includes("Enregistré dans ce navigateur"));
  }
}

export class HomePage extends AppShell {
  constructor(page) {
    super(page);
    this.createButton = page.getByTestId("home-create");
    this.demoButton = page.getByTestId("home-demo");
    this.workspaceList = page.getByTestId("workspace-list");
  }

  async startDemo() {
    await this.demoButton.click();
    await this.page.getByTestId("dashboard").waitFor();
  }

  async startCreating() {
    await this.createButton.click();
    await this.page.getByTestId("create-form").waitFor();
  }
}

export class CreateWorkspacePage extends AppShell {
  constructor(page) {
    super(page);
    this.form = page.getByTestId("create-form");
    this.error = page.getByTestId("form-error");
  }

  async fill({ name, kind, code, population, epciName, epciCode, author }) {
    const f = this.form;
    if (name !== undefined) await f.getByLabel("Nom de la collectivité").fill(name);
    if (kind !== undefined) await f.getByLabel("Type de collectivité").selectOption({ label: kind });
    if (code !== undefined) await f.getByLabel("Code INSEE (commune) ou SIREN (EPCI)").fill(code);
    if (population !== undefined) await f.getByLabel("Population").fill(String(population));
    if (epciName !== undefined) await f.getByLabel("Intercommunalité (EPCI) de rattachement").fill(epciName);
    if (epciCode !== undefined) await f.getByLabel("SIREN de l'EPCI").fill(epciCode);
    if (author !== undefined) await f.getByLabel("Votre nom").fill(author);
  }

  async submit() {
    await this.page.getByTestId("create-submit").click();
  }
}

/** Any screen of a workspace: the section navigation. */
export class WorkspacePage extends AppShell {
  constructor(page) {
    super(page);
    this.sections = page.getByRole("navigation", { name: "Rubriques de l'espace" });
    this.name = page.getByTestId("workspace-name");
    this.demoBanner = page.getByTestId("demo-banner");
  }

  async openSection(name) {
    await this.sections.getByRole("link", { name, exact: true }).click();
    await this.heading.first().waitFor();
  }

  /** The id in /espace/<id>/… */
  workspaceId() {
    return new URL(this.page.url()).pathname.split("/")[2];
  }
}
