// Prints the gzipped size of the built wasm, js and css in dist/.
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
console.log(`total gzip: ${(total / 1024).toFixed(1)} KiB`);
