# Portolan: AWS security groups for topology docker-host
# Applying this denies every flow, in and out, that no rule below allows.
# Stays open for management: 22/tcp from zone vpn to group hosts:all.
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

resource "aws_security_group" "host_tools" {
  name        = "portolan-docker-host-host-tools"
  description = "Portolan rules for host tools, topology docker-host"
  vpc_id      = var.vpc_id

  # zone vpn -> group hosts:all
  ingress {
    description      = "topology:management management access, topology line 12"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["10.9.0.0/24"]
    ipv6_cidr_blocks = ["fd00:9::/64"]
  }

  # zone srv -> host tools
  ingress {
    description      = "topology:service service metrics relay, topology line 15"
    protocol         = "udp"
    from_port        = 8125
    to_port          = 8126
    cidr_blocks      = ["10.0.0.0/24"]
    ipv6_cidr_blocks = ["fd00:1::/64"]
  }

  # zone vpn -> host tools
  ingress {
    description      = "topology:service service dashboard, topology line 14"
    protocol         = "tcp"
    from_port        = 8443
    to_port          = 8443
    cidr_blocks      = ["10.9.0.0/24"]
    ipv6_cidr_blocks = ["fd00:9::/64"]
  }

  # host tools -> host db
  egress {
    description      = "topology:service service postgres, topology line 16"
    protocol         = "tcp"
    from_port        = 5432
    to_port          = 5432
    cidr_blocks      = ["10.0.0.6/32"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "tools"
  }
}

resource "aws_security_group" "host_db" {
  name        = "portolan-docker-host-host-db"
  description = "Portolan rules for host db, topology docker-host"
  vpc_id      = var.vpc_id

  # zone vpn -> group hosts:all
  ingress {
    description      = "topology:management management access, topology line 12"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["10.9.0.0/24"]
  }

  # host tools -> host db
  ingress {
    description      = "topology:service service postgres, topology line 16"
    protocol         = "tcp"
    from_port        = 5432
    to_port          = 5432
    cidr_blocks      = ["10.0.0.5/32"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "db"
  }
}

resource "aws_security_group" "group_hosts_all_44b77471" {
  name        = "portolan-docker-host-group-hosts-all-44b77471"
  description = "Portolan membership group hosts:all (attach to every member; egress of the group), topology docker-host"
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

resource "aws_security_group" "zone_srv" {
  name        = "portolan-docker-host-zone-srv"
  description = "Portolan zone srv (attach to every instance in it; egress of the zone), topology docker-host"
  vpc_id      = var.vpc_id

  # zone srv -> host tools
  egress {
    description      = "topology:service service metrics relay, topology line 15"
    protocol         = "udp"
    from_port        = 8125
    to_port          = 8126
    cidr_blocks      = ["10.0.0.5/32"]
    ipv6_cidr_blocks = ["fd00:1::5/128"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "srv"
  }
}

output "portolan_instance_security_groups" {
  description = "Per host: the security groups to attach to its instance"
  value = {
    "tools" = concat([aws_security_group.host_tools.id], [aws_security_group.group_hosts_all_44b77471.id], [aws_security_group.zone_srv.id])
    "db" = concat([aws_security_group.host_db.id], [aws_security_group.group_hosts_all_44b77471.id], [aws_security_group.zone_srv.id])
  }
}
