//! The JSON Schema (draft-07, what yaml-language-server reads) of the topology format, built
//! from the same vocabulary the parser accepts. `schemas/topology.schema.json` is this value,
//! pretty-printed; a test fails when the file is stale (`UPDATE_EXPECT=1` refreshes it).

use serde_json::{Value, json};

use super::access::AccessKind;
use super::parse::MAX_NAME_CHARS;
use crate::model::Transport;

/// Where the schema is published, relative to the site root.
pub const SCHEMA_PATH: &str = "schemas/topology.schema.json";

fn port_spec() -> Value {
    let transports: Vec<&str> = Transport::ALL.iter().map(|t| t.as_str()).collect();
    json!({
        "type": "string",
        "description": format!("A port or range and its transport: `443/tcp`, `30000-32767/tcp`, `53/tcp+udp`, or `any`. Transports: {}.", transports.join(", ")),
        // As `parse_port_spec` reads it: `any` in any case, a range with a hyphen, en or em
        // dash, transports written `tcp+udp`, `TCP/UDP` or `tcp and udp`, either side first.
        "pattern": "^\\s*([Aa][Nn][Yy]|\\*|[0-9]+(\\s*[-–—]\\s*[0-9]+)?\\s*/\\s*[A-Za-z][A-Za-z+/& ]*|[A-Za-z][A-Za-z+]*\\s*/\\s*[0-9]+(\\s*[-–—]\\s*[0-9]+)?)\\s*$",
        "examples": ["443/tcp", "30000-32767/tcp", "53/udp", "53/tcp+udp"]
    })
}

fn one_or_many(item: Value) -> Value {
    json!({ "anyOf": [item.clone(), { "type": "array", "items": item }] })
}

/// A name as `name_ok` takes it: at most [`MAX_NAME_CHARS`], not blank, no control character.
fn name_key() -> Value {
    json!({ "maxLength": MAX_NAME_CHARS, "minLength": 1, "pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f]*[^\\s\\u0000-\\u001f\\u007f-\\u009f][^\\u0000-\\u001f\\u007f-\\u009f]*$" })
}

/// `value` or null: the parser reads `key: null` (a Terraform or Python export writes every
/// key, unset ones as null) as the key left out.
fn nullable(mut value: Value) -> Value {
    let null = json!({ "type": "null" });
    match value.get_mut("type") {
        Some(Value::String(t)) => {
            let t = t.clone();
            value["type"] = json!([t, "null"]);
        }
        _ => match value.get_mut("anyOf") {
            Some(Value::Array(options)) => options.push(null),
            _ => return json!({ "anyOf": [value, null] }),
        },
    }
    value
}

/// `schema` with its `type`.
fn with_type(mut schema: Value, t: &str) -> Value {
    schema["type"] = json!(t);
    schema
}

/// `x-` keys: the document's own, in any mapping (a CMDB export's ids, a generator's notes,
/// shared anchors), as at the top level.
fn own_keys() -> Value {
    json!({ "^x-": { "description": "The document's own key, not read." } })
}

/// A key the parser does not read (free text): any value.
fn free_text() -> Value {
    json!({ "description": "Free text, not read." })
}

/// A `management` or `egress` list: entries that are mappings, or the peer alone.
/// `texts`: the list, the peer key, the hosts key and the ports, described.
fn access_schema(kind: AccessKind, texts: [&str; 4], endpoint: &Value, ports: &Value) -> Value {
    let [description, peer_description, hosts_description, ports_description] = texts;
    let (peer_key, hosts_key) = (kind.peer_key(), kind.hosts_key());
    let mut peer = one_or_many(endpoint.clone());
    peer["description"] = json!(peer_description);
    // A `management` entry's `ports: null` is the default (SSH); an `egress` entry needs them.
    let mut entry_ports = match kind {
        AccessKind::Management => nullable(ports.clone()),
        AccessKind::Egress => ports.clone(),
    };
    entry_ports["description"] = json!(ports_description);
    let entry = json!({
        "anyOf": [
            endpoint,
            {
                "type": "object",
                "additionalProperties": false,
                "patternProperties": own_keys(),
                "required": [peer_key],
                "properties": {
                    peer_key: peer,
                    hosts_key: nullable(one_or_many(json!({ "type": "string", "description": hosts_description }))),
                    "ports": entry_ports,
                    "description": free_text(),
                    "comment": free_text()
                }
            }
        ]
    });
    let mut list = nullable(one_or_many(entry));
    list["description"] = json!(description);
    list
}

