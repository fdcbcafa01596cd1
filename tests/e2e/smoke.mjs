// The site loads from a static server, mounts the app and shows no errors.

export async function test_page_mounts_without_errors(page, t) {
  const started = Date.now();
  await page.goto(t.base);
  await page.waitForSelector("[data-testid=app]", { timeout: 15000 });
  const ms = Date.now() - started;
  t.assert(ms < 15000, `first render took ${ms} ms`);
  const title = await page.title();
  t.assert(title.includes("headroom"), `page title is ${JSON.stringify(title)}`);
  await t.shot("smoke-home");
}

export async function test_favicon_and_manifest_are_served(page, t) {
  for (const path of ["favicon.svg", "manifest.webmanifest", "style.css"]) {
    const r = await page.request.get(t.base + path);
    t.equal(r.status(), 200, `GET ${path}`);
  }
}
