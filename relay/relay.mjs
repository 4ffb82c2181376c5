// Gouvernail's live-sync relay: automerge-repo's own server components
// (a Repo with the WebSocket server adapter and file storage, announce
// policy off: exactly what @automerge/automerge-repo-sync-server assembles),
// plus one addition, an access key checked before the WebSocket upgrade.
//
// A browser cannot set headers on a WebSocket, so the key comes as the `key`
// query parameter: missing → 401, wrong → 403, and no WebSocket is opened.
// A plain GET with `?key=` answers the same way (200 when right, CORS open),
// so a browser, which never learns why a WebSocket failed, can ask.
//
// Environment: PORT (3030; 0 picks a free one, printed), HOST (127.0.0.1:
// put a TLS proxy in front, see README), DATA_DIR (./data), RELAY_KEY
// (required). RELAY_STOP_ON_STDIN_END=1 makes it stop when its standard input
// closes (tests: it never outlives the process that started it).
//
// The relay reads every document it keeps: it is not end-to-end encrypted.

import crypto from "node:crypto"
import fs from "node:fs"
import http from "node:http"
import os from "node:os"
import { WebSocketServer } from "ws"
import { Repo } from "@automerge/automerge-repo"
import { WebSocketServerAdapter } from "@automerge/automerge-repo-network-websocket"
import { NodeFSStorageAdapter } from "@automerge/automerge-repo-storage-nodefs"

const port = Number(process.env.PORT ?? 3030)
const host = process.env.HOST ?? "127.0.0.1"
const dataDir = process.env.DATA_DIR ?? "./data"
const key = process.env.RELAY_KEY ?? ""
// Frames larger than this close the socket (ws's default is 100 MiB).
const MAX_FRAME_BYTES = 64 * 1024 * 1024

if (key === "") {
  console.error("relay: RELAY_KEY must be set (the access key clients send as ?key=…)")
  process.exit(2)
}
fs.mkdirSync(dataDir, { recursive: true })

// Comparing digests keeps the comparison constant-time whatever the lengths.
const digest = (text) => crypto.createHash("sha256").update(text).digest()
const expected = digest(key)

/** 200 for the right key, 401 without one, 403 for a wrong one, 400 for an unreadable address. */
function keyVerdict(url) {
  let given
  try {
    given = new URL(url, "http://relay.invalid").searchParams.get("key")
  } catch {
    return 400
  }
  if (given === null || given === "") return 401
  return crypto.timingSafeEqual(digest(given), expected) ? 200 : 403
}

const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES })
const adapter = new WebSocketServerAdapter(wss)
// The Repo connects its adapter to `wss` only once it has read its storage
// id (asynchronously): a socket accepted before that would never be
// answered. So the port opens once the adapter is connected.
const adapterConnected = new Promise((resolve) => {
  const connect = adapter.connect.bind(adapter)
  adapter.connect = (...args) => {
    connect(...args)
    resolve()
  }
})
const repo = new Repo({
  network: [adapter],
  storage: new NodeFSStorageAdapter(dataDir),
  peerId: process.env.PEER_ID ?? `relay-${os.hostname()}`,
  // As the stock sync server: documents are never offered to a client, only
  // served to one that asks for an id it already knows.
  sharePolicy: async () => false,
})

const REASONS = { 200: "OK", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden" }

const server = http.createServer((req, res) => {
  const headers = { "content-type": "text/plain; charset=utf-8", "access-control-allow-origin": "*" }
  if (req.url === "/health") {
    res.writeHead(200, headers).end("ok\n")
    return
  }
  const verdict = keyVerdict(req.url)
  res.writeHead(verdict, headers).end(`${REASONS[verdict]}\n`)
})

server.on("upgrade", (req, socket, head) => {
  socket.on("error", () => socket.destroy())
  const verdict = keyVerdict(req.url)
  if (verdict !== 200) {
    const reason = REASONS[verdict]
    socket.end(`HTTP/1.1 ${verdict} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
    return
  }
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req))
})

await adapterConnected
server.listen(port, host, () => {
  const { address, port: actual } = server.address()
  console.log(`relay listening on ws://${address}:${actual} (data in ${dataDir})`)
})

let stopping = false
async function stop() {
  if (stopping) return
  stopping = true
  for (const client of wss.clients) client.terminate()
  server.close()
  // automerge-repo 2.5's Repo.shutdown() throws on documents asked for but
  // never found, so flush only the ones that are ready.
  try {
    const ready = Object.values(repo.handles).filter((h) => h.isReady()).map((h) => h.documentId)
    await repo.flush(ready)
  } catch (error) {
    console.error("relay: flush failed", error)
  }
  process.exit(0)
}
process.on("SIGINT", stop)
process.on("SIGTERM", stop)
if (process.env.RELAY_STOP_ON_STDIN_END === "1") {
  process.stdin.on("end", stop)
  process.stdin.on("error", stop)
  process.stdin.resume()
}
