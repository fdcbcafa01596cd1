// Browser performance figures for `scripts/bench`, measured in headless
// Chromium on 127.0.0.1 in one run (ratios are what to compare on a noisy
// machine):
//   - time to first render of dist/: navigation start → first contentful
//     paint (the browser's own `first-contentful-paint` entry: the page
//     body is empty until the app renders), median of 5 cold loads, against
//     a plain static HTML page of the same byte size as the app's index +
//     js + wasm; plus the app's own marks (`headroom:start` when its code
//     starts, `headroom:mounted` when the first view is in the DOM);
//   - the full catalog sweep in WASM, timed in the page with
//     performance.now() (exported by the app as `bench_sweep`), budget 25 ms
//     (steady state: one untimed call first lets the engine tier up);
//   - recomputing every visible figure after an input change, per view:
//     context change → the figure that depends on it shows the new value,
//     median of 7 changes, budget 16 ms (one frame).
// Exit 1 when a budget is exceeded.
import { mkdtempSync, readdirSync, statSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";
import { medianRecomputeMs } from "../support/recompute.mjs";
import { serveDir } from "../support/serve.mjs";

const dist = resolve(process.argv[2] ?? "dist");
const appBytes = readdirSync(dist)
  .filter((f) => /\.(wasm|js|html)$/.test(f) && f !== "sw.js" && f !== "register-sw.js")
  .reduce((n, f) => n + statSync(join(dist, f)).size, 0);
const plainDir = mkdtempSync(join(tmpdir(), "headroom-plain-"));
const filler = "<p>" + "lorem ipsum dolor sit amet ".repeat(40) + "</p>\n";
writeFileSync(join(plainDir, "index.html"), `<!DOCTYPE html><html><head><title>plain</title></head><body><main id="root">${filler.repeat(Math.ceil(appBytes / filler.length))}</main></body></html>`);

const appSite = await serveDir(dist);
const plainSite = await serveDir(plainDir);
const browserArgs = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/// Median over 5 cold loads (fresh profile each) of the first contentful
/// paint and of the app's marks, in ms from navigation start.
async function firstRender(url, selector) {
  const runs = [];
  for (let i = 0; i < 5; i++) {
    const profile = mkdtempSync(join(tmpdir(), "headroom-bench-"));
    const ctx = await chromium.launchPersistentContext(profile, { executablePath: "/usr/bin/chromium", headless: true, args: browserArgs });
    const page = await ctx.newPage();
    await page.goto(url, { waitUntil: "commit" });
    await page.waitForSelector(selector, { timeout: 20000 });
    runs.push(await page.evaluate(async () => {
      const fcp = () => performance.getEntriesByName("first-contentful-paint")[0];
      for (let i = 0; i < 100 && !fcp(); i++) await new Promise((r) => setTimeout(r, 20));
      const mark = (n) => performance.getEntriesByName(n)[0]?.startTime ?? NaN;
      return { fcp: fcp()?.startTime ?? NaN, start: mark("headroom:start"), mounted: mark("headroom:mounted") };
    }));
    await ctx.close();
    rmSync(profile, { recursive: true, force: true });
  }
  const median = (k) => runs.map((r) => r[k]).sort((a, b) => a - b)[2];
  return { fcp: median("fcp"), start: median("start"), mounted: median("mounted") };
}

let fail = 0;
try {
  const app = await firstRender(appSite.base, "[data-testid=app]");
  const plain = await firstRender(plainSite.base, "#root");
  console.log(`first render (first contentful paint, median of 5 cold loads): app ${app.fcp.toFixed(0)} ms, plain static page of the same size (${appBytes} bytes) ${plain.fcp.toFixed(0)} ms, ratio ${(app.fcp / plain.fcp).toFixed(2)}x (budget: app ≤ 500 ms)`);
  console.log(`  app code starts at ${app.start.toFixed(0)} ms (download + compile), first view in the DOM at ${app.mounted.toFixed(0)} ms`);
  if (!(app.fcp <= 500)) fail = 1;

  const profile = mkdtempSync(join(tmpdir(), "headroom-bench-"));
  const ctx = await chromium.launchPersistentContext(profile, { executablePath: "/usr/bin/chromium", headless: true, args: browserArgs });
  const page = await ctx.newPage();
  await page.goto(appSite.base);
  await page.waitForSelector("[data-testid=app]");
  const sweep = await page.evaluate(() => {
    const b = window.wasmBindings && window.wasmBindings.bench_sweep;
    if (!b) return null;
    b(2);
    return b(5);
  });
  if (sweep === null) {
    console.log("wasm sweep: the app exports no bench_sweep");
    fail = 1;
  } else {
    const [ms, n] = sweep;
    console.log(`wasm full catalog sweep: ${ms.toFixed(2)} ms for ${n} estimates (budget 25 ms)`);
    if (ms > 25) fail = 1;
  }

  // Recompute after an input change, per view.
  const recompute = await medianRecomputeMs(page, (view) => `${appSite.base}?v=1&view=${view}&model=qwen3-8b&ctx=8k`);
  console.log(`recompute after a context change (median of 7, budget 16 ms): ${Object.entries(recompute).map(([v, ms]) => `${v} ${ms.toFixed(1)} ms`).join(", ")}`);
  if (Object.values(recompute).some((ms) => ms > 16)) fail = 1;
  await ctx.close();
  rmSync(profile, { recursive: true, force: true });
} finally {
  appSite.close();
  plainSite.close();
  rmSync(plainDir, { recursive: true, force: true });
}
console.log(`browser bench: ${fail ? "over budget" : "within budget"}`);
process.exit(fail);
