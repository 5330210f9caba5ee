//! The topology a platform page offers to copy: one host per component, with the role id the
//! topology needs (`openlm/ingress`), in a zone for the platform's own hosts and one for the
//! clients the document names (components marked `external`). Addresses are placeholders from
//! the private ranges, numbered in component order, so the snippet checks as it is.

use std::fmt::Write;

use portolan_core::model::Platform;

/// The host name a snippet gives a component (`ingress-1`).
pub fn host_name(component_id: &str) -> String {
    let slug = component_id.rsplit_once('/').map_or(component_id, |(_, c)| c);
    format!("{slug}-1")
}

/// One YAML line placing a component on a host, in the snippet's zones.
pub fn host_line(component_id: &str, external: bool, number: usize) -> String {
    let (zone, net) = if external { ("clients", "10.1.0") } else { ("platform", "10.0.0") };
    // Hosts 10..=250: a platform with more components than that repeats the last address,
    // which the checker reports (P022), rather than writing an invalid one.
    let host = (10 + number).min(250);
    format!(
        "  {}: {{ zone: {zone}, address: {net}.{host}, roles: [{component_id}] }}",
        host_name(component_id)
    )
}

/// The whole snippet for a platform.
pub fn topology(platform: &Platform) -> String {
    let mut out = String::new();
    let _ =
        writeln!(out, "# {}: one host per component. Rename the hosts, set your", platform.title);
    let _ = writeln!(
        out,
        "# zones and addresses, and put several roles on one host where they share it."
    );
    let _ = writeln!(out, "zones:");
    let _ = writeln!(out, "  platform: {{ cidrs: [10.0.0.0/24] }}");
    let clients: Vec<&str> =
        platform.components.iter().filter(|c| c.external).map(|c| c.name.as_str()).collect();
    if !clients.is_empty() {
        let _ = writeln!(out, "  clients:  {{ cidrs: [10.1.0.0/24] }}  # {}", clients.join(", "));
    }
    let _ = writeln!(out, "hosts:");
    for (i, c) in platform.components.iter().enumerate() {
        let _ = writeln!(out, "{}", host_line(&c.id, c.external, i));
    }
    out
}

#[cfg(test)]
mod tests {
    use portolan_core::topology::{Format, parse};

    use super::*;

    fn platform() -> Platform {
        serde_json::from_value(serde_json::json!({
            "id": "demo", "title": "Demo", "file": "demo.md",
            "components": [
                { "id": "demo/web", "name": "Web", "description": "", "external": false },
                { "id": "demo/agent", "name": "Agent", "description": "", "external": true },
            ],
            "requirements": [],
        }))
        .expect("a platform")
    }

    /// The snippet is a topology that reads, with every component's role on a host.
    #[test]
    fn the_snippet_parses_and_places_every_role() {
        let text = topology(&platform());
        let topology = parse(&text, "snippet.yaml", Format::Yaml).expect("the snippet parses");
        let rendered = format!("{topology:?}");
        for role in ["demo/web", "demo/agent"] {
            assert!(rendered.contains(role), "{role} in {text}");
        }
        assert!(text.contains("web-1: { zone: platform, address: 10.0.0.10, roles: [demo/web] }"));
        assert!(
            text.contains("agent-1: { zone: clients, address: 10.1.0.11, roles: [demo/agent] }")
        );
    }
}
