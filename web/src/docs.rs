//! The docs pages and the offline search over them.
//!
//! `headroom-docgen` renders `docs/*.md` at build time into `docs/<slug>.html`
//! fragments and `docs/index.tsv` (page order, titles, plain text) beside the
//! app; the page text is not compiled into the bundle. They are same-origin
//! files, so the service worker precaches them and the docs work offline.
//!
//! Search is a case-insensitive (ASCII) substring match over titles and
//! page text; title matches rank first, then pages with more matches.

use crate::import::hf::fetch_bytes;

/// Where the rendered pages are, relative to the app.
const DOCS_DIR: &str = "docs/";
/// Largest index read.
const MAX_INDEX_BYTES: usize = 4 << 20;
/// Largest page read.
const MAX_PAGE_BYTES: usize = 2 << 20;
/// Most pages taken from an index.
const MAX_PAGES: usize = 500;

/// One docs page of the index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocPage {
    /// File name without `.md` (`kv-cache`); used in links (`page=`).
    pub slug: String,
    /// The first `# ` heading.
    pub title: String,
    /// The page as plain text, for search.
    pub text: String,
}

/// Parses `docs/index.tsv`: one page per line, `slug<TAB>title<TAB>text`,
/// `index` first. Lines without a well-formed slug are skipped.
pub fn parse_index(tsv: &str) -> Vec<DocPage> {
    tsv.lines()
        .filter_map(|line| {
            let mut parts = line.splitn(3, '\t');
            let slug = parts.next()?.trim();
            let title = parts.next()?.trim();
            let text = parts.next().unwrap_or("").trim();
            let slug_ok = !slug.is_empty()
                && slug.len() <= 64
                && slug
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            slug_ok.then(|| DocPage {
                slug: slug.to_string(),
                title: title.to_string(),
                text: text.to_string(),
            })
        })
        .take(MAX_PAGES)
        .collect()
}

/// The page with this slug; the empty slug is the home page (`index`, or
/// the first page).
pub fn page<'a>(pages: &'a [DocPage], slug: &str) -> Option<&'a DocPage> {
    if slug.is_empty() {
        pages.iter().find(|p| p.slug == "index").or(pages.first())
    } else {
        pages.iter().find(|p| p.slug == slug)
    }
}

/// Loads the page index.
pub async fn load_index() -> Result<Vec<DocPage>, String> {
    let bytes = fetch_bytes(&format!("{DOCS_DIR}index.tsv"), None, MAX_INDEX_BYTES)
        .await
        .map_err(|_| String::from("The docs index could not be loaded."))?;
    Ok(parse_index(&String::from_utf8_lossy(&bytes)))
}

/// Loads one page's HTML (the build's own output, never user input).
pub async fn load_page(slug: String) -> Result<String, String> {
    let bytes = fetch_bytes(&format!("{DOCS_DIR}{slug}.html"), None, MAX_PAGE_BYTES)
        .await
        .map_err(|_| format!("The docs page \"{slug}\" could not be loaded."))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Shortest query searched.
pub const MIN_QUERY: usize = 2;
/// Most results returned.
pub const MAX_RESULTS: usize = 20;
/// Characters of context on each side of a snippet's match.
const SNIPPET_SIDE: usize = 70;

/// One search result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// The page slug.
    pub slug: String,
    /// The page title.
    pub title: String,
    /// Text around the first match in the page text (empty when only the
    /// title matched), with `…` where it was cut.
    pub snippet: String,
    /// Matches in the page text.
    pub n_matches: usize,
}

/// Pages matching `query` (trimmed; shorter than [`MIN_QUERY`] gives
/// nothing), best first, at most [`MAX_RESULTS`].
pub fn search(pages: &[DocPage], query: &str) -> Vec<Hit> {
    let q = query.trim();
    if q.chars().count() < MIN_QUERY || q.len() > 200 {
        return Vec::new();
    }
    let mut hits: Vec<(bool, Hit)> = pages
        .iter()
        .filter_map(|p| {
            let in_title = find_ci(&p.title, q, 0).is_some();
            let first = find_ci(&p.text, q, 0);
            let n_matches = count_ci(&p.text, q);
            (in_title || first.is_some()).then(|| {
                let snippet = first
                    .map(|i| snippet(&p.text, i, q.len()))
                    .unwrap_or_default();
                (
                    in_title,
                    Hit {
                        slug: p.slug.clone(),
                        title: p.title.clone(),
                        snippet,
                        n_matches,
                    },
                )
            })
        })
        .collect();
    hits.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.n_matches.cmp(&a.1.n_matches)));
    hits.into_iter().take(MAX_RESULTS).map(|(_, h)| h).collect()
}

