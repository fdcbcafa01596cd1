//! Renders the Markdown docs (`docs/*.md`) into the static pages the site
//! serves, so the bundle carries no Markdown parser and no page text:
//! `headroom-docgen docs <out>` writes `<out>/<slug>.html` (an HTML
//! fragment per page) and `<out>/index.tsv` (page order, titles and plain
//! text for the offline search). `scripts/post-build` runs it into the
//! staged `dist/docs/`, and the service worker precaches the result.
//!
//! Rules:
//! - tables and strikethrough are on; HTML comments (`<!-- check: … -->`)
//!   are dropped;
//! - a relative link to `other.md` becomes the app's deep link
//!   `?v=1&view=docs&page=other`;
//! - external links open in a new tab (`target="_blank"`,
//!   `rel="noopener noreferrer"`);
//! - pages are ordered as `index.md` links to them, `index` first, the
//!   rest by name.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// One rendered page.
struct Page {
    slug: String,
    title: String,
    html: String,
    text: String,
    /// Slugs this page links to, in order (used to order the pages).
    links: Vec<String>,
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(docs_dir), Some(out_dir)) = (args.next(), args.next()) else {
        eprintln!("usage: headroom-docgen <docs dir> <output dir>");
        std::process::exit(2);
    };
    match run(Path::new(&docs_dir), Path::new(&out_dir)) {
        Ok(n) => println!("docgen: {n} pages written to {out_dir}"),
        Err(e) => {
            eprintln!("docgen: error: {e}");
            std::process::exit(1);
        }
    }
}

/// Renders every `*.md` of `docs_dir` into `out_dir/<slug>.html` and writes
/// `out_dir/index.tsv` (one line per page, `index` first: slug, title and
/// the page as plain text for search, separated by tabs).
fn run(docs_dir: &Path, out_dir: &Path) -> Result<usize, String> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(docs_dir)
        .map_err(|e| format!("{}: {e}", docs_dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    paths.sort();
    let mut pages = Vec::new();
    for path in paths {
        pages.push(render_file(&path).map_err(|e| format!("{}: {e}", path.display()))?);
    }
    order_pages(&mut pages);
    std::fs::create_dir_all(out_dir).map_err(|e| format!("{}: {e}", out_dir.display()))?;
    let mut index = String::new();
    for p in &pages {
        let file = out_dir.join(format!("{}.html", p.slug));
        std::fs::write(&file, &p.html).map_err(|e| format!("{}: {e}", file.display()))?;
        let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
        let _ = writeln!(index, "{}\t{}\t{}", p.slug, clean(&p.title), clean(&p.text));
    }
    let file = out_dir.join("index.tsv");
    std::fs::write(&file, index).map_err(|e| format!("{}: {e}", file.display()))?;
    Ok(pages.len())
}

/// `index` first, then pages in the order `index` links to them, then the
/// rest by slug (the input is sorted by file name).
fn order_pages(pages: &mut [Page]) {
    let order: Vec<String> = pages
        .iter()
        .find(|p| p.slug == "index")
        .map(|p| p.links.clone())
        .unwrap_or_default();
    let rank = |slug: &str| -> usize {
        if slug == "index" {
            0
        } else {
            order
                .iter()
                .position(|s| s == slug)
                .map_or(usize::MAX, |i| i + 1)
        }
    };
    pages.sort_by(|a, b| rank(&a.slug).cmp(&rank(&b.slug)).then(a.slug.cmp(&b.slug)));
}

fn render_file(path: &Path) -> Result<Page, String> {
    let md = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let slug = path
        .file_stem()
        .and_then(|s| s.to_str())
        .ok_or("file name is not UTF-8")?
        .to_string();
    Ok(render(&slug, &md))
}

/// Renders one Markdown page.
fn render(slug: &str, md: &str) -> Page {
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    let mut title = String::new();
    let mut in_h1 = false;
    let mut text = String::new();
    let mut links = Vec::new();
    let mut in_comment = false;
    // Link ends must match their starts: `true` for rewritten links.
    let mut link_stack: Vec<bool> = Vec::new();
    let mut events: Vec<Event> = Vec::new();
    for ev in Parser::new_ext(md, opts) {
        match ev {
            Event::Html(s) | Event::InlineHtml(s) => {
                let kept = strip_comments(&s, &mut in_comment);
                if !kept.trim().is_empty() {
                    events.push(Event::InlineHtml(CowStr::from(kept)));
                }
            }
            Event::Start(Tag::Heading { level, .. }) => {
                in_h1 = level == HeadingLevel::H1 && title.is_empty();
                events.push(ev);
            }
            Event::End(TagEnd::Heading(_)) => {
                in_h1 = false;
                text.push('\n');
                events.push(ev);
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                let (href, external) = rewrite_link(&dest_url);
                if let Some(target) = href.strip_prefix("?v=1&view=docs&page=") {
                    links.push(target.split('#').next().unwrap_or("").to_string());
                }
                let extra = if external {
                    " target=\"_blank\" rel=\"noopener noreferrer\""
                } else {
                    ""
                };
                let a = format!("<a href=\"{}\"{extra}>", escape_attr(&href));
                events.push(Event::InlineHtml(CowStr::from(a)));
                link_stack.push(true);
            }
            Event::End(TagEnd::Link) => {
                if link_stack.pop().unwrap_or(false) {
                    events.push(Event::InlineHtml(CowStr::from("</a>")));
                } else {
                    events.push(ev);
                }
            }
            Event::Text(ref t) | Event::Code(ref t) => {
                if in_h1 {
                    title.push_str(t);
                }
                text.push_str(t);
                events.push(ev);
            }
            Event::SoftBreak | Event::HardBreak => {
                text.push(' ');
                events.push(ev);
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => {
                text.push(' ');
                events.push(ev);
            }
            other => events.push(other),
        }
    }
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    if title.is_empty() {
        title = slug.replace('-', " ");
    }
    Page {
        slug: slug.to_string(),
        title: title.trim().to_string(),
        html,
        text: collapse_spaces(&text),
        links,
    }
}

/// Removes `<!-- … -->` comments from an HTML fragment; `in_comment`
/// carries an open comment across fragments.
fn strip_comments(s: &str, in_comment: &mut bool) -> String {
    let mut out = String::new();
    let mut rest = s;
    loop {
        if *in_comment {
            match rest.find("-->") {
                Some(i) => {
                    rest = &rest[i + 3..];
                    *in_comment = false;
                }
                None => return out,
            }
        } else {
            match rest.find("<!--") {
                Some(i) => {
                    out.push_str(&rest[..i]);
                    rest = &rest[i + 4..];
                    *in_comment = true;
                }
                None => {
                    out.push_str(rest);
                    return out;
                }
            }
        }
    }
}

/// The href for a Markdown link target, and whether it is external.
fn rewrite_link(dest: &str) -> (String, bool) {
    let lower = dest.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return (dest.to_string(), true);
    }
    if lower.starts_with("mailto:") || dest.starts_with('#') {
        return (dest.to_string(), false);
    }
    let (file, anchor) = match dest.split_once('#') {
        Some((f, a)) => (f, Some(a)),
        None => (dest, None),
    };
    let file = file.strip_prefix("./").unwrap_or(file);
    if let Some(stem) = file.strip_suffix(".md") {
        if !stem.contains('/') && !stem.is_empty() {
            let mut href = format!("?v=1&view=docs&page={stem}");
            if let Some(a) = anchor {
                href.push('#');
                href.push_str(a);
            }
            return (href, false);
        }
    }
    // Anything else (a source file in the repository) is not served by the
    // site; leave it as written.
    (dest.to_string(), false)
}

fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}
