// Page object for the hardware tiers view.
import { AppPage } from "./app.mjs";

export class TiersPage extends AppPage {
  async open(t, query) {
    await super.open(t, query);
    await this.byId("view-tiers").waitFor();
    await this.page.locator('[data-testid^="tier-"] h2').first().waitFor();
  }

  async tierIds() {
    return this.page.locator('article[data-testid^="tier-"]').evaluateAll((els) => els.map((e) => e.dataset.testid));
  }

  async good(id) {
    return this.byId(id).locator('[data-testid="tier-good"] li').allTextContents();
  }

  async avoid(id) {
    return this.byId(id).locator('[data-testid="tier-avoid"] li').allTextContents();
  }

  async assumption() {
    return this.byId("tiers-assumption").textContent();
  }
}
