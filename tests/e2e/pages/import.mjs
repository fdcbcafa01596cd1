// Page object for the import view (`view=import`) and a stand-in for
// Hugging Face served from tests/fixtures through page.route.

import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), "../../fixtures");
export const fixture = (name) => resolve(FIXTURES, name);

export class ImportPage {
  constructor(page, t) {
    this.page = page;
    this.t = t;
  }

  /** Opens the import view with an optional extra query (`hf=…`). */
  async open(extra = "") {
    await this.page.goto(this.t.url(`v=1&view=import${extra ? "&" + extra : ""}`));
    await this.page.waitForSelector("[data-testid=view-import]", { timeout: 15000 });
  }

  /** Picks a local file (a path or { name, mimeType, buffer }). */
  async pickFile(file) {
    await this.page.setInputFiles("[data-testid=gguf-input]", file);
  }

  /** Waits for the summary of an imported model. */
  async waitForModel() {
    await this.page.waitForSelector("[data-testid=import-facts]", { timeout: 15000 });
  }

  /** The value of fact row `key` (`tensors`, `weights`, …). */
  async fact(key) {
    return (await this.page.locator(`[data-testid=fact-${key}] td`).textContent()).trim();
  }

  /** Waits for and returns the import error message. */
  async error() {
    const el = this.page.locator("[data-testid=import-error]");
    await el.waitFor({ timeout: 15000 });
    return (await el.textContent()).trim();
  }

  /** Imports a Hugging Face repo id through the form. */
  async importRepo(id) {
    await this.page.fill("[data-testid=hf-repo]", id);
    await this.page.click("[data-testid=hf-import]");
  }

  /** The page's query string once it holds every string of `wanted`, or
   * whatever it holds after 3 s (the app rewrites the URL shortly after
   * the last change, not synchronously). */
  async query(...wanted) {
    await this.page
      .waitForFunction((w) => w.every((x) => location.search.includes(x)), wanted, { timeout: 3000 })
      .catch(() => {});
    return new URL(this.page.url()).search;
  }
}

const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-headers": "range",
  "access-control-expose-headers": "content-range, x-error-code",
};

/**
 * Serves https://huggingface.co/** from `repos`, a map from repo id to
 * { config: fixture name | status code, files: [names] | status code,
 *   ggufs: { name: fixture name } }. Anything else is a 404. `requests`
 * collects every URL asked for (with its Range header).
 */
export async function fakeHuggingFace(page, repos) {
  const requests = [];
  await page.route("https://huggingface.co/**", async (route) => {
    const req = route.request();
    const url = new URL(req.url());
    requests.push({ path: url.pathname, range: req.headers()["range"] ?? null });
    if (req.method() === "OPTIONS") return route.fulfill({ status: 204, headers: CORS });
    const notFound = () =>
      route.fulfill({ status: 404, headers: { ...CORS, "x-error-code": "EntryNotFound" }, body: "Entry not found" });
    const status = (code) => route.fulfill({ status: code, headers: CORS, body: `HTTP ${code}` });
    const api = url.pathname.match(/^\/api\/models\/([^/]+\/[^/]+)$/);
    const file = url.pathname.match(/^\/([^/]+\/[^/]+)\/resolve\/main\/(.+)$/);
    const repo = repos[(api ?? file)?.[1]];
    if (!repo) return route.fulfill({ status: 401, headers: { ...CORS, "x-error-code": "RepoNotFound" }, body: "Repository not found" });
    if (api) {
      if (typeof repo.files === "number") return status(repo.files);
      if (!repo.files) return notFound();
      const body = JSON.stringify({ id: api[1], siblings: repo.files.map((rfilename) => ({ rfilename })) });
      return route.fulfill({ status: 200, headers: { ...CORS, "content-type": "application/json" }, body });
    }
    const name = decodeURIComponent(file[2]);
    if (name === "config.json") {
      if (typeof repo.config === "number") return status(repo.config);
      if (!repo.config) return notFound();
      return route.fulfill({ status: 200, headers: { ...CORS, "content-type": "application/json" }, body: readFileSync(fixture(repo.config)) });
    }
    const gguf = repo.ggufs?.[name];
    if (!gguf) return notFound();
    const bytes = readFileSync(fixture(gguf));
    const m = /^bytes=(\d+)-(\d+)$/.exec(req.headers()["range"] ?? "");
    if (!m) return route.fulfill({ status: 200, headers: CORS, body: bytes });
    const start = Number(m[1]);
    const end = Math.min(Number(m[2]), bytes.length - 1);
    return route.fulfill({
      status: 206,
      headers: { ...CORS, "content-range": `bytes ${start}-${end}/${bytes.length}` },
      body: bytes.subarray(start, end + 1),
    });
  });
  return requests;
}
