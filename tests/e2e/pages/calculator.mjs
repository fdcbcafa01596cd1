// Page object for the calculator view.
import { AppPage } from "./app.mjs";

export class CalculatorPage extends AppPage {
  async open(t, query) {
    await super.open(t, query);
    await this.byId("view-calc").waitFor();
  }

  async verdict() {
    const el = this.byId("verdict");
    await el.waitFor();
    return {
      fit: await el.getAttribute("data-fit"),
      headline: await this.byId("verdict-headline").textContent(),
      reason: await this.byId("verdict-reason").textContent(),
    };
  }

  async total(part) {
    return this.byId(`total-${part}`).locator("td").textContent();
  }

  /// Waits until the `part` total shows `text`.
  async waitTotal(part, text) {
    await this.page.waitForFunction(
      ([id, want]) => document.querySelector(`[data-testid="${id}"] td`)?.textContent?.includes(want),
      [`total-${part}`, text],
      { timeout: 5000 },
    );
  }

  async setContext(text) {
    await this.byId("ctx").fill(text);
  }

  async setKv(type) {
    await this.byId("kv").selectOption(type);
  }

  async setGpu(id) {
    await this.byId("gpu").selectOption(id);
  }

  async setQuant(q) {
    await this.byId("quant").selectOption(q);
  }

  async pickModel(query, id) {
    await this.byId("model-search").fill(query);
    await this.byId(`model-opt-${id}`).click();
  }

  async value(id) {
    return this.byId(id).inputValue();
  }

  async bars() {
    return this.page.locator('[data-testid^="bar-"]').count();
  }

  async command() {
    return this.byId("command").textContent();
  }
}
