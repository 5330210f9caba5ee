# Portolan: AWS security groups for topology openlm-prod
# Applying this denies every flow, in and out, that no rule below allows.
# Stays open for management: 22/tcp from zone corp to group hosts:all.
# Stays open outbound (DNS, NTP, topology egress): 123/udp to any, 53/tcp to zone 10.20.0.53/32, 53/udp to zone 10.20.0.53/32.
# One group per host (attach it to the host's instance: the flows to it, its own egress), one
# membership group per plan group (attach it to every member: the group's egress) and one
# group per zone with egress (attach it to the zone's instances: egress of the zone and of any).
# The output portolan_instance_security_groups lists them per host. Each rule's description
# names its requirement ids.

variable "vpc_id" {
  type        = string
  description = "VPC of the instances"
}

resource "aws_security_group" "host_lb1" {
  name        = "portolan-openlm-prod-host-lb1"
  description = "Portolan rules for host lb1, topology openlm-prod"
  vpc_id      = var.vpc_id

  # zone corp -> group hosts:all
  ingress {
    description      = "topology:management management access, topology line 30"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["10.20.0.0/16"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "lb1"
  }
}

resource "aws_security_group" "host_cp1" {
  name        = "portolan-openlm-prod-host-cp1"
  description = "Portolan rules for host cp1, topology openlm-prod"
  vpc_id      = var.vpc_id

  # zone corp -> group hosts:all; zone cluster -> host cp1; zone corp -> host cp1
  ingress {
    description      = "openlm/node-22-tcp topology:management (3 flows)"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["10.0.0.0/22", "10.20.0.0/16"]
  }

  # zone cluster -> host cp1; zone corp -> host cp1; group openlm -> host cp1
  ingress {
    description      = "openlm/control-plane-80-tcp openlm/ingress-80-tcp-nopeer (3 flows)"
    protocol         = "tcp"
    from_port        = 80
    to_port          = 80
    cidr_blocks      = ["10.0.0.0/22", "10.20.0.0/16"]
    security_groups  = [aws_security_group.group_openlm.id]
  }

  # zone corp -> host cp1; zone internet -> host cp1; group openlm -> host cp1
  ingress {
    description      = "openlm/control-plane-443-tcp openlm/ingress-443-tcp-broker openlm/ingress-443-tcp-directory-sync-agent openlm/ingress-443-tcp-nopeer openlm/ingress-443-tcp-web-ui openlm/ingress-443-tcp-workstation-agent (3 flows)"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["0.0.0.0/0"]
    security_groups  = [aws_security_group.group_openlm.id]
  }

  # group openlm@cluster -> host cp1
  ingress {
    description      = "openlm/node-6443-tcp openlm/node (internal): Kubernetes API server"
    protocol         = "tcp"
    from_port        = 6443
    to_port          = 6443
    security_groups  = [aws_security_group.group_openlm_cluster_6bf12144.id]
  }

  # group openlm@cluster -> host cp1
  ingress {
    description      = "openlm/node-10250-tcp openlm/node (internal): Kubelet metrics"
    protocol         = "tcp"
    from_port        = 10250
    to_port          = 10250
    security_groups  = [aws_security_group.group_openlm_cluster_6bf12144.id]
  }

  # group openlm@cluster -> host cp1
  ingress {
    description      = "openlm/node-8472-udp openlm/node (internal): Flannel VXLAN overlay"
    protocol         = "udp"
    from_port        = 8472
    to_port          = 8472
    security_groups  = [aws_security_group.group_openlm_cluster_6bf12144.id]
  }

  # group openlm@cluster -> host cp1
  ingress {
    description      = "openlm/node-51820-udp openlm/node (internal): Flannel WireGuard backend (if enabled)"
    protocol         = "udp"
    from_port        = 51820
    to_port          = 51820
    security_groups  = [aws_security_group.group_openlm_cluster_6bf12144.id]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "cp1"
  }
}

resource "aws_security_group" "host_node2" {
  name        = "portolan-openlm-prod-host-node2"
  description = "Portolan rules for host node2, topology openlm-prod"
  vpc_id      = var.vpc_id

  # zone corp -> group hosts:all; zone cluster -> host node2; zone corp -> host node2
  ingress {
    description      = "openlm/node-22-tcp topology:management (3 flows)"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["10.0.0.0/22", "10.20.0.0/16"]
  }

  # group openlm@cluster -> host node2
  ingress {
    description      = "openlm/node-6443-tcp openlm/node (internal): Kubernetes API server"
    protocol         = "tcp"
    from_port        = 6443
    to_port          = 6443
    security_groups  = [aws_security_group.group_openlm_cluster_6bf12144.id]
  }

  # group openlm@cluster -> host node2
  ingress {
    description      = "openlm/node-10250-tcp openlm/node (internal): Kubelet metrics"
    protocol         = "tcp"
    from_port        = 10250
    to_port          = 10250
    security_groups  = [aws_security_group.group_openlm_cluster_6bf12144.id]
  }

  # group openlm@cluster -> host node2
  ingress {
    description      = "openlm/node-8472-udp openlm/node (internal): Flannel VXLAN overlay"
    protocol         = "udp"
    from_port        = 8472
    to_port          = 8472
    security_groups  = [aws_security_group.group_openlm_cluster_6bf12144.id]
  }

  # group openlm@cluster -> host node2
  ingress {
    description      = "openlm/node-51820-udp openlm/node (internal): Flannel WireGuard backend (if enabled)"
    protocol         = "udp"
    from_port        = 51820
    to_port          = 51820
    security_groups  = [aws_security_group.group_openlm_cluster_6bf12144.id]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "node2"
  }
}

resource "aws_security_group" "host_node3" {
  name        = "portolan-openlm-prod-host-node3"
  description = "Portolan rules for host node3, topology openlm-prod"
  vpc_id      = var.vpc_id

  # zone corp -> group hosts:all; zone cluster -> host node3; zone corp -> host node3
  ingress {
    description      = "openlm/node-22-tcp topology:management (3 flows)"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["10.0.0.0/22", "10.20.0.0/16"]
  }

  # group openlm@cluster -> host node3
  ingress {
    description      = "openlm/node-6443-tcp openlm/node (internal): Kubernetes API server"
    protocol         = "tcp"
    from_port        = 6443
    to_port          = 6443
    security_groups  = [aws_security_group.group_openlm_cluster_6bf12144.id]
  }

  # group openlm@cluster -> host node3
  ingress {
    description      = "openlm/node-10250-tcp openlm/node (internal): Kubelet metrics"
    protocol         = "tcp"
    from_port        = 10250
    to_port          = 10250
    security_groups  = [aws_security_group.group_openlm_cluster_6bf12144.id]
  }

  # group openlm@cluster -> host node3
  ingress {
    description      = "openlm/node-8472-udp openlm/node (internal): Flannel VXLAN overlay"
    protocol         = "udp"
    from_port        = 8472
    to_port          = 8472
    security_groups  = [aws_security_group.group_openlm_cluster_6bf12144.id]
  }

  # group openlm@cluster -> host node3
  ingress {
    description      = "openlm/node-51820-udp openlm/node (internal): Flannel WireGuard backend (if enabled)"
    protocol         = "udp"
    from_port        = 51820
    to_port          = 51820
    security_groups  = [aws_security_group.group_openlm_cluster_6bf12144.id]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "node3"
  }
}

resource "aws_security_group" "host_infra" {
  name        = "portolan-openlm-prod-host-infra"
  description = "Portolan rules for host infra, topology openlm-prod"
  vpc_id      = var.vpc_id

  # zone corp -> group hosts:all; zone cluster -> host infra; zone corp -> host infra
  ingress {
    description      = "openlm/node-22-tcp topology:management (3 flows)"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["10.0.0.0/22", "10.20.0.0/16"]
  }

  # zone corp -> host infra
  ingress {
    description      = "openlm/infrastructure-30432-tcp openlm/infrastructure (inbound): PostgreSQL NodePort for Power BI and similar reporting tools"
    protocol         = "tcp"
    from_port        = 30432
    to_port          = 30432
    cidr_blocks      = ["10.20.0.0/16"]
  }

  # group openlm@cluster -> host infra
  ingress {
    description      = "openlm/node-6443-tcp openlm/node (internal): Kubernetes API server"
    protocol         = "tcp"
    from_port        = 6443
    to_port          = 6443
    security_groups  = [aws_security_group.group_openlm_cluster_6bf12144.id]
  }

  # group openlm@cluster -> host infra
  ingress {
    description      = "openlm/node-10250-tcp openlm/node (internal): Kubelet metrics"
    protocol         = "tcp"
    from_port        = 10250
    to_port          = 10250
    security_groups  = [aws_security_group.group_openlm_cluster_6bf12144.id]
  }

  # group openlm@cluster -> host infra
  ingress {
    description      = "openlm/node-8472-udp openlm/node (internal): Flannel VXLAN overlay"
    protocol         = "udp"
    from_port        = 8472
    to_port          = 8472
    security_groups  = [aws_security_group.group_openlm_cluster_6bf12144.id]
  }

  # group openlm@cluster -> host infra
  ingress {
    description      = "openlm/node-51820-udp openlm/node (internal): Flannel WireGuard backend (if enabled)"
    protocol         = "udp"
    from_port        = 51820
    to_port          = 51820
    security_groups  = [aws_security_group.group_openlm_cluster_6bf12144.id]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "infra"
  }
}

resource "aws_security_group" "group_hosts_all_44b77471" {
  name        = "portolan-openlm-prod-group-hosts-all-44b77471"
  description = "Portolan membership group hosts:all (attach to every member; egress of the group), topology openlm-prod"
  vpc_id      = var.vpc_id

  # group hosts:all -> any
  egress {
    description      = "topology:ntp NTP to any address (the topology names no NTP egress)"
    protocol         = "udp"
    from_port        = 123
    to_port          = 123
    cidr_blocks      = ["0.0.0.0/0"]
  }

  # group hosts:all -> zone 10.20.0.53/32
  egress {
    description      = "topology:egress egress, topology line 32"
    protocol         = "tcp"
    from_port        = 53
    to_port          = 53
    cidr_blocks      = ["10.20.0.53/32"]
  }

  # group hosts:all -> zone 10.20.0.53/32
  egress {
    description      = "topology:egress egress, topology line 32"
    protocol         = "udp"
    from_port        = 53
    to_port          = 53
    cidr_blocks      = ["10.20.0.53/32"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "hosts:all"
  }
}

resource "aws_security_group" "group_openlm" {
  name        = "portolan-openlm-prod-group-openlm"
  description = "Portolan membership group openlm (attach to every member; egress of the group), topology openlm-prod"
  vpc_id      = var.vpc_id

  # group openlm -> host cp1
  egress {
    description      = "openlm/control-plane-80-tcp openlm/ingress-80-tcp-nopeer openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS; openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to H"
    protocol         = "tcp"
    from_port        = 80
    to_port          = 80
    cidr_blocks      = ["10.0.0.10/32"]
  }

  # group openlm -> host cp1
  egress {
    description      = "openlm/control-plane-443-tcp openlm/ingress-443-tcp-broker openlm/ingress-443-tcp-directory-sync-agent openlm/ingress-443-tcp-nopeer openlm/ingress-443-tcp-web-ui openlm/ingress-443-tcp-workstation-agent openlm/control-plane (inbound): HTTPS ingress for a"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["10.0.0.10/32"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "openlm"
  }
}

resource "aws_security_group" "group_openlm_node_4ade990b" {
  name        = "portolan-openlm-prod-group-openlm-node-4ade990b"
  description = "Portolan membership group openlm/node (attach to every member; egress of the group), topology openlm-prod"
  vpc_id      = var.vpc_id

  # group openlm/node -> zone internet
  egress {
    description      = "openlm/node-443-tcp openlm/node (outbound): OpenLM container image registry"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["0.0.0.0/0"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "openlm/node"
  }
}

resource "aws_security_group" "group_openlm_cluster_6bf12144" {
  name        = "portolan-openlm-prod-group-openlm-cluster-6bf12144"
  description = "Portolan membership group openlm@cluster (attach to every member; egress of the group), topology openlm-prod"
  vpc_id      = var.vpc_id

  # group openlm@cluster -> host cp1; group openlm@cluster -> host infra; group openlm@cluster -> host node2; and 1 more flows
  egress {
    description      = "openlm/node-6443-tcp (4 flows)"
    protocol         = "tcp"
    from_port        = 6443
    to_port          = 6443
    cidr_blocks      = ["10.0.0.10/31", "10.0.0.12/32", "10.0.0.20/32"]
  }

  # group openlm@cluster -> host cp1; group openlm@cluster -> host infra; group openlm@cluster -> host node2; and 1 more flows
  egress {
    description      = "openlm/node-10250-tcp (4 flows)"
    protocol         = "tcp"
    from_port        = 10250
    to_port          = 10250
    cidr_blocks      = ["10.0.0.10/31", "10.0.0.12/32", "10.0.0.20/32"]
  }

  # group openlm@cluster -> host cp1; group openlm@cluster -> host infra; group openlm@cluster -> host node2; and 1 more flows
  egress {
    description      = "openlm/node-8472-udp (4 flows)"
    protocol         = "udp"
    from_port        = 8472
    to_port          = 8472
    cidr_blocks      = ["10.0.0.10/31", "10.0.0.12/32", "10.0.0.20/32"]
  }

  # group openlm@cluster -> host cp1; group openlm@cluster -> host infra; group openlm@cluster -> host node2; and 1 more flows
  egress {
    description      = "openlm/node-51820-udp (4 flows)"
    protocol         = "udp"
    from_port        = 51820
    to_port          = 51820
    cidr_blocks      = ["10.0.0.10/31", "10.0.0.12/32", "10.0.0.20/32"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "openlm@cluster"
  }
}

resource "aws_security_group" "zone_cluster" {
  name        = "portolan-openlm-prod-zone-cluster"
  description = "Portolan zone cluster (attach to every instance in it; egress of the zone), topology openlm-prod"
  vpc_id      = var.vpc_id

  # zone cluster -> host cp1; zone cluster -> host infra; zone cluster -> host node2; and 1 more flows
  egress {
    description      = "openlm/node-22-tcp (4 flows)"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["10.0.0.10/31", "10.0.0.12/32", "10.0.0.20/32"]
  }

  # zone cluster -> host cp1
  egress {
    description      = "openlm/control-plane-80-tcp openlm/ingress-80-tcp-nopeer openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.; openlm/control-plane (inbound): HTTP ingress that redirects to "
    protocol         = "tcp"
    from_port        = 80
    to_port          = 80
    cidr_blocks      = ["10.0.0.10/32"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "cluster"
  }
}

output "portolan_instance_security_groups" {
  description = "Per host: the security groups to attach to its instance"
  value = {
    "lb1" = concat([aws_security_group.host_lb1.id], [aws_security_group.group_hosts_all_44b77471.id], [aws_security_group.group_openlm.id])
    "cp1" = concat([aws_security_group.host_cp1.id], [aws_security_group.group_hosts_all_44b77471.id], [aws_security_group.group_openlm.id], [aws_security_group.group_openlm_node_4ade990b.id], [aws_security_group.group_openlm_cluster_6bf12144.id], [aws_security_group.zone_cluster.id])
    "node2" = concat([aws_security_group.host_node2.id], [aws_security_group.group_hosts_all_44b77471.id], [aws_security_group.group_openlm.id], [aws_security_group.group_openlm_node_4ade990b.id], [aws_security_group.group_openlm_cluster_6bf12144.id], [aws_security_group.zone_cluster.id])
    "node3" = concat([aws_security_group.host_node3.id], [aws_security_group.group_hosts_all_44b77471.id], [aws_security_group.group_openlm.id], [aws_security_group.group_openlm_node_4ade990b.id], [aws_security_group.group_openlm_cluster_6bf12144.id], [aws_security_group.zone_cluster.id])
    "infra" = concat([aws_security_group.host_infra.id], [aws_security_group.group_hosts_all_44b77471.id], [aws_security_group.group_openlm.id], [aws_security_group.group_openlm_node_4ade990b.id], [aws_security_group.group_openlm_cluster_6bf12144.id], [aws_security_group.zone_cluster.id])
  }
}
