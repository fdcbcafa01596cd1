// Page object for what every view shares: navigation, the unit toggle,
// the share-link notice and the Copy link button.

export class AppPage {
  constructor(page) {
    this.page = page;
  }

  byId(id) {
    return this.page.locator(`[data-testid="${id}"]`);
  }

  async open(t, query) {
    await this.page.goto(t.url(query));
    await this.byId("app").waitFor({ timeout: 15000 });
  }

  async go(view) {
    await this.byId(`nav-${view}`).click();
    await this.byId(`view-${view}`).waitFor();
  }

  async useGiB() {
    await this.byId("unit-gib").check();
  }

  /// The URL's `name` parameter once it reads `want`, or whatever it reads
  /// after 3 s: the app rewrites the URL shortly after the last change
  /// (bursts of changes write it once), not synchronously.
  async queryParam(name, want) {
    await this.page
      .waitForFunction(([n, w]) => new URL(location.href).searchParams.get(n) === w, [name, want], { timeout: 3000 })
      .catch(() => {});
    return new URL(this.page.url()).searchParams.get(name);
  }

  async noticeItems() {
    return this.byId("notice-item").allTextContents();
  }

  async dismissNotice() {
    await this.byId("notice-dismiss").click();
    await this.byId("notice").waitFor({ state: "detached" });
  }

  /// Parses "12.34 GB" (or GiB/MB/MiB) into a number of that unit and the unit.
  static size(text) {
    const m = /([0-9]+(?:\.[0-9]+)?)\s*(GB|GiB|MB|MiB)/.exec(text ?? "");
    return m ? { value: Number(m[1]), unit: m[2] } : null;
  }
}
