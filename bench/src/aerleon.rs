//! The flow plan of a generated topology as Aerleon input: one policy per host (an `input`
//! filter for the flows to the host, an `output` filter for the flows from it, default deny),
//! for the `nftables` and `iptables` generators, with the networks and services in
//! definitions files. This mirrors what Portolan's host-firewall emitters write per host, so
//! `aclgen` and `portolan rules` do the same job on the same flows.
//!
//! Layout under OUT: `def/NETWORKS.net`, `def/SERVICES.svc`, `nftables/pol/<host>.pol`,
//! `iptables/pol/<host>.pol`, `topology.yaml` (for `portolan rules`).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use anyhow::{Context, Result};
use portolan_core::emit::index::ZoneOwners;
use portolan_core::model::Catalog;
use portolan_core::plan::{Endpoint, Flow, FlowPlan, HostRef};
use portolan_core::topology::{Format, parse};
use serde_json::{Value, json};

/// Aerleon identifiers: upper case letters, digits and `_`, unique per original name.
#[derive(Default)]
struct Names {
    taken: HashMap<String, String>,
    used: HashSet<String>,
}

impl Names {
    fn get(&mut self, prefix: &str, name: &str) -> String {
        let key = format!("{prefix}:{name}");
        if let Some(id) = self.taken.get(&key) {
            return id.clone();
        }
        let base: String = format!("{prefix}_{name}")
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_uppercase() } else { '_' })
            .collect();
        let mut id = base.clone();
        let mut n = 2;
        while !self.used.insert(id.clone()) {
            id = format!("{base}_{n}");
            n += 1;
        }
        self.taken.insert(key, id.clone());
        id
    }
}

struct Writer<'p> {
    plan: &'p FlowPlan,
    names: Names,
    networks: BTreeMap<String, Vec<String>>,
    services: BTreeMap<String, String>,
    members: HashMap<&'p str, HashSet<&'p str>>,
    /// Zone membership as Portolan's host firewalls read it (an address belongs to its most
    /// specific zone), so both tools are handed the same rules.
    zones: ZoneOwners<'p>,
}

impl<'p> Writer<'p> {
    /// The network object for an endpoint; `None` for any.
    fn network(&mut self, endpoint: &Endpoint) -> Option<String> {
        let (prefix, name) = match endpoint {
            Endpoint::Any => return None,
            Endpoint::Zone { name, .. } => ("ZONE", &**name),
            Endpoint::Group { name } => ("GROUP", &**name),
            Endpoint::Host(h) => ("HOST", h.name.as_str()),
        };
        let id = self.names.get(prefix, name);
        if !self.networks.contains_key(&id) {
            let nets = self.plan.networks(endpoint).unwrap_or_default();
            self.networks.insert(id.clone(), nets.iter().map(|n| n.to_string()).collect());
        }
        Some(id)
    }

    fn service(&mut self, flow: &Flow) -> String {
        let transport = flow.transport.to_string();
        let (lo, hi) = (flow.ports.start(), flow.ports.end());
        let id = if lo == hi {
            format!("P_{lo}_{}", transport.to_uppercase())
        } else {
            format!("P_{lo}_{hi}_{}", transport.to_uppercase())
        };
        let value =
            if lo == hi { format!("{lo}/{transport}") } else { format!("{lo}-{hi}/{transport}") };
        self.services.entry(id.clone()).or_insert(value);
        id
    }

    fn contains(&self, endpoint: &Endpoint, host: &HostRef) -> bool {
        match endpoint {
            Endpoint::Any => true,
            Endpoint::Host(h) => h.name == host.name,
            Endpoint::Group { name } => {
                self.members.get(&**name).is_some_and(|m| m.contains(host.name.as_str()))
            }
            Endpoint::Zone { name, .. } => !self.zones.addresses_in(host, name).is_empty(),
        }
    }

