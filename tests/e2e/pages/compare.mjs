// Page object for the compare view.
import { AppPage } from "./app.mjs";

export class ComparePage extends AppPage {
  async open(t, query) {
    await super.open(t, query);
    await this.byId("cmp-col-1").waitFor();
  }

  columns() {
    return this.page.locator('[data-testid^="cmp-col-"]');
  }

  async title(n) {
    return this.byId(`cmp-col-${n}`).locator('[data-testid="cmp-title"]').textContent();
  }

  /// The figure labelled `label` in column `n`.
  async figure(n, label) {
    const rows = this.byId(`cmp-col-${n}`).locator('[data-testid="cmp-figs"] tr');
    const count = await rows.count();
    for (let i = 0; i < count; i++) {
      const th = await rows.nth(i).locator("th").textContent();
      if (th === label) return rows.nth(i).locator("td").textContent();
    }
    return null;
  }

  async addColumn() {
    await this.byId("cmp-add").click();
  }
}
