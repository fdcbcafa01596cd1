// Browser performance figures for `scripts/bench`, measured in headless
// Chromium on 127.0.0.1 in one run (ratios are what to compare on a noisy
// machine):
//   - time to first render of dist/: navigation start → first contentful
//     paint (the browser's own `first-contentful-paint` entry: the page
//     body is empty until the app renders), median of 5 cold loads, against
//     a plain static HTML page of the same byte size as the app's index +
//     js + wasm loaded in the same run, budget 1.5× the plain page's; plus
//     the app's own marks (`headroom:start` when its code starts,
//     `headroom:mounted` when the first view is in the DOM);
//   - the full catalog sweep in WASM, timed in the page with
//     performance.now() (exported by the app as `bench_sweep`), budget 25 ms
//     (steady state: one untimed call first lets the engine tier up);
//   - recomputing every visible figure after an input change, per view:
//     context change → the figure that depends on it shows the new value,
//     median of 7 changes, budget 16 ms (one frame).
// A figure over budget is measured again, up to `attempts` (argv[3],
// default 1) in all; the best attempt counts, and every one is printed: the
// machines are noisy, a regression stays over budget in every attempt.
// Exit 1 when a budget is exceeded.
import { mkdtempSync, readdirSync, statSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";
import { medianRecomputeMs } from "../support/recompute.mjs";
import { serveDir } from "../support/serve.mjs";

const dist = resolve(process.argv[2] ?? "dist");
const attempts = Math.max(1, Number(process.argv[3] ?? 1) || 1);

/// Measures with `measure` until `within` holds of a result or `attempts`
/// are spent; prints each attempt with `show`; gives the best (by `key`,
/// lower is better) and whether it is within budget.
async function best(measure, show, within, key) {
  let top = null;
  for (let i = 1; i <= attempts; i++) {
    const r = await measure();
    console.log(`${show(r)}${attempts > 1 ? ` [attempt ${i}]` : ""}`);
    if (top === null || key(r) < key(top)) top = r;
    if (within(r)) return { r, ok: true };
  }
  return { r: top, ok: false };
}
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
  const render = await best(
    async () => ({ app: await firstRender(appSite.base, "[data-testid=app]"), plain: await firstRender(plainSite.base, "#root") }),
    ({ app, plain }) => `first render (first contentful paint, median of 5 cold loads): app ${app.fcp.toFixed(0)} ms, plain static page of the same size (${appBytes} bytes) ${plain.fcp.toFixed(0)} ms, ratio ${(app.fcp / plain.fcp).toFixed(2)}x (budget 1.5x)\n  app code starts at ${app.start.toFixed(0)} ms (download + compile), first view in the DOM at ${app.mounted.toFixed(0)} ms`,
    ({ app, plain }) => app.fcp <= 1.5 * plain.fcp,
    ({ app, plain }) => app.fcp / plain.fcp,
  );
  if (!render.ok) fail = 1;

  const profile = mkdtempSync(join(tmpdir(), "headroom-bench-"));
  const ctx = await chromium.launchPersistentContext(profile, { executablePath: "/usr/bin/chromium", headless: true, args: browserArgs });
  const page = await ctx.newPage();
  await page.goto(appSite.base);
  await page.waitForSelector("[data-testid=app]");
  const hasSweep = await page.evaluate(() => Boolean(window.wasmBindings && window.wasmBindings.bench_sweep));
  if (!hasSweep) {
    console.log("wasm sweep: the app exports no bench_sweep");
    fail = 1;
  } else {
    const sweep = await best(
      () => page.evaluate(() => {
        const b = window.wasmBindings.bench_sweep;
        b(2);
        return b(5);
      }),
      ([ms, n]) => `wasm full catalog sweep: ${ms.toFixed(2)} ms for ${n} estimates (budget 25 ms)`,
      ([ms]) => ms <= 25,
      ([ms]) => ms,
    );
    if (!sweep.ok) fail = 1;
  }

  // Recompute after an input change, per view.
  const worst = (r) => Math.max(...Object.values(r));
  const recompute = await best(
    () => medianRecomputeMs(page, (view) => `${appSite.base}?v=1&view=${view}&model=qwen3-8b&ctx=8k`),
    (r) => `recompute after a context change (median of 7, budget 16 ms): ${Object.entries(r).map(([v, ms]) => `${v} ${ms.toFixed(1)} ms`).join(", ")}`,
    (r) => worst(r) <= 16,
    worst,
  );
  if (!recompute.ok) fail = 1;
  await ctx.close();
  rmSync(profile, { recursive: true, force: true });
} finally {
  appSite.close();
  plainSite.close();
  rmSync(plainDir, { recursive: true, force: true });
}
console.log(`browser bench: ${fail ? "over budget" : "within budget"}`);
process.exit(fail);
