//! Rows as compact references (port and service pages), read by the templates straight from
//! the site data: the list and each row are template objects over the shared `SiteData`, and a
//! row's field becomes a template value only when a template reads it. Copying every shown
//! row's fields into a map of values (`Value::from_serialize` of a struct per row), then
//! finding each field by comparing names in that map and dropping it after the page, was
//! most of the context and a third of the rendering of those pages.

use std::sync::Arc;

use minijinja::value::{Enumerator, Kwargs, Object, ObjectRepr};
use minijinja::{Environment, Error, ErrorKind, Value};

use crate::site::{ReqView, SiteData};

/// The fields of a compact row, in the order a template enumerating one sees them (and the
/// page cache hashes them): what `macros.html`'s `req_table` shows, the facts the `facts`
/// macro spells, and `facts`, those words made in Rust (`site::fact_words`).
pub(crate) const COMPACT_FIELDS: [&str; 10] = [
    "platform_title",
    "row_url",
    "component_name",
    "ports_label",
    "port_url",
    "transport_label",
    "direction",
    "necessity",
    "exposure",
    "facts",
];

/// The text of `field` of the row `r`, `None` where the row leaves it unsaid, or not a
/// compact field at all (`Err`). The page keys (`keys::compact_key`) hash these very texts.
pub(crate) fn compact_field<'r>(r: &'r ReqView, field: &str) -> Result<Option<&'r str>, ()> {
    Ok(match field {
        "platform_title" => Some(&r.platform_title),
        "row_url" => Some(&r.row_url),
        "component_name" => Some(&r.component_name),
        "ports_label" => Some(&r.ports_label),
        "port_url" => Some(&r.port_url),
        "transport_label" => Some(r.transport_label),
        "direction" => r.direction,
        "necessity" => r.necessity,
        "exposure" => r.exposure,
        _ => return Err(()),
    })
}

/// The compact fields of `r` with their texts (all but `facts`, which is made of them).
pub(crate) fn compact_fields(r: &ReqView) -> [(&'static str, Option<&str>); 9] {
    let field = |name: &'static str| (name, compact_field(r, name).ok().flatten());
    [
        field(COMPACT_FIELDS[0]),
        field(COMPACT_FIELDS[1]),
        field(COMPACT_FIELDS[2]),
        field(COMPACT_FIELDS[3]),
        field(COMPACT_FIELDS[4]),
        field(COMPACT_FIELDS[5]),
        field(COMPACT_FIELDS[6]),
        field(COMPACT_FIELDS[7]),
        field(COMPACT_FIELDS[8]),
    ]
}

/// The rows at `indices` of the site data, as a template sequence of compact rows.
pub(crate) fn compact_rows(site: &Arc<SiteData>, indices: &[usize]) -> Value {
    Value::from_object(CompactRows { site: Arc::clone(site), indices: indices.to_vec() })
}

pub(crate) struct CompactRows {
    site: Arc<SiteData>,
    indices: Vec<usize>,
}

impl std::fmt::Debug for CompactRows {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CompactRows").field("indices", &self.indices).finish()
    }
}

impl Object for CompactRows {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let index = *self.indices.get(key.as_usize()?)?;
        self.site.reqs.get(index)?;
        Some(Value::from_object(CompactRow { site: Arc::clone(&self.site), index }))
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Seq(self.indices.len())
    }

    fn enumerator_len(self: &Arc<Self>) -> Option<usize> {
        Some(self.indices.len())
    }
}

/// The `compact_rows_html` filter: `macros.html`'s `req_table` writes its rows with it.
pub(crate) fn register(env: &mut Environment<'static>) {
    env.add_filter("compact_rows_html", compact_rows_html);
}

/// The table rows of `rows` (a port or service page's `uses`) as markup, one `<tr>` per row
/// with its end tags implied: the port cell when `port`, the row's link (named by its
/// platform when `platform`, else "Row"), the component and the facts. Made here, not by a
/// loop in the template: that loop's body only repeated this markup, and evaluating it for
/// 120,000 rows was a third of the pages' CPU. A theme wanting other markup loops over the
/// rows itself (each has the fields of `COMPACT_FIELDS`).
fn compact_rows_html(rows: &Value, root: &str, options: Kwargs) -> Result<Value, Error> {
    let platform: bool = options.get::<Option<bool>>("platform")?.unwrap_or(true);
    let port: bool = options.get::<Option<bool>>("port")?.unwrap_or(true);
    options.assert_all_used()?;
    let Some(rows) = rows.downcast_object_ref::<CompactRows>() else {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            "compact_rows_html takes the `uses` of a port or service page",
        ));
    };
    let mut html = String::with_capacity(rows.indices.len() * 200);
    let text = |html: &mut String, text: &str| {
        // The template formatter's escaper (`Theme::environment`), so the bytes are the same.
        let _ = portolan_core::text::html_text_write(text, html);
    };
    for r in rows.indices.iter().filter_map(|&i| rows.site.reqs.get(i)) {
        html.push_str("<tr>");
        if port {
            html.push_str("<td><a href=\"");
            text(&mut html, root);
            text(&mut html, &r.port_url);
            html.push_str("\">");
            text(&mut html, &r.ports_label);
            html.push_str("</a>");
        }
        html.push_str("<td><a href=\"");
        text(&mut html, root);
        text(&mut html, &r.row_url);
        html.push_str("\">");
        match platform {
            true => text(&mut html, &r.platform_title),
            false => html.push_str("Row"),
        }
        html.push_str("</a><td>");
        text(&mut html, &r.component_name);
        html.push_str("<td>");
        let facts =
            crate::site::fact_words(r.transport_label, r.direction, r.necessity, r.exposure);
        text(&mut html, &facts);
        html.push('\n');
    }
    Ok(Value::from_safe_string(html))
}

