// Page object for the quant table view.
import { AppPage } from "./app.mjs";

export class QuantsPage extends AppPage {
  async open(t, query) {
    await super.open(t, query);
    await this.byId("quant-table").waitFor();
  }

  row(quant) {
    return this.byId(`quant-row-${quant}`);
  }

  async quants() {
    return this.page.locator('[data-testid^="quant-row-"] th button').allTextContents();
  }

  async file(quant) {
    return this.row(quant).locator('[data-testid="q-file"]').textContent();
  }

  async memory(quant) {
    return this.row(quant).locator('[data-testid="q-mem"]').textContent();
  }

  async marks(quant) {
    return this.row(quant).locator(".mark").allTextContents();
  }

  async assumption() {
    return this.byId("quants-assumption").textContent();
  }
}
