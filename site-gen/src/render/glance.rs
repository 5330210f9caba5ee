//! A platform page's "at a glance" lists: the rows grouped by port, transport and component,
//! read by the templates straight from the site data (as `super::rows` does for port and
//! service pages), and the table rows written by a filter. Copying each group's fields into a
//! map of values, and looping over 30,000 groups per build in the template, was most of the
//! platform pages' time.

use std::sync::Arc;

use minijinja::value::{Enumerator, Object, ObjectRepr};
use minijinja::{Environment, Error, ErrorKind, Value};

use crate::site::{ReqView, SiteData};

/// The fields of a group's first row (`r`), as a template enumerating one sees them.
const ROW_FIELDS: [&str; 5] =
    ["ports_label", "transport_label", "component_name", "purpose", "section"];

/// The fields of a group: its first row and the anchors of its rows (distinct, in order).
const GROUP_FIELDS: [&str; 2] = ["r", "anchors"];

/// The rows at `indices` of the site data grouped as the glance shows them: same ports,
/// transport and component make one group; each group keeps its rows with distinct anchors.
pub(crate) fn glance_groups(site: &Arc<SiteData>, indices: impl Iterator<Item = usize>) -> Value {
    // Indexed by key: a scan of the groups for each row made a platform of a few hundred rows
    // cost most of its page's context.
    type Key<'r> = (&'r str, Option<&'static str>, &'r str);
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut index: rustc_hash::FxHashMap<Key<'_>, usize> = rustc_hash::FxHashMap::default();
    for i in indices {
        let Some(r) = site.reqs.get(i) else { continue };
        let next = groups.len();
        let at =
            *index.entry((r.ports.as_str(), r.transport, r.component.as_str())).or_insert(next);
        if at == next {
            groups.push(vec![i]);
        } else if let Some(rows) = groups.get_mut(at)
            && !rows.iter().any(|&j| site.reqs.get(j).is_some_and(|q| q.anchor == r.anchor))
        {
            rows.push(i);
        }
    }
    Value::from_object(GlanceGroups { site: Arc::clone(site), groups })
}

/// Every group: the indices of its rows with distinct anchors, the first one shown.
pub(crate) struct GlanceGroups {
    site: Arc<SiteData>,
    groups: Vec<Vec<usize>>,
}

impl std::fmt::Debug for GlanceGroups {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GlanceGroups").field("groups", &self.groups).finish()
    }
}

impl GlanceGroups {
    fn rows(&self, group: &[usize]) -> impl Iterator<Item = &ReqView> {
        group.iter().filter_map(|&i| self.site.reqs.get(i))
    }
}

impl Object for GlanceGroups {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let at = key.as_usize()?;
        self.groups.get(at)?;
        Some(Value::from_object(GlanceGroup { groups: Arc::clone(self), at }))
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Seq(self.groups.len())
    }

    fn enumerator_len(self: &Arc<Self>) -> Option<usize> {
        Some(self.groups.len())
    }
}

/// One group of `GlanceGroups` (`groups[at]`, which exists).
#[derive(Debug)]
struct GlanceGroup {
    groups: Arc<GlanceGroups>,
    at: usize,
}

impl Object for GlanceGroup {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let group = self.groups.groups.get(self.at)?;
        match key.as_str()? {
            "r" => {
                let index = *group.first()?;
                Some(Value::from_object(GlanceRow { site: Arc::clone(&self.groups.site), index }))
            }
            "anchors" => Some(Value::from(
                self.groups.rows(group).map(|r| Value::from(r.anchor.as_str())).collect::<Vec<_>>(),
            )),
            _ => None,
        }
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Str(&GROUP_FIELDS)
    }
}

/// A group's first row, `site.reqs[index]`, which exists.
struct GlanceRow {
    site: Arc<SiteData>,
    index: usize,
}

impl std::fmt::Debug for GlanceRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GlanceRow").field("index", &self.index).finish()
    }
}

impl Object for GlanceRow {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let r = self.site.reqs.get(self.index)?;
        Some(match key.as_str()? {
            "ports_label" => Value::from(r.ports_label.as_str()),
            "transport_label" => Value::from(r.transport_label),
            "component_name" => Value::from(r.component_name.as_str()),
            "purpose" => Value::from(r.purpose.as_deref()),
            "section" => Value::from(r.section.as_str()),
            _ => return None,
        })
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Str(&ROW_FIELDS)
    }
}

/// The `glance_rows_html` filter: `platform.html`'s `glance_table` writes its rows with it.
pub(crate) fn register(env: &mut Environment<'static>) {
    env.add_filter("glance_rows_html", glance_rows_html);
}

