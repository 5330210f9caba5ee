//! A page's context as one template object: what every page holds (`Renderer::common`),
//! found by name with a `match`, and the page's own values. `context! { ..common, ..extra }`
//! made a merged map that looked every variable up in the page's own map first, comparing
//! names one by one, then in the common one: `root` is read twice per row of a table.

use std::sync::Arc;

use minijinja::Value;
use minijinja::value::{Enumerator, Object};

/// The names every page's context has, in `Common`'s order.
pub(crate) const COMMON: [&str; 6] =
    ["root", "path", "title", "has_checker", "has_bundle", "bundle"];

/// The values of `COMMON`, in its order.
pub(crate) type Common = [Value; 6];

/// One page's context. The page's own values may not use a common name (a test checks every
/// page kind of a small site); the common value would win.
#[derive(Debug)]
pub(crate) struct PageContext {
    pub common: Common,
    /// A map (`context!`).
    pub extra: Value,
}

impl PageContext {
    pub fn value(common: Common, extra: Value) -> Value {
        Value::from_object(PageContext { common, extra })
    }
}

impl Object for PageContext {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        self.get_value_by_str(key.as_str()?)
    }

    fn get_value_by_str(self: &Arc<Self>, key: &str) -> Option<Value> {
        let common = match key {
            "root" => 0,
            "path" => 1,
            "title" => 2,
            "has_checker" => 3,
            "has_bundle" => 4,
            "bundle" => 5,
            _ => return self.extra.as_object()?.get_value(&Value::from(key)),
        };
        self.common.get(common).cloned()
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        let own = self.extra.try_iter().into_iter().flatten();
        Enumerator::Values(COMMON.iter().map(|&name| Value::from(name)).chain(own).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Theme;
    use crate::render::pages::Renderer;

    /// Every page of the repository's five platforms: its own values use no common name (the
    /// common value would hide them), and each name the context lists reads back.
    #[test]
    fn no_page_hides_a_value_behind_a_common_name() {
        let (catalog, site) = crate::render::shipped_site();
        let catalog = &catalog;
        let theme = Theme::default();
        let documents = vec![crate::markdown::Rendered::default(); catalog.platforms.len()];
        let texts: Vec<_> = (0..catalog.platforms.len())
            .map(|_| crate::markdown_cache::DocumentText::made(String::new(), None))
            .collect();
        let renderer = Renderer {
            env: theme.environment(),
            theme: &theme,
            catalog,
            site: &site,
            documents: &documents,
            texts: &texts,
            has_checker: true,
            has_bundle: true,
            site_url: None,
            lazy: Default::default(),
        };
        let pages = renderer.pages();
        assert!(pages.len() > 20);
        for page in &pages {
            let job = renderer.job(page).unwrap();
            let context = job.context.downcast_object_ref::<PageContext>().unwrap();
            let own: Vec<String> =
                context.extra.try_iter().unwrap().map(|k| k.to_string()).collect();
            for name in COMMON {
                assert!(!own.iter().any(|k| k == name), "{}: its own `{name}`", job.path);
            }
            for name in job.context.try_iter().unwrap() {
                assert!(!job.context.get_item(&name).unwrap().is_undefined(), "{name}");
            }
            assert_eq!(job.context.get_attr("path").unwrap().as_str(), Some(job.path.as_str()));
        }
    }
}
