// After one online visit the site works with the network off: the service
// worker serves the page, the wasm and the catalogs (compiled into the wasm).
// A new deploy takes over and the page offers a reload.

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serveDir } from "../support/serve.mjs";

async function waitForServiceWorker(page) {
  await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller !== null, null, { timeout: 15000 }).catch(async () => {
    // First visit: the worker activates and claims the page; a reload makes it control.
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15000 });
  });
}

export async function test_works_offline_after_one_visit(page, t) {
  await page.goto(t.base);
  await page.waitForSelector("[data-testid=app]");
  await waitForServiceWorker(page);
  await t.context.setOffline(true);
  try {
    await page.reload();
    await page.waitForSelector("[data-testid=app]", { timeout: 15000 });
    // A deep link that was never visited online still opens (navigation falls back to the cached page).
    await page.goto(t.url("v=1&model=llama-3.1-8b&q=Q8_0&ctx=4k"));
    await page.waitForSelector("[data-testid=app]", { timeout: 15000 });
    await t.shot("offline-reload");
  } finally {
    await t.context.setOffline(false);
  }
}

export async function test_service_worker_caches_same_origin_only(page, t) {
  await page.goto(t.base);
  await page.waitForSelector("[data-testid=app]");
  await waitForServiceWorker(page);
  const foreign = await page.evaluate(async () => {
    const names = await caches.keys();
    const urls = [];
    for (const n of names) {
      const c = await caches.open(n);
      for (const r of await c.keys()) urls.push(r.url);
    }
    return { names, urls: urls.filter((u) => new URL(u).origin !== location.origin), count: urls.length };
  });
  t.assert(foreign.names.every((n) => n.startsWith("headroom-")), `cache names ${foreign.names}`);
  t.assert(foreign.count > 3, `only ${foreign.count} responses precached`);
  t.equal(foreign.urls.length, 0, "cross-origin responses in the cache");
}

export async function test_new_deploy_shows_the_update_notice(page, t) {
  // A copy of the site on its own origin, so its worker starts fresh; then
  // a "deploy" changes sw.js (a new build id, as scripts/post-build stamps
  // it) and the page is told a new version took over.
  if (!t.dist) return;
  const dir = mkdtempSync(join(tmpdir(), "headroom-deploy-"));
  cpSync(t.dist, dir, { recursive: true });
  const site = await serveDir(dir);
  try {
    const base = site.base;
    await page.goto(base);
    await page.waitForSelector("[data-testid=app]");
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15000 }).catch(async () => {
      await page.reload();
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15000 });
    });
    // A returning visitor: the page loads under the worker.
    await page.reload();
    await page.waitForSelector("[data-testid=app]");
    t.equal(await page.locator("[data-testid=update-notice]").count(), 0, "no notice before a deploy");
    const sw = join(dir, "sw.js");
    const before = readFileSync(sw, "utf8");
    const after = before.replace(/const BUILD = "([^"]*)"/, 'const BUILD = "$1-next"');
    t.assert(after !== before, "sw.js carries a build id");
    writeFileSync(sw, after);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    const notice = page.locator("[data-testid=update-notice]");
    await notice.waitFor({ timeout: 15000 });
    t.assert((await notice.textContent()).includes("new version"), "the notice says why");
    await t.shot("update-notice");
    await notice.locator("button").click();
    await page.waitForSelector("[data-testid=app]");
    await page.waitForTimeout(300);
    t.equal(await page.locator("[data-testid=update-notice]").count(), 0, "reloaded into the new version");
    const caches = await page.evaluate(() => caches.keys());
    t.assert(caches.some((k) => k.endsWith("-next")), `the new build's cache is in use: ${caches}`);
    t.assert(caches.every((k) => !k.startsWith("headroom-") || k.endsWith("-next")), `old caches are deleted: ${caches}`);
  } finally {
    site.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

