// The node side of GOV-IND v1 (see BENCHMARKS.md): @automerge/automerge and
// yjs on the same workload and phases as the Rust side, and Gouvernail's own
// saved file loaded by @automerge/automerge.
//
//   node bench/node/govind.mjs suite --runs 5 --dir DIR --gouvernail-dir DIR2   JSON on stdout
//   node bench/node/govind.mjs phases <engine> <S|L> <dir>                      one run
//   node bench/node/govind.mjs load <engine> <file>                             load + materialize
//
// As natively, each run is a child process and each load a fresh
// grandchild process, whose peak RSS (`process.resourceUsage().maxRSS`) is
// reported along with the RSS it had before loading (node's own baseline).

import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { ENGINES, WRITERS } from "./engines.mjs";
import { SIZES, afterEdits, checkMerged, countMeasurements, digest, fingerprint, selfCheck, workload } from "./workload.mjs";

const SCRIPT = new URL(import.meta.url).pathname;

function timed(f) {
  const start = performance.now();
  const out = f();
  return [out, performance.now() - start];
}

function child(args) {
  return JSON.parse(execFileSync(process.execPath, [SCRIPT, ...args], { maxBuffer: 1 << 26 }).toString());
}

function loadReport(engineName, bytes) {
  const engine = ENGINES[engineName];
  const baseline_kib = process.resourceUsage().maxRSS;
  const [doc, load_ms] = timed(() => engine.load(bytes));
  const [snapshot, materialize_ms] = timed(() => engine.materialize(doc));
  const native = engine.toNative(snapshot);
  return {
    load_ms,
    materialize_ms,
    peak_kib: process.resourceUsage().maxRSS,
    baseline_kib,
    measurements: countMeasurements(native),
    fingerprint: fingerprint(native),
  };
}

function loadInChild(engine, stage, size, bytes, dir) {
  const file = join(dir, `${engine}-${size.name}-${stage}.bin`);
  writeFileSync(file, bytes);
  return child(["load", engine, file]);
}

function expectState(what, engine, report, state) {
  if (report.fingerprint !== fingerprint(state)) throw new Error(`${engine}: the ${what} state differs from the expected one`);
}

// Every phase for one writer engine; same field names as the Rust RunReport.
function phases(engineName, size, dir) {
  const engine = ENGINES[engineName];
  const w = workload(size);
  let [doc, build_ms] = timed(() => engine.build(w));
  const [, edits_ms] = timed(() => {
    for (const e of w.edits) doc = engine.editMany(doc, w, [e]);
  });
  const [bytes, save_ms] = timed(() => engine.save(doc));
  const load = loadInChild(engineName, "edited", size, bytes, dir);
  expectState("loaded", engineName, load, afterEdits(w));

  let [b, fork_ms] = timed(() => engine.fork(doc));
  let a = doc;
  const mark = engine.mark(b);
  const [, a_commits_ms] = timed(() => {
    for (const c of w.aCommits) a = engine.editMany(a, w, c);
  });
  const [, b_commits_ms] = timed(() => {
    for (const c of w.bCommits) b = engine.append(b, w, c);
  });
  const b_changes_bytes = engine.changesSince(b, mark).length;
  const [, merge_a_from_b_ms] = timed(() => (a = engine.merge(a, b)));
  const [, merge_b_from_a_ms] = timed(() => (b = engine.merge(b, a)));
  const merged = engine.toNative(engine.materialize(a));
  if (fingerprint(merged) !== fingerprint(engine.toNative(engine.materialize(b)))) {
    throw new Error(`${engineName}: replicas did not converge`);
  }
  checkMerged(w, merged);

  const [finalBytes, final_save_ms] = timed(() => engine.save(a));
  const final_load = loadInChild(engineName, "merged", size, finalBytes, dir);
  expectState("merged and reloaded", engineName, final_load, merged);
  return {
    engine: engineName,
    size: size.name,
    build_ms,
    edits_ms,
    save_ms,
    saved_bytes: bytes.length,
    load,
    fork_ms,
    a_commits_ms,
    b_commits_ms,
    b_changes_bytes,
    merge_a_from_b_ms,
    merge_b_from_a_ms,
    final_save_ms,
    final_saved_bytes: finalBytes.length,
    final_load,
    peak_kib: process.resourceUsage().maxRSS,
  };
}

// Gouvernail's saved file (stage `edited`) opened by @automerge/automerge.
function gouvernailFile(size, dir) {
  const file = join(dir, `gouvernail-${size.name}-edited.bin`);
  const load = child(["load", "gouvernail-file", file]);
  expectState("Gouvernail file's", "gouvernail-file", load, afterEdits(workload(size)));
  return { engine: "gouvernail-file", size: size.name, saved_bytes: readFileSync(file).length, load };
}

function suite(options) {
  mkdirSync(options.dir, { recursive: true });
  const runs = [];
  for (let run = 0; run < options.runs; run++) {
    for (const size of options.sizes) {
      for (const engine of WRITERS) {
        const [report, ms] = timed(() => child(["phases", engine, size.name, options.dir]));
        console.error(`run ${run + 1}/${options.runs} ${size.name} ${engine}: ${(ms / 1000).toFixed(1)} s`);
        runs.push(report);
      }
      if (options.gouvernailDir && existsSync(join(options.gouvernailDir, `gouvernail-${size.name}-edited.bin`))) {
        runs.push(gouvernailFile(size, options.gouvernailDir));
      }
    }
  }
  return { side: "node", loads_in: "child process (node govind.mjs load <engine> <file>)", digests: [digest(workload(SIZES.S)), digest(workload(SIZES.L))], runs };
}

function main(args) {
  selfCheck();
  switch (args[0]) {
    case "suite": {
      const options = { runs: 5, sizes: [SIZES.S, SIZES.L], dir: "/tmp/govind-node", gouvernailDir: null };
      for (let i = 1; i < args.length; i += 2) {
        const value = args[i + 1];
        if (args[i] === "--runs") options.runs = Number(value);
        else if (args[i] === "--sizes") options.sizes = value.split(",").map((s) => SIZES[s]);
        else if (args[i] === "--dir") options.dir = value;
        else if (args[i] === "--gouvernail-dir") options.gouvernailDir = value;
        else throw new Error(`unknown option ${args[i]}`);
      }
      console.log(JSON.stringify(suite(options), null, 2));
      break;
    }
    case "phases":
      console.log(JSON.stringify(phases(args[1], SIZES[args[2]], args[3])));
      break;
    case "load":
      console.log(JSON.stringify(loadReport(args[1], readFileSync(args[2]))));
      break;
    default:
      throw new Error("usage: govind.mjs suite|phases|load …");
  }
}

main(process.argv.slice(2));
