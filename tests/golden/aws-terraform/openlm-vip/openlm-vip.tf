# Portolan: AWS security groups for topology openlm-vip
# Applying this denies every flow, in and out, that no rule below allows.
# Stays open for management: 22/tcp from zone office to group hosts:all.
# Stays open outbound (DNS, NTP, topology egress): 53/tcp to zone 10.50.0.53/32, 53/udp to zone 10.50.0.53/32, 123/udp to zone 10.50.0.53/32.
# One group per host (attach it to the host's instance: the flows to it, its own egress), one
# membership group per plan group (attach it to every member: the group's egress) and one
# group per zone with egress (attach it to the zone's instances: egress of the zone and of any).
# The output portolan_instance_security_groups lists them per host. Each rule's description
# names its requirement ids.

variable "vpc_id" {
  type        = string
  description = "VPC of the instances"
}

resource "aws_security_group" "host_haproxy1" {
  name        = "portolan-openlm-vip-host-haproxy1"
  description = "Portolan rules for host haproxy1, topology openlm-vip"
  vpc_id      = var.vpc_id

  # zone office -> group hosts:all
  ingress {
    description      = "topology:management management access, topology line 29"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["10.50.0.0/16"]
  }

  # zone internet -> host haproxy1; zone office -> host haproxy1
  ingress {
    description      = "openlm/ingress-443-tcp-broker openlm/ingress-443-tcp-directory-sync-agent openlm/ingress-443-tcp-nopeer openlm/ingress-443-tcp-web-ui openlm/ingress-443-tcp-workstation-agent (2 flows)"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["0.0.0.0/0"]
  }

  # zone office -> host haproxy1
  ingress {
    description      = "openlm/ingress-80-tcp-nopeer openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS. (to VIP _portal_)"
    protocol         = "tcp"
    from_port        = 80
    to_port          = 80
    cidr_blocks      = ["10.50.0.0/16"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "haproxy1"
  }
}

resource "aws_security_group" "host_haproxy2" {
  name        = "portolan-openlm-vip-host-haproxy2"
  description = "Portolan rules for host haproxy2, topology openlm-vip"
  vpc_id      = var.vpc_id

  # zone office -> group hosts:all
  ingress {
    description      = "topology:management management access, topology line 29"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["10.50.0.0/16"]
  }

  # zone internet -> host haproxy2; zone office -> host haproxy2
  ingress {
    description      = "openlm/ingress-443-tcp-broker openlm/ingress-443-tcp-directory-sync-agent openlm/ingress-443-tcp-nopeer openlm/ingress-443-tcp-web-ui openlm/ingress-443-tcp-workstation-agent (2 flows)"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["0.0.0.0/0"]
  }

  # zone office -> host haproxy2
  ingress {
    description      = "openlm/ingress-80-tcp-nopeer openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS. (to VIP _portal_)"
    protocol         = "tcp"
    from_port        = 80
    to_port          = 80
    cidr_blocks      = ["10.50.0.0/16"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "haproxy2"
  }
}

resource "aws_security_group" "host_cp" {
  name        = "portolan-openlm-vip-host-cp"
  description = "Portolan rules for host cp, topology openlm-vip"
  vpc_id      = var.vpc_id

  # zone office -> group hosts:all; zone office -> host cp
  ingress {
    description      = "openlm/node-22-tcp topology:management (2 flows)"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["10.50.0.0/16"]
  }

  # zone office -> host cp; group openlm -> host cp
  ingress {
    description      = "openlm/control-plane-80-tcp (2 flows)"
    protocol         = "tcp"
    from_port        = 80
    to_port          = 80
    cidr_blocks      = ["10.50.0.0/16"]
    security_groups  = [aws_security_group.group_openlm.id]
  }

  # zone office -> host cp; group openlm -> host cp
  ingress {
    description      = "openlm/control-plane-443-tcp (2 flows)"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["10.50.0.0/16"]
    security_groups  = [aws_security_group.group_openlm.id]
  }

  # group openlm -> host cp
  ingress {
    description      = "openlm/node-6443-tcp openlm/node (internal): Kubernetes API server"
    protocol         = "tcp"
    from_port        = 6443
    to_port          = 6443
    security_groups  = [aws_security_group.group_openlm.id]
  }

  # group openlm -> host cp
  ingress {
    description      = "openlm/node-10250-tcp openlm/node (internal): Kubelet metrics"
    protocol         = "tcp"
    from_port        = 10250
    to_port          = 10250
    security_groups  = [aws_security_group.group_openlm.id]
  }

  # group openlm -> host cp
  ingress {
    description      = "openlm/node-8472-udp openlm/node (internal): Flannel VXLAN overlay"
    protocol         = "udp"
    from_port        = 8472
    to_port          = 8472
    security_groups  = [aws_security_group.group_openlm.id]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "cp"
  }
}

resource "aws_security_group" "host_edge1" {
  name        = "portolan-openlm-vip-host-edge1"
  description = "Portolan rules for host edge1, topology openlm-vip"
  vpc_id      = var.vpc_id

  # zone office -> group hosts:all; zone office -> host edge1
  ingress {
    description      = "openlm/node-22-tcp topology:management (2 flows)"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["10.50.0.0/16"]
  }

  # group openlm -> host edge1; group vip:portal -> host edge1
  ingress {
    description      = "openlm/ingress-443-tcp-broker openlm/ingress-443-tcp-directory-sync-agent openlm/ingress-443-tcp-nopeer openlm/ingress-443-tcp-web-ui openlm/ingress-443-tcp-workstation-agent (2 flows)"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    security_groups  = [aws_security_group.group_openlm.id, aws_security_group.group_vip_portal_187d30ac.id]
  }

  # group openlm -> host edge1
  ingress {
    description      = "openlm/node-6443-tcp openlm/node (internal): Kubernetes API server"
    protocol         = "tcp"
    from_port        = 6443
    to_port          = 6443
    security_groups  = [aws_security_group.group_openlm.id]
  }

  # group openlm -> host edge1
  ingress {
    description      = "openlm/node-10250-tcp openlm/node (internal): Kubelet metrics"
    protocol         = "tcp"
    from_port        = 10250
    to_port          = 10250
    security_groups  = [aws_security_group.group_openlm.id]
  }

  # group openlm -> host edge1
  ingress {
    description      = "openlm/node-8472-udp openlm/node (internal): Flannel VXLAN overlay"
    protocol         = "udp"
    from_port        = 8472
    to_port          = 8472
    security_groups  = [aws_security_group.group_openlm.id]
  }

  # group vip:portal -> host edge1
  ingress {
    description      = "openlm/ingress-80-tcp-nopeer openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS. (from the holders of VIP _portal_, on their own addresses: the balanced connections and the "
    protocol         = "tcp"
    from_port        = 80
    to_port          = 80
    security_groups  = [aws_security_group.group_vip_portal_187d30ac.id]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "edge1"
  }
}

resource "aws_security_group" "host_edge2" {
  name        = "portolan-openlm-vip-host-edge2"
  description = "Portolan rules for host edge2, topology openlm-vip"
  vpc_id      = var.vpc_id

  # zone office -> group hosts:all; zone office -> host edge2
  ingress {
    description      = "openlm/node-22-tcp topology:management (2 flows)"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["10.50.0.0/16"]
  }

  # group openlm -> host edge2; group vip:portal -> host edge2
  ingress {
    description      = "openlm/ingress-443-tcp-broker openlm/ingress-443-tcp-directory-sync-agent openlm/ingress-443-tcp-nopeer openlm/ingress-443-tcp-web-ui openlm/ingress-443-tcp-workstation-agent (2 flows)"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    security_groups  = [aws_security_group.group_openlm.id, aws_security_group.group_vip_portal_187d30ac.id]
  }

  # group openlm -> host edge2
  ingress {
    description      = "openlm/node-6443-tcp openlm/node (internal): Kubernetes API server"
    protocol         = "tcp"
    from_port        = 6443
    to_port          = 6443
    security_groups  = [aws_security_group.group_openlm.id]
  }

  # group openlm -> host edge2
  ingress {
    description      = "openlm/node-10250-tcp openlm/node (internal): Kubelet metrics"
    protocol         = "tcp"
    from_port        = 10250
    to_port          = 10250
    security_groups  = [aws_security_group.group_openlm.id]
  }

  # group openlm -> host edge2
  ingress {
    description      = "openlm/node-8472-udp openlm/node (internal): Flannel VXLAN overlay"
    protocol         = "udp"
    from_port        = 8472
    to_port          = 8472
    security_groups  = [aws_security_group.group_openlm.id]
  }

  # group vip:portal -> host edge2
  ingress {
    description      = "openlm/ingress-80-tcp-nopeer openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS. (from the holders of VIP _portal_, on their own addresses: the balanced connections and the "
    protocol         = "tcp"
    from_port        = 80
    to_port          = 80
    security_groups  = [aws_security_group.group_vip_portal_187d30ac.id]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "edge2"
  }
}

resource "aws_security_group" "group_hosts_all_44b77471" {
  name        = "portolan-openlm-vip-group-hosts-all-44b77471"
  description = "Portolan membership group hosts:all (attach to every member; egress of the group), topology openlm-vip"
  vpc_id      = var.vpc_id

  # group hosts:all -> zone 10.50.0.53/32
  egress {
    description      = "topology:egress egress, topology line 31"
    protocol         = "tcp"
    from_port        = 53
    to_port          = 53
    cidr_blocks      = ["10.50.0.53/32"]
  }

  # group hosts:all -> zone 10.50.0.53/32
  egress {
    description      = "topology:egress egress, topology line 31"
    protocol         = "udp"
    from_port        = 53
    to_port          = 53
    cidr_blocks      = ["10.50.0.53/32"]
  }

  # group hosts:all -> zone 10.50.0.53/32
  egress {
    description      = "topology:egress egress, topology line 31"
    protocol         = "udp"
    from_port        = 123
    to_port          = 123
    cidr_blocks      = ["10.50.0.53/32"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "hosts:all"
  }
}

resource "aws_security_group" "group_openlm" {
  name        = "portolan-openlm-vip-group-openlm"
  description = "Portolan membership group openlm (attach to every member; egress of the group), topology openlm-vip"
  vpc_id      = var.vpc_id

  # group openlm -> host cp
  egress {
    description      = "openlm/control-plane-80-tcp openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
    protocol         = "tcp"
    from_port        = 80
    to_port          = 80
    cidr_blocks      = ["10.60.0.10/32"]
  }

  # group openlm -> host cp; group openlm -> host edge1; group openlm -> host edge2
  egress {
    description      = "openlm/control-plane-443-tcp openlm/ingress-443-tcp-nopeer (3 flows)"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["10.60.0.10/32", "10.60.0.21/32", "10.60.0.22/32"]
  }

  # group openlm -> host cp; group openlm -> host edge1; group openlm -> host edge2
  egress {
    description      = "openlm/node-6443-tcp (3 flows)"
    protocol         = "tcp"
    from_port        = 6443
    to_port          = 6443
    cidr_blocks      = ["10.60.0.10/32", "10.60.0.21/32", "10.60.0.22/32"]
  }

  # group openlm -> host cp; group openlm -> host edge1; group openlm -> host edge2
  egress {
    description      = "openlm/node-10250-tcp (3 flows)"
    protocol         = "tcp"
    from_port        = 10250
    to_port          = 10250
    cidr_blocks      = ["10.60.0.10/32", "10.60.0.21/32", "10.60.0.22/32"]
  }

  # group openlm -> host cp; group openlm -> host edge1; group openlm -> host edge2
  egress {
    description      = "openlm/node-8472-udp (3 flows)"
    protocol         = "udp"
    from_port        = 8472
    to_port          = 8472
    cidr_blocks      = ["10.60.0.10/32", "10.60.0.21/32", "10.60.0.22/32"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "openlm"
  }
}

resource "aws_security_group" "group_openlm_node_4ade990b" {
  name        = "portolan-openlm-vip-group-openlm-node-4ade990b"
  description = "Portolan membership group openlm/node (attach to every member; egress of the group), topology openlm-vip"
  vpc_id      = var.vpc_id

  # group openlm/node -> zone office
  egress {
    description      = "openlm/node-443-tcp openlm/node (outbound): OpenLM container image registry"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["10.50.0.0/16"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "openlm/node"
  }
}

resource "aws_security_group" "group_vip_portal_187d30ac" {
  name        = "portolan-openlm-vip-group-vip-portal-187d30ac"
  description = "Portolan membership group vip:portal (attach to every member; egress of the group), topology openlm-vip"
  vpc_id      = var.vpc_id

  # group vip:portal -> host edge1; group vip:portal -> host edge2
  egress {
    description      = "openlm/ingress-80-tcp-nopeer (2 flows)"
    protocol         = "tcp"
    from_port        = 80
    to_port          = 80
    cidr_blocks      = ["10.60.0.21/32", "10.60.0.22/32"]
  }

  # group vip:portal -> host edge1; group vip:portal -> host edge2
  egress {
    description      = "openlm/ingress-443-tcp-broker openlm/ingress-443-tcp-directory-sync-agent openlm/ingress-443-tcp-nopeer openlm/ingress-443-tcp-web-ui openlm/ingress-443-tcp-workstation-agent (2 flows)"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["10.60.0.21/32", "10.60.0.22/32"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "vip:portal"
  }
}

output "portolan_instance_security_groups" {
  description = "Per host: the security groups to attach to its instance"
  value = {
    "haproxy1" = concat([aws_security_group.host_haproxy1.id], [aws_security_group.group_hosts_all_44b77471.id], [aws_security_group.group_vip_portal_187d30ac.id])
    "haproxy2" = concat([aws_security_group.host_haproxy2.id], [aws_security_group.group_hosts_all_44b77471.id], [aws_security_group.group_vip_portal_187d30ac.id])
    "cp" = concat([aws_security_group.host_cp.id], [aws_security_group.group_hosts_all_44b77471.id], [aws_security_group.group_openlm.id], [aws_security_group.group_openlm_node_4ade990b.id])
    "edge1" = concat([aws_security_group.host_edge1.id], [aws_security_group.group_hosts_all_44b77471.id], [aws_security_group.group_openlm.id], [aws_security_group.group_openlm_node_4ade990b.id])
    "edge2" = concat([aws_security_group.host_edge2.id], [aws_security_group.group_hosts_all_44b77471.id], [aws_security_group.group_openlm.id], [aws_security_group.group_openlm_node_4ade990b.id])
  }
}
