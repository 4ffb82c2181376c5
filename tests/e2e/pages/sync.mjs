// Page object for « Synchronisation en direct »: the relay's address and
// key, the connection's state, live sync per document and its status.
import { AppShell } from "./app.mjs";

export class SyncPage extends AppShell {
  constructor(page) {
    super(page);
    this.address = page.getByLabel("Adresse du relais");
    this.key = page.getByLabel("Clé d'accès");
    this.error = page.getByTestId("relay-error");
    this.connection = page.getByTestId("relay-connection");
    this.documents = page.getByTestId("live-documents");
    this.headerStatus = page.getByTestId("live-sync-status");
    // What a screen reader hears of it: a polite live region.
    this.announcement = page.getByRole("status").and(page.getByTestId("live-sync-announcement"));
  }

  /**
   * From now on, records each text the header's line shows and each text its
   * live region says, as they change; `statusChanges()` reads them.
   */
  async recordStatusChanges() {
    await this.page.evaluate(() => {
      const changes = (window.statusChanges = { shown: [], spoken: [], lastShownAt: performance.now() });
      const watch = (testId, onChange) => {
        const element = document.querySelector(`[data-testid="${testId}"]`);
        new MutationObserver(() => onChange(element.textContent.trim())).observe(element, {
          childList: true,
          subtree: true,
          characterData: true,
        });
      };
      watch("live-sync-status", (text) => {
        changes.shown.push(text);
        changes.lastShownAt = performance.now();
      });
      watch("live-sync-announcement", (text) => changes.spoken.push(text));
    });
  }

  /** The recorded changes, once the header's line has held for `heldMs`. */
  async statusChanges(heldMs) {
    await this.page.waitForFunction((ms) => performance.now() - window.statusChanges.lastShownAt > ms, heldMs);
    return this.page.evaluate(() => window.statusChanges);
  }

  async openPage() {
    await this.open("/synchronisation");
  }

  async setRelay(address, key) {
    await this.address.fill(address);
    await this.key.fill(key);
    await this.page.getByTestId("relay-save").click();
  }

  async forgetRelay() {
    await this.page.getByTestId("relay-forget").click();
  }

  /** Turns live sync on (or off) for a document, by its title. */
  async setLive(title, on = true) {
    await this.page.getByLabel(`Synchroniser en direct « ${title} »`).setChecked(on);
  }

  documentStatus(title) {
    return this.page.getByTestId("live-document").filter({ hasText: `« ${title} »` }).getByTestId("live-document-status");
  }

  /** Waits until an element's text contains `text` (a real condition, no sleep). */
  async waitForText(locator, text) {
    await locator.filter({ hasText: text }).waitFor();
  }
}
