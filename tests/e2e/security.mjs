// The built page carries a Content-Security-Policy that allows only the
// site itself, and the app runs under it (a violation would be a console
// error, which fails every test).

export async function test_content_security_policy_is_strict(page, t) {
  await page.goto(t.base);
  await page.waitForSelector("[data-testid=app]");
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");
  t.assert(csp, "no CSP meta tag");
  const directives = Object.fromEntries(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  t.equal(directives["default-src"].join(" "), "'self'", "default-src");
  t.assert(!directives["script-src"].includes("'unsafe-inline'"), "script-src allows unsafe-inline");
  t.assert(!directives["script-src"].includes("'unsafe-eval'"), "script-src allows unsafe-eval");
  t.equal(directives["object-src"].join(" "), "'none'", "object-src");
  for (const src of directives["connect-src"]) t.assert(src === "'self'" || /huggingface\.co$|hf\.co$/.test(src), `connect-src allows ${src}`);
  const thirdParty = await page.evaluate(() =>
    [...document.querySelectorAll("script[src], link[href], img[src]")]
      .map((e) => e.src || e.href)
      .filter((u) => u && new URL(u, location.href).origin !== location.origin),
  );
  t.equal(thirdParty.length, 0, `third-party resources: ${thirdParty}`);
}

export async function test_external_links_do_not_leak_the_opener(page, t) {
  await page.goto(t.base);
  await page.waitForSelector("[data-testid=app]");
  const bad = await page.evaluate(() =>
    [...document.querySelectorAll("a[href]")]
      .filter((a) => new URL(a.href, location.href).origin !== location.origin)
      .filter((a) => !(a.rel || "").split(/\s+/).includes("noopener"))
      .map((a) => a.href),
  );
  t.equal(bad.length, 0, `external links without rel=noopener: ${bad}`);
}

export async function test_static_host_headers_file_is_published(page, t) {
  const r = await page.request.get(t.base + "_headers");
  t.equal(r.status(), 200, "GET _headers");
  const text = await r.text();
  t.assert(text.includes("Content-Security-Policy:") && text.includes("frame-ancestors 'none'"), "_headers lacks the policy");
}
