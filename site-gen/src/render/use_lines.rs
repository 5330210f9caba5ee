//! The conflicts pages' lines of uses as markup, written by site-gen: `conflicts.html` looped
//! over every line of every conflict, shared port and range overlap, and those loops made
//! most of the conflicts pages' bytes (6.8 MB at 1,000 documents) at about 55 instructions
//! per byte, the formatter called for each field (bench/HISTORY.md "Clean build, session 16").
//! A theme wanting other markup loops over the lines itself: each has `row_url`,
//! `platform_title`, `port_url`, `ports_label`, `purpose`, `components` and
//! `transport_label` (`pages::UseLine`).

use minijinja::{Environment, Error, ErrorKind, Value};

/// The `use_lines_html` and `overlap_lines_html` filters (`conflicts.html`).
pub(crate) fn register(env: &mut Environment<'static>) {
    env.add_filter("use_lines_html", use_lines_html);
    env.add_filter("overlap_lines_html", overlap_lines_html);
}

/// A purpose group's uses, comma-separated: the platform linked to the row, then its
/// components and transport.
fn use_lines_html(lines: &Value, root: &str) -> Result<Value, Error> {
    let mut html = String::with_capacity(lines.len().unwrap_or(0) * 160);
    for (n, line) in lines.try_iter()?.enumerate() {
        if n > 0 {
            html.push_str(", ");
        }
        row_link(&mut html, &line, root)?;
    }
    Ok(Value::from_safe_string(html))
}

/// A range overlap's other rows, one list item each (end tags implied): the port linked to
/// its page, then the row as `use_lines_html` writes it.
fn overlap_lines_html(lines: &Value, root: &str) -> Result<Value, Error> {
    let mut html = String::with_capacity(lines.len().unwrap_or(0) * 200);
    for line in lines.try_iter()? {
        html.push_str("<li><a href=\"");
        text(&mut html, root);
        field(&mut html, &line, "port_url")?;
        html.push_str("\">");
        field(&mut html, &line, "ports_label")?;
        html.push_str("</a> ");
        row_link(&mut html, &line, root)?;
        html.push('\n');
    }
    Ok(Value::from_safe_string(html))
}

/// `<a href="ROOT+row_url">platform_title</a> <small>(components, transport_label)</small>`.
fn row_link(html: &mut String, line: &Value, root: &str) -> Result<(), Error> {
    html.push_str("<a href=\"");
    text(html, root);
    field(html, line, "row_url")?;
    html.push_str("\">");
    field(html, line, "platform_title")?;
    html.push_str("</a> <small>(");
    field(html, line, "components")?;
    html.push_str(", ");
    field(html, line, "transport_label")?;
    html.push_str(")</small>");
    Ok(())
}

/// The text field `name` of a line, escaped.
fn field(html: &mut String, line: &Value, name: &str) -> Result<(), Error> {
    let value = line.get_attr(name)?;
    let Some(value) = value.as_str() else {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            format!("a line of uses needs a text `{name}` (the conflicts pages' lines)"),
        ));
    };
    text(html, value);
    Ok(())
}

/// Escaped as the template formatter escapes (`Theme::environment`), so the bytes are the same.
fn text(html: &mut String, text: &str) {
    let _ = portolan_core::text::html_text_write(text, html);
}

#[cfg(test)]
mod tests {
    /// The loops `conflicts.html` had before its lines were made in Rust.
    const USES_LOOP: &str = r#"{% for r in uses %}<a href="{{ root }}{{ r.row_url }}">{{ r.platform_title }}</a> <small>({{ r.components }}, {{ r.transport_label }})</small>{% if not loop.last %}, {% endif %}{% endfor %}"#;
    const OVERLAP_LOOP: &str = r#"{% for r in uses %}<li><a href="{{ root }}{{ r.port_url }}">{{ r.ports_label }}</a> <a href="{{ root }}{{ r.row_url }}">{{ r.platform_title }}</a> <small>({{ r.components }}, {{ r.transport_label }})</small>
{% endfor %}"#;

    #[test]
    fn the_filters_write_what_the_template_loops_wrote() {
        let mut env = crate::render::Theme::default().environment();
        env.add_template("uses_loop.html", USES_LOOP).unwrap();
        env.add_template("overlap_loop.html", OVERLAP_LOOP).unwrap();
        env.add_template("uses.html", "{{ uses|use_lines_html(root) }}").unwrap();
        env.add_template("overlap.html", "{{ uses|overlap_lines_html(root) }}").unwrap();
        let line = |n: usize, title: &str| {
            minijinja::context! {
                row_url => format!("platforms/p{n}.html#r-{n}"),
                platform_title => title,
                port_url => format!("ports/{n}.html"),
                ports_label => format!("{n}"),
                purpose => "HTTPS",
                components => "Web & API, <Edge> \"proxy\"",
                transport_label => "TCP",
            }
        };
        let cases = [
            Vec::new(),
            vec![line(1, "One")],
            vec![line(1, "A & B"), line(2, "O'Brien <x>"), line(30000, "Three")],
        ];
        for uses in cases {
            for root in ["", "../"] {
                let context = minijinja::context! { uses => uses.clone(), root };
                let render = |name: &str| env.get_template(name).unwrap().render(&context).unwrap();
                assert_eq!(render("uses_loop.html"), render("uses.html"));
                assert_eq!(render("overlap_loop.html"), render("overlap.html"));
            }
        }
        let no_title = minijinja::context! { uses => vec![minijinja::context! { row_url => "x" }], root => "" };
        assert!(env.get_template("uses.html").unwrap().render(&no_title).is_err());
    }
}