/// Byte index of the first ASCII-case-insensitive match of `needle` in
/// `hay` at or after `from`.
fn find_ci(hay: &str, needle: &str, from: usize) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    if n.is_empty() || n.len() > h.len() {
        return None;
    }
    (from..=h.len() - n.len())
        .find(|&i| hay.is_char_boundary(i) && h[i..i + n.len()].eq_ignore_ascii_case(n))
}

fn count_ci(hay: &str, needle: &str) -> usize {
    let mut n = 0;
    let mut from = 0;
    while let Some(i) = find_ci(hay, needle, from) {
        n += 1;
        from = i + needle.len().max(1);
    }
    n
}

/// Text around `[at, at + len)`, cut at word boundaries where possible.
fn snippet(text: &str, at: usize, len: usize) -> String {
    let mut start = at.saturating_sub(SNIPPET_SIDE);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (at + len + SNIPPET_SIDE).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    if start > 0 {
        if let Some(sp) = text[start..at].find(' ') {
            start += sp + 1;
        }
    }
    if end < text.len() {
        if let Some(sp) = text[at + len..end].rfind(' ') {
            end = at + len + sp;
        }
    }
    let mut s = String::new();
    if start > 0 {
        s.push('…');
    }
    s.push_str(&text[start..end]);
    if end < text.len() {
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Three lines in the format `headroom-docgen` writes.
    const INDEX: &str = "index\tDocumentation\tDocumentation How headroom works. Read the KV cache page.\n\
        kv-cache\tKV cache\tKV cache The cache grows with context. Grouped-query attention shares KV heads.\n\
        moe\tMixture of experts\tMixture of experts Expert offload keeps experts in system RAM.\n\
        Bad Slug\tignored\tnot a page\n";

    fn check(query: &str, slugs: &[&str]) -> Vec<Hit> {
        let hits = search(&parse_index(INDEX), query);
        let got: Vec<&str> = hits.iter().map(|h| h.slug.as_str()).collect();
        assert_eq!(got, slugs, "query {query:?}");
        hits
    }

    #[test]
    fn title_matches_rank_first_and_case_is_ignored() {
        // "kv cache" is in kv-cache's title and in index's text.
        check("kv CACHE", &["kv-cache", "index"]);
        let hits = check("grouped-query", &["kv-cache"]);
        assert!(hits[0].snippet.contains("Grouped-query attention"));
        // "expert" occurs 3 times in moe's text ("experts", "Expert", "experts").
        assert_eq!(check("expert", &["moe"])[0].n_matches, 3);
    }

    #[test]
    fn index_lines_parse_and_bad_slugs_are_skipped() {
        let pages = parse_index(INDEX);
        let slugs: Vec<&str> = pages.iter().map(|p| p.slug.as_str()).collect();
        assert_eq!(slugs, ["index", "kv-cache", "moe"]);
        assert_eq!(
            page(&pages, "").map(|p| p.title.as_str()),
            Some("Documentation")
        );
        assert_eq!(
            page(&pages, "moe").map(|p| p.title.as_str()),
            Some("Mixture of experts")
        );
        assert!(page(&pages, "nope").is_none());
        assert!(parse_index("").is_empty());
    }

    #[test]
    fn short_or_missing_queries_find_nothing() {
        check("", &[]);
        check(" k ", &[]);
        check("zebra", &[]);
    }

    #[test]
    fn snippets_are_cut_at_words() {
        let text = "alpha beta gamma delta epsilon";
        assert_eq!(snippet(text, 11, 5), "alpha beta gamma delta epsilon");
        let long = "word ".repeat(40) + "needle" + &" tail".repeat(40);
        let at = long.find("needle").unwrap_or(0);
        let s = snippet(&long, at, 6);
        assert!(
            s.starts_with('…') && s.ends_with('…') && s.contains("needle"),
            "{s}"
        );
    }
}
