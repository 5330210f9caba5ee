//! `vips:`, a virtual address in front of a role's hosts:
//! `web-vip: { address: 10.0.0.100, hosts: [lb1, lb2], role: openlm/ingress }`. Names are
//! checked against hosts and roles by [`crate::check`], like every other reference.

use super::{Named, ParseError, Reader, parse_address};
use crate::data::{Node, NodeValue};
use crate::topology::{Located, Vip};

const VIP_KEYS: &[&str] = &["address", "addresses", "hosts", "host", "role", "description"];

impl Reader {
    pub(super) fn vips(&mut self, node: &Node) -> Vec<Vip> {
        let example = "web-vip: { address: 10.0.0.100, hosts: [lb1, lb2], role: openlm/ingress }";
        let Some(entries) = self.keyed_by_name(node, "vips", example) else {
            return Vec::new();
        };
        let mut vips = Vec::with_capacity(entries.len());
        for (key, value) in entries {
            if !self.name_ok(&key.name, key.position, "VIP") {
                continue;
            }
            let what = Named("VIP", &key.name);
            let before = self.errors.len();
            let Some(fields) = self.mapping(value, &what) else { continue };
            self.check_keys(fields, VIP_KEYS, &what);
            let (mut addresses, mut hosts, mut role) = (Vec::new(), Vec::new(), None);
            for (field, v) in fields {
                match field.name.as_str() {
                    "address" | "addresses" => {
                        self.each_scalar(v, "an address", &mut |reader, text, position| {
                            match parse_address(text) {
                                Ok(address) => addresses.push(Located::new(address, position)),
                                Err(error) => reader.error(error.at(position)),
                            }
                        })
                    }
                    // Both keys add up, as `address`/`addresses` do: `host: null` beside
                    // `hosts: [lb1]` (an export writing every key) must not erase the list.
                    "hosts" | "host" => hosts.extend(self.strings(v, "a host holding the VIP")),
                    "role" if !matches!(v.value, NodeValue::Null) => {
                        role = self.string(v, "`role`").map(|r| Located::new(r, v.position))
                    }
                    _ => {}
                }
            }
            if self.errors.len() > before {
                continue;
            }
            super::first_of_each(&mut addresses);
            super::first_of_each(&mut hosts);
            let missing = if addresses.is_empty() {
                Some(("address", "add `address: 10.0.0.100` (the virtual address)"))
            } else if hosts.is_empty() {
                Some(("hosts", "add `hosts: [lb1, lb2]`: the hosts that hold the address"))
            } else if role.is_none() {
                Some(("role", "add `role: <component id>`: the role whose hosts are behind it"))
            } else {
                None
            };
            if let Some((field, help)) = missing {
                self.error(
                    ParseError::new(key.position, format!("{what} has no `{field}`")).help(help),
                );
                continue;
            }
            let Some(role) = role else { continue };
            vips.push(Vip {
                name: key.name.clone(),
                position: key.position,
                addresses,
                hosts,
                role,
            });
        }
        vips
    }
}
