// Serves a folder over HTTP on 127.0.0.1, the way any static host would:
// files with their MIME type, and index.html for paths without a file
// extension, so the app's routes survive a reload. No dependency.
// When the browser accepts it, a file is sent as its precompressed copy
// (`<file>.br`, else `<file>.gz`, written by scripts/compress.mjs at build
// time), like nginx's `brotli_static` / `gzip_static`; otherwise as it is.
//
//   node scripts/static-server.mjs [dir] [port]     (port 0 = any free port)
//
// Prints "listening on http://127.0.0.1:PORT" once ready.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * The precompressed encoding to send for an `Accept-Encoding` header, among
 * `offered` (in the server's order of preference), or null for identity.
 */
export function chooseEncoding(acceptEncoding, offered) {
  const accepted = new Map();
  for (const part of (acceptEncoding ?? "").split(",")) {
    const [token, ...params] = part.trim().toLowerCase().split(";");
    if (!token) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    accepted.set(token, q ? Number(q.slice(2)) : 1);
  }
  return offered.find((encoding) => (accepted.get(encoding) ?? accepted.get("*") ?? 0) > 0) ?? null;
}

const SUFFIX = { br: ".br", gzip: ".gz" };

/**
 * Starts the server. `encodings`: the precompressed copies it may send, in
 * order of preference (the first-visit benchmark narrows it to compare).
 */
export function startServer(dir, port = 0, host = "127.0.0.1", { encodings = ["br", "gzip"] } = {}) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, "http://localhost");
      const path = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, "");
      let file = join(root, path);
      if (!file.startsWith(root)) {
        res.writeHead(403).end();
        return;
      }
      let info = await stat(file).catch(() => null);
      if (info?.isDirectory()) {
        file = join(file, "index.html");
        info = await stat(file).catch(() => null);
      }
      if (!info) {
        if (extname(path) !== "") {
          res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not found");
          return;
        }
        file = join(root, "index.html");
      }
      const headers = {
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
        "cache-control": extname(file) === ".html" ? "no-cache" : "public, max-age=31536000, immutable",
      };
      if (file.endsWith("sw.js")) headers["cache-control"] = "no-cache";
      // Only the encodings this file has a copy in.
      const available = [];
      for (const encoding of encodings) {
        if (await stat(file + SUFFIX[encoding]).catch(() => null)) available.push(encoding);
      }
      let body;
      if (available.length > 0) {
        headers.vary = "Accept-Encoding";
        const encoding = chooseEncoding(req.headers["accept-encoding"], available);
        if (encoding) headers["content-encoding"] = encoding;
        body = await readFile(encoding ? file + SUFFIX[encoding] : file);
      } else {
        body = await readFile(file);
      }
      headers["content-length"] = body.length;
      res.writeHead(200, headers).end(req.method === "HEAD" ? undefined : body);
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
  return new Promise((done) => {
    server.listen(port, host, () => done(server));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? "dist";
  const port = Number(process.argv[3] ?? process.env.PORT ?? 8080);
  const server = await startServer(dir, port);
  console.log(`listening on http://127.0.0.1:${server.address().port}`);
}
