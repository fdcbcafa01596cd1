// Time from an input change to the updated figure on screen, per view:
// the context field is set (alternating 16K and 8K, so each change moves
// the figure) and the page is polled until the view's probe figure
// changes. Shared by the e2e test (a loose sanity bound) and the browser
// bench (the 16 ms budget).

/// Views and the figure of each that depends on the context.
export const RECOMPUTE_PROBES = [
  ["calc", '[data-testid="total-kv"] td'],
  ["quants", '[data-testid="quant-row-Q4_K_M"] [data-testid="q-mem"]'],
  ["tiers", '[data-testid="tiers-assumption"]'],
  ["recommend", '[data-testid="rec-list"]'],
];

/// Median recompute time in ms of each view, opened through `urlOf(view)`
/// (a Qwen3-8B link at 8K context), over seven changes.
export async function medianRecomputeMs(page, urlOf) {
  const results = {};
  for (const [view, probe] of RECOMPUTE_PROBES) {
    await page.goto(urlOf(view));
    await page.locator(probe).first().waitFor();
    const times = [];
    for (let k = 0; k < 7; k++) {
      times.push(
        await page.evaluate(
          async ([probe, value]) => {
            const input = document.querySelector('[data-testid="ctx"]');
            const before = document.querySelector(probe).textContent;
            const t0 = performance.now();
            input.value = value;
            input.dispatchEvent(new Event("input", { bubbles: true }));
            while (document.querySelector(probe).textContent === before) {
              await new Promise((r) => setTimeout(r, 0));
            }
            return performance.now() - t0;
          },
          [probe, k % 2 === 0 ? "16k" : "8k"],
        ),
      );
    }
    times.sort((a, b) => a - b);
    results[view] = times[3];
  }
  return results;
}
