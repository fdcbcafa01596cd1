// The docs view (build-time pages, deep links, offline search) and model
// import (a local GGUF header; Hugging Face config.json and GGUF headers,
// served from tests/fixtures by a stand-in, never the internet).

import { readFileSync } from "node:fs";
import { DocsPage } from "./pages/docs.mjs";
import { ImportPage, fakeHuggingFace, fixture } from "./pages/import.mjs";

// Expected figures of tests/fixtures/llama-3.1-8b-q4_k_m.header.gguf, by hand
// from its tensor table (Llama 3.1 8B: 32 blocks, n_embd 4096, n_ff 14336,
// 8 KV heads of 128 → K/V width 1024, vocab 128256). Row bytes: Q4_K = 144 B
// per 256 values, Q6_K = 210 B per 256, F32 = 4 B per value.
//   token_embd  4096×128256 Q4_K: 128256 rows × 16×144 (2304) = 295,501,824
//   output      4096×128256 Q6_K: 128256 rows × 16×210 (3360) = 430,940,160
//   output_norm 4096 F32 = 16,384; rope_freqs 64 F32 = 256
//   per block, all-Q4_K: attn_q 4096 rows × 2304 = 9,437,184; attn_output the
//     same; attn_k, attn_v 1024 × 2304 = 2,359,296 each; ffn_gate, ffn_up
//     14336 × 2304 = 33,030,144 each; ffn_down 4096 rows × 56×144 (8064) =
//     33,030,144; two norms 16,384 each → 122,716,160
//   Q4_K_M puts attn_v and ffn_down in Q6_K on 16 of the 32 blocks
//     (use_more_bits: 0–3, 6, 9, …, 27, 28–31): attn_v 1024 × 3360 =
//     3,440,640 (+1,081,344), ffn_down 4096 × 56×210 = 48,168,960
//     (+15,138,816) → +16,220,160 per such block
//   blocks: 32 × 122,716,160 + 16 × 16,220,160 = 4,186,439,680
//   total: 4,186,439,680 + 295,501,824 + 430,940,160 + 16,384 + 256
//        = 4,912,898,304 bytes
//   tensors: 4 + 32 × 9 = 292
//   parameters: 2 × 4096×128256 (embd, output) = 1,050,673,152
//     + 32 × (2×4096² + 2×4096×1024 + 3×4096×14336) = 32 × 218,103,808
//     = 6,979,321,856, + norms 4096 + 32×2×4096 = 266,240, + rope_freqs 64
//     = 8,030,261,312
const LLAMA_TENSORS = "292";
const LLAMA_WEIGHT_BYTES = "4,912,898,304 bytes";
const LLAMA_PARAMS = "8,030,261,312";

export async function test_docs_deep_link_opens_the_page(page, t) {
  const docs = new DocsPage(page, t);
  await docs.open("kv-cache");
  t.equal(await docs.heading(), "KV cache", "page heading");
  const html = await docs.html();
  // The docs' `<!-- check: … -->` comments are dropped at build time (the
  // framework adds empty `<!---->` markers of its own).
  t.assert(!/<!--(?!-->)/.test(html) && !html.includes("check:"), "HTML comments are not rendered");
  // Relative .md links become deep links; external links open a new tab.
  t.assert(html.includes('href="?v=1&amp;view=docs&amp;page=runtimes"'), "runtimes.md is a deep link");
  t.assert(/href="https:\/\/github\.com[^"]*" target="_blank" rel="noopener noreferrer"/.test(html), "external link opens a new tab");
  t.equal(await page.getAttribute("[data-testid=doc-link-kv-cache]", "aria-current"), "page", "sidebar marks the page");
  await t.shot("docs-kv-cache");
  // A link inside the page switches pages in place.
  await page.click('[data-testid=doc-content] a[href*="page=runtimes"]');
  await page.waitForSelector('[data-testid=doc-content][data-page="runtimes"]');
  t.equal(await docs.heading(), "Runtimes", "linked page heading");
  await page.waitForFunction(() => location.search.includes("view=docs&page=runtimes"), null, { timeout: 3000 }).catch(() => {});
  t.assert(page.url().includes("view=docs&page=runtimes"), `URL ${page.url()}`);
}

export async function test_docs_home_lists_pages_index_first(page, t) {
  await page.goto(t.url("v=1&view=docs"));
  await page.waitForSelector('[data-testid=doc-content][data-page="index"]', { timeout: 15000 });
  const first = await page.$eval("[data-testid^=doc-link-]", (a) => a.dataset.testid);
  t.equal(first, "doc-link-index", "first page in the list");
  await page.click("[data-testid=nav-calc]");
  await page.waitForSelector("[data-testid=view-calc]");
  await page.click("[data-testid=nav-docs]");
  await page.waitForSelector("[data-testid=view-docs]");
}

