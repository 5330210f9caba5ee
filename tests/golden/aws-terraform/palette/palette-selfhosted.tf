# Portolan: AWS security groups for topology palette-selfhosted
# Applying this denies every flow, in and out, that no rule below allows.
# Stays open for management: 22/tcp from zone ops to group hosts:all.
# Stays open outbound (DNS, NTP, topology egress): 53/tcp to any, 53/udp to any, 123/udp to any, 443/tcp to zone internet.
# One group per host (attach it to the host's instance: the flows to it, its own egress), one
# membership group per plan group (attach it to every member: the group's egress) and one
# group per zone with egress (attach it to the zone's instances: egress of the zone and of any).
# The output portolan_instance_security_groups lists them per host. Each rule's description
# names its requirement ids.

variable "vpc_id" {
  type        = string
  description = "VPC of the instances"
}

resource "aws_security_group" "host_palette1" {
  name        = "portolan-palette-selfhosted-host-palette1"
  description = "Portolan rules for host palette1, topology palette-selfhosted"
  vpc_id      = var.vpc_id

  # zone ops -> group hosts:all
  ingress {
    description      = "topology:management management access, topology line 34"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["10.40.0.0/24"]
  }

  # zone mgmt -> host palette1; zone ops -> host palette1; zone workload -> host palette1
  ingress {
    description      = "palette/management-platform-443-tcp-in palette/management-platform-443-tcp-in-2 palette/workload-cluster-443-tcp-management-platform palette/workload-cluster-443-tcp-management-platform-2 (3 flows)"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["10.10.0.0/24", "10.30.0.0/16", "10.40.0.0/24"]
    ipv6_cidr_blocks = ["fd10::/64"]
  }

  # zone mgmt -> host palette1; zone ops -> host palette1; zone workload -> host palette1
  ingress {
    description      = "palette/management-platform-4222-tcp-agents-inside-the palette/management-platform-4222-tcp-message-bus-for palette/workload-cluster-4222-tcp-management-platform (3 flows)"
    protocol         = "tcp"
    from_port        = 4222
    to_port          = 4222
    cidr_blocks      = ["10.10.0.0/24", "10.30.0.0/16", "10.40.0.0/24"]
    ipv6_cidr_blocks = ["fd10::/64"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "palette1"
  }
}

resource "aws_security_group" "host_palette2" {
  name        = "portolan-palette-selfhosted-host-palette2"
  description = "Portolan rules for host palette2, topology palette-selfhosted"
  vpc_id      = var.vpc_id

  # zone ops -> group hosts:all
  ingress {
    description      = "topology:management management access, topology line 34"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["10.40.0.0/24"]
  }

  # zone mgmt -> host palette2; zone ops -> host palette2; zone workload -> host palette2
  ingress {
    description      = "palette/management-platform-443-tcp-in palette/management-platform-443-tcp-in-2 palette/workload-cluster-443-tcp-management-platform palette/workload-cluster-443-tcp-management-platform-2 (3 flows)"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["10.10.0.0/24", "10.30.0.0/16", "10.40.0.0/24"]
    ipv6_cidr_blocks = ["fd10::/64"]
  }

  # zone mgmt -> host palette2; zone ops -> host palette2; zone workload -> host palette2
  ingress {
    description      = "palette/management-platform-4222-tcp-agents-inside-the palette/management-platform-4222-tcp-message-bus-for palette/workload-cluster-4222-tcp-management-platform (3 flows)"
    protocol         = "tcp"
    from_port        = 4222
    to_port          = 4222
    cidr_blocks      = ["10.10.0.0/24", "10.30.0.0/16", "10.40.0.0/24"]
    ipv6_cidr_blocks = ["fd10::/64"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "palette2"
  }
}

resource "aws_security_group" "host_palette3" {
  name        = "portolan-palette-selfhosted-host-palette3"
  description = "Portolan rules for host palette3, topology palette-selfhosted"
  vpc_id      = var.vpc_id

  # zone ops -> group hosts:all
  ingress {
    description      = "topology:management management access, topology line 34"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["10.40.0.0/24"]
  }

  # zone mgmt -> host palette3; zone ops -> host palette3; zone workload -> host palette3
  ingress {
    description      = "palette/management-platform-443-tcp-in palette/management-platform-443-tcp-in-2 palette/workload-cluster-443-tcp-management-platform palette/workload-cluster-443-tcp-management-platform-2 (3 flows)"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["10.10.0.0/24", "10.30.0.0/16", "10.40.0.0/24"]
    ipv6_cidr_blocks = ["fd10::/64"]
  }

  # zone mgmt -> host palette3; zone ops -> host palette3; zone workload -> host palette3
  ingress {
    description      = "palette/management-platform-4222-tcp-agents-inside-the palette/management-platform-4222-tcp-message-bus-for palette/workload-cluster-4222-tcp-management-platform (3 flows)"
    protocol         = "tcp"
    from_port        = 4222
    to_port          = 4222
    cidr_blocks      = ["10.10.0.0/24", "10.30.0.0/16", "10.40.0.0/24"]
    ipv6_cidr_blocks = ["fd10::/64"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "palette3"
  }
}

resource "aws_security_group" "host_wl_a_cp_f597ebac" {
  name        = "portolan-palette-selfhosted-host-wl-a-cp"
  description = "Portolan rules for host wl-a-cp, topology palette-selfhosted"
  vpc_id      = var.vpc_id

  # zone ops -> group hosts:all; zone mgmt -> host wl-a-cp; zone ops -> host wl-a-cp; and 1 more flows
  ingress {
    description      = "palette/workload-cluster-22-tcp topology:management (4 flows)"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["10.10.0.0/24", "10.30.0.0/16", "10.40.0.0/24"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "wl-a-cp"
  }
}

resource "aws_security_group" "host_wl_a_w1_3e66c1cb" {
  name        = "portolan-palette-selfhosted-host-wl-a-w1"
  description = "Portolan rules for host wl-a-w1, topology palette-selfhosted"
  vpc_id      = var.vpc_id

  # zone ops -> group hosts:all; zone mgmt -> host wl-a-w1; zone ops -> host wl-a-w1; and 1 more flows
  ingress {
    description      = "palette/workload-cluster-22-tcp topology:management (4 flows)"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["10.10.0.0/24", "10.30.0.0/16", "10.40.0.0/24"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "wl-a-w1"
  }
}

resource "aws_security_group" "host_wl_b_cp_1b6886cf" {
  name        = "portolan-palette-selfhosted-host-wl-b-cp"
  description = "Portolan rules for host wl-b-cp, topology palette-selfhosted"
  vpc_id      = var.vpc_id

  # zone ops -> group hosts:all; zone mgmt -> host wl-b-cp; zone ops -> host wl-b-cp; and 1 more flows
  ingress {
    description      = "palette/workload-cluster-22-tcp topology:management (4 flows)"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["10.10.0.0/24", "10.30.0.0/16", "10.40.0.0/24"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "wl-b-cp"
  }
}

resource "aws_security_group" "group_hosts_all_44b77471" {
  name        = "portolan-palette-selfhosted-group-hosts-all-44b77471"
  description = "Portolan membership group hosts:all (attach to every member; egress of the group), topology palette-selfhosted"
  vpc_id      = var.vpc_id

  # group hosts:all -> any
  egress {
    description      = "topology:dns DNS to any address (the topology names no DNS egress)"
    protocol         = "tcp"
    from_port        = 53
    to_port          = 53
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = ["::/0"]
  }

  # group hosts:all -> any
  egress {
    description      = "topology:dns DNS to any address (the topology names no DNS egress)"
    protocol         = "udp"
    from_port        = 53
    to_port          = 53
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = ["::/0"]
  }

  # group hosts:all -> any
  egress {
    description      = "topology:ntp NTP to any address (the topology names no NTP egress)"
    protocol         = "udp"
    from_port        = 123
    to_port          = 123
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = ["::/0"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "hosts:all"
  }
}

resource "aws_security_group" "group_hosts_workload_0fa5bea7" {
  name        = "portolan-palette-selfhosted-group-hosts-workload-0fa5bea7"
  description = "Portolan membership group hosts:workload (attach to every member; egress of the group), topology palette-selfhosted"
  vpc_id      = var.vpc_id

  # group hosts:workload -> zone internet
  egress {
    description      = "palette/workload-cluster-443-tcp-nopeer topology:egress egress, topology line 36; palette/workload-cluster (outbound): vSphere vCenter API, registry (packs, integrations), pack containers, application updates"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["0.0.0.0/0"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "hosts:workload"
  }
}

resource "aws_security_group" "group_palette_management_platform_4c942a4e" {
  name        = "portolan-palette-selfhosted-group-palette-management-platform-4c942a4e"
  description = "Portolan membership group palette/management-platform (attach to every member; egress of the group), topology palette-selfhosted"
  vpc_id      = var.vpc_id

  # group palette/management-platform -> zone internet
  egress {
    description      = "palette/management-platform-443-tcp-out palette/management-platform (outbound): vSphere vCenter API, registry (packs, integrations), pack containers, app updates"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = ["::/0"]
  }

  # group palette/management-platform -> zone internet
  egress {
    description      = "palette/management-platform-6443-tcp palette/management-platform (outbound): API server of the workload Kubernetes clusters"
    protocol         = "tcp"
    from_port        = 6443
    to_port          = 6443
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = ["::/0"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "palette/management-platform"
  }
}

resource "aws_security_group" "group_palette_workload_cluster_19bed513" {
  name        = "portolan-palette-selfhosted-group-palette-workload-cluster-19bed513"
  description = "Portolan membership group palette/workload-cluster (attach to every member; egress of the group), topology palette-selfhosted"
  vpc_id      = var.vpc_id

  # group palette/workload-cluster -> zone internet
  egress {
    description      = "palette/workload-cluster-4222-tcp-nopeer palette/workload-cluster-4222-tcp-nopeer-2 palette/workload-cluster (outbound): Registry (packs, integrations), pack containers, application updates"
    protocol         = "tcp"
    from_port        = 4222
    to_port          = 4222
    cidr_blocks      = ["0.0.0.0/0"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "palette/workload-cluster"
  }
}

resource "aws_security_group" "group_palette_mgmt_98fe1e29" {
  name        = "portolan-palette-selfhosted-group-palette-mgmt-98fe1e29"
  description = "Portolan membership group palette@mgmt (attach to every member; egress of the group), topology palette-selfhosted"
  vpc_id      = var.vpc_id

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "palette@mgmt"
  }
}

resource "aws_security_group" "zone_mgmt" {
  name        = "portolan-palette-selfhosted-zone-mgmt"
  description = "Portolan zone mgmt (attach to every instance in it; egress of the zone), topology palette-selfhosted"
  vpc_id      = var.vpc_id

  # zone mgmt -> host palette1; zone mgmt -> host palette2; zone mgmt -> host palette3
  egress {
    description      = "palette/management-platform-443-tcp-in palette/management-platform-443-tcp-in-2 (3 flows)"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["10.10.0.11/32", "10.10.0.12/31"]
    ipv6_cidr_blocks = ["fd10::11/128", "fd10::12/127"]
  }

  # zone mgmt -> host palette1; zone mgmt -> host palette2; zone mgmt -> host palette3
  egress {
    description      = "palette/management-platform-4222-tcp-agents-inside-the palette/management-platform-4222-tcp-message-bus-for (3 flows)"
    protocol         = "tcp"
    from_port        = 4222
    to_port          = 4222
    cidr_blocks      = ["10.10.0.11/32", "10.10.0.12/31"]
    ipv6_cidr_blocks = ["fd10::11/128", "fd10::12/127"]
  }

  # zone mgmt -> host wl-a-cp; zone mgmt -> host wl-a-w1; zone mgmt -> host wl-b-cp
  egress {
    description      = "palette/workload-cluster-22-tcp (3 flows)"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["10.30.1.10/31", "10.30.2.10/32"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "mgmt"
  }
}

resource "aws_security_group" "zone_workload" {
  name        = "portolan-palette-selfhosted-zone-workload"
  description = "Portolan zone workload (attach to every instance in it; egress of the zone), topology palette-selfhosted"
  vpc_id      = var.vpc_id

  # zone workload -> host palette1; zone workload -> host palette2; zone workload -> host palette3
  egress {
    description      = "palette/management-platform-443-tcp-in palette/management-platform-443-tcp-in-2 palette/workload-cluster-443-tcp-management-platform palette/workload-cluster-443-tcp-management-platform-2 (3 flows)"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["10.10.0.11/32", "10.10.0.12/31"]
  }

  # zone workload -> host palette1; zone workload -> host palette2; zone workload -> host palette3
  egress {
    description      = "palette/management-platform-4222-tcp-agents-inside-the palette/management-platform-4222-tcp-message-bus-for palette/workload-cluster-4222-tcp-management-platform (3 flows)"
    protocol         = "tcp"
    from_port        = 4222
    to_port          = 4222
    cidr_blocks      = ["10.10.0.11/32", "10.10.0.12/31"]
  }

  # zone workload -> host wl-a-cp; zone workload -> host wl-a-w1; zone workload -> host wl-b-cp
  egress {
    description      = "palette/workload-cluster-22-tcp (3 flows)"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["10.30.1.10/31", "10.30.2.10/32"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "workload"
  }
}

output "portolan_instance_security_groups" {
  description = "Per host: the security groups to attach to its instance"
  value = {
    "palette1" = concat([aws_security_group.host_palette1.id], [aws_security_group.group_hosts_all_44b77471.id], [aws_security_group.group_palette_management_platform_4c942a4e.id], [aws_security_group.group_palette_mgmt_98fe1e29.id], [aws_security_group.zone_mgmt.id])
    "palette2" = concat([aws_security_group.host_palette2.id], [aws_security_group.group_hosts_all_44b77471.id], [aws_security_group.group_palette_management_platform_4c942a4e.id], [aws_security_group.group_palette_mgmt_98fe1e29.id], [aws_security_group.zone_mgmt.id])
    "palette3" = concat([aws_security_group.host_palette3.id], [aws_security_group.group_hosts_all_44b77471.id], [aws_security_group.group_palette_management_platform_4c942a4e.id], [aws_security_group.group_palette_mgmt_98fe1e29.id], [aws_security_group.zone_mgmt.id])
    "wl-a-cp" = concat([aws_security_group.host_wl_a_cp_f597ebac.id], [aws_security_group.group_hosts_all_44b77471.id], [aws_security_group.group_hosts_workload_0fa5bea7.id], [aws_security_group.group_palette_workload_cluster_19bed513.id], [aws_security_group.zone_workload.id])
    "wl-a-w1" = concat([aws_security_group.host_wl_a_w1_3e66c1cb.id], [aws_security_group.group_hosts_all_44b77471.id], [aws_security_group.group_hosts_workload_0fa5bea7.id], [aws_security_group.group_palette_workload_cluster_19bed513.id], [aws_security_group.zone_workload.id])
    "wl-b-cp" = concat([aws_security_group.host_wl_b_cp_1b6886cf.id], [aws_security_group.group_hosts_all_44b77471.id], [aws_security_group.group_hosts_workload_0fa5bea7.id], [aws_security_group.group_palette_workload_cluster_19bed513.id], [aws_security_group.zone_workload.id])
  }
}
