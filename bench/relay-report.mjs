// Summarises bench/relay.sh's runs: medians per measure, Gouvernail's Rust
// client next to two JavaScript automerge-repo clients, as a Markdown table
// (stdout) and bench/results/relay.json.
//
//   node bench/relay-report.mjs <runs.json> <out.json> <command>

import { readFileSync, writeFileSync } from "node:fs"
import os from "node:os"

const [input, output, command] = process.argv.slice(2)
const { runs } = JSON.parse(readFileSync(input, "utf8"))

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}
const quantile = (values, q) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))]
const side = (name) => ({
  first_sync_ms: median(runs.map((r) => r[name].first_sync_ms)),
  first_sync_bytes: median(runs.map((r) => r[name].first_sync_bytes)),
  edit_median_ms: median(runs.flatMap((r) => r[name].edit_ms)),
  edit_p90_ms: quantile(runs.flatMap((r) => r[name].edit_ms), 0.9),
})
const summary = {
  date: new Date().toISOString().slice(0, 10),
  command,
  machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}`,
  runs: runs.length,
  workspace_bytes: runs[0].file_bytes,
  rust: { ...side("rust"), push_ms: median(runs.map((r) => r.rust.push_ms)), push_bytes_sent: median(runs.map((r) => r.rust.push_bytes_sent)) },
  js: { ...side("js"), import_ms: median(runs.map((r) => r.js.import_ms)) },
  raw: runs,
}
writeFileSync(output, JSON.stringify(summary, null, 2) + "\n")

const f = (n) => n.toLocaleString("fr-FR", { maximumFractionDigits: 1 })
console.log(`GOV-IND S workspace (${f(summary.workspace_bytes)} bytes saved), ${runs.length} runs, medians:\n`)
console.log("| measure | Gouvernail (Rust, native) | 2 JS automerge-repo clients (node) |")
console.log("|---|---|---|")
console.log(`| first sync: a fresh client gets the workspace | ${f(summary.rust.first_sync_ms)} ms | ${f(summary.js.first_sync_ms)} ms |`)
console.log(`| bytes received for it | ${f(summary.rust.first_sync_bytes)} | ${f(summary.js.first_sync_bytes)} |`)
console.log(`| one edit reaches the other client (median) | ${f(summary.rust.edit_median_ms)} ms | ${f(summary.js.edit_median_ms)} ms |`)
console.log(`| one edit, 90th percentile | ${f(summary.rust.edit_p90_ms)} ms | ${f(summary.js.edit_p90_ms)} ms |`)
console.log(`| push: the holder sends it until acknowledged | ${f(summary.rust.push_ms)} ms (${f(summary.rust.push_bytes_sent)} bytes sent) | — |`)
