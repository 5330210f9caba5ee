//! Templates: the theme (a folder whose `templates/` and `assets/` override the built-in
//! default theme, file by file) and the minijinja environment. Template errors name the
//! template file and line.

pub mod context;
pub mod glance;
pub mod home;
pub mod keys;
pub mod pages;
pub mod rows;
pub mod use_lines;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result, anyhow};
use minijinja::{Environment, UndefinedBehavior};

macro_rules! embedded {
    ($dir:literal: $($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../../themes/default/", $dir, "/", $name)))),*]
    };
}

/// The default theme, compiled in so a build works with no `--theme`.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = embedded!("templates":
    "base.html", "macros.html", "index.html", "platform.html", "port.html", "ports.html", "service.html",
    "services.html", "conflicts.html", "checker.html", "search.html", "404.html", "finding.html",
    "platforms.html",
);
pub const DEFAULT_ASSETS: &[(&str, &str)] =
    embedded!("assets": "site.css", "checker.css", "site.js");

#[derive(Debug, Clone, Default)]
pub struct Theme {
    pub dir: Option<PathBuf>,
}

impl Theme {
    pub fn new(dir: Option<&Path>) -> Result<Self> {
        if let Some(dir) = dir
            && !dir.is_dir()
        {
            return Err(anyhow!("theme folder {} does not exist", dir.display()));
        }
        Ok(Self { dir: dir.map(Path::to_path_buf) })
    }

    fn override_path(&self, kind: &str, name: &str) -> Option<PathBuf> {
        let path = self.dir.as_ref()?.join(kind).join(name);
        path.is_file().then_some(path)
    }

    /// Where a template comes from, as shown in messages.
    pub fn origin(&self, name: &str) -> String {
        match self.override_path("templates", name) {
            Some(path) => path.display().to_string(),
            None => format!("themes/default/templates/{name} (built in)"),
        }
    }

    pub fn template(&self, name: &str) -> Result<Option<String>> {
        if let Some(path) = self.override_path("templates", name) {
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read template {}", path.display()))?;
            return Ok(Some(text));
        }
        Ok(DEFAULT_TEMPLATES.iter().find(|(n, _)| *n == name).map(|(_, t)| (*t).to_owned()))
    }

    /// Theme assets: the default ones, overridden and extended by the theme's `assets/`.
    pub fn assets(&self) -> Result<Vec<(String, Vec<u8>)>> {
        let mut assets: std::collections::BTreeMap<String, Vec<u8>> =
            DEFAULT_ASSETS.iter().map(|(n, t)| ((*n).to_owned(), t.as_bytes().to_vec())).collect();
        if let Some(dir) = &self.dir {
            let folder = dir.join("assets");
            if folder.is_dir() {
                for (relative, bytes) in crate::tree::read_tree(&folder)? {
                    assets.insert(relative, bytes);
                }
            }
        }
        Ok(assets.into_iter().collect())
    }

    pub fn environment(&self) -> Environment<'static> {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_keep_trailing_newline(false);
        env.set_trim_blocks(true);
        env.set_lstrip_blocks(true);
        // Escape only what HTML needs (minijinja's default also escapes `/`, which bloats URLs).
        env.set_formatter(|out, state, value| {
            if state.auto_escape() == minijinja::AutoEscape::Html
                && !value.is_safe()
                && !value.is_none()
                && !value.is_undefined()
            {
                // Most values are strings: escaped from the value itself, not from a copy.
                let owned;
                let text = match value.as_str() {
                    Some(text) => text,
                    None => {
                        owned = value.to_string();
                        &owned
                    }
                };
                portolan_core::text::html_text_write(text, out).map_err(|_| {
                    minijinja::Error::new(minijinja::ErrorKind::WriteFailure, "cannot write")
                })
            } else {
                minijinja::escape_formatter(out, state, value)
            }
        });
        rows::register(&mut env);
        glance::register(&mut env);
        use_lines::register(&mut env);
        let theme = Arc::new(self.clone());
        env.set_loader(move |name| {
            theme.template(name).map_err(|e| {
                minijinja::Error::new(minijinja::ErrorKind::InvalidOperation, format!("{e:#}"))
            })
        });
        env
    }
}

/// A template error as `path:line: template error: …`, naming the innermost template.
pub fn template_error(theme: &Theme, error: &minijinja::Error) -> anyhow::Error {
    let mut innermost: &minijinja::Error = error;
    let mut current: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(error);
    while let Some(source) = current {
        if let Some(e) = source.downcast_ref::<minijinja::Error>()
            && e.name().is_some()
        {
            innermost = e;
        }
        current = source.source();
    }
    let name = innermost.name().or(error.name()).unwrap_or("?");
    let line = innermost.line().or(error.line()).unwrap_or(0);
    let detail =
        innermost.detail().map(str::to_owned).unwrap_or_else(|| innermost.kind().to_string());
    anyhow!("{}:{line}: template error: {}: {detail}", theme.origin(name), innermost.kind())
}

/// The catalog and site data of the repository's `content/`, for tests that compare renderings
/// over real rows.
#[cfg(test)]
pub(crate) fn shipped_site() -> (portolan_core::model::Catalog, Arc<crate::site::SiteData>) {
    let sources = crate::content::read_content_dir(Path::new("../content"))
        .expect("the repository's content/ reads");
    let catalog = crate::content::extract(&sources).catalog;
    let site = crate::site::SiteData::new(
        &catalog,
        &crate::services::Vocabulary::builtin(),
        &crate::iana::Registry::builtin(),
    );
    (catalog, Arc::new(site))
}
