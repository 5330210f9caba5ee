//! A `vips` entry must name hosts of the topology and a role some host holds: otherwise no
//! flow is routed through it and the role's clients keep reaching its hosts directly, which
//! the balancer in between would refuse to pass on.

use super::{Check, Context, Finding};
use crate::text::printable;
use crate::topology::suggest::did_you_mean;

pub(crate) const CHECK: Check = Check { code: "P025-vip-unresolved", run };

fn run(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let topology = cx.topology;
    for vip in &topology.vips {
        let name = printable(&vip.name);
        for host in vip.hosts.iter().filter(|h| topology.host(&h.value).is_none()) {
            let mut finding = Finding::error(
                CHECK.code,
                format!(
                    "VIP `{name}` is held by `{}`, which is no host of the topology: nothing is routed through it",
                    printable(&host.value)
                ),
            )
            .at(topology.location(host.position));
            let hosts = topology.hosts.iter().map(|h| h.name.as_str());
            finding = match did_you_mean(&host.value, hosts) {
                Some(best) => finding.help(format!("did you mean `{best}`?")),
                None => finding.help("name the hosts that hold the address (the balancers)"),
            };
            out.push(finding);
        }
        let role = &vip.role.value;
        if topology.hosts_with_role(role).next().is_some() {
            continue;
        }
        let known = cx.catalog.component(role).is_some();
        let message = if known {
            format!(
                "VIP `{name}` stands in front of {role}, which no host holds: nothing is routed through it"
            )
        } else {
            format!(
                "VIP `{name}` names role `{}`, which is no catalog component: nothing is routed through it",
                printable(role)
            )
        };
        let roles = topology.hosts.iter().flat_map(|h| h.roles.iter().map(|r| r.value.as_str()));
        let help = match did_you_mean(role, roles) {
            Some(best) => format!("did you mean `{best}`?"),
            None if known => format!("add `{role}` to the roles of the hosts behind the address"),
            None => "name the role (component id) of the hosts behind the address".to_owned(),
        };
        out.push(
            Finding::error(CHECK.code, message).at(topology.location(vip.role.position)).help(help),
        );
    }
}
