//! What one build reads and writes: the library's own input type, so a caller (the `site-gen`
//! command, a test, another tool) builds a site without going through clap (as mdBook's
//! `MDBook::load_with_config` takes a `Config`).

use std::path::PathBuf;

/// The folders, options and URL of one site build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Folder of markdown port documents.
    pub content: PathBuf,
    /// Output folder (replaced on every build).
    pub out: PathBuf,
    /// Theme folder whose `templates/` and `assets/` override the built-in default theme.
    pub theme: Option<PathBuf>,
    /// Folder of static files copied as-is into the site root (skipped when it does not exist).
    pub public: PathBuf,
    /// The built checker script, copied to `assets/checker.js` (and `checker-audit.js` beside
    /// it, the host-file readers the page loads on demand, to `assets/checker-audit.js`).
    pub checker: Option<PathBuf>,
    /// Absolute URL the site is served from (sitemap, robots.txt).
    pub site_url: Option<String>,
    /// Fail the build on extraction warnings too.
    pub strict: bool,
    /// Write the offline bundle zip.
    pub bundle: bool,
}

impl Config {
    /// A build of `content` into `out` with the command's defaults: `public/` as the static
    /// folder, the default theme, no checker, no site URL, not strict, with the bundle.
    pub fn new(content: impl Into<PathBuf>, out: impl Into<PathBuf>) -> Self {
        Self {
            content: content.into(),
            out: out.into(),
            theme: None,
            public: PathBuf::from("public"),
            checker: None,
            site_url: None,
            strict: false,
            bundle: true,
        }
    }

    /// `checker-audit.js` beside the checker script, when both are there.
    pub fn checker_audit(&self) -> Option<PathBuf> {
        let checker = self.checker.as_deref().filter(|c| c.is_file())?;
        Some(checker.with_file_name("checker-audit.js")).filter(|p| p.is_file())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The checker's host-file readers are copied when they were built beside the checker, and
    /// a checker built without them still builds the site.
    #[test]
    fn checker_audit_is_the_script_beside_the_checker() {
        let dir =
            std::env::temp_dir().join(format!("site-gen-checker-audit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let checker = dir.join("checker.js");
        std::fs::write(&checker, "/* checker */").unwrap();
        let mut config = Config::new("content", "dist");
        assert_eq!(config.checker_audit(), None, "no checker");
        config.checker = Some(checker);
        assert_eq!(config.checker_audit(), None, "no readers beside it");
        std::fs::write(dir.join("checker-audit.js"), "/* readers */").unwrap();
        assert_eq!(config.checker_audit(), Some(dir.join("checker-audit.js")));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
