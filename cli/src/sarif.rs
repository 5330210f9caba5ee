//! SARIF 2.1.0 for GitHub code scanning.

use portolan_core::check::{self, Report};
use portolan_core::diagnostic::Severity;
use serde_json::{Value, json};

fn rule_name(code: &str) -> String {
    // `P030-port-collision` → `PortCollision`.
    code.split_once('-')
        .map_or(code, |(_, slug)| slug)
        .split('-')
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

pub fn render(report: &Report, site: Option<&str>) -> String {
    // Every code's texts come from the table the site's pages are made of (`codes::ALL`).
    let rules: Vec<Value> = check::codes::ALL
        .iter()
        .map(|doc| {
            let mut rule = json!({
                "id": doc.code,
                "name": rule_name(doc.code),
                "shortDescription": { "text": doc.title },
                "fullDescription": { "text": doc.what },
                "help": { "text": format!("{} {}", doc.why, doc.fix) },
                "defaultConfiguration": { "level": "error" },
            });
            // The page about the code (what, why, how to fix); SARIF wants an absolute URI.
            if let Some(base) = site {
                rule["helpUri"] = json!(format!("{}/{}", base.trim_end_matches('/'), doc.page()));
            }
            rule
        })
        .collect();
    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|f| {
            let mut text = f.message.clone();
            if let Some(help) = &f.help {
                text.push_str("\nhelp: ");
                text.push_str(help);
            }
            for r in &f.requirements {
                let link = match site {
                    Some(base) => format!("{}/{}", base.trim_end_matches('/'), r.link),
                    None => r.link.clone(),
                };
                text.push_str(&format!("\nrequirement {} ({}:{}): {} {link}", r.id, r.source.file, r.source.line, r.summary));
            }
            let mut result = json!({
                "ruleId": f.code,
                "ruleIndex": check::codes::ALL.iter().position(|d| d.code == f.code).unwrap_or(0),
                "level": match f.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                    Severity::Note => "note",
                },
                "message": { "text": text },
                "properties": { "requirements": f.requirements.iter().map(|r| r.id.clone()).collect::<Vec<_>>() },
            });
            if let Some(location) = &f.location {
                result["locations"] = json!([{
                    "physicalLocation": {
                        "artifactLocation": { "uri": location.file },
                        "region": { "startLine": location.line.max(1), "startColumn": location.column.max(1) }
                    }
                }]);
            }
            if !f.related.is_empty() {
                result["relatedLocations"] = Value::Array(
                    f.related
                        .iter()
                        .enumerate()
                        .map(|(i, r)| {
                            json!({
                                "id": i,
                                "message": { "text": r.message },
                                "physicalLocation": {
                                    "artifactLocation": { "uri": r.location.file },
                                    "region": { "startLine": r.location.line.max(1), "startColumn": r.location.column.max(1) }
                                }
                            })
                        })
                        .collect(),
                );
            }
            result
        })
        .collect();
    let sarif = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "portolan",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/portolan/portolan",
                "rules": rules,
            }},
            "results": results,
        }]
    });
    serde_json::to_string_pretty(&sarif).unwrap_or_default() + "\n"
}