export async function test_docs_search_finds_the_one_page_and_enter_opens_it(page, t) {
  const docs = new DocsPage(page, t);
  await docs.open("index");
  // "iogpu" (the macOS sysctl iogpu.wired_limit_mb) occurs only on the Apple
  // unified memory page; the search is case-insensitive.
  await docs.search("IOGPU");
  const hits = await docs.hits();
  t.equal(hits.length, 1, `one result: ${JSON.stringify(hits)}`);
  t.equal(hits[0].slug, "apple-unified-memory", "result page");
  t.equal(hits[0].title, "Apple unified memory", "result title");
  t.assert(hits[0].snippet.toLowerCase().includes("iogpu"), `snippet: ${hits[0].snippet}`);
  await t.shot("docs-search");
  await page.press("[data-testid=doc-search]", "Enter");
  await page.waitForSelector('[data-testid=doc-content][data-page="apple-unified-memory"]');
  t.equal(await docs.heading(), "Apple unified memory", "Enter opens the result");
  await docs.search("zzqx-no-such-word");
  t.equal((await docs.hits()).length, 0, "no results");
}

export async function test_local_gguf_header_gives_exact_figures(page, t) {
  const imp = new ImportPage(page, t);
  await imp.open();
  await imp.pickFile(fixture("llama-3.1-8b-q4_k_m.header.gguf"));
  await imp.waitForModel();
  t.equal(await imp.fact("arch"), "llama", "architecture");
  t.equal(await imp.fact("name"), "Meta Llama 3.1 8B Instruct", "model name");
  t.equal(await imp.fact("file-type"), "Q4_K_M (file type 15)", "file type");
  t.equal(await imp.fact("tensors"), LLAMA_TENSORS, "tensor count");
  t.equal(await imp.fact("params"), `${LLAMA_PARAMS} (8.0B)`, "parameters");
  t.assert((await imp.fact("weights")).startsWith(LLAMA_WEIGHT_BYTES), `weights: ${await imp.fact("weights")}`);
  t.equal(await imp.fact("layers"), "32", "blocks");
  t.equal(await imp.fact("ctx-train"), "131,072", "training context");
  t.equal(await imp.fact("split"), "1 file", "split");
  await page.waitForSelector("[data-testid=import-verdict]");
  const total = await page.textContent("[data-testid=import-total-mem]");
  t.assert(/GB/.test(total), `total memory: ${total}`);
  t.assert(!(await imp.query("view=import")).includes("hf="), "a local file is not put in the link");
  await t.shot("import-gguf");
}

export async function test_split_gguf_names_its_files(page, t) {
  const imp = new ImportPage(page, t);
  await imp.open();
  await imp.pickFile(fixture("llama-3.1-8b-q4_k_m-00001-of-00002.gguf"));
  await imp.waitForModel();
  // 4 non-block tensors + 16 blocks × 9 = 148.
  t.equal(await imp.fact("tensors"), "148", "tensor count of the first file");
  t.assert((await imp.fact("split")).startsWith("2 files"), `split: ${await imp.fact("split")}`);
}

