//! What every finding code means, in one table: the site renders a page per entry
//! (`findings/P050.html`), the CLI links to it (text output, SARIF `helpUri`).
//!
//! Adding a code is one entry here. A test reads the sources of this crate and fails when a
//! code literal (`"P0xx-…"`) has no entry, so a new check cannot ship unexplained.
//! The advice is written for someone with a topology and a browser: what to change in the
//! topology, or what to read in the document row the finding links to. Not CLI commands, and
//! not edits to the catalog's documents (the reader usually cannot make them).

/// One finding code explained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeDoc {
    /// The full code, as findings carry it: `P050-flow-blocked`.
    pub code: &'static str,
    /// A short title: "Flow blocked by the policy".
    pub title: &'static str,
    /// What the finding says happened.
    pub what: &'static str,
    /// Why it matters.
    pub why: &'static str,
    /// What the reader can do about it.
    pub fix: &'static str,
}

impl CodeDoc {
    /// `P050` of `P050-flow-blocked`: the page's name and what people type.
    pub fn short(&self) -> &'static str {
        short(self.code)
    }

    /// The page about this code, relative to the site root.
    pub fn page(&self) -> String {
        page(self.code)
    }
}

/// `P050` of `P050-flow-blocked` (the whole text when it has no `-`).
pub fn short(code: &str) -> &str {
    code.split_once('-').map_or(code, |(short, _)| short)
}

/// The site page about a code (full or short), relative to the site root.
pub fn page(code: &str) -> String {
    format!("findings/{}.html", short(code))
}

/// The entry of a code, given in full (`P050-flow-blocked`) or short (`P050`).
pub fn find(code: &str) -> Option<&'static CodeDoc> {
    let wanted = short(code);
    ALL.iter().find(|d| d.short() == wanted)
}

