// The storage benchmark of issue 14, in headless Chromium against a release
// build (ours in dist/, or another one, e.g. the version before IndexedDB,
// to compare side by side):
//  1. the director's browser: a backup holding the demo EPCI, N realistic
//     communes (content::demo::realistic, about 50 KB of Automerge each),
//     10 shared roadmaps and 10 templates is restored through « Sauvegarde »,
//     as a director would; how many documents are stored, in what space;
//  2. reopening: a fresh tab on the home page (navigation → every document
//     listed) and on « Vue intercommunale » (navigation → every commune in
//     the roll-up);
//  3. a save after one edit of a realistic workspace: a value recorded on an
//     indicator, E times; bytes written to storage per save and time taken.
// Bytes written are observed from outside the app: IndexedDB values new or
// changed after the save (keys and values), or, for a build on
// localStorage, the characters passed to setItem. The save's time is the
// app's `gouvernail:save` User Timing measure (from reading what is stored
// to the commit); a localStorage build has none, its setItem time is shown.
// Prints a table and writes bench/results/storage[-<label>].json.
// Usage: node bench/storage.mjs [--dist dir] [--label name] [--communes 200] [--edits 20]
import { chromium } from "playwright-core";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer } from "../scripts/static-server.mjs";
import { CHROMIUM_ARGS, root } from "../tests/e2e/support/env.mjs";
import { storedDocuments } from "./stored.mjs";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const dist = arg("dist", join(root, "dist"));
const label = arg("label", "");
const communes = Number(arg("communes", 200));
const edits = Number(arg("edits", 20));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const max = (xs) => Math.max(...xs);

// The director's backup, generated natively once (about a second a commune).
const file = join(tmpdir(), `gouvernail-director-${communes}.json`);
if (!existsSync(file)) {
  const args = ["run", "--quiet", "--release", "--example", "synthetic_backup", "--", String(communes), file, "--realistic", "--roadmaps", "10", "--templates", "10"];
  execFileSync("cargo", args, { cwd: root, stdio: "inherit" });
}

const server = await startServer(dist, 0);
const baseURL = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS });
const context = await browser.newContext({ baseURL });
// Counts what a localStorage build writes (it has no save measure).
await context.addInitScript(() => {
  const setItem = Storage.prototype.setItem;
  window.__setItem = { chars: 0, ms: 0 };
  Storage.prototype.setItem = function (key, value) {
    const t0 = performance.now();
    try {
      return setItem.call(this, key, value);
    } finally {
      window.__setItem.ms += performance.now() - t0;
      window.__setItem.chars += String(key).length + String(value).length;
    }
  };
});
const page = await context.newPage();
const saveStatus = () => page.evaluate(() => document.querySelector('[data-testid="save-status"]')?.textContent ?? "");
const settled = () =>
  page.waitForFunction(
    () => {
      const text = document.querySelector('[data-testid="save-status"]')?.textContent ?? "";
      return text.includes("Enregistré dans ce navigateur") || text.includes("Non enregistré");
    },
    null,
    { timeout: 20 * 60_000 },
  );

// What the browser holds: how many documents, how many workspaces, in what space.
async function holdings() {
  const { storage, kinds } = await storedDocuments(page);
  const space = await page.evaluate(async () => ({
    localChars: Object.keys(localStorage).reduce((n, k) => n + k.length + localStorage.getItem(k).length, 0),
    indexedDB: (await navigator.storage.estimate()).usageDetails?.indexedDB ?? 0,
  }));
  return { storage, documents: kinds.length, workspaces: kinds.filter((k) => k === "Workspace").length, ...space };
}

// 1. The director restores the backup.
await page.goto("/sauvegarde");
await page.getByTestId("restore-backup").waitFor();
const t0 = Date.now();
await page.getByTestId("restore-backup").setInputFiles(file);
await page.getByTestId("notices").getByText(/restaur/i).first().waitFor({ timeout: 20 * 60_000 });
await settled();
const restoreMs = Date.now() - t0;
const restoredStatus = await saveStatus();
const held = await holdings();
await page.evaluate(async () => {
  await navigator.serviceWorker.ready;
});

