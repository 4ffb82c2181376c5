// Trunk pre_build hook (see Trunk.toml): builds the wasm app itself, in the
// order splitting the module needs. Trunk's own Rust pipeline runs cargo,
// wasm-bindgen and wasm-opt in one step and cannot pass wasm-bindgen the
// flag the split needs, so index.html switches it off
// (`<link data-trunk rel="rust" data-trunk-skip />`) and this script does:
//
//   1. cargo: the `gouvernail` binary for wasm32; in release with the
//      `split` feature (src/ui/lazy.rs marks the split points) and the
//      linker's relocations kept (`--emit-relocs`), which the splitter reads;
//   2. wasm-split-cli (crates.io `wasm_split_cli_support`, the splitter
//      cargo-leptos uses; scripts/setup.sh installs it): the main module,
//      one `split_<module>.wasm` per split module, `chunk_<n>.wasm` for code
//      several of them share, and `__wasm_split.js`, which loads them;
//   3. wasm-bindgen on the main module, keeping the exports the split files
//      link to (`--keep-lld-exports`: the function table);
//   4. wasm-opt -Oz on every .wasm (release), two at a time;
//   5. the boot script (loader/boot.js, given the module's name and size);
//   6. all of it into the staging dist under `pkg-<hash>/` (the hash of
//      every byte: the split files find each other by relative URL, so they
//      move together, and a new build never mixes with cached old files),
//      and `.gouvernail-app.json`, from which scripts/finish-build.mjs links
//      the app from index.html.
//
// A debug build (`trunk build`, `trunk serve`) is not split and not
// optimized. GOUVERNAIL_SPLIT=0 makes an unsplit release (to compare).
import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const release = (process.env.TRUNK_PROFILE ?? "release") === "release";
const split = release && process.env.GOUVERNAIL_SPLIT !== "0";
const staging = process.env.TRUNK_STAGING_DIR ?? join(root, "dist");
const targetDir = process.env.CARGO_TARGET_DIR ?? join(root, "target");
const profile = release ? "release" : "debug";
const NAME = "gouvernail";
const started = Date.now();

const say = (text) => console.log(`build-wasm: ${text}`);
function run(command, args) {
  say(`${command} ${args.join(" ")}`);
  execFileSync(command, args, { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
}
function runAsync(command, args) {
  say(`${command} ${args.join(" ")}`);
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
    child.on("error", fail);
    child.on("exit", (code) => (code === 0 ? done() : fail(new Error(`${command} exited with ${code}`))));
  });
}
/** A tool of node_modules/.bin (wasm-opt from npm binaryen), else from PATH. */
const tool = (bin) => {
  const local = join(root, "node_modules", ".bin", bin);
  return existsSync(local) ? local : bin;
};

// wasm-bindgen must be exactly the version of the crate in Cargo.lock.
const lock = readFileSync(join(root, "Cargo.lock"), "utf8");
const wanted = lock.match(/name = "wasm-bindgen"\nversion = "([^"]+)"/)[1];
const found = execFileSync("wasm-bindgen", ["--version"], { encoding: "utf8" }).trim().split(" ")[1];
if (found !== wanted) throw new Error(`wasm-bindgen ${found} on PATH, Cargo.lock has ${wanted}: run scripts/setup.sh`);

// 1. cargo. `cargo rustc -- <flags>` gives the linker flag to the final
// binary only: RUSTFLAGS would replace .cargo/config.toml's flags and
// rebuild every dependency.
const cargoArgs = ["rustc", "--bin", NAME, "--target", "wasm32-unknown-unknown"];
if (release) cargoArgs.push("--release");
if (split) cargoArgs.push("--features", "split", "--", "-C", "link-arg=--emit-relocs");
run("cargo", cargoArgs);
const cargoWasm = join(targetDir, "wasm32-unknown-unknown", profile, `${NAME}.wasm`);

// 2. wasm-split
const out = join(targetDir, "gouvernail-pkg", profile);
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
if (split) {
  // Writes out/gouvernail.wasm (the main module), the split files and
  // __wasm_split.js, which imports `initSync` from "./gouvernail.js".
  run("wasm-split-cli", [cargoWasm, out, "--out-name", NAME]);
} else {
  copyFileSync(cargoWasm, join(out, `${NAME}.wasm`));
}

// 3. wasm-bindgen: its JS lands beside __wasm_split.js (they import each other).
const bindgenArgs = ["--target", "web", "--no-typescript", "--out-dir", out, "--out-name", NAME];
if (split) bindgenArgs.push("--keep-lld-exports");
run("wasm-bindgen", [...bindgenArgs, join(out, `${NAME}.wasm`)]);
rmSync(join(out, `${NAME}.wasm`));

// 4. wasm-opt, largest file first, two at a time (the machines have 2 cores).
// The splitter writes a name subsection binaryen does not know (a warning
// per file): the split files lose their names, which nothing reads.
const wasmFiles = readdirSync(out)
  .filter((f) => f.endsWith(".wasm"))
  .sort((a, b) => statSync(join(out, b)).size - statSync(join(out, a)).size);
if (release) {
  const queue = [...wasmFiles];
  const worker = async () => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      const path = join(out, file);
      const strip = file === `${NAME}_bg.wasm` ? [] : ["--strip-debug"];
      await runAsync(tool("wasm-opt"), [`--output=${path}`, "-Oz", ...strip, path]);
    }
  };
  await Promise.all([worker(), worker()]);
}

// 5. The boot script: streams the main module (showing the bytes received
// against its size, known here) and starts the app.
const mainWasm = `${NAME}_bg.wasm`;
const boot = readFileSync(join(root, "loader", "boot.js"), "utf8")
  .replaceAll("__GOUVERNAIL_JS__", `${NAME}.js`)
  .replaceAll("__GOUVERNAIL_WASM__", mainWasm)
  .replaceAll("__GOUVERNAIL_WASM_BYTES__", String(statSync(join(out, mainWasm)).size));
writeFileSync(join(out, "boot.js"), boot);

// 6. Into the staging dist.
const files = readdirSync(out).sort();
const hash = createHash("sha256");
for (const file of files) hash.update(file).update(readFileSync(join(out, file)));
const dir = `pkg-${hash.digest("hex").slice(0, 16)}`;
cpSync(out, join(staging, dir), { recursive: true });
writeFileSync(
  join(staging, ".gouvernail-app.json"),
  JSON.stringify({
    dir,
    boot: "boot.js",
    // Module scripts the boot script imports at once (worth a modulepreload).
    modules: files.filter((f) => f.endsWith(".js") && f !== "boot.js"),
    wasm: mainWasm,
  }),
);
const seconds = ((Date.now() - started) / 1000).toFixed(0);
say(`${files.length} files in ${dir}/${split ? "" : " (not split)"}, ${seconds} s`);
