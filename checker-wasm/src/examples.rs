//! The example topologies of `examples/`, compiled in so they load with no request.

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
    Example { file: "activate.toml", text: include_str!("../../examples/activate.toml") },
    Example { file: "api-connect.yaml", text: include_str!("../../examples/api-connect.yaml") },
    Example { file: "broken.yaml", text: include_str!("../../examples/broken.yaml") },
    Example { file: "hostile-names.yaml", text: include_str!("../../examples/hostile-names.yaml") },
];

pub fn by_file(file: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.file == file)
}
