// Trunk post-build hook (see Trunk.toml). Runs on the staging folder:
//  1. links the app scripts/build-wasm.mjs built (pkg-<hash>/) from
//     index.html: its boot script (a file: the Content-Security-Policy
//     forbids inline scripts; it also starts opening the documents'
//     database while the app loads), and preloads of its JS and main
//     module, so that they download while the page is parsed;
//  2. writes sw.js with this build's version and the list of files to cache
//     (every file, the modules loaded on demand included);
//  3. writes a brotli and a gzip copy of every text and wasm file
//     (scripts/compress.mjs), for hosts that send them as they are.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { compressSite, isCompressedCopy } from "./compress.mjs";

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2] ?? "dist";
const indexPath = join(dir, "index.html");
let html = readFileSync(indexPath, "utf8");

const appPath = join(dir, ".gouvernail-app.json");
if (!existsSync(appPath)) throw new Error("finish-build: no .gouvernail-app.json: did scripts/build-wasm.mjs run?");
const app = JSON.parse(readFileSync(appPath, "utf8"));
rmSync(appPath);
const base = `${(process.env.TRUNK_PUBLIC_URL ?? "/").replace(/\/$/, "")}/${app.dir}`;
// `crossorigin`: the preloads must match the boot script's own requests
// (module imports and fetch() are CORS requests), or they download twice.
const tags = [
  ...app.modules.map((js) => `<link rel="modulepreload" href="${base}/${js}" crossorigin="anonymous">`),
  `<link rel="preload" href="${base}/${app.wasm}" as="fetch" type="application/wasm" crossorigin="anonymous">`,
  `<script type="module" src="${base}/${app.boot}"></script>`,
];
html = html.replace(/\s*<link data-trunk rel="rust" data-trunk-skip[^>]*>/, "").replace("</head>", `${tags.join("\n")}\n</head>`);
writeFileSync(indexPath, html);

function files(folder) {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (name.startsWith(".")) return [];
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}
const assets = files(dir)
  .map((path) => "/" + relative(dir, path).split("\\").join("/"))
  .filter((path) => path !== "/sw.js" && !isCompressedCopy(path))
  .sort();
const version = createHash("sha256");
for (const asset of assets) version.update(asset).update(readFileSync(join(dir, asset)));
const swPath = join(dir, "sw.js");
const sw = readFileSync(swPath, "utf8")
  .replace("__GOUVERNAIL_VERSION__", version.digest("hex").slice(0, 16))
  .replace("__GOUVERNAIL_PRECACHE__", JSON.stringify(assets));
writeFileSync(swPath, sw);
console.log(`finish-build: ${assets.length} files precached`);

const compressed = await compressSite(dir);
console.log(`finish-build: ${compressed.length} files compressed (.br, .gz)`);
