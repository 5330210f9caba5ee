//! The published JSON Schema accepts what the parser accepts: every topology fixture and
//! example that parses is valid against `schemas/topology.schema.json` (as an editor's
//! yaml-language-server reads it), nulls included (`key: null` is the key left out,
//! `policy: null` no policy). A schema stricter than the parser underlines a working
//! topology in red; a Terraform or Python export writes every key, unset ones as null.
//!
//! The validator is the `jsonschema` crate (draft-07, as the schema's `$schema` says; its
//! patterns read as ECMA 262), the kind of validator editors run.

use std::fs;
use std::path::{Path, PathBuf};

use portolan_core::topology::{Format, parse, parse_data, schema};

/// A draft-07 validator of the published schema.
fn validator() -> jsonschema::Validator {
    let schema = schema();
    assert_eq!(
        schema["$schema"].as_str(),
        Some("http://json-schema.org/draft-07/schema#"),
        "the schema says which draft it is written in"
    );
    match jsonschema::draft7::new(&schema) {
        Ok(validator) => validator,
        Err(error) => panic!("the published schema is not a valid draft-07 schema: {error}"),
    }
}

/// Every error of `data` against the schema, each with the place in the data it is about.
fn errors(validator: &jsonschema::Validator, data: &serde_json::Value) -> Vec<String> {
    validator.iter_errors(data).map(|e| format!("{}: {e}", e.instance_path())).collect()
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every topology text under `dir` (recursively): `.yaml`, `.yml`, `.json`, `.toml`.
fn topology_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            topology_files(&path, out);
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| ["yaml", "yml", "json", "toml"].contains(&e))
        {
            out.push(path);
        }
    }
}

/// The data of `text` as JSON, when it parses as a topology.
fn parsed_json(text: &str, name: &str) -> Option<serde_json::Value> {
    let format = Format::from_path(name);
    parse(text, name, format).ok()?;
    Some(parse_data(text.strip_prefix('\u{feff}').unwrap_or(text), format).ok()?.to_json())
}

#[test]
fn the_schema_is_a_valid_draft_07_schema() {
    let schema = schema();
    let meta = jsonschema::meta::validate(&schema);
    assert!(meta.is_ok(), "{meta:?}");
    validator();
}

#[test]
fn every_fixture_that_parses_is_valid_against_the_schema() {
    let validator = validator();
    let mut files = Vec::new();
    for dir in ["core/tests/fixtures/topologies", "examples"] {
        topology_files(&root().join(dir), &mut files);
    }
    let (mut checked, mut failures) = (0, Vec::new());
    for path in &files {
        let Ok(text) = fs::read_to_string(path) else { continue };
        let name = path.to_string_lossy();
        // Not every JSON under examples/ is a topology (an AWS export to audit): those fail to
        // parse and are not the schema's business.
        let Some(data) = parsed_json(&text, &name) else { continue };
        checked += 1;
        for error in errors(&validator, &data) {
            failures.push(format!("{}: {error}", path.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked >= 70, "only {checked} topologies parsed");
}

/// Regression (session 15 made nulls mean "left out"): the schema refused every null the
/// parser accepts, so an editor underlined a Terraform export that `portolan check` reads.
#[test]
fn regression_the_schema_rejected_the_nulls_the_parser_accepts() {
    let text = r#"{
  "$schema": null, "name": null, "description": null,
  "zones": {
    "lan": { "cidrs": ["10.0.0.0/24"], "cidr": null, "trust": null, "environment": null, "description": null },
    "spare": null
  },
  "hosts": {
    "h1": { "zone": "lan", "address": "10.0.0.5", "addresses": null, "roles": null,
            "description": null, "rules": null, "listening": null, "security_groups": null,
            "interfaces": null, "network_tags": null, "guest_interfaces": null }
  },
  "services": [ { "host": "h1", "name": "exporter", "ports": ["9100/tcp"], "from": null, "description": null } ],
  "vips": { "v": { "address": "10.0.0.9", "addresses": null, "hosts": ["h1"], "host": null, "role": "openlm/ingress", "description": null } },
  "management": [ { "from": "lan", "to": null, "ports": null, "description": null, "comment": null } ],
  "egress": null, "enable": null, "clients": null, "peers": null, "variants": null, "policy": null
}"#;
    let topology = match parse(text, "nulls.json", Format::Json) {
        Ok(topology) => topology,
        Err(errors) => panic!("the parser reads every null as left out: {errors:?}"),
    };
    // Regression: `host: null` after `hosts: [h1]` erased the VIP's holders (an error, "no
    // `hosts`"); `ports: null` in a `management` entry was an error, not the default SSH.
    assert_eq!(topology.vips[0].hosts.len(), 1);
    assert_eq!(topology.management[0].ports[0].value.to_string(), "22/tcp");
    let data = parsed_json(text, "nulls.json").expect("parses");
    let errors = errors(&validator(), &data);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

/// What the parser refuses stays refused where the schema can say so: a host without a zone,
/// a port without a transport, an unknown key, a null where a value is needed.
#[test]
fn the_schema_still_refuses_what_the_parser_refuses() {
    let validator = validator();
    for (text, why) in [
        (r#"{"hosts": {"h": {"address": "10.0.0.1"}}}"#, "a host without `zone`"),
        (r#"{"hosts": {"h": {"zone": null, "address": "10.0.0.1"}}}"#, "a null zone"),
        (r#"{"services": [{"host": "h", "ports": ["443"]}]}"#, "a port without transport"),
        (r#"{"services": [{"host": "h", "ports": null}]}"#, "null ports"),
        (r#"{"zonez": {}}"#, "an unknown top-level key"),
        (r#"{"clients": {"openlm/ingress": null}}"#, "a clients entry naming nothing"),
        (r#"{"policy": [{"from": "a", "to": "b", "ports": ["any"], "action": "deny"}]}"#, "deny"),
        (r#"{"zones": {"a\u0007": ["10.0.0.0/8"]}}"#, "a control character in a name"),
        (r#"{"zones": {"  ": ["10.0.0.0/8"]}}"#, "a blank name"),
    ] {
        let data: serde_json::Value = serde_json::from_str(text).expect("json");
        assert!(parse(text, "t.json", Format::Json).is_err(), "the parser accepts {why}");
        assert!(!validator.is_valid(&data), "the schema accepts {why}");
    }
}

/// Spellings the parser reads that the schema's patterns once refused.
#[test]
fn regression_the_schema_refused_spellings_the_parser_reads() {
    let validator = validator();
    let text = r#"{
  "zones": { "lan": { "cidrs": ["10.0.0.0/24"], "trust": "Trusted" }, "wan": { "cidrs": ["0.0.0.0/0"], "trust": " UNTRUSTED " } },
  "hosts": { "h1": { "zone": "lan", "address": "10.0.0.5" } },
  "services": [ { "host": "h1", "ports": ["ANY", "53/tcp and udp", "tcp+udp/53", "8000—8010/tcp", "0443/tcp"], "from": "lan" } ]
}"#;
    let data = parsed_json(text, "spellings.json").expect("the parser reads these");
    let errors = errors(&validator, &data);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}
