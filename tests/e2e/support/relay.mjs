// A live-sync relay for e2e tests: relay/relay.mjs (the stock automerge-repo
// server components plus the access key) in a child process, on a free port
// with a temporary data folder. It stops when its standard input closes, so
// it dies with the test process even if that one is killed. `restart()`
// starts it again on the same port with the same data, as a relay restarted
// by its administrator.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { root, startEnv } from "./env.mjs";

export const RELAY_KEY = "clé-e2e-15";

function launch(port, dataDir) {
  const child = spawn(process.execPath, [join(root, "relay", "relay.mjs")], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, RELAY_KEY, RELAY_STOP_ON_STDIN_END: "1" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    const onData = (chunk) => {
      out += chunk;
      const match = out.match(/listening on ws:\/\/127\.0\.0\.1:(\d+)/);
      if (match) {
        child.stdout.off("data", onData);
        child.stdout.resume();
        resolve({ child, port: Number(match[1]) });
      }
    };
    child.stdout.setEncoding("utf8").on("data", onData);
    child.stderr.setEncoding("utf8").on("data", (chunk) => (out += chunk));
    child.on("exit", (code) => reject(new Error(`the relay stopped (${code}): ${out}`)));
  });
}

function stopChild(child) {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.removeAllListeners("exit");
    child.on("exit", done);
    child.kill("SIGTERM");
  });
}

export async function startRelay() {
  const dataDir = await mkdtemp(join(tmpdir(), "gouvernail-e2e-relay-"));
  let { child, port } = await launch(0, dataDir);
  return {
    get port() {
      return port;
    },
    get url() {
      return `ws://127.0.0.1:${port}`;
    },
    key: RELAY_KEY,
    async stop() {
      await stopChild(child);
    },
    async restart() {
      await stopChild(child);
      ({ child, port } = await launch(port, dataDir));
    },
    async close() {
      await stopChild(child);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The app's test environment and a relay, started together. */
export async function startEnvWithRelay() {
  const [env, relay] = await Promise.all([startEnv(), startRelay()]);
  return { env, relay };
}
