//! The example topologies of `examples/`, compiled in so they load with no request.

/// One example: its file name (which also gives the syntax) and its text.
pub struct Example {
    pub file: &'static str,
    pub title: &'static str,
    pub text: &'static str,
}

pub const EXAMPLES: &[Example] = &[
    Example { file: "openlm.yaml", title: "OpenLM on k3s (YAML)", text: include_str!("../../examples/openlm.yaml") },
    Example { file: "palette.yaml", title: "Palette self-hosted (YAML)", text: include_str!("../../examples/palette.yaml") },
    Example { file: "omero-k8s.json", title: "OMERO on Kubernetes (JSON)", text: include_str!("../../examples/omero-k8s.json") },
    Example { file: "activate.toml", title: "ACTIVATE with Slurm (TOML)", text: include_str!("../../examples/activate.toml") },
    Example { file: "api-connect.yaml", title: "IBM API Connect (YAML)", text: include_str!("../../examples/api-connect.yaml") },
    Example { file: "broken.yaml", title: "Broken on purpose: every finding", text: include_str!("../../examples/broken.yaml") },
    Example { file: "hostile-names.yaml", title: "Hostile names (escaping)", text: include_str!("../../examples/hostile-names.yaml") },
];

pub fn by_file(file: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.file == file)
}