/// A host's `address` (or `addresses`): what several addresses mean.
fn host_addresses(address: &Value) -> Value {
    let mut list = nullable(one_or_many(address.clone()));
    list["description"] = json!(
        "The host's addresses. One inside another declared zone is a second interface (a leg): untrusted sources reach the host on its untrusted legs' addresses only. A failover pair's virtual address (keepalived, VRRP) is listed on each host holding it, or, in front of a role, under `vips`; never as a host of its own."
    );
    list
}

/// The schema as a JSON value.
pub fn schema() -> Value {
    let cidr = json!({ "type": "string", "description": "A network such as `10.0.0.0/16` or `fd00::/64` (a bare address is a /32 or /128), or as an IPAM or a firewall writes it: a range `10.1.0.0 - 10.1.0.255`, a netmask `10.1.0.0/255.255.255.0` or `10.1.0.0 255.255.255.0`, several joined by commas.", "examples": ["10.0.0.0/16", "fd00::/64", "0.0.0.0/0", "10.1.0.0 - 10.1.0.255"] });
    let address = json!({ "type": "string", "description": "An IPv4 or IPv6 address.", "examples": ["10.0.0.10", "fd00::10"] });
    let endpoint = json!({ "type": "string", "description": "A zone name, a host name, a CIDR, or `any`.", "examples": ["internet", "cp1", "10.20.0.0/16", "any"] });
    let ports = one_or_many(port_spec());
    // Read in any case, spaces trimmed (`trust`) or not (`action`).
    let trust = json!({
        "description": "Untrusted zones must not reach internal-only ports.",
        "anyOf": [
            { "enum": ["trusted", "untrusted"] },
            { "type": "string", "pattern": "^\\s*([Uu][Nn])?[Tt][Rr][Uu][Ss][Tt][Ee][Dd]\\s*$" },
            { "type": "null" }
        ]
    });
    let action = json!({
        "anyOf": [
            { "enum": ["allow", "accept"] },
            { "type": "string", "pattern": "^([Aa][Ll][Ll][Oo][Ww]|[Aa][Cc][Cc][Ee][Pp][Tt])$" },
            { "type": "null" }
        ]
    });
    let member = json!({ "type": "string", "description": "A zone name, a host name, a role (`platform/component`), a platform id, or `any`.", "examples": ["office", "cp1", "openlm/control-plane", "any"] });
    let mut schema = json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://portolan.github.io/portolan/schemas/topology.schema.json",
        "title": "Portolan deployment topology",
        "description": "Zones, hosts with catalog roles, extra listeners, enabled optional requirements and an optional policy to audit. Check it with `portolan check` or the checker page.",
        "type": "object",
        "additionalProperties": false,
        "patternProperties": {
            "^x-": { "description": "The document's own keys, not read: where YAML anchors shared by hosts are kept (`x-node: &node { zone: k8s }`, then `<<: *node`)." }
        },
        "properties": {
            "$schema": free_text(),
            "name": { "type": ["string", "null"], "description": "A name for the deployment." },
            "description": free_text(),
            "zones": {
                "type": ["object", "null"],
                "description": "Network zones by name. A zone containing 0.0.0.0/0 or ::/0 is untrusted unless `trust` says otherwise.",
                "propertyNames": name_key(),
                "additionalProperties": {
                    "anyOf": [
                        one_or_many(cidr.clone()),
                        {
                            "type": "object",
                            "additionalProperties": false,
                            "patternProperties": own_keys(),
                            "properties": {
                                "cidrs": nullable(one_or_many(cidr.clone())),
                                "cidr": nullable(one_or_many(cidr)),
                                "trust": trust,
                                "description": { "type": ["string", "null"] },
                                "environment": { "type": ["string", "null"], "description": "The environment (dev, stage, prod…) whose copy of the platforms lives in this zone: planned flows never join hosts of two different environments. Zones without one are shared.", "examples": ["prod"] }
                            }
                        },
                        { "type": "null" }
                    ]
                }
            },
            "hosts": {
                "type": ["object", "null"],
                "description": "Hosts by name.",
                "propertyNames": name_key(),
                "additionalProperties": {
                    "type": "object",
                    "additionalProperties": false,
                    "patternProperties": own_keys(),
                    "required": ["zone"],
                    "properties": {
                        "zone": { "type": "string", "description": "The name of a zone under `zones`." },
                        "address": host_addresses(&address),
                        "addresses": host_addresses(&address),
                        "roles": nullable(one_or_many(json!({ "type": "string", "description": "A catalog component id, `platform/component`.", "pattern": "^[^/\\s]+/[^/\\s]+$" }))),
                        "rules": nullable(one_or_many(json!({ "type": "string", "description": "A firewall ruleset exported on the host (iptables-save, nft list ruleset, nft -j list ruleset), relative to the topology: audited as the policy for traffic to the host." }))),
                        "listening": nullable(one_or_many(json!({ "type": "string", "description": "The host's listening sockets (ss -tulpn, netstat -tulpn, lsof -nP -i), relative to the topology: compared with the roles and services." }))),
                        "security_groups": nullable(one_or_many(json!({ "type": "string", "description": "AWS security groups (ids or names) attached to the host: the groups of an imported `aws ec2 describe-security-groups` file that apply to it; for Azure, the NSGs (names) that apply to it and the application security groups its NIC joins." }))),
                        "interfaces": nullable(one_or_many(json!({ "type": "string", "description": "An interface traffic from the network comes in on (eth0), or every interface of a prefix (eth+ as iptables writes it, wg* as nft does): an imported ruleset's rules bound to interfaces (-i eth0, iifname, ufw's on eth0) are decided by these instead of read generously; a wildcard host interface is covered by a rule on the same or a wider wildcard, and only partly by a rule on one of its names." }))),
                        "network_tags": nullable(one_or_many(json!({ "type": "string", "description": "GCP network tags of the host's instance: the rules of an imported `gcloud compute firewall-rules list` file whose target tags it carries apply to it, and source-tag rules let it in." }))),
                        "guest_interfaces": nullable(one_or_many(json!({ "type": "string", "description": "An interface behind which the host's containers or VMs sit (docker0, virbr0, cni0; a trailing * matches a prefix: br-*): the host routes for them, so its generated host firewall leaves forwarding and these interfaces to their runtime, and says so.", "pattern": "^[A-Za-z0-9_.-]{1,15}\\*?$" }))),
                        "pod_labels": { "type": ["object", "null"], "additionalProperties": { "type": "string" }, "description": "Labels the host's pods carry, for the selectors of an imported Kubernetes NetworkPolicy file (besides the ones Portolan's own Kubernetes rules give)." },
                        "description": free_text()
                    }
                }
            },
            "services": {
                "type": ["array", "null"],
                "description": "Listeners that are not in the catalog (a reverse proxy, an exporter): checked for port collisions, and opened to the peers `from` names (closed, and said, without it).",
                "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "patternProperties": own_keys(),
                    "required": ["host", "ports"],
                    "properties": {
                        "host": one_or_many(json!({ "type": "string", "description": "The host it listens on; a list for the same listener on several hosts (a sidecar, an exporter)." })),
                        "name": nullable(with_type(name_key(), "string")),
                        "ports": ports.clone(),
                        "description": free_text(),
                        "from": nullable(one_or_many(json!({ "type": "string", "description": "Who reaches the service: a zone name, a host name, a role some host holds (its hosts), a CIDR, or `any`.", "examples": ["internet", "monitor", "omero-k8s/worker", "10.20.0.0/16", "any"] })))
                    }
                }
            },
            "management": access_schema(AccessKind::Management, [
                "How operators reach the hosts (SSH by default): kept open in every host firewall the rules generate. Without it, applying host-firewall rules cuts SSH.",
                "Where operators connect from: a zone, a host, a CIDR or `any`.",
                "The hosts or zones it applies to (every host when absent).",
                "The ports to keep open; 22/tcp when absent.",
                ], &endpoint, &ports,
            ),
            "egress": access_schema(AccessKind::Egress, [
                "What every host may reach besides the catalog's flows: resolvers, time servers, package mirrors. Without an entry for 53 (DNS) or 123/udp (NTP), both are allowed to any address, unless the list is written empty (`egress: []`: nothing else leaves, DNS and NTP included).",
                "Where hosts connect to: a zone, a host, a CIDR or `any`.",
                "The hosts or zones it applies to (every host when absent).",
                "The ports and transports allowed.",
                ], &endpoint, &ports,
            ),
            "vips": {
                "type": ["object", "null"],
                "description": "Virtual addresses in front of a role's hosts, by name: the role's clients reach the address on the hosts holding it; those hosts reach the role's hosts from their own addresses on the same ports (health checks too). The platform's own traffic stays direct.",
                "propertyNames": name_key(),
                "additionalProperties": {
                    "type": "object",
                    "additionalProperties": false,
                    "patternProperties": own_keys(),
                    "required": ["address", "hosts", "role"],
                    "properties": {
                        "address": nullable(one_or_many(address.clone())),
                        "addresses": nullable(one_or_many(address.clone())),
                        "hosts": nullable(one_or_many(json!({ "type": "string", "description": "A host holding the address: a balancer, a keepalived pair's member (a host of the role itself when keepalived runs on the members)." }))),
                        "host": nullable(one_or_many(json!({ "type": "string", "description": "Same as `hosts`." }))),
                        "role": { "type": "string", "description": "The component id whose hosts are behind the address.", "pattern": "^[^/\\s]+/[^/\\s]+$" },
                        "description": free_text()
                    }
                },
                "examples": [{ "web": { "address": "192.0.2.10", "hosts": ["lb1", "lb2"], "role": "openlm/ingress" } }]
            },
            "enable": nullable(one_or_many(json!({ "type": "string", "description": "A component id or requirement id whose optional or conditional requirements are turned on." }))),
            "clients": {
                "type": ["object", "null"],
                "description": "Who uses a component's user-facing ports: component id → zones, hosts or roles. Inbound requirements with no peer are planned from these and the platform's own hosts (P046 notes the own hosts the clients do not cover); `users` and `clients` in a row's peer are these only, `all` these and the platform's hosts.",
                "propertyNames": { "pattern": "^[^/\\s]+/[^/\\s]+$" },
                "additionalProperties": one_or_many(member.clone()),
                "examples": [{ "openlm/ingress": ["office", "internet"] }]
            },
            "peers": {
                "type": ["object", "null"],
                "description": "Settles a peer the document leaves open or unreadable: requirement id (`platform/component-port-transport`) or component id → zones, hosts, roles, platforms or `any`. A requirement id wins over its component id.",
                "propertyNames": { "pattern": "^[^/\\s]+/[^\\s]+$" },
                "additionalProperties": one_or_many(member),
                "examples": [{ "kubernetes/control-plane-10250-tcp": ["cluster"], "omero-k8s/etcd": ["omero-k8s/control-plane"] }]
            },
            "variants": {
                "type": ["object", "null"],
                "description": "The deployment variant of each platform whose document describes alternatives (on-premises, AWS, Azure…): platform id → variant slug. Rows of other variants do not apply.",
                "additionalProperties": { "type": ["string", "null"] },
                "examples": [{ "openlm": "on-premises" }]
            },
            "policy": {
                "type": ["array", "null"],
                "description": "Existing allow rules to audit, in order. Anything not allowed is denied. `policy: null` (or left empty) is no policy to audit; `policy: []` denies everything.",
                "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "patternProperties": own_keys(),
                    "required": ["from", "to", "ports"],
                    "properties": {
                        "name": { "type": ["string", "null"] },
                        "comment": { "type": ["string", "null"] },
                        "from": one_or_many(endpoint.clone()),
                        "to": one_or_many(endpoint),
                        "ports": ports,
                        "action": action
                    }
                }
            }
        }
    });
    if let Some(Value::Object(sections)) = schema.get_mut("properties") {
        for (key, section) in
            sections.iter_mut().filter(|(k, _)| !["$schema", "description"].contains(&k.as_str()))
        {
            *section = terraform_output_or(key, section.take());
        }
    }
    schema
}

/// `section`, or `section` as `terraform output -json` prints an output: `{ sensitive, type,
/// value }`, its `value` the section (the parser reads that `value`).
fn terraform_output_or(key: &str, section: Value) -> Value {
    let description = section.get("description").cloned();
    let mut either = json!({
        "anyOf": [
            section,
            {
                "type": "object",
                "description": "As `terraform output -json` prints an output: the section is its `value`.",
                "additionalProperties": false,
                "required": ["sensitive", "type", "value"],
                "properties": {
                    "sensitive": { "type": "boolean" },
                    "type": { "description": "Terraform's type of the value, not read." },
                    "value": { "$ref": format!("#/properties/{key}/anyOf/0") }
                }
            }
        ]
    });
    if let Some(description) = description {
        either["description"] = description;
    }
    either
}

/// The schema as the committed file holds it.
pub fn schema_text() -> String {
    let mut text = serde_json::to_string_pretty(&schema()).unwrap_or_default();
    text.push('\n');
    text
}
