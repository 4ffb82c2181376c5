// Prints the gzipped size (gzip -9) of the built wasm, js and css in dist/
// (or the folder given), and how it compares with the 450 KB goal (issue 8).
// What the wasm is made of and the size settings: README.md, « Taille de
// l'application »; scripts/build-release.sh.
import { readdirSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join, extname } from "node:path";

const dir = process.argv[2] ?? "dist";
let total = 0;
for (const name of readdirSync(dir).sort()) {
  if (![".wasm", ".js", ".css"].includes(extname(name))) continue;
  const bytes = readFileSync(join(dir, name));
  const gz = gzipSync(bytes, { level: 9 }).length;
  total += gz;
  console.log(`${name.padEnd(44)} ${String(bytes.length).padStart(9)} B  gzip ${String(gz).padStart(8)} B`);
}
const GOAL = 450_000;
console.log(`total gzip: ${(total / 1024).toFixed(1)} KiB (${(total / 1000).toFixed(0)} kB; goal ${GOAL / 1000} kB: ${total <= GOAL ? "met" : `${((total - GOAL) / 1000).toFixed(0)} kB over`})`);
