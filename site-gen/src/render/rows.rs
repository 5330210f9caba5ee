//! Rows as compact references (port and service pages), read by the templates straight from
//! the site data: the list and each row are template objects over the shared `SiteData`, and a
//! row's field becomes a template value only when a template reads it. Copying every shown
//! row's fields into a map of values (`Value::from_serialize` of a struct per row), then
//! finding each field by comparing names in that map and dropping it after the page, was
//! most of the context and a third of the rendering of those pages.

use std::sync::Arc;

use minijinja::Value;
use minijinja::value::{Enumerator, Object, ObjectRepr};

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

struct CompactRows {
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
        let sources = crate::content::read_content_dir(std::path::Path::new("../content")).unwrap();
        let extracted = crate::content::extract(&sources);
        Arc::new(SiteData::new(
            &extracted.catalog,
            &crate::services::Vocabulary::builtin(),
            &crate::iana::Registry::builtin(),
        ))
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