/// The table rows of a glance list as markup, one `<tr>` per group with its end tags implied:
/// the first row's port (linked to that row), transport, component and purpose (else its
/// section), then the group's other rows as numbered links. Made here, not by a loop in the
/// template, as `rows::compact_rows_html` is; a theme wanting other markup loops over the
/// groups itself (each has `r`, with the fields of `ROW_FIELDS`, and `anchors`).
fn glance_rows_html(list: &Value) -> Result<Value, Error> {
    let Some(list) = list.downcast_object_ref::<GlanceGroups>() else {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            "glance_rows_html takes a platform page's external, internal or unstated list",
        ));
    };
    let mut html = String::with_capacity(list.groups.len() * 200);
    let text = |html: &mut String, text: &str| {
        // The template formatter's escaper (`Theme::environment`), so the bytes are the same.
        let _ = portolan_core::text::html_text_write(text, html);
    };
    for group in &list.groups {
        let mut rows = list.rows(group);
        let Some(r) = rows.next() else { continue };
        html.push_str("<tr><td><a href=\"#");
        text(&mut html, &r.anchor);
        html.push_str("\">");
        text(&mut html, &r.ports_label);
        html.push_str("</a> ");
        text(&mut html, r.transport_label);
        html.push_str("<td>");
        text(&mut html, &r.component_name);
        html.push_str("<td>");
        let purpose = [r.purpose.as_deref().unwrap_or_default(), &r.section, "The row"];
        text(&mut html, purpose.into_iter().find(|p| !p.is_empty()).unwrap_or_default());
        let length = group.len();
        for (n, r) in rows.enumerate() {
            let number = n + 2;
            html.push_str(" <a href=\"#");
            text(&mut html, &r.anchor);
            html.push_str(&format!(
                "\" title=\"Row {number} of {length} that states this port\">{number}</a>"
            ));
        }
    }
    Ok(Value::from_safe_string(html))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The loop `glance_table` had before its rows were made in Rust (it reads every field a
    /// theme's loop would): the filter writes the same bytes.
    const LOOP: &str = r##"{% for g in list %}{% set r = g.r %}<tr><td><a href="#{{ g.anchors|first }}">{{ r.ports_label }}</a> {{ r.transport_label }}<td>{{ r.component_name }}<td>{{ r.purpose or r.section or "The row" }}{% for a in g.anchors %}{% if not loop.first %} <a href="#{{ a }}" title="Row {{ loop.index }} of {{ loop.length }} that states this port">{{ loop.index }}</a>{% endif %}{% endfor %}
{% endfor %}"##;
    const FILTER: &str = "{{ list|glance_rows_html }}";

    #[test]
    fn glance_rows_html_writes_what_the_template_loop_wrote() {
        let (_, site) = crate::render::shipped_site();
        let mut env = crate::render::Theme::default().environment();
        env.add_template("loop.html", LOOP).unwrap();
        env.add_template("filter.html", FILTER).unwrap();
        let mut numbered = 0;
        for rows in site.by_platform.values() {
            let list = glance_groups(&site, rows.iter().copied());
            let context = minijinja::context! { list => list };
            let render = |name: &str| env.get_template(name).unwrap().render(&context).unwrap();
            let (old, new) = (render("loop.html"), render("filter.html"));
            assert_eq!(old, new);
            numbered += new.matches(" that states this port").count();
        }
        // Groups of several rows (the numbered links) were compared too.
        assert!(numbered > 0);
        let not_groups = minijinja::context! { list => Vec::<Value>::new() };
        assert!(env.get_template("filter.html").unwrap().render(&not_groups).is_err());
    }

    /// A group reads as the map of values it replaces: `r` with its fields, `anchors`, a
    /// list with a length and emptiness.
    #[test]
    fn glance_groups_read_as_a_list_of_maps() {
        let (_, site) = crate::render::shipped_site();
        let list = glance_groups(&site, [0, 0].into_iter());
        assert_eq!(list.len(), Some(1));
        assert!(list.is_true() && !glance_groups(&site, std::iter::empty()).is_true());
        let group = list.get_item(&Value::from(0)).unwrap();
        let r = &site.reqs[0];
        assert_eq!(group.get_attr("anchors").unwrap().len(), Some(1));
        let first = group.get_attr("r").unwrap();
        let names: Vec<String> = first.try_iter().unwrap().map(|k| k.to_string()).collect();
        assert_eq!(names, ROW_FIELDS);
        assert_eq!(first.get_attr("ports_label").unwrap().as_str(), Some(r.ports_label.as_str()));
        assert_eq!(first.get_attr("section").unwrap().as_str(), Some(r.section.as_str()));
        assert!(list.get_item(&Value::from(1)).unwrap().is_undefined());
    }
}
