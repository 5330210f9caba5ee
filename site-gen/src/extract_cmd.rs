//! `site-gen extract FILE.md…`: what the extractor read, as JSON on stdout. Tools depend on
//! this shape: one object per requirement with `file, line, section, component, ports,
//! protocol, direction, peer, necessity, exposure, purpose` (plus `app_protocol`, `column`,
//! `id`). Diagnostics go to stderr, rustc style.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, Result};
use portolan_core::model::Requirement;
use serde::Serialize;

use crate::cli::ExtractArgs;
use crate::content::{SourceFile, extract, read_utf8};

#[derive(Debug, Serialize)]
pub struct ExtractedRow<'a> {
    pub file: &'a str,
    pub line: u32,
    pub column: u32,
    pub id: &'a str,
    pub section: &'a str,
    pub component: &'a str,
    pub ports: String,
    pub protocol: Option<&'static str>,
    pub app_protocol: Option<&'a str>,
    pub direction: Option<&'static str>,
    pub peer: Option<&'a str>,
    pub necessity: Option<&'static str>,
    pub condition: Option<&'a str>,
    pub exposure: Option<&'static str>,
    pub purpose: Option<&'a str>,
    /// Deployment variant slug; absent for rows that apply to every deployment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variant: Option<&'a str>,
}

impl<'a> ExtractedRow<'a> {
    pub fn from_requirement(r: &'a Requirement) -> Self {
        Self {
            file: &r.source.file,
            line: r.source.line,
            column: r.source.column,
            id: &r.id,
            section: &r.section,
            component: &r.component,
            ports: r.ports.to_string(),
            protocol: r.transport.map(|t| t.as_str()),
            app_protocol: r.app_protocol.as_deref(),
            direction: r.direction.map(|d| d.as_str()),
            peer: r.peer.as_deref(),
            necessity: r.necessity.map(|n| n.as_str()),
            condition: r.condition.as_deref(),
            exposure: r.exposure.map(|e| e.as_str()),
            purpose: r.purpose.as_deref(),
            variant: r.variant.as_deref(),
        }
    }
}

/// The end of `--report`: the rows that will plan no flow because no transport is stated (they
/// surface otherwise only later, as `portolan check`'s P041), how many diagnostics went to
/// stderr, and the next step from a document to a checked topology.
pub fn report_footer<'a>(
    requirements: impl Iterator<Item = &'a Requirement>,
    diagnostics: usize,
) -> String {
    let mut out = String::new();
    let untransported: Vec<&Requirement> = requirements.filter(|r| r.transport.is_none()).collect();
    if let Some(first) = untransported.first() {
        out.push_str(&format!(
            "{} row(s) name no transport (tcp, udp or sctp), so no rule will open them: write \
             `{}/tcp` (or a Protocol column) in the document, or pin it with \
             <!-- portolan: protocol=tcp --> before the paragraph or table\n",
            untransported.len(),
            first.ports
        ));
        for r in untransported {
            out.push_str(&format!(
                "  {}:{}:{}: {} port {}\n",
                r.source.file, r.source.line, r.source.column, r.id, r.ports
            ));
        }
    }
    if diagnostics > 0 {
        out.push_str(&format!(
            "{diagnostics} diagnostic(s) on standard error, each with the pin that settles it\n"
        ));
    }
    out.push_str(
        "next: put the document in a content folder, `site-gen build --content DIR --out SITE` \
         (from the repository's root: the site takes public/ from there), then \
         `portolan check TOPOLOGY --catalog SITE/assets/catalog.js`\n",
    );
    out
}

pub fn run(args: &ExtractArgs) -> Result<ExitCode> {
    let files = args
        .files
        .iter()
        .map(|path| {
            let text = read_utf8(path)?;
            Ok(SourceFile { name: path.to_string_lossy().into_owned(), disk: path.clone(), text })
        })
        .collect::<Result<Vec<_>>>()?;
    let build = extract(&files);
    let mut stdout = std::io::stdout().lock();
    if args.report {
        for document in &build.documents {
            let text = portolan_core::extract::coverage::report(&document.path, &document.coverage);
            write!(stdout, "{text}").context("cannot write to stdout")?;
        }
        let footer = report_footer(build.catalog.requirements(), build.diagnostics.len());
        write!(stdout, "{footer}").context("cannot write to stdout")?;
    } else {
        let rows: Vec<ExtractedRow<'_>> =
            build.catalog.requirements().map(ExtractedRow::from_requirement).collect();
        serde_json::to_writer_pretty(&mut stdout, &rows).context("cannot write to stdout")?;
        writeln!(stdout).context("cannot write to stdout")?;
    }
    for diagnostic in &build.diagnostics {
        eprintln!("{diagnostic}");
    }
    let failed = build.has_errors() || (args.strict && !build.diagnostics.is_empty());
    Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

#[cfg(test)]
mod tests {
    use crate::content::{SourceFile, extract};

    use super::report_footer;

    fn footer_of(markdown: &str) -> String {
        let file = SourceFile {
            name: "content/kit.md".to_owned(),
            disk: "content/kit.md".into(),
            text: markdown.to_owned(),
        };
        let build = extract(&[file]);
        report_footer(build.catalog.requirements(), build.diagnostics.len())
    }

    /// Regression (the newcomer walk): a prose port without tcp/udp was read without a word in
    /// the report, and surfaced only at `portolan check` as P041 with no flow planned.
    #[test]
    fn a_row_without_transport_is_named_with_its_location_and_the_pin() {
        let footer = footer_of(
            "---\ntitle: Kit\nplatform: kit\n---\n\n## Agent\n\nThe agent listens on port 7430.\n",
        );
        assert!(footer.contains("1 row(s) name no transport"), "{footer}");
        assert!(footer.contains("`7430/tcp`"), "{footer}");
        assert!(footer.contains("content/kit.md:8:"), "{footer}");
        assert!(footer.contains("next: put the document in a content folder"), "{footer}");
    }

    #[test]
    fn rows_with_transport_get_only_the_next_step() {
        let footer = footer_of(
            "---\ntitle: Kit\nplatform: kit\n---\n\n| Port | Protocol | Purpose |\n| --- | --- | --- |\n| 443 | TCP | Console |\n",
        );
        assert!(!footer.contains("no transport"), "{footer}");
        assert!(footer.starts_with("next: "), "{footer}");
    }
}
