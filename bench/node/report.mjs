// Gathers the three sides of GOV-IND v1 (native JSON, node JSON, the
// browser runner's log), checks that all three generated the same workload,
// takes medians, computes the ratios and the issue's targets, writes
// bench/results/govind.json and prints the tables in Markdown.
//
//   node bench/node/report.mjs --native F --node F --browser-log F --out F [--command "…"]

import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { cpus } from "node:os";
import { isDeepStrictEqual } from "node:util";
import { fileURLToPath } from "node:url";

// Repository files are read from the repository root, whatever the cwd.
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => (i % 2 ? pairs : [...pairs, [a.slice(2), all[i + 1]]]), []),
);
const readJson = (file) => JSON.parse(readFileSync(file, "utf8"));
const median = (xs) => {
  const s = xs.filter((x) => typeof x === "number").sort((a, b) => a - b);
  if (s.length === 0) return null;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

// ---- the three sides -------------------------------------------------------
const native = readJson(args.native);
const node = readJson(args.node);
const browser = { digests: [], runs: [], linear_memory_kib: null };
if (args["browser-log"] && existsSync(args["browser-log"])) {
  for (const line of readFileSync(args["browser-log"], "utf8").split("\n")) {
    const at = line.indexOf("GOVIND {");
    if (at < 0) continue;
    const item = JSON.parse(line.slice(at + "GOVIND ".length));
    if (item.digest) browser.digests.push(item.digest);
    if (item.run) browser.runs.push(item.run);
    if (item.linear_memory_kib) browser.linear_memory_kib = item.linear_memory_kib;
  }
}

// The same numbers on every side, or the comparison means nothing.
const byName = (ds) => Object.fromEntries(ds.map((d) => [d.size, d]));
for (const [side, digests] of [["node", node.digests], ["browser", browser.digests]]) {
  for (const [size, d] of Object.entries(byName(digests))) {
    if (!isDeepStrictEqual(d, byName(native.digests)[size])) {
      console.error(`workload digest of ${side} ${size} differs from the native one`, d);
      process.exit(1);
    }
  }
}

// ---- medians -----------------------------------------------------------------
const FIELDS = [
  "build_ms", "edits_ms", "save_ms", "saved_bytes", "load.load_ms", "load.materialize_ms", "load.peak_kib",
  "load.baseline_kib", "fork_ms", "a_commits_ms", "b_commits_ms", "b_changes_bytes", "merge_a_from_b_ms",
  "merge_b_from_a_ms", "final_save_ms", "final_saved_bytes", "final_load.load_ms", "final_load.materialize_ms",
  "peak_kib", "a_from_b.raw_ms", "a_from_b.full_diff_ms", "a_from_b.indexed_ms", "b_from_a.raw_ms",
  "b_from_a.full_diff_ms", "b_from_a.indexed_ms", "a_from_b.entities", "b_from_a.entities", "load.snapshot_bytes",
];
const get = (run, path) => path.split(".").reduce((v, k) => (v == null ? undefined : v[k]), run);

function medians(runs) {
  const out = {};
  for (const run of runs) {
    const key = `${run.engine}|${run.size}`;
    (out[key] ??= { engine: run.engine, size: run.size, runs: 0, values: {} }).runs++;
    for (const f of FIELDS) (out[key].values[f] ??= []).push(get(run, f));
  }
  const result = {};
  for (const { engine, size, runs: n, values } of Object.values(out)) {
    const m = { runs: n };
    for (const [f, xs] of Object.entries(values)) m[f] = median(xs);
    // Load and materialize are timed separately; their sum is the "open" cost.
    for (const f of Object.keys(m)) if (m[f] == null) delete m[f];
    if (m["load.load_ms"] != null) m["load_materialize_ms"] = median(
      values["load.load_ms"].map((l, i) => l + values["load.materialize_ms"][i]),
    );
    ((result[engine] ??= {})[size] = m);
  }
  return result;
}

const results = { native: medians(native.runs), node: medians(node.runs), browser: medians(browser.runs) };

// Pairs of fresh-process loads made seconds apart (bench/govind/src/suite.rs):
// the median of their ratios is what the load target compares, since single
// loads drift with the machine's moment.
const paired = {};
for (const p of native.paired ?? []) {
  const entry = (paired[p.size] ??= { pairs: 0, gouvernail: [], automerge_batched: [], ratios: [] });
  entry.pairs++;
  entry.gouvernail.push(p.gouvernail_ms);
  entry.automerge_batched.push(p.automerge_batched_ms);
  entry.ratios.push(p.gouvernail_ms / p.automerge_batched_ms);
}
for (const entry of Object.values(paired)) {
  Object.assign(entry, {
    gouvernail_ms: median(entry.gouvernail), automerge_batched_ms: median(entry.automerge_batched), ratio: median(entry.ratios),
  });
}

// ---- floor, ratios, targets --------------------------------------------------
const SIZES = { S: { n: 200, m: 120 }, L: { n: 1000, m: 120 } };
const floor = (count) => count * (8 + 7);
const floors = Object.fromEntries(
  Object.entries(SIZES).map(([s, { n, m }]) => [s, { edited: floor(n * m), merged: floor(n * m + 50 * 12) }]),
);
const at = (side, engine, size, field) => results[side]?.[engine]?.[size]?.[field] ?? null;
const ratio = (a, b) => (a == null || b == null || b === 0 ? null : a / b);

const f1 = (v) => (v == null ? "–" : v.toFixed(1));
const f2 = (v) => (v == null ? "–" : v.toFixed(2));
const ratios = {};
const targets = [];
const measured = Object.keys(SIZES).filter((size) => results.native.gouvernail?.[size]);
for (const size of measured) {
  const g = (f) => at("native", "gouvernail", size, f);
  ratios[size] = {
    saved_vs_floor: ratio(g("saved_bytes"), floors[size].edited),
    final_saved_vs_floor: ratio(g("final_saved_bytes"), floors[size].merged),
    saved_vs_automerge_batched: ratio(g("saved_bytes"), at("native", "automerge-batched", size, "saved_bytes")),
    load_materialize_vs_automerge_batched: ratio(g("load_materialize_ms"), at("native", "automerge-batched", size, "load_materialize_ms")),
    load_materialize_vs_automerge_per_op: ratio(g("load_materialize_ms"), at("native", "automerge-per-op", size, "load_materialize_ms")),
    load_materialize_vs_automerge_app_layout: ratio(g("load_materialize_ms"), at("native", "automerge-app-layout", size, "load_materialize_ms")),
    load_materialize_vs_serde_json: ratio(g("load_materialize_ms"), at("native", "serde-json", size, "load_materialize_ms")),
    automerge_js_same_doc_vs_gouvernail: ratio(at("node", "gouvernail-file", size, "load_materialize_ms"), g("load_materialize_ms")),
    automerge_js_same_doc_vs_gouvernail_in_browser: ratio(
      at("node", "gouvernail-file", size, "load_materialize_ms"),
      at("browser", "gouvernail", size, "load_materialize_ms"),
    ),
    automerge_js_same_doc_vs_gouvernail_cached_read: ratio(
      at("node", "gouvernail-file", size, "load_materialize_ms"),
      at("native", "gouvernail-cached-read", size, "load_materialize_ms"),
    ),
    cached_read_vs_automerge_batched: ratio(
      at("native", "gouvernail-cached-read", size, "load_materialize_ms"),
      at("native", "automerge-batched", size, "load_materialize_ms"),
    ),
    build_vs_automerge_batched: ratio(g("build_ms"), at("native", "automerge-batched", size, "build_ms")),
    merge_a_from_b_vs_automerge_batched: ratio(g("merge_a_from_b_ms"), at("native", "automerge-batched", size, "merge_a_from_b_ms")),
    merge_b_from_a_vs_automerge_batched: ratio(g("merge_b_from_a_ms"), at("native", "automerge-batched", size, "merge_b_from_a_ms")),
    browser_vs_native_load_materialize: ratio(at("browser", "gouvernail", size, "load_materialize_ms"), g("load_materialize_ms")),
  };
  const r = ratios[size];
  const pair = paired[size];
  r.load_materialize_vs_automerge_batched_paired = pair?.ratio ?? null;
  const loadTarget = pair ? pair.ratio : r.load_materialize_vs_automerge_batched;
  targets.push(
    { target: `${size}: saved size ≤ 1.1 × raw data floor`, value: r.saved_vs_floor, limit: 1.1, met: r.saved_vs_floor != null && r.saved_vs_floor <= 1.1,
      detail: `${g("saved_bytes")} B vs floor ${floors[size].edited} B (after merge: ${g("final_saved_bytes")} B vs ${floors[size].merged} B, ${f2(r.final_saved_vs_floor)}×)` },
    { target: `${size}: Gouvernail load + materialize ≤ 1.3 × raw Automerge (batched)`, value: loadTarget, limit: 1.3,
      met: loadTarget != null && loadTarget <= 1.3,
      detail: `${pair ? `median ratio of ${pair.pairs} paired loads (${f1(pair.gouvernail_ms)} ms vs ${f1(pair.automerge_batched_ms)} ms); ` : ""}medians of the runs ${f1(g("load_materialize_ms"))} ms vs ${f1(at("native", "automerge-batched", size, "load_materialize_ms"))} ms (${f2(r.load_materialize_vs_automerge_batched)}×); prototype fixes: cached read ${f1(at("native", "gouvernail-cached-read", size, "load_materialize_ms"))} ms, snapshot ${f1(at("native", "gouvernail-snapshot", size, "load_materialize_ms"))} ms` },
    { target: `${size}: Gouvernail load + materialize ≥ 3 × faster than @automerge/automerge (node) on the same document`,
      value: r.automerge_js_same_doc_vs_gouvernail, limit: 3,
      met: r.automerge_js_same_doc_vs_gouvernail != null && r.automerge_js_same_doc_vs_gouvernail >= 3,
      detail: `native ${f1(g("load_materialize_ms"))} ms vs node ${f1(at("node", "gouvernail-file", size, "load_materialize_ms"))} ms; in Chromium (wasm) ${f1(at("browser", "gouvernail", size, "load_materialize_ms"))} ms (${f2(r.automerge_js_same_doc_vs_gouvernail_in_browser)}×); prototype cached read natively ${f2(r.automerge_js_same_doc_vs_gouvernail_cached_read)}×` },
  );
  if (size === "S") {
    const merge = Math.max(g("merge_a_from_b_ms") ?? Infinity, g("merge_b_from_a_ms") ?? Infinity);
    targets.push({ target: "S: merge of two replicas < 100 ms natively (slower direction)", value: merge, limit: 100, met: merge < 100,
      detail: `A←B ${f1(g("merge_a_from_b_ms"))} ms, B←A ${f1(g("merge_b_from_a_ms"))} ms; with the diff index (prototype): A←B ${f1(at("native", "gouvernail-merge-variants", "S", "a_from_b.indexed_ms"))} ms, B←A ${f1(at("native", "gouvernail-merge-variants", "S", "b_from_a.indexed_ms"))} ms` });
  }
}

// ---- machine -------------------------------------------------------------------
const run = (cmd, a) => { try { return execFileSync(cmd, a, { stdio: ["ignore", "pipe", "ignore"] }).toString().trim(); } catch { return null; } };
const cpuModel = (readFileSync("/proc/cpuinfo", "utf8").match(/^model name\s*:\s*(.*)$/m) ?? [])[1] ?? cpus()[0]?.model;
const pkgVersion = (name) => { try { return readJson(`${ROOT}node_modules/${name}/package.json`).version; } catch { return null; } };
const lockVersion = (name) => (readFileSync(`${ROOT}bench/govind/Cargo.lock`, "utf8").match(new RegExp(`name = "${name}"\\nversion = "([^"]+)"`)) ?? [])[1] ?? null;
const machine = {
  date: new Date().toISOString(),
  nproc: Number(run("nproc", [])) || cpus().length,
  cpu_model: cpuModel,
  memory_total_kib: Number((readFileSync("/proc/meminfo", "utf8").match(/MemTotal:\s*(\d+)/) ?? [])[1]) || null,
  load_average_at_report: run("cat", ["/proc/loadavg"]),
  rustc: run("rustc", ["--version"]),
  node: process.version,
  chromium: run("/usr/bin/chromium", ["--version"]),
  versions: {
    automerge: lockVersion("automerge"), autosurgeon: lockVersion("autosurgeon"), yrs: lockVersion("yrs"),
    serde_json: lockVersion("serde_json"), "@automerge/automerge": pkgVersion("@automerge/automerge"), yjs: pkgVersion("yjs"),
  },
};

const report = {
  benchmark: "GOV-IND v1",
  command: args.command ?? "bash bench/govind.sh",
  machine,
  floor: { formula: "measurements × (8 bytes packed f64 + 7 bytes 'YYYY-MM')", ...floors },
  notes: {
    native: native.loads_in, node: node.loads_in,
    browser: "wasm (profile wasm-app: opt-level z, LTO) in a dedicated worker of headless Chromium; loads on a fresh object in the same worker",
    browser_linear_memory_kib: browser.linear_memory_kib,
  },
  results, paired, ratios, targets,
  raw: { native: native.runs, node: node.runs, browser: browser.runs },
};
writeFileSync(args.out, JSON.stringify(report, null, 2) + "\n");

// ---- tables ------------------------------------------------------------------
const ms = (v) => (v == null ? "–" : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const kb = (v) => (v == null ? "–" : (v / 1000).toFixed(1));
const mib = (v) => (v == null ? "–" : (v / 1024).toFixed(0));
const x = (v) => (v == null ? "–" : `${v.toFixed(2)}×`);
const ROWS = [
  ["native", "gouvernail"], ["native", "gouvernail-cached-read"], ["native", "gouvernail-snapshot"], ["native", "automerge-batched"], ["native", "automerge-per-op"],
  ["native", "automerge-app-layout"], ["native", "yrs"], ["native", "serde-json"],
  ["node", "automerge-js"], ["node", "yjs"], ["node", "gouvernail-file"],
  ["browser", "gouvernail"], ["browser", "gouvernail-cached-read"], ["browser", "gouvernail-snapshot"], ["browser", "automerge-batched"], ["browser", "automerge-per-op"], ["browser", "automerge-app-layout"],
  ["browser", "yrs"], ["browser", "serde-json"],
];
for (const size of measured) {
  console.log(`\n### Size ${size} (N=${SIZES[size].n}, M=${SIZES[size].m}): medians of ${args.runs ?? "the"} runs, ms unless stated\n`);
  console.log("| side | engine | build | 200 edits | save | saved kB | ×floor | load | materialize | load+mat. | fork | A 100 commits | B 50 commits | B changes kB | merge A←B | merge B←A | final kB | reload+mat. | load peak MiB | peak MiB |");
  console.log("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
  for (const [side, engine] of ROWS) {
    const m = results[side]?.[engine]?.[size];
    if (!m) continue;
    const reload = m["final_load.load_ms"] == null ? null : m["final_load.load_ms"] + m["final_load.materialize_ms"];
    console.log(`| ${side} | ${engine} | ${ms(m.build_ms)} | ${ms(m.edits_ms)} | ${ms(m.save_ms)} | ${kb(m.saved_bytes)} | ${x(ratio(m.saved_bytes, floors[size].edited))} | ${ms(m["load.load_ms"])} | ${ms(m["load.materialize_ms"])} | ${ms(m.load_materialize_ms)} | ${ms(m.fork_ms)} | ${ms(m.a_commits_ms)} | ${ms(m.b_commits_ms)} | ${kb(m.b_changes_bytes)} | ${ms(m.merge_a_from_b_ms)} | ${ms(m.merge_b_from_a_ms)} | ${kb(m.final_saved_bytes)} | ${ms(reload)} | ${mib(m["load.peak_kib"])} | ${mib(m.peak_kib)} |`);
  }
}
const mv = results.native["gouvernail-merge-variants"]?.S;
if (mv) {
  console.log("\n### Gouvernail's merge of two S replicas, three ways (native, medians, ms)\n");
  console.log("| direction | AutoCommit::merge alone | merge + full diff (no diff index) | merge + indexed diff (fix D) | entities changed |\n|---|---|---|---|---|");
  for (const d of ["a_from_b", "b_from_a"]) {
    console.log(`| ${d === "a_from_b" ? "A ← B" : "B ← A"} | ${ms(mv[`${d}.raw_ms`])} | ${ms(mv[`${d}.full_diff_ms`])} | ${ms(mv[`${d}.indexed_ms`])} | ${mv[`${d}.entities`]} |`);
  }
}
if (Object.keys(paired).length) {
  console.log("\n### Paired loads: Gouvernail and raw Automerge (batched), each in a fresh process, one after the other (native, ms)\n");
  console.log("| size | pairs | Gouvernail (median) | raw Automerge (median) | median of the pair ratios |\n|---|---|---|---|---|");
  for (const [size, p] of Object.entries(paired)) console.log(`| ${size} | ${p.pairs} | ${ms(p.gouvernail_ms)} | ${ms(p.automerge_batched_ms)} | ${x(p.ratio)} |`);
}
console.log("\n### Ratios (Gouvernail native unless stated)\n");
console.log("| ratio | S | L |\n|---|---|---|");
for (const key of Object.keys(ratios[measured[0]] ?? {})) console.log(`| ${key} | ${x(ratios.S?.[key])} | ${x(ratios.L?.[key])} |`);
console.log("\n### Targets\n");
console.log("| target | value | met | detail |\n|---|---|---|---|");
for (const t of targets) console.log(`| ${t.target} | ${t.value == null ? "–" : t.value.toFixed(2)} | ${t.met ? "met" : "**missed**"} | ${t.detail} |`);
console.log(`\nMachine: ${machine.nproc} × ${machine.cpu_model}, ${machine.rustc}, node ${machine.node}, ${machine.chromium ?? "no Chromium"}; ${machine.date}`);
