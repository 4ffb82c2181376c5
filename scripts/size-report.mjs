// Prints the size of the built wasm, js and css in dist/ (its pkg-*/ folder
// included): raw, gzip -9 and brotli -11, the precompressed copies the
// build writes. Split into what the first screen loads and what is fetched
// on demand (the modules of src/ui/screens.rs, which the service worker
// still caches after the first visit). The service worker and the list of
// communes (JSON, fetched on a search) are left out.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { extname, join, relative } from "node:path";

const dir = process.argv[2] ?? "dist";
const files = (folder) =>
  readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
const onDemand = (name) => /(^|\/)(split_|chunk_)[^/]*\.wasm$/.test(name);
const kib = (n) => (n / 1024).toFixed(1);
const totals = { "first load": [0, 0, 0], "on demand": [0, 0, 0] };
for (const path of files(dir).sort()) {
  const name = relative(dir, path);
  if (![".wasm", ".js", ".css"].includes(extname(name)) || name === "sw.js") continue;
  const bytes = readFileSync(path);
  const sizes = [
    bytes.length,
    gzipSync(bytes, { level: 9 }).length,
    brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  ];
  const part = onDemand(name) ? "on demand" : "first load";
  sizes.forEach((size, i) => (totals[part][i] += size));
  const [raw, gz, br] = sizes.map((n) => String(n).padStart(9));
  console.log(`${name.padEnd(48)} ${raw} B  gzip ${gz} B  brotli ${br} B  ${part}`);
}
for (const [part, [raw, gz, br]] of Object.entries(totals)) {
  console.log(`${part.padEnd(10)}: ${kib(raw)} KiB, gzip ${kib(gz)} KiB, brotli ${kib(br)} KiB`);
}