/// One row of `CompactRows`: `site.reqs[index]`, which exists.
struct CompactRow {
    site: Arc<SiteData>,
    index: usize,
}

impl std::fmt::Debug for CompactRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CompactRow").field("index", &self.index).finish()
    }
}

impl Object for CompactRow {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        self.get_value_by_str(key.as_str()?)
    }

    fn get_value_by_str(self: &Arc<Self>, key: &str) -> Option<Value> {
        let r = self.site.reqs.get(self.index)?;
        if key == "facts" {
            let words =
                crate::site::fact_words(r.transport_label, r.direction, r.necessity, r.exposure);
            return Some(Value::from(words));
        }
        compact_field(r, key).ok().map(Value::from)
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Str(&COMPACT_FIELDS)
    }

    fn enumerator_len(self: &Arc<Self>) -> Option<usize> {
        Some(COMPACT_FIELDS.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Arc<SiteData> {
        crate::render::shipped_site().1
    }

    /// The rows read as the struct of values they replace did: every field by name, in
    /// order, `none` where the row leaves it unsaid, a sequence with a length and emptiness.
    #[test]
    fn compact_rows_read_as_a_list_of_maps() {
        let site = site();
        let rows = compact_rows(&site, &[0, 1]);
        assert_eq!(rows.len(), Some(2));
        assert!(rows.is_true() && !compact_rows(&site, &[]).is_true());
        let first = rows.get_item(&Value::from(0)).unwrap();
        let names: Vec<String> = first.try_iter().unwrap().map(|k| k.to_string()).collect();
        assert_eq!(names, COMPACT_FIELDS);
        let r = &site.reqs[0];
        for (name, text) in compact_fields(r) {
            assert_eq!(first.get_attr(name).unwrap(), Value::from(text), "{name}");
        }
        let facts =
            crate::site::fact_words(r.transport_label, r.direction, r.necessity, r.exposure);
        assert_eq!(first.get_attr("facts").unwrap().as_str(), Some(facts.as_str()));
        assert!(first.get_attr("purpose").unwrap().is_undefined());
        assert!(rows.get_item(&Value::from(2)).unwrap().is_undefined());
    }
}

#[cfg(test)]
mod markup_tests {
    use super::*;

    /// The loop `req_table` had before its rows were made in Rust: the filter writes the
    /// same bytes, with and without the port and platform columns.
    const LOOP: &str = r#"{% for r in reqs %}
<tr>{% if port %}<td><a href="{{ root }}{{ r.port_url }}">{{ r.ports_label }}</a>{% endif %}<td><a href="{{ root }}{{ r.row_url }}">{% if platform %}{{ r.platform_title }}{% else %}Row{% endif %}</a><td>{{ r.component_name }}<td>{{ r.facts }}
{% endfor %}"#;
    const FILTER: &str = "{{ reqs|compact_rows_html(root, platform=platform, port=port) }}";

    #[test]
    fn compact_rows_html_writes_what_the_template_loop_wrote() {
        let (_, site) = crate::render::shipped_site();
        let mut env = crate::render::Theme::default().environment();
        env.add_template("loop.html", LOOP).unwrap();
        env.add_template("filter.html", FILTER).unwrap();
        let all: Vec<usize> = (0..site.reqs.len()).collect();
        assert!(all.len() > 100);
        for (platform, port) in [(true, true), (true, false), (false, true)] {
            let context = minijinja::context! {
                reqs => compact_rows(&site, &all), root => "../", platform, port,
            };
            let render = |name: &str| env.get_template(name).unwrap().render(&context).unwrap();
            let (old, new) = (render("loop.html"), render("filter.html"));
            assert!(old.len() > 10_000);
            assert_eq!(old, new, "platform {platform}, port {port}");
        }
        let not_rows = minijinja::context! { reqs => Vec::<Value>::new(), root => "", platform => true, port => true };
        assert!(env.get_template("filter.html").unwrap().render(&not_rows).is_err());
    }
}
