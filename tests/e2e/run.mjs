// End-to-end test runner: serves a built site directory on 127.0.0.1,
// drives Debian's Chromium with playwright-core, and runs every exported
// `test_*` function of the test modules in this directory.
//
// Usage: node tests/e2e/run.mjs [dist] [--only substring]
// Env:   E2E_URL=http://127.0.0.1:8080/ tests an already running server.
//
// A test is `export async function test_name(page, t)` where `t` has
//   t.base        the site URL, ending in "/"
//   t.url(q)      the site URL with a query string, e.g. t.url("v=1&model=qwen3-8b")
//   t.shot(name)  saves a full-page screenshot to target/e2e/<name>.png
//   t.context     the browser context (offline switching, service workers)
//   t.dist        the served site directory (null with E2E_URL)
//   t.assert(cond, message), t.equal(actual, expected, message)
// Each test gets a fresh page. A console error or an uncaught page error
// fails the test unless the test calls t.allowConsoleErrors().

import { mkdirSync, mkdtempSync, readdirSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { serveDir } from "../support/serve.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const args = process.argv.slice(2);
const onlyAt = args.indexOf("--only");
const only = onlyAt >= 0 ? args[onlyAt + 1] : null;
const dist = resolve(root, args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--only") ?? "dist");
const shotsDir = join(root, "target", "e2e");
mkdirSync(shotsDir, { recursive: true });

class AssertionError extends Error {}
const tools = {
  assert(cond, message) {
    if (!cond) throw new AssertionError(message ?? "assertion failed");
  },
  equal(actual, expected, message) {
    if (actual !== expected)
      throw new AssertionError(`${message ?? "values differ"}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  },
};

let server = null;
let base = process.env.E2E_URL;
if (!base) {
  if (!existsSync(join(dist, "index.html"))) {
    console.error(`e2e: ${dist}/index.html not found; build the site first (trunk build --release)`);
    process.exit(2);
  }
  server = await serveDir(dist);
  base = server.base;
}
if (!base.endsWith("/")) base += "/";

const modules = readdirSync(here).filter((f) => f.endsWith(".mjs") && f !== "run.mjs").sort();
const tests = [];
for (const m of modules) {
  const mod = await import(pathToFileURL(join(here, m)).href);
  for (const [name, fn] of Object.entries(mod)) {
    if (name.startsWith("test_") && typeof fn === "function" && (!only || `${m}:${name}`.includes(only))) tests.push({ name: `${m.replace(/\.mjs$/, "")}::${name}`, fn });
  }
}

const profile = mkdtempSync(join(tmpdir(), "headroom-e2e-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  viewport: { width: 1280, height: 900 },
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
});

let passed = 0;
let failed = 0;
for (const { name, fn } of tests) {
  const page = await context.newPage();
  const errors = [];
  let allowErrors = false;
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(`console: ${msg.text()}`);
  });
  page.on("pageerror", (err) => errors.push(`pageerror: ${err.message}`));
  const t = {
    ...tools,
    base,
    context,
    dist: process.env.E2E_URL ? null : dist,
    url: (q) => (q ? `${base}?${q}` : base),
    shot: async (shot) => {
      await page.screenshot({ path: join(shotsDir, `${shot}.png`), fullPage: true });
    },
    allowConsoleErrors: () => {
      allowErrors = true;
    },
  };
  const started = Date.now();
  try {
    await fn(page, t);
    if (!allowErrors && errors.length) throw new AssertionError(`browser errors:\n    ${errors.join("\n    ")}`);
    passed++;
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name} (${Date.now() - started} ms)\n    ${String(e?.stack ?? e).split("\n").slice(0, 6).join("\n    ")}`);
    try {
      await page.screenshot({ path: join(shotsDir, `FAILED-${name.replace(/[^a-z0-9_-]+/gi, "_")}.png`), fullPage: true });
    } catch {}
  } finally {
    await page.close().catch(() => {});
  }
}

await context.close();
rmSync(profile, { recursive: true, force: true });
if (server) server.close();
console.log(`screenshots: ${shotsDir}`);
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed || !tests.length ? 1 : 0);