// 2. Reopening, in a fresh tab, from the offline cache.
await context.setOffline(true);
async function reopen(path, selector, count) {
  const tab = await context.newPage();
  await tab.addInitScript(
    ({ selector, count }) => {
      new MutationObserver((_, obs) => {
        if (document.querySelectorAll(selector).length >= count) {
          window.__ready = performance.now();
          obs.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    },
    { selector, count },
  );
  await tab.goto(path);
  await tab.waitForFunction(() => window.__ready > 0, null, { timeout: 5 * 60_000 });
  const ms = await tab.evaluate(() => window.__ready);
  await tab.close();
  return Math.round(ms);
}
// Every workspace stored listed; every commune stored (all but the EPCI) in the roll-up.
const reopenHome = await reopen("/", '[data-testid="workspace-list"] li', held.workspaces);
const reopenRollup = await reopen("/intercommunalite", '[data-testid="rollup-table"] tbody tr', held.workspaces - 1);
await context.setOffline(false);

// 3. Saves after one edit of a realistic workspace.
const id = await page.evaluate(async () => {
  const link = [...document.querySelectorAll('a[href^="/espace/"]')].find((a) => a.textContent.includes("Commune réaliste"));
  return link?.getAttribute("href")?.split("/")[2];
});
const target = id ?? (await (async () => {
  await page.goto("/");
  const href = await page.getByRole("link", { name: /Commune réaliste/ }).first().getAttribute("href");
  return href.split("/")[2];
})());
await page.goto(`/espace/${target}/indicateurs`);
await page.getByTestId("indicator-table").getByRole("link").first().click();
await page.getByTestId("indicator-sheet").waitFor();
// IndexedDB content of the document, (store, key) → size.
const snapshotOf = (doc) =>
  page.evaluate(async (doc) => {
    if (!(await indexedDB.databases()).some((d) => d.name === "gouvernail")) return null;
    const db = await new Promise((ok, ko) => {
      const r = indexedDB.open("gouvernail");
      r.onsuccess = () => ok(r.result);
      r.onerror = () => ko(r.error);
    });
    const out = {};
    for (const name of ["chunks", "documents", "views"]) {
      const store = db.transaction(name).objectStore(name);
      const range = IDBKeyRange.bound([doc], [doc, []]);
      const keys = await new Promise((ok) => (store.getAllKeys(name === "chunks" ? range : doc).onsuccess = (e) => ok(e.target.result)));
      const values = await new Promise((ok) => (store.getAll(name === "chunks" ? range : doc).onsuccess = (e) => ok(e.target.result)));
      keys.forEach((k, i) => {
        out[`${name}/${JSON.stringify(k)}`] = { size: JSON.stringify(k).length + values[i].byteLength, sum: values[i].reduce((a, b) => (a + b) % 1000003, 0) };
      });
    }
    db.close();
    return out;
  }, doc);
const saves = [];
for (let i = 0; i < edits; i++) {
  const before = await snapshotOf(target);
  await page.evaluate(() => {
    window.__setItem.chars = 0;
    window.__setItem.ms = 0;
    performance.clearMeasures("gouvernail:save");
  });
  const form = page.getByTestId("quick-entry");
  await form.getByLabel("Période").fill(`2030-${String((i % 12) + 1).padStart(2, "0")}`);
  await form.getByLabel("Valeur").fill(String(100 + i));
  await page.getByTestId("entry-submit").click();
  await page.waitForFunction(() => document.querySelector('[data-testid="save-status"]')?.textContent.includes("Enregistrement"), null, { timeout: 5_000 }).catch(() => {});
  await settled();
  const after = await snapshotOf(target);
  const measured = await page.evaluate(() => ({
    ms: performance.getEntriesByName("gouvernail:save").map((m) => m.duration),
    setItem: window.__setItem,
  }));
  let bytes;
  if (before && after) {
    bytes = Object.entries(after).reduce((n, [k, v]) => (before[k] && before[k].sum === v.sum && before[k].size === v.size ? n : n + v.size), 0);
  } else {
    bytes = measured.setItem.chars;
  }
  saves.push({ bytes, ms: measured.ms.length ? measured.ms.reduce((a, b) => a + b, 0) : measured.setItem.ms, setItemMs: measured.setItem.ms });
}
await browser.close();
server.close();

const result = {
  label,
  dist,
  communes,
  storage: held.storage,
  restore: {
    documents_in_backup: communes + 1 + 10 + 10,
    documents_stored: held.documents,
    workspaces_stored: held.workspaces,
    status_after: restoredStatus.trim(),
    ms: restoreMs,
  },
  space: { indexeddb_bytes: held.indexedDB, localstorage_chars: held.localChars },
  reopen_offline_ms: { home_list: reopenHome, rollup: reopenRollup },
  save_after_one_edit: {
    edits,
    bytes_median: median(saves.map((s) => s.bytes)),
    bytes_max: max(saves.map((s) => s.bytes)),
    ms_median: Math.round(median(saves.map((s) => s.ms)) * 100) / 100,
    ms_max: Math.round(max(saves.map((s) => s.ms)) * 100) / 100,
    timed: held.storage === "IndexedDB" ? "gouvernail:save measure (check of the stored chunks and write, one transaction, to the commit)" : "localStorage.setItem calls only",
    each: saves,
  },
  chromium: execFileSync("/usr/bin/chromium", ["--version"], { stdio: ["ignore", "pipe", "ignore"] }).toString().trim(),
  date: new Date().toISOString(),
};
mkdirSync(join(root, "bench", "results"), { recursive: true });
const out = join(root, "bench", "results", label ? `storage-${label}.json` : "storage.json");
writeFileSync(out, JSON.stringify(result, null, 2) + "\n");
console.log(`${label || dist}: ${result.storage}`);
console.log(`  restore of ${result.restore.documents_in_backup} documents: ${result.restore.documents_stored} stored (« ${result.restore.status_after} »), ${result.restore.ms} ms`);
console.log(`  space: IndexedDB ${result.space.indexeddb_bytes} B, localStorage ${result.space.localstorage_chars} characters`);
console.log(`  reopen from the offline cache: home list of ${held.workspaces} workspaces ${reopenHome} ms, roll-up of ${held.workspaces - 1} communes ${reopenRollup} ms`);
const s = result.save_after_one_edit;
console.log(`  save after one edit (${edits}): bytes median ${s.bytes_median}, max ${s.bytes_max}; ms median ${s.ms_median}, max ${s.ms_max} (${s.timed})`);
console.log(`  written to ${out}`);
