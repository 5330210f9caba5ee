//! The checker natively: parse, check (which builds the flow plan), plan alone, and emit every
//! target, on generated topologies against the catalog built from `content/`.

use std::path::Path;

use anyhow::{Context, Result, bail};
use portolan_core::emit::{self, Input, Target};
use portolan_core::extract::{Document, build_catalog};
use portolan_core::model::Catalog;
use portolan_core::topology::{Format, Topology, parse};
use serde_json::{Value, json};

use crate::stats::median_ms;

/// The catalog of every `*.md` in `dir`, in name order (as site-gen and the CLI build it).
pub fn load_catalog(dir: &Path) -> Result<Catalog> {
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "md") {
            let name =
                path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            files.push((name, std::fs::read(&path)?));
        }
    }
    files.sort();
    let documents: Vec<Document<'_>> =
        files.iter().map(|(p, b)| Document { path: p, bytes: b }).collect();
    let build = build_catalog(&documents);
    if build.has_errors() {
        bail!("{} has extraction errors", dir.display());
    }
    Ok(build.catalog)
}

fn topology(hosts: usize) -> Result<(String, Topology)> {
    let text = portolan_bench_gen::topology::generate(hosts);
    let topology = parse(&text, "generated.yaml", Format::Yaml).map_err(|e| {
        anyhow::anyhow!(
            "the generated topology does not parse: {:?}",
            e.first().map(|e| &e.message)
        )
    })?;
    Ok((text, topology))
}

/// Emits every target; the number of files written. Network targets cover the whole topology;
/// host firewalls (nftables, iptables, firewalld, ufw) are written for one host, `h0`, as the
/// checker page shows them: every host's file lists its peers' addresses, so writing all of
/// them grows with hosts² (at 10,000 hosts, gigabytes of rules), which `rules` measures apart.
pub fn emit_all(
    plan: &portolan_core::plan::FlowPlan,
    topology: &Topology,
    catalog: &Catalog,
) -> Result<usize> {
    let mut files = 0;
    let one = topology
        .hosts
        .iter()
        .find(|h| h.name == "h0")
        .or(topology.hosts.first())
        .map(|h| h.name.as_str());
    for target in Target::all() {
        let host = if target.scope() == emit::Scope::Host { one } else { None };
        let input = Input { plan, topology, catalog: Some(catalog), host };
        files += emit::emit_with(target, &input)
            .with_context(|| format!("emitting {target}"))?
            .files
            .len();
    }
    Ok(files)
}

/// Phase medians in milliseconds, as one JSON object.
pub fn measure(catalog: &Catalog, hosts: usize, runs: usize) -> Result<Value> {
    let (text, topology) = topology(hosts)?;
    let report = portolan_core::check::check(catalog, &topology);
    let plan = report.plan.clone().context("the check made no plan")?;
    let files = emit_all(&plan, &topology, catalog)?;
    let parse_ms = median_ms(runs, || parse(&text, "generated.yaml", Format::Yaml));
    let check_ms = median_ms(runs, || portolan_core::check::check(catalog, &topology));
    let plan_ms = median_ms(runs, || portolan_core::plan::plan(catalog, &topology));
    let emit_ms = median_ms(runs, || emit_all(&plan, &topology, catalog));
    let total_ms = median_ms(runs, || -> Result<usize> {
        let topology =
            parse(&text, "generated.yaml", Format::Yaml).map_err(|_| anyhow::anyhow!("parse"))?;
        let report = portolan_core::check::check(catalog, &topology);
        let plan = report.plan.as_ref().context("plan")?;
        emit_all(plan, &topology, catalog)
    });
    Ok(json!({
        "hosts": hosts,
        "runs": runs,
        "topology_bytes": text.len(),
        "findings": report.findings.len(),
        "flows": plan.flows.len(),
        "files": files,
        "parse_ms": parse_ms,
        "check_ms": check_ms,
        "plan_ms": plan_ms,
        "emit_ms": emit_ms,
        "total_ms": total_ms,
    }))
}

/// Emit-only median for one target (the plan made once), in milliseconds.
pub fn measure_target(catalog: &Catalog, hosts: usize, target: &str, runs: usize) -> Result<Value> {
    let target = Target::parse(target).with_context(|| format!("unknown target {target}"))?;
    let (_, topology) = topology(hosts)?;
    let plan = portolan_core::plan::plan(catalog, &topology);
    let input = Input { plan: &plan, topology: &topology, catalog: Some(catalog), host: None };
    let emitted = emit::emit_with(target, &input)?;
    let lines: usize = emitted.files.iter().map(|f| f.contents.lines().count()).sum();
    let ms = median_ms(runs, || emit::emit_with(target, &input));
    Ok(
        json!({"hosts": hosts, "target": target.name(), "flows": plan.flows.len(), "files": emitted.files.len(), "lines": lines, "emit_ms": ms}),
    )
}
