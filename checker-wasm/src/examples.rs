//! The example topologies of `examples/`, compiled in so they load with no request; but two,
//! whose texts travel in the on-demand module (`checker-audit.js`, built with feature `toml`):
//! the TOML one, since checking it loads that module anyway (the base has no TOML reader), and
//! the hostile-names demonstration, the one a visitor opens least (it shows that names stay
//! data in every rule format, which the rules view, also on demand, is for). About 0.8 and
//! 0.5 KB of `checker.js` gzipped (bench/HISTORY.md, "Checker page, session 17").

/// One example: its file name (which also gives the syntax) and its text. Their titles are in
/// the page's example picker (`themes/default/templates/checker.html`), which the tests compare.
pub struct Example {
    pub file: &'static str,
    pub text: &'static str,
}

pub const EXAMPLES: &[Example] = &[
    Example { file: "openlm.yaml", text: include_str!("../../examples/openlm.yaml") },
    Example { file: "openlm-vip.yaml", text: include_str!("../../examples/openlm-vip.yaml") },
    Example { file: "palette.yaml", text: include_str!("../../examples/palette.yaml") },
    Example { file: "omero-k8s.json", text: include_str!("../../examples/omero-k8s.json") },
    #[cfg(feature = "toml")]
    Example { file: "activate.toml", text: include_str!("../../examples/activate.toml") },
    Example { file: "api-connect.yaml", text: include_str!("../../examples/api-connect.yaml") },
    Example { file: "broken.yaml", text: include_str!("../../examples/broken.yaml") },
    #[cfg(feature = "toml")]
    Example { file: "hostile-names.yaml", text: include_str!("../../examples/hostile-names.yaml") },
];

/// The examples the page's own module lacks: the page asks the on-demand module for their text
/// (`Request::Example`).
pub const ON_DEMAND: &[&str] = &["activate.toml", "hostile-names.yaml"];

pub fn by_file(file: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.file == file)
}

#[cfg(all(test, feature = "toml"))]
mod tests {
    use super::*;

    /// The on-demand module (built with `toml`) answers for every example the base lacks.
    #[test]
    fn the_on_demand_module_has_every_example_the_base_asks_it_for() {
        for file in ON_DEMAND {
            assert!(by_file(file).is_some_and(|e| !e.text.is_empty()), "{file}");
        }
    }
}
