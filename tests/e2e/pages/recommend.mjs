// Page object for the recommendations view.
import { AppPage } from "./app.mjs";

export class RecommendPage extends AppPage {
  async open(t, query) {
    await super.open(t, query);
    await this.byId("view-recommend").waitFor();
  }

  async picks() {
    return this.page.locator('[data-testid="rec-list"] .rec-title').allTextContents();
  }

  async figures() {
    return this.page.locator('[data-testid="rec-list"] .rec-figs .num').allTextContents();
  }

  async setUseCase(key) {
    await this.byId(`use-${key}`).check();
  }

  async setMinSpeed(text) {
    await this.byId("minspeed").fill(text);
  }

  async whatIfs() {
    await this.byId("what-if-toggle").click();
    await this.byId("what-ifs").locator("li").first().waitFor();
    return this.byId("what-ifs").locator("li").allTextContents();
  }
}
