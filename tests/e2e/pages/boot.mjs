// Page objects for what comes before and around the app: the loading screen
// of index.html (driven by loader/boot.js), and the notice a screen shows
// when its module could not be loaded (src/ui/lazy.rs).

/** The loading screen shown until the app runs. */
export class LoadingScreen {
  constructor(page) {
    this.page = page;
    this.root = page.locator("#boot");
    this.name = this.root.getByText("Gouvernail", { exact: true });
    this.status = page.locator("#boot-status");
    this.progress = page.getByRole("progressbar");
    this.failure = page.locator("#boot-failure");
    this.alert = this.failure.getByRole("alert");
    this.retry = page.getByRole("button", { name: "Réessayer" });
  }

  /** Waits until the boot script shows the download under way. */
  async waitForDownload() {
    await this.progress.waitFor();
  }

  /** Waits until the app has replaced the loading screen. */
  async waitUntilReplaced() {
    await this.root.waitFor({ state: "detached" });
  }
}

/** What a screen shows when its module did not arrive. */
export class ModuleUnavailable {
  constructor(page) {
    this.root = page.getByTestId("module-unavailable");
    this.heading = this.root.getByRole("heading", { level: 1 });
    this.alert = this.root.getByRole("alert");
    this.retry = this.root.getByRole("button", { name: "Réessayer" });
  }
}
