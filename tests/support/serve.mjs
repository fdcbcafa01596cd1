// Serves a directory on 127.0.0.1 (python3's http.server, which gives
// .wasm files the application/wasm type), for the e2e runner, the browser
// bench and tests that need a site on an origin of their own.
import { spawn } from "node:child_process";
import net from "node:net";

/// A free TCP port on 127.0.0.1.
export function freePort() {
  return new Promise((ok, fail) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
    srv.on("error", fail);
  });
}

/// Serves `dir` and waits until it answers; `{ base, close }`, `base`
/// ending in "/".
export async function serveDir(dir, timeoutMs = 10000) {
  const port = await freePort();
  const proc = spawn("python3", ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", dir], { stdio: "ignore" });
  const base = `http://127.0.0.1:${port}/`;
  const end = Date.now() + timeoutMs;
  for (;;) {
    const up = await fetch(base).then((r) => r.ok, () => false);
    if (up) break;
    if (Date.now() > end) {
      proc.kill();
      throw new Error(`server for ${dir} did not start within ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { base, close: () => proc.kill() };
}