    fn term(
        &mut self,
        out: &mut String,
        index: usize,
        flow: &Flow,
        source: Option<&Endpoint>,
        destination: Option<&Endpoint>,
    ) {
        let _ = writeln!(out, "term f{index} {{");
        let comment = flow.requirements.join(" ");
        let _ = writeln!(out, "  comment:: \"{}\"", comment.replace('"', "'"));
        if let Some(id) = source.and_then(|e| self.network(e)) {
            let _ = writeln!(out, "  source-address:: {id}");
        }
        if let Some(id) = destination.and_then(|e| self.network(e)) {
            let _ = writeln!(out, "  destination-address:: {id}");
        }
        let service = self.service(flow);
        let _ = writeln!(
            out,
            "  destination-port:: {service}\n  protocol:: {}\n  action:: accept\n}}\n",
            flow.transport
        );
    }
}

/// Writes the policies and definitions; returns counts as JSON.
pub fn write(catalog: &Catalog, hosts: usize, out: &Path) -> Result<Value> {
    let text = portolan_bench_gen::topology::generate(hosts);
    let topology = parse(&text, "topology.yaml", Format::Yaml)
        .map_err(|_| anyhow::anyhow!("the generated topology does not parse"))?;
    let plan = portolan_core::plan::plan(catalog, &topology);
    if out.exists() {
        fs::remove_dir_all(out).with_context(|| format!("cannot remove {}", out.display()))?;
    }
    for dir in ["def", "nftables/pol", "iptables/pol"] {
        fs::create_dir_all(out.join(dir))?;
    }
    fs::write(out.join("topology.yaml"), &text)?;
    let members = plan
        .groups
        .iter()
        .map(|g| (g.name.as_str(), g.members.iter().map(|m| m.name.as_str()).collect()))
        .collect();
    let mut w = Writer {
        plan: &plan,
        names: Names::default(),
        networks: BTreeMap::new(),
        services: BTreeMap::new(),
        members,
        zones: ZoneOwners::new(&topology),
    };
    let mut terms = 0;
    for host in topology.hosts.iter().map(HostRef::from_host) {
        let mut input = String::new();
        let mut output = String::new();
        for (i, flow) in plan.flows.iter().enumerate() {
            let to_host = matches!(flow.destination, Endpoint::Host(_) | Endpoint::Group { .. })
                && w.contains(&flow.destination, &host);
            if to_host {
                w.term(&mut input, i, flow, Some(&flow.source), None);
                terms += 1;
            }
            let self_flow = matches!(&flow.destination, Endpoint::Host(h) if h.name == host.name);
            if w.contains(&flow.source, &host) && !self_flow {
                w.term(&mut output, i, flow, None, Some(&flow.destination));
                terms += 1;
            }
        }
        let file = w.names.get("FILE", &host.name).to_lowercase();
        for (target, headers) in [
            ("nftables", ["nftables mixed input", "nftables mixed output"]),
            ("iptables", ["iptables INPUT DROP", "iptables OUTPUT DROP"]),
        ] {
            let mut pol = String::new();
            for (header, body) in headers.iter().zip([&input, &output]) {
                let _ = writeln!(
                    pol,
                    "header {{\n  comment:: \"host {}\"\n  target:: {header}\n}}\n",
                    host.name.replace('"', "'")
                );
                if body.is_empty() {
                    // Aerleon rejects a filter without terms; nothing allowed is an explicit deny.
                    pol.push_str("term nothing-allowed {\n  action:: deny\n}\n\n");
                }
                pol.push_str(body);
            }
            fs::write(out.join(format!("{target}/pol/{file}.pol")), pol)?;
        }
    }
    let mut net = String::new();
    for (id, nets) in &w.networks {
        let _ = writeln!(net, "{id} = {}", nets.first().map_or("", String::as_str));
        for n in nets.iter().skip(1) {
            let _ = writeln!(net, "    {n}");
        }
    }
    let mut svc = String::new();
    for (id, value) in &w.services {
        let _ = writeln!(svc, "{id} = {value}");
    }
    fs::write(out.join("def/NETWORKS.net"), net)?;
    fs::write(out.join("def/SERVICES.svc"), svc)?;
    Ok(
        json!({"hosts": hosts, "flows": plan.flows.len(), "terms": terms, "networks": w.networks.len(), "services": w.services.len()}),
    )
}
