//! AWS security groups as a CloudFormation template (JSON): the same groups as
//! [`super::aws_terraform`] (per host, per plan group and per zone, split to the rule limit).
//! Every group states its egress, so CloudFormation drops AWS's default allow-all egress; a
//! group without egress flows gets the customary `127.0.0.1/32` placeholder that allows
//! nothing. Built as a JSON tree and written by [`super::json_text`], so no name can break the
//! syntax.

use std::collections::BTreeMap;

use super::json_text::{Json, obj, s};

use super::aws_terraform::{self, Group, Peer, aws_text};
use super::{EmitError, Emitted, Input, Scope, Spec, quote};

pub const SPEC: Spec = Spec {
    name: "aws-cloudformation",
    description: "AWS security groups (CloudFormation JSON), per host plus membership groups",
    scope: Scope::Network,
    emit,
};

/// `HostCp1`: logical ids are alphanumeric.
pub fn logical_id(group: &Group<'_>) -> String {
    let key = group.key();
    let mut id = String::from("Sg");
    for part in key.split('_') {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            id.push(first.to_ascii_uppercase());
            id.extend(chars);
        }
    }
    id.retain(|c| c.is_ascii_alphanumeric());
    id
}

fn emit(input: &Input<'_>, out: &mut Emitted) -> Result<(), EmitError> {
    let topology = super::topology_name(input.topology);
    let groups = aws_terraform::model(input, out, SPEC.name);
    let membership_ids: rustc_hash::FxHashMap<&str, String> = groups
        .iter()
        .filter(|g| g.is_membership() && g.part == 1)
        .map(|g| (g.owner.as_str(), logical_id(g)))
        .collect();
    let id_of = |name: &str| membership_ids.get(name).cloned().unwrap_or_default();
    let mut resources = BTreeMap::new();
    let mut outputs = BTreeMap::new();
    for group in &groups {
        let mut sections = Vec::new();
        // A rule naming the group itself cannot be inline (CloudFormation would see a circular
        // dependency): it becomes a resource of its own.
        let mut standalone = Vec::new();
        for (rules, egress) in [(&group.ingress, false), (&group.egress, true)] {
            let mut list = Vec::new();
            for rule in rules {
                let description = rule.description();
                for peer in &rule.peers {
                    let mut entry = BTreeMap::new();
                    entry.insert("IpProtocol".to_owned(), s(rule.transport.as_str()));
                    entry.insert("FromPort".to_owned(), Json::Num(u64::from(rule.ports.start())));
                    entry.insert("ToPort".to_owned(), Json::Num(u64::from(rule.ports.end())));
                    match peer {
                        Peer::Cidr(net @ ipnet::IpNet::V4(_)) => {
                            entry.insert("CidrIp".to_owned(), s(net.to_string()));
                        }
                        Peer::Cidr(net) => {
                            entry.insert("CidrIpv6".to_owned(), s(net.to_string()));
                        }
                        Peer::Members => {
                            let field = if egress {
                                "DestinationSecurityGroupId"
                            } else {
                                "SourceSecurityGroupId"
                            };
                            entry.insert("GroupId".to_owned(), group_id(logical_id(group)));
                            entry.insert(field.to_owned(), group_id(logical_id(group)));
                            entry.insert("Description".to_owned(), s(description.as_str()));
                            let kind = if egress {
                                "AWS::EC2::SecurityGroupEgress"
                            } else {
                                "AWS::EC2::SecurityGroupIngress"
                            };
                            standalone.push((kind, Json::Obj(entry)));
                            continue;
                        }
                        Peer::Group(name) => {
                            let field = if egress {
                                "DestinationSecurityGroupId"
                            } else {
                                "SourceSecurityGroupId"
                            };
                            entry.insert(field.to_owned(), group_id(id_of(name)));
                        }
                    }
                    entry.insert("Description".to_owned(), s(description.as_str()));
                    list.push(Json::Obj(entry));
                }
            }
            if egress && list.is_empty() {
                list.push(obj([
                    ("IpProtocol", s("-1")),
                    ("CidrIp", s("127.0.0.1/32")),
                    (
                        "Description",
                        s("portolan: no egress flows (replaces the default allow-all)"),
                    ),
                ]));
            }
            sections.push(list);
        }
        let egress = sections.pop().unwrap_or_default();
        let ingress = sections.pop().unwrap_or_default();
        let mut properties = BTreeMap::new();
        properties.insert("GroupName".to_owned(), s(group.name(&topology)));
        properties.insert("GroupDescription".to_owned(), s(group.description(&topology)));
        properties.insert("VpcId".to_owned(), obj([("Ref", s("VpcId"))]));
        if !ingress.is_empty() {
            properties.insert("SecurityGroupIngress".to_owned(), Json::Arr(ingress));
        }
        properties.insert("SecurityGroupEgress".to_owned(), Json::Arr(egress));
        let tags = [
            obj([("Key", s("managed-by")), ("Value", s("portolan"))]),
            obj([("Key", s("portolan-owner")), ("Value", s(aws_text(&group.owner, 255)))]),
        ];
        properties.insert("Tags".to_owned(), Json::Arr(tags.into()));
        resources.insert(
            logical_id(group),
            obj([("Type", s("AWS::EC2::SecurityGroup")), ("Properties", Json::Obj(properties))]),
        );
        for (i, (kind, properties)) in standalone.into_iter().enumerate() {
            resources.insert(
                format!("{}Own{}", logical_id(group), i + 1),
                obj([("Type", s(kind)), ("Properties", properties)]),
            );
        }
        let description = aws_text(&format!("{} {}", group.kind.label(), group.owner), 1024);
        outputs.insert(
            logical_id(group),
            obj([("Description", s(description)), ("Value", obj([("Ref", s(logical_id(group)))]))]),
        );
    }
    // What applying it cuts and keeps, after what it is (CloudFormation cuts at 1024 bytes).
    let header = super::safety::network_header(SPEC.name, input.plan, out);
    // A host's untrusted leg cannot be expressed here: said in full in the template's
    // Metadata, which the 1024-byte description could cut.
    let legs: Vec<Json> = super::safety::legs_warnings(input.plan)
        .into_iter()
        .map(|w| s(format!("{}: {w}", super::safety::LEGS_NOT_EXPRESSIBLE)))
        .collect();
    let safety = header.join(" ");
    let description = aws_text(
        &format!(
            "Portolan security groups for topology {topology}: one per host (attach to its instance), one membership group per plan group (attach to every member), one per zone with egress (attach to the zone's instances). {safety}"
        ),
        1024,
    );
    let mut template = vec![
        ("AWSTemplateFormatVersion", s("2010-09-09")),
        ("Description", s(description)),
        (
            "Parameters",
            obj([(
                "VpcId",
                obj([("Type", s("AWS::EC2::VPC::Id")), ("Description", s("VPC of the instances"))]),
            )]),
        ),
        ("Resources", Json::Obj(resources)),
        ("Outputs", Json::Obj(outputs)),
    ];
    if !legs.is_empty() {
        template.push(("Metadata", obj([("Portolan", obj([("Warnings", Json::Arr(legs))]))])));
    }
    let text = super::json_text::obj_of(template).pretty() + "\n";
    out.file(format!("aws-cloudformation/{}.json", quote::file_slug(&topology)), text);
    Ok(())
}

/// `{ "Fn::GetAtt": [id, "GroupId"] }`: the id of a group defined in the template.
fn group_id(id: String) -> Json {
    obj([("Fn::GetAtt", Json::Arr(vec![s(id), s("GroupId")]))])
}
