// Writes `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip -9) beside
// every text or wasm file of a built site, so that a static host can send
// them as they are (nginx `brotli_static` / `gzip_static`,
// scripts/static-server.mjs) instead of compressing at each request or not
// at all. Called by scripts/finish-build.mjs on every build; the first-visit
// benchmark also runs it on a copy of an older build.
//
//   node scripts/compress.mjs [dir]
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { extname, join } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, gzip, constants } from "node:zlib";

/** The files worth compressing: wasm and text (images are compressed already). */
export const COMPRESSED_TYPES = [".wasm", ".js", ".mjs", ".css", ".json", ".html", ".webmanifest", ".svg", ".txt"];

/** Files a site keeps only as compressed copies of another file. */
export const isCompressedCopy = (path) => path.endsWith(".br") || path.endsWith(".gz");

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

function files(folder) {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** Writes `<path>.br` and `<path>.gz` beside the file at `path`. */
export async function compressFile(path) {
  const bytes = readFileSync(path);
  const [br, gz] = await Promise.all([
    brotli(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        [constants.BROTLI_PARAM_MODE]: extname(path) === ".wasm" ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
      },
    }),
    gzipAsync(bytes, { level: 9 }),
  ]);
  writeFileSync(`${path}.br`, br);
  writeFileSync(`${path}.gz`, gz);
}

/**
 * Compresses every eligible file under `dir` (recursively), in parallel on
 * node's thread pool. Returns the list of files compressed.
 */
export async function compressSite(dir) {
  const targets = files(dir).filter((path) => COMPRESSED_TYPES.includes(extname(path)) && !isCompressedCopy(path));
  await Promise.all(targets.map(compressFile));
  return targets;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? "dist";
  const done = await compressSite(dir);
  console.log(`compress: ${done.length} files, each with .br and .gz`);
}
