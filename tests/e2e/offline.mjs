// After one online visit the site works with the network off: the service
// worker serves the page, the wasm and the catalogs (compiled into the wasm).

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
