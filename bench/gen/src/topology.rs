//! Topologies of N hosts against the real catalog (`content/`): a /16 of hosts with a few
//! roles each across the five platforms, two core hosts, one extra service, one enabled
//! conditional requirement and a policy of 12 rules to audit.
//!
//! The same shape as the checker-engine criterion bench (`core/benches/checker.rs`), so the
//! "Checker engine" and "Checker: native and wasm" numbers in BENCHMARKS.md are comparable.

use std::fmt::Write as _;

const ROLES: &[&str] = &[
    "[openlm/node]",
    "[openlm/node, openlm/infrastructure]",
    "[palette/workload-cluster]",
    "[omero-k8s/worker]",
    "[activate/compute-cluster, activate/compute-cluster-agent]",
    "[api-connect/gateway]",
];

const POLICY: &[&str] = &[
    "{ from: internet, to: [cp, lb], ports: [443/tcp, 80/tcp] }",
    "{ from: lb, to: cp, ports: [443/tcp, 80/tcp] }",
    "{ from: dc, to: dc, ports: [6443/tcp, 10250/tcp, 8472/udp, 51820/udp, 30000-32767/tcp] }",
    "{ from: corp, to: dc, ports: [22/tcp] }",
    "{ from: [corp, dc], to: dc, ports: [30432/tcp] }",
    "{ from: dc, to: internet, ports: [443/tcp] }",
    "{ from: dc, to: cp, ports: [443/tcp, 4222/tcp, 6443/tcp] }",
    "{ from: cp, to: dc, ports: [6443/tcp, 22/tcp] }",
    "{ from: corp, to: cp, ports: [443/tcp, 22/tcp] }",
    "{ from: 10.20.0.0/17, to: cp, ports: [443/tcp] }",
    "{ from: 10.20.128.0/17, to: cp, ports: [443/tcp] }",
    "{ from: internet, to: dc, ports: [5432/tcp] }",
];

/// A YAML topology of `hosts` hosts (at least 2: `cp` and `lb`).
pub fn generate(hosts: usize) -> String {
    let mut text = String::from(
        "name: generated\nzones:\n  internet: { cidrs: [0.0.0.0/0] }\n  corp: { cidrs: [10.20.0.0/16] }\n  dc: { cidrs: [10.64.0.0/16] }\n  core: { cidrs: [10.1.0.0/24] }\nhosts:\n",
    );
    text.push_str("  cp: { zone: core, address: 10.1.0.10, roles: [openlm/control-plane, openlm/ingress, palette/management-platform, activate/control-plane, omero-k8s/control-plane] }\n");
    text.push_str("  lb: { zone: core, address: 10.1.0.11, roles: [openlm/load-balancer] }\n");
    for i in 0..hosts.saturating_sub(2) {
        let address = format!("10.64.{}.{}", (i / 250) % 256, i % 250 + 1);
        let _ = writeln!(
            text,
            "  h{i}: {{ zone: dc, address: {address}, roles: {} }}",
            ROLES[i % ROLES.len()]
        );
    }
    text.push_str("services:\n  - { host: cp, name: metrics, ports: [9100/tcp] }\nenable: [openlm/node-51820-udp]\npolicy:\n");
    for rule in POLICY {
        let _ = writeln!(text, "  - {rule}");
    }
    text
}
