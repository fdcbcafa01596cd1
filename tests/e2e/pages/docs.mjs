// Page object for the docs view (`view=docs`).

export class DocsPage {
  constructor(page, t) {
    this.page = page;
    this.t = t;
  }

  /** Opens docs page `slug` through its deep link. */
  async open(slug) {
    await this.page.goto(this.t.url(`v=1&view=docs&page=${slug}`));
    await this.page.waitForSelector(`[data-testid=doc-content][data-page="${slug}"]`, { timeout: 15000 });
  }

  /** The slug of the page shown. */
  async shownSlug() {
    return this.page.locator("[data-testid=doc-content]").getAttribute("data-page");
  }

  /** The first heading of the page shown. */
  async heading() {
    return (await this.page.locator("[data-testid=doc-content] h1").first().textContent()).trim();
  }

  /** The rendered HTML of the page shown. */
  async html() {
    return this.page.locator("[data-testid=doc-content]").innerHTML();
  }

  /** Types `query` into the search box and waits for the status line. */
  async search(query) {
    await this.page.fill("[data-testid=doc-search]", query);
    await this.page.waitForFunction(
      () => /match/.test(document.querySelector("[data-testid=doc-search-status]")?.textContent ?? ""),
    );
  }

  /** The search results as [{ slug, title, snippet }]. */
  async hits() {
    return this.page.$$eval("[data-testid^=doc-hit-]", (els) =>
      els.map((el) => ({
        slug: el.dataset.testid.replace("doc-hit-", ""),
        title: el.querySelector("a")?.textContent?.trim() ?? "",
        snippet: el.querySelector("p")?.textContent ?? "",
      })),
    );
  }
}