export async function test_dropping_a_gguf_file_imports_it(page, t) {
  const imp = new ImportPage(page, t);
  await imp.open();
  const bytes = [...readFileSync(fixture("llama-3.1-8b-q4_k_m.header.gguf"))];
  await page.evaluate((bytes) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(bytes)], "Llama-3.1-8B-Q4_K_M.gguf"));
    const zone = document.querySelector("[data-testid=gguf-drop]");
    zone.dispatchEvent(new DragEvent("dragover", { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, bytes);
  await imp.waitForModel();
  t.equal(await imp.fact("tensors"), LLAMA_TENSORS, "tensor count");
  t.assert((await imp.fact("source")).startsWith("Llama-3.1-8B-Q4_K_M.gguf"), "file name shown");
}

export async function test_a_header_longer_than_the_first_read_is_read_in_growing_slices(page, t) {
  // The fixture with a 5 MiB string inserted as the first metadata value:
  // the first 4 MiB slice ends inside it, so the page must read further.
  const base = readFileSync(fixture("llama-3.1-8b-q4_k_m.header.gguf"));
  const key = Buffer.from("general.description");
  const value = Buffer.alloc(5 << 20, 0x61);
  const kv = Buffer.alloc(8 + key.length + 4 + 8);
  kv.writeBigUInt64LE(BigInt(key.length), 0);
  key.copy(kv, 8);
  kv.writeUInt32LE(8, 8 + key.length); // GGUF string
  kv.writeBigUInt64LE(BigInt(value.length), 12 + key.length);
  const head = Buffer.from(base.subarray(0, 24));
  head.writeBigUInt64LE(base.readBigUInt64LE(16) + 1n, 16); // KV count + 1
  const buffer = Buffer.concat([head, kv, value, base.subarray(24)]);
  const imp = new ImportPage(page, t);
  await imp.open();
  await imp.pickFile({ name: "big-header.gguf", mimeType: "application/octet-stream", buffer });
  await imp.waitForModel();
  t.equal(await imp.fact("tensors"), LLAMA_TENSORS, "tensor count");
  t.assert((await imp.fact("weights")).startsWith(LLAMA_WEIGHT_BYTES), "weights");
}

export async function test_hostile_ggufs_give_a_message_and_the_page_keeps_working(page, t) {
  const imp = new ImportPage(page, t);
  await imp.open();
  const cases = [
    ["hostile-truncated.gguf", "truncated"],
    ["hostile-bad-magic.gguf", "not a GGUF file"],
    ["hostile-tensor-count.gguf", "1099511627776 tensors"],
    ["hostile-string-length.gguf", "string bytes"],
  ];
  for (const [name, phrase] of cases) {
    await imp.pickFile(fixture(name));
    await page.waitForFunction(
      (p) => document.querySelector("[data-testid=import-error]")?.textContent?.includes(p),
      phrase,
      { timeout: 15000 },
    );
  }
  t.equal(await page.locator("[data-testid=import-facts]").count(), 0, "no model shown");
  await t.shot("import-hostile");
  // A good file still imports, and the calculator still works.
  await imp.pickFile(fixture("llama-3.1-8b-q4_k_m.header.gguf"));
  await imp.waitForModel();
  await page.click("[data-testid=nav-calc]");
  await page.waitForSelector("[data-testid=verdict]", { timeout: 15000 });
}

export async function test_hf_config_import_and_share_link(page, t) {
  const requests = await fakeHuggingFace(page, { "Qwen/Qwen3-8B": { config: "qwen3-8b.config.json" } });
  const imp = new ImportPage(page, t);
  await imp.open();
  await imp.importRepo("Qwen/Qwen3-8B");
  await imp.waitForModel();
  // qwen3-8b.config.json: 36 layers, hidden 4096, 32 heads with 8 KV heads,
  // vocab 151936, max_position_embeddings 40960.
  t.equal(await imp.fact("arch"), "qwen3", "architecture");
  t.equal(await imp.fact("layers"), "36", "blocks");
  t.equal(await imp.fact("heads"), "32 (8)", "heads");
  t.equal(await imp.fact("vocab"), "151,936", "vocabulary");
  t.equal(await imp.fact("ctx-train"), "40,960", "training context");
  await page.waitForSelector("[data-testid=import-verdict]");
  const q = await imp.query("view=import", "hf=Qwen/Qwen3-8B");
  t.assert(q.includes("view=import") && q.includes("hf=Qwen/Qwen3-8B"), `link ${q}`);
  t.assert(requests.some((r) => r.path === "/Qwen/Qwen3-8B/resolve/main/config.json"), "config.json fetched");
  await t.shot("import-hf-config");
  // Opening the link in a fresh page fetches again and shows the same model.
  const again = await t.context.newPage();
  try {
    await fakeHuggingFace(again, { "Qwen/Qwen3-8B": { config: "qwen3-8b.config.json" } });
    const imp2 = new ImportPage(again, t);
    await again.goto(t.url(q.slice(1)));
    await imp2.waitForModel();
    t.equal(await imp2.fact("layers"), "36", "restored from the link");
  } finally {
    await again.close();
  }
}

export async function test_hf_gguf_repo_lists_files_and_reads_one_header(page, t) {
  const requests = await fakeHuggingFace(page, {
    "unsloth/Llama-3.1-8B-Instruct-GGUF": {
      files: [
        ".gitattributes",
        "README.md",
        "Llama-3.1-8B-Instruct-Q8_0.gguf",
        "Llama-3.1-8B-Instruct-Q4_K_M.gguf",
        "BF16/Llama-3.1-8B-Instruct-BF16-00001-of-00002.gguf",
        "BF16/Llama-3.1-8B-Instruct-BF16-00002-of-00002.gguf",
      ],
      ggufs: { "Llama-3.1-8B-Instruct-Q4_K_M.gguf": "llama-3.1-8b-q4_k_m.header.gguf" },
    },
  });
  const imp = new ImportPage(page, t);
  await imp.open();
  await imp.importRepo("unsloth/Llama-3.1-8B-Instruct-GGUF");
  await page.waitForSelector("[data-testid=hf-files]", { timeout: 15000 });
  const files = await page.$$eval("[data-testid=hf-file]", (els) => els.map((e) => e.textContent.trim()));
  // Sorted; second split shards and non-GGUF files are left out.
  t.equal(
    JSON.stringify(files),
    JSON.stringify([
      "BF16/Llama-3.1-8B-Instruct-BF16-00001-of-00002.gguf",
      "Llama-3.1-8B-Instruct-Q4_K_M.gguf",
      "Llama-3.1-8B-Instruct-Q8_0.gguf",
    ]),
    "files offered",
  );
  t.assert(!requests.some((r) => r.path.endsWith("config.json")), "a -GGUF repo is not asked for config.json");
  await page.click('[data-testid=hf-file]:has-text("Q4_K_M")');
  await imp.waitForModel();
  t.equal(await imp.fact("tensors"), LLAMA_TENSORS, "tensor count");
  t.assert((await imp.fact("weights")).startsWith(LLAMA_WEIGHT_BYTES), "weights");
  const range = requests.find((r) => r.path.endsWith("Q4_K_M.gguf"))?.range;
  t.equal(range, `bytes=0-${(4 << 20) - 1}`, "only the first 4 MiB are asked for");
  const file = "hffile=Llama-3.1-8B-Instruct-Q4_K_M.gguf";
  t.assert((await imp.query(file)).includes(file), "file in the link");
}

export async function test_hf_errors_have_clear_messages(page, t) {
  t.allowConsoleErrors(); // the browser logs failed requests
  await fakeHuggingFace(page, {
    "acme/no-config": { config: 404, files: 404 },
    "meta-llama/Llama-3.1-8B": { config: 401 },
  });
  const imp = new ImportPage(page, t);
  await imp.open();
  await imp.importRepo("not a repo id");
  t.assert((await imp.error()).includes("owner/name"), "invalid id");
  await imp.importRepo("acme/no-config");
  await page.waitForFunction(() => document.querySelector("[data-testid=import-error]")?.textContent?.includes("not found"));
  await imp.importRepo("meta-llama/Llama-3.1-8B");
  await page.waitForFunction(() => document.querySelector("[data-testid=import-error]")?.textContent?.includes("gated"));
  const gated = await imp.error();
  t.assert(gated.includes("accept the license on Hugging Face"), gated);
  await t.shot("import-hf-gated");
  // Unknown repos: Hugging Face answers 401 with X-Error-Code RepoNotFound.
  await imp.importRepo("nobody/nothing");
  await page.waitForFunction(() => document.querySelector("[data-testid=import-error]")?.textContent?.includes("was not found"));
}

export async function test_hf_offline_says_so(page, t) {
  t.allowConsoleErrors(); // the browser logs the failed request
  await page.route("https://huggingface.co/**", (route) => route.abort("internetdisconnected"));
  const imp = new ImportPage(page, t);
  await imp.open("hf=Qwen/Qwen3-8B");
  await page.waitForFunction(() => document.querySelector("[data-testid=import-error]")?.textContent?.includes("offline"), null, {
    timeout: 15000,
  });
  // The rest of the app keeps working.
  await page.click("[data-testid=nav-docs]");
  await page.waitForSelector("[data-testid=doc-content]");
}

export async function test_docs_and_search_work_offline(page, t) {
  t.allowConsoleErrors(); // the HF request fails while offline
  await page.goto(t.base);
  await page.waitForSelector("[data-testid=app]");
  await page
    .waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller !== null, null, { timeout: 15000 })
    .catch(async () => {
      await page.reload();
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15000 });
    });
  await t.context.setOffline(true);
  try {
    // A docs deep link never visited online opens from the cache: the pages
    // and the search index are precached by the service worker.
    const docs = new DocsPage(page, t);
    await docs.open("moe");
    t.equal(await docs.heading(), "Mixture of experts", "page heading offline");
    await docs.search("iogpu");
    t.equal((await docs.hits())[0]?.slug, "apple-unified-memory", "search offline");
    // Importing from Hugging Face says the browser is offline (navigator.onLine).
    const imp = new ImportPage(page, t);
    await imp.open("hf=Qwen/Qwen3-8B");
    t.assert((await imp.error()).includes("offline"), "offline message");
  } finally {
    await t.context.setOffline(false);
  }
}
