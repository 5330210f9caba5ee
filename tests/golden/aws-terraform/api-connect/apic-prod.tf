# Portolan: AWS security groups for topology apic-prod
# Applying this denies every flow, in and out, that no rule below allows.
# WARNING: the topology names no management access: applying this cuts SSH to every host. Name it in the topology:
# management: [{ from: <admin zone or host>, ports: [22/tcp] }]
# Stays open outbound (DNS, NTP, topology egress): 53/tcp to any, 53/udp to any, 123/udp to any.
# One group per host (attach it to the host's instance: the flows to it, its own egress), one
# membership group per plan group (attach it to every member: the group's egress) and one
# group per zone with egress (attach it to the zone's instances: egress of the zone and of any).
# The output portolan_instance_security_groups lists them per host. Each rule's description
# names its requirement ids.

variable "vpc_id" {
  type        = string
  description = "VPC of the instances"
}

resource "aws_security_group" "host_gw1" {
  name        = "portolan-apic-prod-host-gw1"
  description = "Portolan rules for host gw1, topology apic-prod"
  vpc_id      = var.vpc_id

  # zone gateway -> host gw1; zone management -> host gw1; zone protected -> host gw1
  ingress {
    description      = "api-connect/gateway-3000-tcp api-connect/management-3000-tcp (3 flows)"
    protocol         = "tcp"
    from_port        = 3000
    to_port          = 3000
    cidr_blocks      = ["10.100.0.0/16", "172.20.1.0/24", "172.20.2.0/24"]
  }

  # zone protected -> host gw1
  ingress {
    description      = "api-connect/gateway-22-tcp api-connect/gateway (inbound): DataPower administration: internal operators managing the Gateway servers."
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["10.100.0.0/16"]
  }

  # zone protected -> host gw1
  ingress {
    description      = "api-connect/gateway-9090-tcp-protected-zone api-connect/gateway (inbound): DataPower administration: internal operators managing the Gateway servers."
    protocol         = "tcp"
    from_port        = 9090
    to_port          = 9090
    cidr_blocks      = ["10.100.0.0/16"]
  }

  # zone public -> host gw1; host mgmt -> host gw1
  ingress {
    description      = "api-connect/gateway-443-tcp api-connect/management-443-tcp-both-gateway (2 flows)"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["0.0.0.0/0"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "gw1"
  }
}

resource "aws_security_group" "host_gw2" {
  name        = "portolan-apic-prod-host-gw2"
  description = "Portolan rules for host gw2, topology apic-prod"
  vpc_id      = var.vpc_id

  # zone gateway -> host gw2; zone management -> host gw2; zone protected -> host gw2
  ingress {
    description      = "api-connect/gateway-3000-tcp api-connect/management-3000-tcp (3 flows)"
    protocol         = "tcp"
    from_port        = 3000
    to_port          = 3000
    cidr_blocks      = ["10.100.0.0/16", "172.20.1.0/24", "172.20.2.0/24"]
  }

  # zone protected -> host gw2
  ingress {
    description      = "api-connect/gateway-22-tcp api-connect/gateway (inbound): DataPower administration: internal operators managing the Gateway servers."
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["10.100.0.0/16"]
  }

  # zone protected -> host gw2
  ingress {
    description      = "api-connect/gateway-9090-tcp-protected-zone api-connect/gateway (inbound): DataPower administration: internal operators managing the Gateway servers."
    protocol         = "tcp"
    from_port        = 9090
    to_port          = 9090
    cidr_blocks      = ["10.100.0.0/16"]
  }

  # zone public -> host gw2; host mgmt -> host gw2
  ingress {
    description      = "api-connect/gateway-443-tcp api-connect/management-443-tcp-both-gateway (2 flows)"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["0.0.0.0/0"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "gw2"
  }
}

resource "aws_security_group" "host_mgmt" {
  name        = "portolan-apic-prod-host-mgmt"
  description = "Portolan rules for host mgmt, topology apic-prod"
  vpc_id      = var.vpc_id

  # zone gateway -> host mgmt; zone management -> host mgmt; zone protected -> host mgmt
  ingress {
    description      = "api-connect/analytics-22-tcp api-connect/management-22-tcp-both api-connect/management-22-tcp-in-cloud-manager-internal api-connect/management-22-tcp-in-developer-portal api-connect/portal-22-tcp (3 flows)"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["10.100.0.0/16", "172.20.1.0/24", "172.20.2.0/24"]
  }

  # zone gateway -> host mgmt; zone management -> host mgmt; zone protected -> host mgmt
  ingress {
    description      = "api-connect/analytics-443-tcp-both api-connect/management-443-tcp-both-gateway api-connect/management-443-tcp-both-nopeer api-connect/management-443-tcp-in-portal api-connect/management-443-tcp-in-protected-zone-api-manager-internal api-connect/management"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["10.100.0.0/16", "172.20.1.0/24", "172.20.2.0/24"]
  }

  # group api-connect/gateway -> host mgmt
  ingress {
    description      = "api-connect/management-3000-tcp api-connect/management (bidirectional): Configuration push: Management and Gateway servers talk in both directions."
    protocol         = "tcp"
    from_port        = 3000
    to_port          = 3000
    security_groups  = [aws_security_group.group_api_connect_gateway_0dd85845.id]
  }

  # host mgmt -> zone gateway; host mgmt -> zone management; host mgmt -> zone protected
  egress {
    description      = "api-connect/management-22-tcp-both (3 flows)"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["10.100.0.0/16", "172.20.1.0/24", "172.20.2.0/24"]
  }

  # host mgmt -> zone gateway; host mgmt -> zone management; host mgmt -> zone protected; and 2 more flows
  egress {
    description      = "api-connect/management-443-tcp-both-gateway api-connect/management-443-tcp-both-nopeer (5 flows)"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["10.100.0.0/16", "172.20.1.0/24", "172.20.2.0/24"]
  }

  # host mgmt -> zone protected
  egress {
    description      = "api-connect/management-123-udp api-connect/management (outbound): 123 (outbound) NTP"
    protocol         = "udp"
    from_port        = 123
    to_port          = 123
    cidr_blocks      = ["10.100.0.0/16"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "mgmt"
  }
}

resource "aws_security_group" "host_ptl" {
  name        = "portolan-apic-prod-host-ptl"
  description = "Portolan rules for host ptl, topology apic-prod"
  vpc_id      = var.vpc_id

  # zone gateway -> host ptl; zone management -> host ptl; zone protected -> host ptl
  ingress {
    description      = "api-connect/analytics-22-tcp api-connect/management-22-tcp-both api-connect/portal-22-tcp (3 flows)"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["10.100.0.0/16", "172.20.1.0/24", "172.20.2.0/24"]
  }

  # zone gateway -> host ptl; zone management -> host ptl; zone protected -> host ptl; and 1 more flows
  ingress {
    description      = "api-connect/analytics-443-tcp-both api-connect/management-443-tcp-both-nopeer api-connect/portal-443-tcp-both api-connect/portal-443-tcp-in-management api-connect/portal-443-tcp-in-public-zone (4 flows)"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["0.0.0.0/0"]
  }

  # host ptl -> zone gateway; host ptl -> zone management; host ptl -> zone protected
  egress {
    description      = "api-connect/portal-22-tcp (3 flows)"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["10.100.0.0/16", "172.20.1.0/24", "172.20.2.0/24"]
  }

  # host ptl -> zone gateway; host ptl -> zone management; host ptl -> zone protected
  egress {
    description      = "api-connect/portal-443-tcp-both (3 flows)"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["10.100.0.0/16", "172.20.1.0/24", "172.20.2.0/24"]
  }

  # host ptl -> zone protected
  egress {
    description      = "api-connect/portal-123-udp api-connect/portal (outbound): 123 (outbound) NTP"
    protocol         = "udp"
    from_port        = 123
    to_port          = 123
    cidr_blocks      = ["10.100.0.0/16"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "ptl"
  }
}

resource "aws_security_group" "host_a7s" {
  name        = "portolan-apic-prod-host-a7s"
  description = "Portolan rules for host a7s, topology apic-prod"
  vpc_id      = var.vpc_id

  # zone gateway -> host a7s; zone management -> host a7s; zone protected -> host a7s
  ingress {
    description      = "api-connect/analytics-22-tcp api-connect/management-22-tcp-both api-connect/portal-22-tcp (3 flows)"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["10.100.0.0/16", "172.20.1.0/24", "172.20.2.0/24"]
  }

  # zone gateway -> host a7s; zone management -> host a7s; zone protected -> host a7s
  ingress {
    description      = "api-connect/analytics-443-tcp-both api-connect/analytics-443-tcp-in-gateway api-connect/analytics-443-tcp-in-management api-connect/analytics-443-tcp-in-portal api-connect/management-443-tcp-both-nopeer api-connect/portal-443-tcp-both (3 flows)"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["10.100.0.0/16", "172.20.1.0/24", "172.20.2.0/24"]
  }

  # host a7s -> zone gateway; host a7s -> zone management; host a7s -> zone protected
  egress {
    description      = "api-connect/analytics-22-tcp (3 flows)"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["10.100.0.0/16", "172.20.1.0/24", "172.20.2.0/24"]
  }

  # host a7s -> zone gateway; host a7s -> zone management; host a7s -> zone protected
  egress {
    description      = "api-connect/analytics-443-tcp-both (3 flows)"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["10.100.0.0/16", "172.20.1.0/24", "172.20.2.0/24"]
  }

  # host a7s -> zone protected
  egress {
    description      = "api-connect/analytics-123-udp api-connect/analytics (outbound): 123 (outbound) NTP"
    protocol         = "udp"
    from_port        = 123
    to_port          = 123
    cidr_blocks      = ["10.100.0.0/16"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "a7s"
  }
}

resource "aws_security_group" "group_api_connect_gateway_0dd85845" {
  name        = "portolan-apic-prod-group-api-connect-gateway-0dd85845"
  description = "Portolan membership group api-connect/gateway (attach to every member; egress of the group), topology apic-prod"
  vpc_id      = var.vpc_id

  # group api-connect/gateway -> host mgmt
  egress {
    description      = "api-connect/management-3000-tcp api-connect/management (bidirectional): Configuration push: Management and Gateway servers talk in both directions."
    protocol         = "tcp"
    from_port        = 3000
    to_port          = 3000
    cidr_blocks      = ["172.20.2.10/32"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "api-connect/gateway"
  }
}

resource "aws_security_group" "group_api_connect_management_dab2c78f" {
  name        = "portolan-apic-prod-group-api-connect-management-dab2c78f"
  description = "Portolan membership group api-connect@management (attach to every member; egress of the group), topology apic-prod"
  vpc_id      = var.vpc_id

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "api-connect@management"
  }
}

resource "aws_security_group" "group_hosts_all_44b77471" {
  name        = "portolan-apic-prod-group-hosts-all-44b77471"
  description = "Portolan membership group hosts:all (attach to every member; egress of the group), topology apic-prod"
  vpc_id      = var.vpc_id

  # group hosts:all -> any
  egress {
    description      = "topology:dns DNS to any address (the topology names no DNS egress)"
    protocol         = "tcp"
    from_port        = 53
    to_port          = 53
    cidr_blocks      = ["0.0.0.0/0"]
  }

  # group hosts:all -> any
  egress {
    description      = "topology:dns DNS to any address (the topology names no DNS egress)"
    protocol         = "udp"
    from_port        = 53
    to_port          = 53
    cidr_blocks      = ["0.0.0.0/0"]
  }

  # group hosts:all -> any
  egress {
    description      = "topology:ntp NTP to any address (the topology names no NTP egress)"
    protocol         = "udp"
    from_port        = 123
    to_port          = 123
    cidr_blocks      = ["0.0.0.0/0"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "hosts:all"
  }
}

resource "aws_security_group" "zone_gateway" {
  name        = "portolan-apic-prod-zone-gateway"
  description = "Portolan zone gateway (attach to every instance in it; egress of the zone), topology apic-prod"
  vpc_id      = var.vpc_id

  # zone gateway -> host a7s; zone gateway -> host mgmt; zone gateway -> host ptl
  egress {
    description      = "api-connect/analytics-22-tcp api-connect/management-22-tcp-both api-connect/portal-22-tcp (3 flows)"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["172.20.2.10/32", "172.20.2.20/32", "172.20.2.30/32"]
  }

  # zone gateway -> host a7s; zone gateway -> host mgmt; zone gateway -> host ptl
  egress {
    description      = "api-connect/analytics-443-tcp-both api-connect/analytics-443-tcp-in-gateway api-connect/management-443-tcp-both-gateway api-connect/management-443-tcp-both-nopeer api-connect/portal-443-tcp-both (3 flows)"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.2.10/32", "172.20.2.20/32", "172.20.2.30/32"]
  }

  # zone gateway -> host gw1; zone gateway -> host gw2
  egress {
    description      = "api-connect/gateway-3000-tcp (2 flows)"
    protocol         = "tcp"
    from_port        = 3000
    to_port          = 3000
    cidr_blocks      = ["172.20.1.11/32", "172.20.1.12/32"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "gateway"
  }
}

resource "aws_security_group" "zone_management" {
  name        = "portolan-apic-prod-zone-management"
  description = "Portolan zone management (attach to every instance in it; egress of the zone), topology apic-prod"
  vpc_id      = var.vpc_id

  # zone management -> host a7s; zone management -> host mgmt; zone management -> host ptl
  egress {
    description      = "api-connect/analytics-22-tcp api-connect/management-22-tcp-both api-connect/portal-22-tcp (3 flows)"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["172.20.2.10/32", "172.20.2.20/32", "172.20.2.30/32"]
  }

  # zone management -> host a7s; zone management -> host mgmt; zone management -> host ptl
  egress {
    description      = "api-connect/analytics-443-tcp-both api-connect/analytics-443-tcp-in-management api-connect/analytics-443-tcp-in-portal api-connect/management-443-tcp-both-nopeer api-connect/management-443-tcp-in-portal api-connect/portal-443-tcp-both api-connect/portal-4"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.2.10/32", "172.20.2.20/32", "172.20.2.30/32"]
  }

  # zone management -> host gw1; zone management -> host gw2
  egress {
    description      = "api-connect/gateway-3000-tcp api-connect/management-3000-tcp (2 flows)"
    protocol         = "tcp"
    from_port        = 3000
    to_port          = 3000
    cidr_blocks      = ["172.20.1.11/32", "172.20.1.12/32"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "management"
  }
}

output "portolan_instance_security_groups" {
  description = "Per host: the security groups to attach to its instance"
  value = {
    "gw1" = concat([aws_security_group.host_gw1.id], [aws_security_group.group_api_connect_gateway_0dd85845.id], [aws_security_group.group_hosts_all_44b77471.id], [aws_security_group.zone_gateway.id])
    "gw2" = concat([aws_security_group.host_gw2.id], [aws_security_group.group_api_connect_gateway_0dd85845.id], [aws_security_group.group_hosts_all_44b77471.id], [aws_security_group.zone_gateway.id])
    "mgmt" = concat([aws_security_group.host_mgmt.id], [aws_security_group.group_api_connect_management_dab2c78f.id], [aws_security_group.group_hosts_all_44b77471.id], [aws_security_group.zone_management.id])
    "ptl" = concat([aws_security_group.host_ptl.id], [aws_security_group.group_api_connect_management_dab2c78f.id], [aws_security_group.group_hosts_all_44b77471.id], [aws_security_group.zone_management.id])
    "a7s" = concat([aws_security_group.host_a7s.id], [aws_security_group.group_api_connect_management_dab2c78f.id], [aws_security_group.group_hosts_all_44b77471.id], [aws_security_group.zone_management.id])
  }
}
