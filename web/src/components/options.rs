//! `<option>` lists as one HTML string. A select with a hundred options
//! built node by node costs hundreds of calls into the DOM at start-up;
//! set as `inner_html` it costs one. Every label and value is escaped, so
//! the string holds no markup but the options themselves.

/// `s` with `&`, `<`, `>`, `"` and `'` escaped for HTML text and attributes.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Options `(value, label)`, then groups `(group label, [(value, label)])`
/// as `<option>`s and `<optgroup>`s, with `selected` marked so the select
/// shows it as soon as the string is set.
pub fn options_html(
    plain: &[(String, String)],
    groups: &[(String, Vec<(String, String)>)],
    selected: &str,
) -> String {
    let mut out = String::new();
    let option = |out: &mut String, value: &str, label: &str| {
        out.push_str("<option value=\"");
        out.push_str(&escape_html(value));
        out.push('"');
        if value == selected {
            out.push_str(" selected");
        }
        out.push('>');
        out.push_str(&escape_html(label));
        out.push_str("</option>");
    };
    for (value, label) in plain {
        option(&mut out, value, label);
    }
    for (group, opts) in groups {
        out.push_str("<optgroup label=\"");
        out.push_str(&escape_html(group));
        out.push_str("\">");
        for (value, label) in opts {
            option(&mut out, value, label);
        }
        out.push_str("</optgroup>");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_labels_and_values_is_escaped() {
        let html = options_html(
            &[("a\"b".into(), "<script>x</script>".into())],
            &[("G&H".into(), vec![("v".into(), "it's".into())])],
            "v",
        );
        assert_eq!(
            html,
            "<option value=\"a&quot;b\">&lt;script&gt;x&lt;/script&gt;</option>\
             <optgroup label=\"G&amp;H\"><option value=\"v\" selected>it&#39;s</option></optgroup>"
        );
    }
}
