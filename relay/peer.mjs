// A JavaScript automerge-repo client driven line by line, for the tests and
// the benchmark: it plays « another app » on the relay (the reference
// implementation, where Gouvernail's Rust client is the one under test).
//
//   node relay/peer.mjs <ws-url>
//
// Reads one JSON command a line on stdin, writes one JSON answer a line on
// stdout ({ok: true, …} or {ok: false, error}). Commands:
//   {cmd: "find", id}                          waits until the document is ready; answers its
//                                              content (not with `quiet: true`) and the time it took (ms)
//   {cmd: "import", file}                      a new document holding a saved Automerge file; its id
//   {cmd: "get", id}                           the content as it is now
//   {cmd: "set", id, path: [...], value}       one change: doc[path…] = value
//   {cmd: "wait", id, path: [...], value}      answers once doc[path…] === value (ms waited)
//   {cmd: "create", content, gouvernail?}      a new document (content as given; with
//                                              `gouvernail: {schema}` a Gouvernail header whose
//                                              meta.id is the document's own UUID, or `gouvernail.id`);
//                                              answers its id
//   {cmd: "stats"}                             bytes received and sent on the WebSocket so far
//   {cmd: "quit"}

import { readFileSync } from "node:fs"
import { createInterface } from "node:readline"
import { Repo, parseAutomergeUrl, stringifyAutomergeUrl } from "@automerge/automerge-repo"
import { WebSocketClientAdapter } from "@automerge/automerge-repo-network-websocket"
import { ImmutableString } from "@automerge/automerge"

const url = process.argv[2]
const adapter = new WebSocketClientAdapter(url, 500)
const repo = new Repo({
  network: [adapter],
  peerId: `js-peer-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
  sharePolicy: async () => true,
})

const handles = new Map()
async function handle(id) {
  if (!handles.has(id)) handles.set(id, await repo.find(stringifyAutomergeUrl({ documentId: id })))
  return handles.get(id)
}

const at = (doc, path) => path.reduce((value, key) => (value == null ? undefined : value[key]), doc)
// Unsigned integers come back as BigInt, which JSON cannot write.
const plain = (doc) => JSON.parse(JSON.stringify(doc, (_, v) => (typeof v === "bigint" ? Number(v) : v)))

function uuidOf(id) {
  const hex = Buffer.from(parseAutomergeUrl(`automerge:${id}`).binaryDocumentId).toString("hex")
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

const commands = {
  async find({ id, quiet }) {
    const start = performance.now()
    const h = await handle(id)
    const ms = performance.now() - start
    return quiet ? { ms } : { ms, content: plain(h.doc()) }
  },
  async import({ file }) {
    const h = repo.import(readFileSync(file))
    handles.set(h.documentId, h)
    return { id: h.documentId }
  },
  async stats() {
    return { ...bytes }
  },
  async get({ id }) {
    return { content: plain((await handle(id)).doc()) }
  },
  async set({ id, path, value }) {
    const h = await handle(id)
    h.change((doc) => {
      const parent = at(doc, path.slice(0, -1))
      parent[path[path.length - 1]] = value
    })
    return {}
  },
  async wait({ id, path, value }) {
    const h = await handle(id)
    const start = performance.now()
    await new Promise((resolve) => {
      const check = () => {
        if (at(h.doc(), path) === value) {
          h.off("change", check)
          resolve()
        }
      }
      h.on("change", check)
      check()
    })
    return { ms: performance.now() - start }
  },
  async create({ content, gouvernail }) {
    const h = repo.create(content)
    if (gouvernail) {
      h.change((doc) => {
        const id = gouvernail.id ?? uuidOf(h.documentId)
        // Gouvernail writes the id and kind as plain strings, the title as text.
        doc.meta = {
          id: new ImmutableString(id),
          kind: new ImmutableString("Workspace"),
          schema_version: gouvernail.schema,
          title: "JS",
        }
      })
    }
    handles.set(h.documentId, h)
    return { id: h.documentId }
  },
  async quit() {
    setTimeout(() => process.exit(0), 10)
    return {}
  },
}

await repo.networkSubsystem.whenReady()
// What crosses the socket, for the benchmark (the adapter's socket is a `ws` WebSocket).
const bytes = { received: 0, sent: 0 }
adapter.socket.on("message", (data) => (bytes.received += data.byteLength ?? data.length))
const send = adapter.socket.send.bind(adapter.socket)
adapter.socket.send = (data, ...rest) => {
  bytes.sent += data.byteLength ?? data.length
  return send(data, ...rest)
}
console.log(JSON.stringify({ ok: true, ready: true }))
for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === "") continue
  let answer
  try {
    const command = JSON.parse(line)
    answer = { ok: true, ...(await commands[command.cmd](command)) }
  } catch (error) {
    answer = { ok: false, error: String(error?.message ?? error) }
  }
  console.log(JSON.stringify(answer))
}
process.exit(0)