/// Every finding code, in code order.
pub const ALL: &[CodeDoc] = &[
    CodeDoc {
        code: "P001-invalid-topology",
        title: "The topology cannot be read",
        what: "The topology text has a syntax error, a value of the wrong type, or a value out of range: a port above 65535, a CIDR that is not one, a key that does not exist.",
        why: "Nothing else can be checked until the text reads: no flows are planned and no rules are written.",
        fix: "Go to the line and column the finding names and correct the text there; the message says what was expected. The topology schema (schemas/topology.schema.json) lists every key.",
    },
    CodeDoc {
        code: "P010-unknown-role",
        title: "Unknown role",
        what: "A host lists a role that is no component of any platform in the catalog. Roles are written platform/component, for example openlm/ingress.",
        why: "A host with an unknown role gets no requirements: its ports are neither planned nor opened, so the platform would not work on it.",
        fix: "Copy the role id from the platform's page (each component shows its id with a copy button), or take the suggestion in the finding.",
    },
    CodeDoc {
        code: "P011-unknown-zone",
        title: "Unknown zone",
        what: "A host names a zone that the topology's zones section does not declare.",
        why: "Flows and rules are planned between zones; a host in an undeclared zone has no network to be reached from.",
        fix: "Declare the zone (its name, CIDRs and whether it is trusted) under zones, or correct the host's zone to one that exists.",
    },
    CodeDoc {
        code: "P012-unknown-host",
        title: "Unknown host or zone in a rule",
        what: "A service entry or a policy rule names something that is neither a zone, a host, a CIDR nor any.",
        why: "The rule cannot be placed, so it is left out of the audit: traffic it was meant to allow looks blocked.",
        fix: "Use a zone or host name from the topology, a CIDR such as 10.0.0.0/8, or any.",
    },
    CodeDoc {
        code: "P013-unknown-enable",
        title: "Unknown enable entry",
        what: "An enable entry names no component and no requirement of the catalog, or a requirement of a component no host holds.",
        why: "Optional requirements stay off unless enabled; a misspelled entry leaves the one you meant switched off, and a row of a role placed nowhere opens nothing.",
        fix: "Use a component id (platform/component) or a requirement id as the platform's page shows them; give the row's role to the hosts that run it, or remove the entry.",
    },
    CodeDoc {
        code: "P014-unknown-variant",
        title: "Deployment variant not known",
        what: "The topology's variants entry names a platform the catalog does not have, or a variant that platform's document does not describe.",
        why: "Rows of a deployment variant apply only when the topology picks it; an unknown name picks nothing, so the variant's ports are left out of the plan.",
        fix: "Use one of the variant names the finding lists (the platform page shows them under its title), or remove the entry.",
    },
    CodeDoc {
        code: "P015-unknown-settlement",
        title: "Clients or peers entry not known",
        what: "A clients or peers entry names a requirement, role, zone or host that neither the catalog nor the topology has; or (a warning) a name that is two things at once, a zone and a platform, read as the first of zone, host, platform.",
        why: "The entry settles who may connect to a port; a name that matches nothing settles nothing, so the port stays planned with the narrowest reading.",
        fix: "Correct the name (the finding suggests the nearest one); role and requirement ids are shown on each platform page with a copy button.",
    },
    CodeDoc {
        code: "P016-clients-unplaced",
        title: "Clients of a component no host runs",
        what: "The topology's clients names who uses a component, and no host has that component among its roles (nor does enable turn it on platform-wide).",
        why: "Flows are planned for placed roles only: the component's ports are opened nowhere, so the users the entry names reach nothing, and no other finding mentions a component placed nowhere.",
        fix: "Add the component id to the roles of the hosts that run it; if it runs outside the topology, remove the clients entry.",
    },
    CodeDoc {
        code: "P017-peers-entry-passed-over",
        title: "Component-wide peers entry not applied to a row",
        what: "A peers entry keyed by a component settles the rows of that component whose document names no peer. A row whose document does name its peer (a node's pulls from the public registry) keeps that peer, and this note names the row.",
        why: "The entry may have been written for that row too (pulls from a mirror inside the network): then its flow goes where the document says, not where you meant, and the rules miss your flow.",
        fix: "If the entry was meant for the named row, add a peers entry keyed by that row's id with the same zones, hosts or roles. If not, there is nothing to change.",
    },
    CodeDoc {
        code: "P020-address-family-mismatch",
        title: "Address family not in the zone",
        what: "A host's address is IPv4 while its zone only has IPv6 networks, or the other way round.",
        why: "Rules for the host would match no packet: the zone's networks never contain its address.",
        fix: "Give the zone a CIDR of the host's family, or give the host an address of the zone's family.",
    },
    CodeDoc {
        code: "P021-address-outside-zone",
        title: "Address outside its zone",
        what: "A host's address lies outside every CIDR of the zone it is placed in. When the address is in another declared zone and another of the host's addresses is in its own, it is read as a second interface (a warning).",
        why: "Rules written for the zone would not cover the host, and rules naming the host would contradict the zone.",
        fix: "Correct the address, move the host to the zone whose network holds it, or add its network to the zone.",
    },
    CodeDoc {
        code: "P022-duplicate-address",
        title: "Two hosts share an address",
        what: "Two hosts of the topology have the same address.",
        why: "Rules cannot tell them apart: whatever one host is allowed, the other is too.",
        fix: "Give each host its own address, or merge them into one host with both roles if they really are one machine. A virtual address moved between a failover pair (keepalived) is fine; allow its VRRP (IP protocol 112) between them by hand.",
    },
    CodeDoc {
        code: "P023-trust-ambiguous",
        title: "Trusted zone holds untrusted addresses",
        what: "A zone marked trusted holds every address of an IP family (0.0.0.0/0 or ::/0), or declares the same network as a zone marked untrusted, or a host of a trusted zone has an address inside an untrusted zone nested in it (a kiosk on the guest VLAN filed under the campus network).",
        why: "Flows planned from the trusted zone (its clients, management access) become rules from those networks: the internet, or the addresses the other zone calls untrusted, get in too. A host on a nested untrusted network is left out of its own zone's flows (they leave the nested network out), so what its zone may reach, it may not.",
        fix: "Give the trusted zone only the networks it really has, mark it untrusted, or keep each network in one zone (split it when parts differ in trust). For a host on a nested untrusted network: write that zone as its `zone` (and name it where it must be let in), or fix the address.",
    },
    CodeDoc {
        code: "P024-vip-as-host",
        title: "Virtual address written as a host",
        what: "A host with no role whose every address two other hosts list too (a keepalived or VRRP address of a balancer pair; one other host when it is named like a virtual address), or one with no role and no service named like a virtual address (vip, floating) that the topology names as a peer.",
        why: "No machine applies the rules written for that host, and the balancers holding the address open their connections from their own addresses: backends opened to the virtual address only refuse the balancers' traffic, an outage nothing else reports.",
        fix: "Remove the host, list the virtual address among the addresses of the hosts holding it, and name those hosts where the removed one was named (clients, peers, services' from and host). If it is a real machine, give it its own address or a name that is not a virtual address's.",
    },
    CodeDoc {
        code: "P025-vip-unresolved",
        title: "VIP that routes nothing",
        what: "An entry of the topology's vips names a host that is not in the topology as holding the address, or a role that no host holds as the one behind it.",
        why: "Flows are routed through a VIP only when its holders and the hosts behind it are known: otherwise the role's clients are planned straight to its hosts, which is not the path their connections take.",
        fix: "Name the hosts that hold the address (the balancers or the keepalived pair) and the role (component id) of the hosts behind it; the finding suggests the near name.",
    },
    CodeDoc {
        code: "P030-port-collision",
        title: "Port collision on a host",
        what: "Two roles or services placed on one host listen on the same port and transport.",
        why: "Only one of them can bind the port; the other fails to start or is reached by the wrong clients.",
        fix: "Move one of the roles to another host, or change the port of one of them if its platform lets you (the linked document row says whether the port is configurable).",
    },
    CodeDoc {
        code: "P031-range-overlap",
        title: "Listener inside another's port range",
        what: "A role listens on a port that lies inside a range another role on the same host claims, such as a NodePort or dynamic port range.",
        why: "The range's owner may bind that port at any time; whichever starts second fails, sometimes only weeks later.",
        fix: "Put the two roles on different hosts, or narrow the range where the platform allows it (the linked row says how the range is used).",
    },
    CodeDoc {
        code: "P040-peer-not-placed",
        title: "Peer component on no host",
        what: "A requirement says a component talks to another component, and no host of the topology has that other component's role.",
        why: "The flow cannot be planned, so its rule is missing: the platform may fail where the two should meet.",
        fix: "Add the peer's role to the host that runs it (the finding names the role id), or, if it runs outside this topology, declare it as a host with an address.",
    },
    CodeDoc {
        code: "P041-unplannable-requirement",
        title: "Requirement that gives no flow",
        what: "A requirement of a placed role cannot become a flow: the document does not say TCP or UDP, or the two ends share no IP family.",
        why: "No rule is written for it, so the port stays closed in the generated rules.",
        fix: "Read the linked document row to learn the transport, then state it in the topology with a services entry for that port; or give the hosts addresses of a common family.",
    },
    CodeDoc {
        code: "P042-peer-assumed",
        title: "Peer or direction assumed",
        what: "The document does not say who connects to this port (or which way), or names someone the catalog cannot place. The rules were planned with the narrowest reading: only the platform's own hosts. Also given when a component named in `enable` is held by no host (its ports are then planned on every host of its platform), when the declared clients stand in for a peer the document puts outside, and when a connection out to an outside service no host holds goes to the untrusted zones.",
        why: "Rules are default-deny: if the real clients are elsewhere (an office network, a load balancer), the port stays closed for them until someone says who they are. Nothing is opened wider than the document says.",
        fix: "Declare who uses the component in the topology: clients (zones or hosts that use a role), or peers for this one requirement. The finding links the document row so you can read what it says.",
    },
    CodeDoc {
        code: "P043-variant-unchosen",
        title: "Deployment variant not chosen",
        what: "The platform's document describes alternative deployments (on-premises, AWS, Azure…) and the topology does not say which one it is.",
        why: "Only the rows common to every deployment are planned; the ports of your deployment's own section are missing from the rules.",
        fix: "Add a variants entry naming your deployment for the platform (the finding lists the names; the platform page shows them).",
    },
    CodeDoc {
        code: "P044-alternative-unchosen",
        title: "Alternative ports, none chosen",
        what: "The document gives a component's port as one of several (\"8443 or 443\", \"80, 443 or 8443\"): each deployment uses one of them. Each is a conditional requirement, and the topology's enable list names none of them.",
        why: "Conditional requirements are planned only when enabled, so no rule opens any of the ports: the component is unreachable on the one your deployment uses, and nothing else says so.",
        fix: "Add the requirement id of the port your deployment uses to the topology's enable list (the finding names the ids; the linked document rows say which deployment uses which port).",
    },
    CodeDoc {
        code: "P045-conditional-unenabled",
        title: "Conditional rows not enabled",
        what: "A component some host holds has rows its document calls conditional (\"if clustering is enabled\") or optional, and the topology's enable list names none of them. One note per component lists them and carries the rows.",
        why: "Conditional and optional rows are planned only when enabled: if your deployment meets the condition, no rule opens the port and the feature fails behind the firewall. If it does not, nothing is wrong, which is why this is a note and not a warning.",
        fix: "Read the listed rows' conditions; add the id of each one your deployment meets to the topology's enable list (or the component id for all of its rows).",
    },
    CodeDoc {
        code: "P046-own-hosts-kept",
        title: "Declared clients added to the platform's own hosts",
        what: "A component's rows that state no peer are planned from its declared clients and from the platform's own hosts (of each host's zone), and the clients do not cover some of those hosts. One note per component names the rows and the hosts.",
        why: "The document supports the platform's own nodes reaching each other (Ceph's OSDs and its monitors); `clients` says who else uses the component. Before, the clients replaced the own hosts and the cluster lost the port in silence.",
        fix: "Nothing, if the hosts named use the rows. If a row is for the clients only, give it a `peers` entry by its id naming them.",
    },
    CodeDoc {
        code: "P050-flow-blocked",
        title: "Flow blocked by the policy",
        what: "The topology's policy does not allow a flow the documents require: one finding per missing rule. An error when the requirement is required, a warning when it is optional or conditional.",
        why: "The platform needs the connection; with the policy as written it fails, often only on the path the missing rule covers.",
        fix: "Add the policy rule the finding suggests (it is written out in the help line), or, if the connection really is not needed in your deployment, check the linked document row for the condition under which it applies.",
    },
    CodeDoc {
        code: "P051-internal-exposed",
        title: "Internal port reachable from outside",
        what: "A port the document calls internal only is allowed from an untrusted zone, or from addresses in no zone; or the topology's own peers or clients entry names an untrusted zone (or any) for it, so the generated rules open it there; or a host of the component sits in an untrusted zone (a cluster node in the DMZ), so the component's hosts in trusted zones take the port from it.",
        why: "Internal ports (databases, cluster control, metrics) are rarely hardened for hostile clients; opening them widens the attack surface.",
        fix: "Restrict the rule's from to trusted zones, or its ports to the ones the document says are exposed; in the topology, name the trusted zones or hosts that use the port instead of the untrusted zone, or place the component's host in a trusted zone (if the placement is meant, that host is the gate to these ports: harden it).",
    },
    CodeDoc {
        code: "P052-rule-too-wide",
        title: "Rule allows more than is needed",
        what: "A policy rule allows traffic that no requirement needs: more sources, destinations or ports than the planned flows.",
        why: "Every unneeded opening is a path an attacker can use, and it hides what the rule is really for.",
        fix: "Narrow the rule's from, to or ports to the flows the finding names; the checker's flow plan lists every planned flow.",
    },
    CodeDoc {
        code: "P053-rule-redundant",
        title: "Rule covered by earlier rules",
        what: "Everything a policy rule allows is already allowed by the rules before it.",
        why: "A redundant rule is harmless today, but it misleads whoever edits the policy next: removing the earlier rule silently changes what this one means.",
        fix: "Remove the rule, or merge it into the earlier rules that cover it (the finding names them).",
    },
    CodeDoc {
        code: "P060-import-unreadable",
        title: "Imported file could not be read",
        what: "Part of a ruleset or socket listing given for a host (iptables-save, nft, AWS security groups, NetworkPolicy, ss, netstat, lsof) could not be read: a truncated file, an unknown syntax or the wrong shape. The finding points at the line.",
        why: "What could not be read is not audited: a rule there may block a required flow or expose a port without any finding saying so.",
        fix: "Export the file again in full with the command the format names (for example iptables-save or nft list ruleset), or paste the part around the line the finding shows and check it against the tool's own output.",
    },
    CodeDoc {
        code: "P061-import-assumption",
        title: "Imported rule read with an assumption",
        what: "An imported rule uses a match the checker does not model (a mark, an interface, a rate limit, a recent list, a named port…). An accept is read as if the match always holds, a drop as if it never does; the finding says which and where.",
        why: "The audit then errs towards reporting openings: a rule that is narrower in practice may be reported as wider than it is.",
        fix: "Read the rule at the line the finding shows and decide whether the assumption holds on your hosts; if the match narrows the rule, the related too-wide or exposure finding may not apply.",
    },
    CodeDoc {
        code: "P062-socket-unaccounted",
        title: "Listening socket no document explains",
        what: "A host listens on a port that no requirement of its roles and no services entry of the topology accounts for. The finding names the process.",
        why: "An unexplained listener is either a service the documents miss (and the generated rules will block) or something that should not run on the host.",
        fix: "If the service belongs there, add a services entry for it on the host; otherwise stop the process the finding names.",
    },
    CodeDoc {
        code: "P063-listener-absent",
        title: "Required listener absent",
        what: "A role placed on the host needs a port to listen on, and the socket listing shows nothing listening there.",
        why: "The platform component is not running, or listens elsewhere: the flows planned to it will connect to nothing.",
        fix: "Check that the component the finding names is installed and started on the host, and that it listens on the port the linked document row gives.",
    },
    CodeDoc {
        code: "P064-internal-wildcard",
        title: "Internal port bound to every address",
        what: "A port the document calls internal only is bound to a wildcard address (0.0.0.0 or ::) on a host that an untrusted zone can reach.",
        why: "Only the firewall stands between that port and the untrusted network; one rule mistake exposes it.",
        fix: "Bind the service to the host's internal address (the component's configuration says how), or make sure no untrusted zone reaches the host.",
    },
    CodeDoc {
        code: "P065-port-claimed-twice",
        title: "Port claimed by two roles",
        what: "Two roles placed on the same host both need the same listening port, and the socket listing shows the port in use.",
        why: "Only one process can listen on a port: one of the two components fails to start or answers for the other.",
        fix: "Move one of the roles to another host, or change one component's port where its documentation allows it.",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `"Pddd-…"` string literal in this crate's sources outside this file.
    fn literals_in_sources() -> Vec<(String, String)> {
        let mut found = Vec::new();
        for (path, text) in crate::source_scan::rust_sources() {
            if path.file_name().is_some_and(|n| n == "codes.rs") {
                continue;
            }
            for piece in text.split("\"P").skip(1) {
                let bytes = piece.as_bytes();
                let digits = bytes.len() > 4
                    && bytes[..3].iter().all(u8::is_ascii_digit)
                    && bytes[3] == b'-';
                if let (true, Some(end)) = (digits, piece.find('"')) {
                    found.push((format!("P{}", &piece[..end]), path.display().to_string()));
                }
            }
        }
        found
    }

    #[test]
    fn every_code_a_check_emits_is_explained() {
        let checks = super::super::CHECKS.iter().map(|c| c.code);
        for code in std::iter::once(super::super::INVALID_TOPOLOGY).chain(checks) {
            assert!(
                find(code).is_some_and(|d| d.code == code),
                "{code} has no entry in codes::ALL"
            );
        }
    }

    #[test]
    fn every_code_literal_in_the_sources_is_explained() {
        let found = literals_in_sources();
        assert!(found.iter().any(|(c, _)| c == "P050-flow-blocked"), "the scan finds the codes");
        for (code, file) in found {
            assert!(
                find(&code).is_some_and(|d| d.code == code),
                "{code} (in {file}) has no entry in core/src/check/codes.rs ALL"
            );
        }
    }

    #[test]
    fn entries_are_unique_ordered_and_complete() {
        let shorts: Vec<&str> = ALL.iter().map(CodeDoc::short).collect();
        let mut sorted = shorts.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(shorts, sorted, "codes in order, each once");
        for d in ALL {
            assert!(d.short().len() == 4 && d.short().starts_with('P'), "{}", d.code);
            for text in [d.title, d.what, d.why, d.fix] {
                assert!(!text.trim().is_empty(), "{} has an empty field", d.code);
            }
        }
    }

    /// Advice for the web reader: no CLI command, no edit of the catalog's documents.
    #[test]
    fn advice_fits_a_reader_without_the_cli_or_the_documents() {
        for d in ALL {
            for text in [d.what, d.why, d.fix] {
                assert!(!text.contains("portolan "), "{}: {text}", d.code);
                assert!(!text.contains("pin it"), "{}: {text}", d.code);
            }
        }
    }

    #[test]
    fn pages_are_named_by_the_short_code() {
        assert_eq!(page("P050-flow-blocked"), "findings/P050.html");
        assert_eq!(find("P030").map(|d| d.code), Some("P030-port-collision"));
        assert_eq!(find("P999"), None);
    }
}
