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
