# Portolan: AWS security groups for topology hostile_; flush ruleset # _(reboot) _id_
# Applying this denies every flow, in and out, that no rule below allows.
# Stays open for management: 22/tcp from zone corp__(touch /tmp/pwned)_ COMMIT to group hosts:all.
# Stays open outbound (DNS, NTP, topology egress): 123/udp to any, 53/udp to host infra --comment _x_ -j ACCEPT; drop table inet portolan.
# One group per host (attach it to the host's instance: the flows to it, its own egress), one
# membership group per plan group (attach it to every member: the group's egress) and one
# group per zone with egress (attach it to the zone's instances: egress of the zone and of any).
# The output portolan_instance_security_groups lists them per host. Each rule's description
# names its requirement ids.

variable "vpc_id" {
  type        = string
  description = "VPC of the instances"
}

resource "aws_security_group" "host_lb1_flush_ruleset_6daae0fc" {
  name        = "portolan-hostile-flush-r-b3c45d22-host-lb1-flush-ruleset-6daae0fc"
  description = "Portolan rules for host lb1_; flush ruleset #, topology hostile_; flush ruleset # $(reboot) _id_"
  vpc_id      = var.vpc_id

  # zone corp__(touch /tmp/pwned)_ COMMIT -> group hosts:all
  ingress {
    description      = "topology:management management access, topology line 33"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["10.20.0.0/16"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "lb1_; flush ruleset #"
  }
}

resource "aws_security_group" "host_cp1_id_a_input_j_accept_b45c7acc" {
  name        = "portolan-hostile-flush-r-b3c45d22-host-cp1-id-a-input-j-accept-b45c7acc"
  description = "Portolan rules for host cp1_id_; -A INPUT -j ACCEPT, topology hostile_; flush ruleset # $(reboot) _id_"
  vpc_id      = var.vpc_id

  # zone corp__(touch /tmp/pwned)_ COMMIT -> group hosts:all; zone cl?ster _{var} %{if x} <b>|</b> -> host cp1_id_; -A INPUT -j ACCEPT; zone corp__(touch /tmp/pwned)_ COMMIT -> host cp1_id_; -A INPUT -j ACCEPT
  ingress {
    description      = "openlm/node-22-tcp topology:management (3 flows)"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["10.0.0.0/22", "10.20.0.0/16"]
    ipv6_cidr_blocks = ["fd00::/64", "fd20::/48"]
  }

  # zone cl?ster _{var} %{if x} <b>|</b> -> host cp1_id_; -A INPUT -j ACCEPT; zone corp__(touch /tmp/pwned)_ COMMIT -> host cp1_id_; -A INPUT -j ACCEPT; group openlm -> host cp1_id_; -A INPUT -j ACCEPT
  ingress {
    description      = "openlm/control-plane-80-tcp openlm/ingress-80-tcp-nopeer (3 flows)"
    protocol         = "tcp"
    from_port        = 80
    to_port          = 80
    cidr_blocks      = ["10.0.0.0/22", "10.20.0.0/16"]
    ipv6_cidr_blocks = ["fd00::/64", "fd20::/48"]
    security_groups  = [aws_security_group.group_openlm.id]
  }

  # zone corp__(touch /tmp/pwned)_ COMMIT -> host cp1_id_; -A INPUT -j ACCEPT; zone internet_; accept # -> host cp1_id_; -A INPUT -j ACCEPT; group openlm -> host cp1_id_; -A INPUT -j ACCEPT
  ingress {
    description      = "openlm/control-plane-443-tcp openlm/ingress-443-tcp-broker openlm/ingress-443-tcp-directory-sync-agent openlm/ingress-443-tcp-nopeer openlm/ingress-443-tcp-web-ui openlm/ingress-443-tcp-workstation-agent (3 flows)"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = ["::/0"]
    security_groups  = [aws_security_group.group_openlm.id]
  }

  # group openlm@cl?ster _{var} %{if x} <b>|</b> -> host cp1_id_; -A INPUT -j ACCEPT
  ingress {
    description      = "openlm/node-6443-tcp openlm/node (internal): Kubernetes API server"
    protocol         = "tcp"
    from_port        = 6443
    to_port          = 6443
    security_groups  = [aws_security_group.group_openlm_cl_ster_var_if_x_b_b_fd38bd9e.id]
  }

  # group openlm@cl?ster _{var} %{if x} <b>|</b> -> host cp1_id_; -A INPUT -j ACCEPT
  ingress {
    description      = "openlm/node-10250-tcp openlm/node (internal): Kubelet metrics"
    protocol         = "tcp"
    from_port        = 10250
    to_port          = 10250
    security_groups  = [aws_security_group.group_openlm_cl_ster_var_if_x_b_b_fd38bd9e.id]
  }

  # group openlm@cl?ster _{var} %{if x} <b>|</b> -> host cp1_id_; -A INPUT -j ACCEPT
  ingress {
    description      = "openlm/node-8472-udp openlm/node (internal): Flannel VXLAN overlay"
    protocol         = "udp"
    from_port        = 8472
    to_port          = 8472
    security_groups  = [aws_security_group.group_openlm_cl_ster_var_if_x_b_b_fd38bd9e.id]
  }

  # group openlm@cl?ster _{var} %{if x} <b>|</b> -> host cp1_id_; -A INPUT -j ACCEPT
  ingress {
    description      = "openlm/node-51820-udp openlm/node (internal): Flannel WireGuard backend (if enabled)"
    protocol         = "udp"
    from_port        = 51820
    to_port          = 51820
    security_groups  = [aws_security_group.group_openlm_cl_ster_var_if_x_b_b_fd38bd9e.id]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "cp1_id_; -A INPUT -j ACCEPT"
  }
}

resource "aws_security_group" "host_cmd_c_calc_a0_67eef17a" {
  name        = "portolan-hostile-flush-r-b3c45d22-host-cmd-c-calc-a0-67eef17a"
  description = "Portolan rules for host =cmd__ /C calc_!A0 __ ___, topology hostile_; flush ruleset # $(reboot) _id_"
  vpc_id      = var.vpc_id

  # zone corp__(touch /tmp/pwned)_ COMMIT -> group hosts:all; zone cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ???; zone corp__(touch /tmp/pwned)_ COMMIT -> host =cmd|_ /C calc_!A0 ?? ???
  ingress {
    description      = "openlm/node-22-tcp topology:management (3 flows)"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["10.0.0.0/22", "10.20.0.0/16"]
    ipv6_cidr_blocks = ["fd00::/64", "fd20::/48"]
  }

  # group openlm@cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ???
  ingress {
    description      = "openlm/node-6443-tcp openlm/node (internal): Kubernetes API server"
    protocol         = "tcp"
    from_port        = 6443
    to_port          = 6443
    security_groups  = [aws_security_group.group_openlm_cl_ster_var_if_x_b_b_fd38bd9e.id]
  }

  # group openlm@cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ???
  ingress {
    description      = "openlm/node-10250-tcp openlm/node (internal): Kubelet metrics"
    protocol         = "tcp"
    from_port        = 10250
    to_port          = 10250
    security_groups  = [aws_security_group.group_openlm_cl_ster_var_if_x_b_b_fd38bd9e.id]
  }

  # group openlm@cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ???
  ingress {
    description      = "openlm/node-8472-udp openlm/node (internal): Flannel VXLAN overlay"
    protocol         = "udp"
    from_port        = 8472
    to_port          = 8472
    security_groups  = [aws_security_group.group_openlm_cl_ster_var_if_x_b_b_fd38bd9e.id]
  }

  # group openlm@cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ???
  ingress {
    description      = "openlm/node-51820-udp openlm/node (internal): Flannel WireGuard backend (if enabled)"
    protocol         = "udp"
    from_port        = 51820
    to_port          = 51820
    security_groups  = [aws_security_group.group_openlm_cl_ster_var_if_x_b_b_fd38bd9e.id]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "=cmd__ /C calc_!A0 __ ___"
  }
}

resource "aws_security_group" "host_infra_comment_x_j_accept_drop_table_ine_dbe79018" {
  name        = "portolan-hostile-flush-r-b3c45d22-host-infra-comment-x-j-accept-drop-table-inet-portolan-dbe79018"
  description = "Portolan rules for host infra --comment _x_ -j ACCEPT; drop table inet portolan, topology hostile_; flush ruleset # $(reboot) _id_"
  vpc_id      = var.vpc_id

  # zone corp__(touch /tmp/pwned)_ COMMIT -> group hosts:all; zone cl?ster _{var} %{if x} <b>|</b> -> host infra --comment _x_ -j ACCEPT; drop table inet portolan; zone corp__(touch /tmp/pwned)_ COMMIT -> host infra --comment _x_ -j ACCEPT; drop table inet portolan
  ingress {
    description      = "openlm/node-22-tcp topology:management (3 flows)"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["10.0.0.0/22", "10.20.0.0/16"]
  }

  # zone corp__(touch /tmp/pwned)_ COMMIT -> host infra --comment _x_ -j ACCEPT; drop table inet portolan
  ingress {
    description      = "openlm/infrastructure-30432-tcp openlm/infrastructure (inbound): PostgreSQL NodePort for Power BI and similar reporting tools"
    protocol         = "tcp"
    from_port        = 30432
    to_port          = 30432
    cidr_blocks      = ["10.20.0.0/16"]
  }

  # group hosts:all -> host infra --comment _x_ -j ACCEPT; drop table inet portolan
  ingress {
    description      = "topology:egress egress, topology line 34"
    protocol         = "udp"
    from_port        = 53
    to_port          = 53
    security_groups  = [aws_security_group.group_hosts_all_44b77471.id]
  }

  # group openlm@cl?ster _{var} %{if x} <b>|</b> -> host infra --comment _x_ -j ACCEPT; drop table inet portolan
  ingress {
    description      = "openlm/node-6443-tcp openlm/node (internal): Kubernetes API server"
    protocol         = "tcp"
    from_port        = 6443
    to_port          = 6443
    security_groups  = [aws_security_group.group_openlm_cl_ster_var_if_x_b_b_fd38bd9e.id]
  }

  # group openlm@cl?ster _{var} %{if x} <b>|</b> -> host infra --comment _x_ -j ACCEPT; drop table inet portolan
  ingress {
    description      = "openlm/node-10250-tcp openlm/node (internal): Kubelet metrics"
    protocol         = "tcp"
    from_port        = 10250
    to_port          = 10250
    security_groups  = [aws_security_group.group_openlm_cl_ster_var_if_x_b_b_fd38bd9e.id]
  }

  # group openlm@cl?ster _{var} %{if x} <b>|</b> -> host infra --comment _x_ -j ACCEPT; drop table inet portolan
  ingress {
    description      = "openlm/node-8472-udp openlm/node (internal): Flannel VXLAN overlay"
    protocol         = "udp"
    from_port        = 8472
    to_port          = 8472
    security_groups  = [aws_security_group.group_openlm_cl_ster_var_if_x_b_b_fd38bd9e.id]
  }

  # group openlm@cl?ster _{var} %{if x} <b>|</b> -> host infra --comment _x_ -j ACCEPT; drop table inet portolan
  ingress {
    description      = "openlm/node-51820-udp openlm/node (internal): Flannel WireGuard backend (if enabled)"
    protocol         = "udp"
    from_port        = 51820
    to_port          = 51820
    security_groups  = [aws_security_group.group_openlm_cl_ster_var_if_x_b_b_fd38bd9e.id]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "infra --comment _x_ -j ACCEPT; drop table inet portolan"
  }
}

resource "aws_security_group" "group_hosts_all_44b77471" {
  name        = "portolan-hostile-flush-r-b3c45d22-group-hosts-all-44b77471"
  description = "Portolan membership group hosts:all (attach to every member; egress of the group), topology hostile_; flush ruleset # $(reboot) _id_"
  vpc_id      = var.vpc_id

  # group hosts:all -> any
  egress {
    description      = "topology:ntp NTP to any address (the topology names no NTP egress)"
    protocol         = "udp"
    from_port        = 123
    to_port          = 123
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = ["::/0"]
  }

  # group hosts:all -> host infra --comment _x_ -j ACCEPT; drop table inet portolan
  egress {
    description      = "topology:egress egress, topology line 34"
    protocol         = "udp"
    from_port        = 53
    to_port          = 53
    cidr_blocks      = ["10.0.0.20/32"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "hosts:all"
  }
}

resource "aws_security_group" "group_openlm" {
  name        = "portolan-hostile-flush-r-b3c45d22-group-openlm"
  description = "Portolan membership group openlm (attach to every member; egress of the group), topology hostile_; flush ruleset # $(reboot) _id_"
  vpc_id      = var.vpc_id

  # group openlm -> host cp1_id_; -A INPUT -j ACCEPT
  egress {
    description      = "openlm/control-plane-80-tcp openlm/ingress-80-tcp-nopeer openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS; openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to H"
    protocol         = "tcp"
    from_port        = 80
    to_port          = 80
    cidr_blocks      = ["10.0.0.10/32"]
    ipv6_cidr_blocks = ["fd00::10/128"]
  }

  # group openlm -> host cp1_id_; -A INPUT -j ACCEPT
  egress {
    description      = "openlm/control-plane-443-tcp openlm/ingress-443-tcp-nopeer openlm/control-plane (inbound): HTTPS ingress for agents, UI and API; openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint "
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["10.0.0.10/32"]
    ipv6_cidr_blocks = ["fd00::10/128"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "openlm"
  }
}

resource "aws_security_group" "group_openlm_node_4ade990b" {
  name        = "portolan-hostile-flush-r-b3c45d22-group-openlm-node-4ade990b"
  description = "Portolan membership group openlm/node (attach to every member; egress of the group), topology hostile_; flush ruleset # $(reboot) _id_"
  vpc_id      = var.vpc_id

  # group openlm/node -> zone internet_; accept #
  egress {
    description      = "openlm/node-443-tcp openlm/node (outbound): OpenLM container image registry"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = ["::/0"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "openlm/node"
  }
}

resource "aws_security_group" "group_openlm_cl_ster_var_if_x_b_b_fd38bd9e" {
  name        = "portolan-hostile-flush-r-b3c45d22-group-openlm-cl-ster-var-if-x-b-b-fd38bd9e"
  description = "Portolan membership group openlm@cl_ster $${var} _{if x} _b___/b_ (attach to every member; egress of the group), topology hostile_; flush ruleset # $(reboot) _id_"
  vpc_id      = var.vpc_id

  # group openlm@cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ???; group openlm@cl?ster _{var} %{if x} <b>|</b> -> host cp1_id_; -A INPUT -j ACCEPT; group openlm@cl?ster _{var} %{if x} <b>|</b> -> host infra --comment _x_ -j ACCEPT; drop table inet portolan
  egress {
    description      = "openlm/node-6443-tcp (3 flows)"
    protocol         = "tcp"
    from_port        = 6443
    to_port          = 6443
    cidr_blocks      = ["10.0.0.10/31", "10.0.0.20/32"]
    ipv6_cidr_blocks = ["fd00::10/127"]
  }

  # group openlm@cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ???; group openlm@cl?ster _{var} %{if x} <b>|</b> -> host cp1_id_; -A INPUT -j ACCEPT; group openlm@cl?ster _{var} %{if x} <b>|</b> -> host infra --comment _x_ -j ACCEPT; drop table inet portolan
  egress {
    description      = "openlm/node-10250-tcp (3 flows)"
    protocol         = "tcp"
    from_port        = 10250
    to_port          = 10250
    cidr_blocks      = ["10.0.0.10/31", "10.0.0.20/32"]
    ipv6_cidr_blocks = ["fd00::10/127"]
  }

  # group openlm@cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ???; group openlm@cl?ster _{var} %{if x} <b>|</b> -> host cp1_id_; -A INPUT -j ACCEPT; group openlm@cl?ster _{var} %{if x} <b>|</b> -> host infra --comment _x_ -j ACCEPT; drop table inet portolan
  egress {
    description      = "openlm/node-8472-udp (3 flows)"
    protocol         = "udp"
    from_port        = 8472
    to_port          = 8472
    cidr_blocks      = ["10.0.0.10/31", "10.0.0.20/32"]
    ipv6_cidr_blocks = ["fd00::10/127"]
  }

  # group openlm@cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ???; group openlm@cl?ster _{var} %{if x} <b>|</b> -> host cp1_id_; -A INPUT -j ACCEPT; group openlm@cl?ster _{var} %{if x} <b>|</b> -> host infra --comment _x_ -j ACCEPT; drop table inet portolan
  egress {
    description      = "openlm/node-51820-udp (3 flows)"
    protocol         = "udp"
    from_port        = 51820
    to_port          = 51820
    cidr_blocks      = ["10.0.0.10/31", "10.0.0.20/32"]
    ipv6_cidr_blocks = ["fd00::10/127"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "openlm@cl_ster $${var} _{if x} _b___/b_"
  }
}

resource "aws_security_group" "zone_internet_accept_5326bdbc" {
  name        = "portolan-hostile-flush-r-b3c45d22-zone-internet-accept-5326bdbc"
  description = "Portolan zone internet_; accept # (attach to every instance in it; egress of the zone), topology hostile_; flush ruleset # $(reboot) _id_"
  vpc_id      = var.vpc_id

  # zone internet_; accept # -> host cp1_id_; -A INPUT -j ACCEPT
  egress {
    description      = "openlm/ingress-443-tcp-broker openlm/ingress-443-tcp-directory-sync-agent openlm/ingress-443-tcp-nopeer openlm/ingress-443-tcp-web-ui openlm/ingress-443-tcp-workstation-agent openlm/ingress (inbound): All inbound traffic from field agents and from web UI "
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["10.0.0.10/32"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "internet_; accept #"
  }
}

resource "aws_security_group" "zone_cl_ster_var_if_x_b_b_1b4516d9" {
  name        = "portolan-hostile-flush-r-b3c45d22-zone-cl-ster-var-if-x-b-b-1b4516d9"
  description = "Portolan zone cl_ster $${var} _{if x} _b___/b_ (attach to every instance in it; egress of the zone), topology hostile_; flush ruleset # $(reboot) _id_"
  vpc_id      = var.vpc_id

  # zone cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ???; zone cl?ster _{var} %{if x} <b>|</b> -> host cp1_id_; -A INPUT -j ACCEPT; zone cl?ster _{var} %{if x} <b>|</b> -> host infra --comment _x_ -j ACCEPT; drop table inet portolan
  egress {
    description      = "openlm/node-22-tcp (3 flows)"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["10.0.0.10/31", "10.0.0.20/32"]
    ipv6_cidr_blocks = ["fd00::10/127"]
  }

  # zone cl?ster _{var} %{if x} <b>|</b> -> host cp1_id_; -A INPUT -j ACCEPT
  egress {
    description      = "openlm/control-plane-80-tcp openlm/ingress-80-tcp-nopeer openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.; openlm/control-plane (inbound): HTTP ingress that redirects to "
    protocol         = "tcp"
    from_port        = 80
    to_port          = 80
    cidr_blocks      = ["10.0.0.10/32"]
    ipv6_cidr_blocks = ["fd00::10/128"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "cl_ster $${var} _{if x} _b___/b_"
  }
}

output "portolan_instance_security_groups" {
  description = "Per host: the security groups to attach to its instance"
  value = {
    "lb1\"; flush ruleset #" = concat([aws_security_group.host_lb1_flush_ruleset_6daae0fc.id], [aws_security_group.group_hosts_all_44b77471.id], [aws_security_group.group_openlm.id], [aws_security_group.zone_internet_accept_5326bdbc.id])
    "cp1`id`;\u2028-A INPUT -j ACCEPT" = concat([aws_security_group.host_cp1_id_a_input_j_accept_b45c7acc.id], [aws_security_group.group_hosts_all_44b77471.id], [aws_security_group.group_openlm.id], [aws_security_group.group_openlm_node_4ade990b.id], [aws_security_group.group_openlm_cl_ster_var_if_x_b_b_fd38bd9e.id], [aws_security_group.zone_cl_ster_var_if_x_b_b_1b4516d9.id])
    "=cmd|' /C calc'!A0 \u26a0\ufe0f \u30ce\u30fc\u30c9" = concat([aws_security_group.host_cmd_c_calc_a0_67eef17a.id], [aws_security_group.group_hosts_all_44b77471.id], [aws_security_group.group_openlm.id], [aws_security_group.group_openlm_node_4ade990b.id], [aws_security_group.group_openlm_cl_ster_var_if_x_b_b_fd38bd9e.id], [aws_security_group.zone_cl_ster_var_if_x_b_b_1b4516d9.id])
    "infra --comment \"x\" -j ACCEPT; drop table inet portolan" = concat([aws_security_group.host_infra_comment_x_j_accept_drop_table_ine_dbe79018.id], [aws_security_group.group_hosts_all_44b77471.id], [aws_security_group.group_openlm.id], [aws_security_group.group_openlm_node_4ade990b.id], [aws_security_group.group_openlm_cl_ster_var_if_x_b_b_fd38bd9e.id], [aws_security_group.zone_cl_ster_var_if_x_b_b_1b4516d9.id])
  }
}
