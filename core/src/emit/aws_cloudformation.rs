//! AWS security groups as a CloudFormation template (JSON): the same groups as
//! [`super::aws_terraform`] (per host, per plan group and per zone, split to the rule limit).
//! Every group states its egress, so CloudFormation drops AWS's default allow-all egress; a
//! group without egress flows gets the customary `127.0.0.1/32` placeholder that allows
//! nothing. Built as a JSON value and serialised, so no name can break the syntax.

use serde_json::{Map, Value, json};

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
    let membership_ids: std::collections::HashMap<&str, String> =
        groups.iter().filter(|g| g.is_membership() && g.part == 1).map(|g| (g.owner.as_str(), logical_id(g))).collect();
    let id_of = |name: &str| membership_ids.get(name).cloned().unwrap_or_default();
    let mut resources = Map::new();
    let mut outputs = Map::new();
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
                    let mut entry = Map::new();
                    entry.insert("IpProtocol".into(), json!(rule.transport.as_str()));
                    entry.insert("FromPort".into(), json!(rule.ports.start()));
                    entry.insert("ToPort".into(), json!(rule.ports.end()));
                    match peer {
                        Peer::Cidr(net @ ipnet::IpNet::V4(_)) => {
                            entry.insert("CidrIp".into(), json!(net.to_string()));
                        }
                        Peer::Cidr(net) => {
                            entry.insert("CidrIpv6".into(), json!(net.to_string()));
                        }
                        Peer::Members => {
                            let field = if egress { "DestinationSecurityGroupId" } else { "SourceSecurityGroupId" };
                            entry.insert("GroupId".into(), json!({ "Fn::GetAtt": [logical_id(group), "GroupId"] }));
                            entry.insert(field.into(), json!({ "Fn::GetAtt": [logical_id(group), "GroupId"] }));
                            entry.insert("Description".into(), json!(description));
                            let kind = if egress { "AWS::EC2::SecurityGroupEgress" } else { "AWS::EC2::SecurityGroupIngress" };
                            standalone.push((kind, Value::Object(entry)));
                            continue;
                        }
                        Peer::Group(name) => {
                            let field = if egress { "DestinationSecurityGroupId" } else { "SourceSecurityGroupId" };
                            entry.insert(field.into(), json!({ "Fn::GetAtt": [id_of(name), "GroupId"] }));
                        }
                    }
                    entry.insert("Description".into(), json!(description));
                    list.push(Value::Object(entry));
                }
            }
            if egress && list.is_empty() {
                list.push(json!({
                    "IpProtocol": "-1",
                    "CidrIp": "127.0.0.1/32",
                    "Description": "portolan: no egress flows (replaces the default allow-all)"
                }));
            }
            sections.push(list);
        }
        let egress = sections.pop().unwrap_or_default();
        let ingress = sections.pop().unwrap_or_default();
        let mut properties = Map::new();
        properties.insert("GroupName".into(), json!(group.name(&topology)));
        properties.insert("GroupDescription".into(), json!(group.description(&topology)));
        properties.insert("VpcId".into(), json!({ "Ref": "VpcId" }));
        if !ingress.is_empty() {
            properties.insert("SecurityGroupIngress".into(), Value::Array(ingress));
        }
        properties.insert("SecurityGroupEgress".into(), Value::Array(egress));
        properties.insert(
            "Tags".into(),
            json!([{ "Key": "managed-by", "Value": "portolan" }, { "Key": "portolan-owner", "Value": aws_text(&group.owner, 255) }]),
        );
        resources.insert(logical_id(group), json!({ "Type": "AWS::EC2::SecurityGroup", "Properties": properties }));
        for (i, (kind, properties)) in standalone.into_iter().enumerate() {
            resources.insert(format!("{}Own{}", logical_id(group), i + 1), json!({ "Type": kind, "Properties": properties }));
        }
        outputs.insert(
            logical_id(group),
            json!({ "Description": aws_text(&format!("{} {}", group.kind.label(), group.owner), 1024), "Value": { "Ref": logical_id(group) } }),
        );
    }
    let template = json!({
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": aws_text(&format!("Portolan security groups for topology {topology}: one per host (attach to its instance), one membership group per plan group (attach to every member), one per zone with egress (attach to the zone's instances)"), 1024),
        "Parameters": { "VpcId": { "Type": "AWS::EC2::VPC::Id", "Description": "VPC of the instances" } },
        "Resources": resources,
        "Outputs": outputs,
    });
    let text = serde_json::to_string_pretty(&template).unwrap_or_default() + "\n";
    out.file(format!("aws-cloudformation/{}.json", quote::file_slug(&topology)), text);
    Ok(())
}
