// Live sync in the browser (issue 15), headless Chromium against the release
// build in dist/ and the real relay (relay/relay.mjs on loopback):
//  1. one edit reaching another browser: two browsers follow one workspace;
//     A records a measurement (its comment is unique), B shows it. Time from
//     A's submit (Date.now() in A's page) to the moment B's page shows it
//     (Date.now() in B's MutationObserver): the whole path, A's command,
//     A's sync message, the relay, B's merge and B's re-render. E edits.
//  2. the director following N realistic communes (content::demo::realistic,
//     about 50 KB of Automerge each, the storage benchmark's generator):
//     a town-hall browser holding them turns live sync on for all in one
//     action (« push »: until the relay has every one); then the director's
//     browser, holding the same communes from an earlier backup, does the
//     same (« follow »: until all are in sync). Time from the click to the
//     header saying « synchronisé ».
// Prints a table and writes bench/results/live-sync.json.
// Usage: node bench/live-sync.mjs [--communes 50] [--edits 20]
import { chromium } from "playwright-core";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer } from "../scripts/static-server.mjs";
import { CHROMIUM_ARGS, root } from "../tests/e2e/support/env.mjs";
import { startRelay } from "../tests/e2e/support/relay.mjs";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const communes = Number(arg("communes", 50));
const edits = Number(arg("edits", 20));
const sorted = (xs) => [...xs].sort((a, b) => a - b);
const median = (xs) => sorted(xs)[Math.floor(xs.length / 2)];
const p90 = (xs) => sorted(xs)[Math.min(xs.length - 1, Math.floor(xs.length * 0.9))];
const LONG = { timeout: 20 * 60_000 };

const file = join(tmpdir(), `gouvernail-communes-${communes}.json`);
if (!existsSync(file)) {
  const args = ["run", "--quiet", "--release", "--example", "synthetic_backup", "--", String(communes), file, "--realistic"];
  execFileSync("cargo", args, { cwd: root, stdio: "inherit" });
}

const server = await startServer(join(root, "dist"), 0);
const baseURL = `http://127.0.0.1:${server.address().port}`;
const relay = await startRelay();
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS });

async function person() {
  const context = await browser.newContext({ baseURL, locale: "fr-FR" });
  const page = await context.newPage();
  await page.goto("/synchronisation");
  await page.getByLabel("Adresse du relais").fill(relay.url);
  await page.getByLabel("Clé d'accès").fill(relay.key);
  await page.getByTestId("relay-save").click();
  await page.getByTestId("relay-connection").filter({ hasText: "connecté au relais" }).waitFor();
  return page;
}
const headerSays = (page, text) =>
  page.waitForFunction((text) => document.querySelector('[data-testid="live-sync-status"]')?.textContent.includes(text), text, { ...LONG, polling: "raf" });

// 1. One edit to another browser.
const a = await person();
await a.goto("/espace/nouveau");
await a.getByLabel("Nom de la collectivité").fill("Lauris");
await a.getByLabel("Votre nom").fill("Jeanne");
await a.getByTestId("create-submit").click();
await a.getByTestId("dashboard").waitFor();
const workspace = new URL(a.url()).pathname.split("/")[2];
await a.goto(`/espace/${workspace}/indicateurs`);
await a.getByTestId("add-indicator").getByLabel("Nom").fill("Démarches en ligne");
await a.getByTestId("new-indicator-submit").click();
await a.getByTestId("indicator-sheet").waitFor();
const sheet = a.url();
await a.goto("/synchronisation");
await a.getByLabel("Synchroniser en direct « Lauris »").check();
await headerSays(a, "Synchronisation : synchronisé");
const link = await a.getByLabel("Lien de synchronisation de « Lauris »").inputValue();
const b = await person();
await b.goto(link);
await b.getByTestId("notices").getByText("est arrivé du relais").waitFor();
await headerSays(b, "Synchronisation : synchronisé");
await Promise.all([a.goto(sheet), b.goto(sheet)]);
await Promise.all([a.getByTestId("quick-entry").waitFor(), b.getByTestId("measurements").or(b.getByTestId("indicator-sheet")).first().waitFor()]);
await headerSays(b, "Synchronisation : synchronisé");

const latencies = [];
for (let i = 0; i < edits; i++) {
  const mark = `mesure-banc-${i}`;
  const arrived = b.evaluate(
    (mark) =>
      new Promise((done) => {
        const seen = () => document.querySelector('[data-testid="measurements"]')?.textContent.includes(mark);
        if (seen()) return done(Date.now());
        new MutationObserver((_, observer) => {
          if (seen()) {
            observer.disconnect();
            done(Date.now());
          }
        }).observe(document.body, { childList: true, subtree: true, characterData: true });
      }),
    mark,
  );
  const form = a.getByTestId("quick-entry");
  await form.getByLabel("Période").fill(`${2020 + (i % 6)}`);
  await form.getByLabel("Valeur").fill(String(100 + i));
  await form.getByLabel("Commentaire").fill(mark);
  const sent = await form.evaluate((form) => {
    const t0 = Date.now();
    form.requestSubmit();
    return t0;
  });
  latencies.push((await arrived) - sent);
  await headerSays(a, "Synchronisation : synchronisé");
}

// 2. N realistic communes: pushed by one browser, then followed by the director's.
async function restore(page) {
  await page.goto("/sauvegarde");
  await page.getByTestId("restore-backup").setInputFiles(file);
  await page.getByTestId("notices").getByText(/restaur/i).first().waitFor(LONG);
}
async function followAll(page) {
  await page.goto("/synchronisation");
  await page.getByTestId("live-all").waitFor();
  const t0 = Date.now();
  await page.getByTestId("live-all").click();
  await headerSays(page, "Synchronisation : synchronisé");
  const ms = Date.now() - t0;
  const followed = await page.getByTestId("live-document-status").filter({ hasText: "synchronisé" }).count();
  return { ms, followed };
}
const town = await person();
await restore(town);
const push = await followAll(town);
const director = await person();
await restore(director);
const follow = await followAll(director);

const result = {
  date: new Date().toISOString(),
  relay: "relay/relay.mjs (automerge-repo 2.5.6) on loopback",
  edits,
  edit_to_other_browser_ms: { median: median(latencies), p90: p90(latencies), min: Math.min(...latencies), max: Math.max(...latencies), all: latencies },
  communes,
  push_all_communes_ms: push.ms,
  pushed_documents: push.followed,
  director_follow_all_ms: follow.ms,
  director_followed_documents: follow.followed,
};
mkdirSync(join(root, "bench", "results"), { recursive: true });
writeFileSync(join(root, "bench", "results", "live-sync.json"), JSON.stringify(result, null, 2) + "\n");
console.log(`| one edit to another browser, median / p90 / max of ${edits} (target < 200 ms) | ${result.edit_to_other_browser_ms.median} / ${result.edit_to_other_browser_ms.p90} / ${result.edit_to_other_browser_ms.max} ms |`);
console.log(`| ${communes} realistic communes: a browser turns live sync on for all, until the relay has all (${push.followed} documents) | ${push.ms} ms |`);
console.log(`| the director's browser holding them follows all, until all in sync (${follow.followed} documents) | ${follow.ms} ms |`);
await browser.close();
await relay.close();
server.close();
