// Trunk post-build hook (see Trunk.toml). Runs on the staging folder:
//  1. moves Trunk's inline loader <script> to a file, so the strict
//     Content-Security-Policy (no inline script) holds, and starts opening
//     the documents' database there, while the app loads;
//  2. writes sw.js with this build's version and the list of files to cache.
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, writeFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2] ?? "dist";
const indexPath = join(dir, "index.html");
let html = readFileSync(indexPath, "utf8");

const inline = html.match(/<script type="module">([\s\S]*?)<\/script>/);
if (inline) {
  // Trunk's loader, with one automatic retry if loading the app was cut off
  // (a dropped connection mid-download would otherwise leave a blank page).
  const lines = inline[1].trim().split("\n");
  const imports = lines.filter((l) => l.startsWith("import "));
  const body = lines.filter((l) => !l.startsWith("import "));
  const code = [
    ...imports,
    // Opens the documents' database (an existing one, never creating it)
    // while the app downloads and compiles; the app adopts the connection
    // (src/storage/browser/indexed_db.rs, `IndexedDb::open`).
    "window.gouvernailStorage = new Promise((resolve) => {",
    "  try {",
    '    const request = indexedDB.open("gouvernail");',
    "    request.onupgradeneeded = () => request.transaction.abort();",
    "    request.onsuccess = () => {",
    "      // Until the app adopts it: never block a newer version.",
    "      request.result.onversionchange = () => request.result.close();",
    "      resolve(request.result);",
    "    };",
    "    request.onerror = (event) => { event.preventDefault(); resolve(null); };",
    "  } catch {",
    "    resolve(null);",
    "  }",
    "});",
    "try {",
    ...body.map((l) => "  " + l),
    '  sessionStorage.removeItem("gouvernail-boot-retry");',
    "} catch (error) {",
    '  if (!sessionStorage.getItem("gouvernail-boot-retry")) {',
    '    sessionStorage.setItem("gouvernail-boot-retry", "1");',
    "    location.reload();",
    "  } else {",
    "    throw error;",
    "  }",
    "}",
    "",
  ].join("\n");
  const hash = createHash("sha256").update(code).digest("hex").slice(0, 16);
  const name = `boot-${hash}.js`;
  writeFileSync(join(dir, name), code);
  html = html.replace(inline[0], `<script type="module" src="/${name}"></script>`);
  writeFileSync(indexPath, html);
}

function files(folder) {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (name.startsWith(".")) return [];
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}
const assets = files(dir)
  .map((path) => "/" + relative(dir, path).split("\\").join("/"))
  .filter((path) => path !== "/sw.js")
  .sort();
const version = createHash("sha256");
for (const asset of assets) version.update(asset).update(readFileSync(join(dir, asset)));
const swPath = join(dir, "sw.js");
const sw = readFileSync(swPath, "utf8")
  .replace("__GOUVERNAIL_VERSION__", version.digest("hex").slice(0, 16))
  .replace("__GOUVERNAIL_PRECACHE__", JSON.stringify(assets));
writeFileSync(swPath, sw);
console.log(`finish-build: ${assets.length} files precached`);
