# Portolan: AWS security groups for topology broken
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

resource "aws_security_group" "host_m1" {
  name        = "portolan-broken-host-m1"
  description = "Portolan rules for host m1, topology broken"
  vpc_id      = var.vpc_id

  # zone corp -> host m1; group omero-k8s@cluster -> host m1
  ingress {
    description      = "omero-k8s/control-plane-8472-udp-h1d7f omero-k8s/control-plane-8472-udp-h84d7 omero-k8s/worker-8472-udp (2 flows)"
    protocol         = "udp"
    from_port        = 8472
    to_port          = 8472
    cidr_blocks      = ["10.20.0.0/16"]
    security_groups  = [aws_security_group.group_omero_k8s_cluster_aa7ca200.id]
  }

  # group omero-k8s@cluster -> host m1
  ingress {
    description      = "omero-k8s/control-plane-2379-2380-tcp omero-k8s/control-plane (inbound): etcd client and peer API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
    protocol         = "tcp"
    from_port        = 2379
    to_port          = 2380
    security_groups  = [aws_security_group.group_omero_k8s_cluster_aa7ca200.id]
  }

  # group omero-k8s@cluster -> host m1
  ingress {
    description      = "omero-k8s/postgresql-5432-tcp-int omero-k8s/postgresql-5432-tcp-nodir omero-k8s/postgresql (internal): PostgreSQL database; omero-k8s/postgresql (inbound): PostgreSQL should not be exposed externally on TCP port 5432; only clients inside the internal netw"
    protocol         = "tcp"
    from_port        = 5432
    to_port          = 5432
    security_groups  = [aws_security_group.group_omero_k8s_cluster_aa7ca200.id]
  }

  # group omero-k8s@cluster -> host m1
  ingress {
    description      = "omero-k8s/control-plane-6443-tcp omero-k8s/control-plane (inbound): Kubernetes API server [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
    protocol         = "tcp"
    from_port        = 6443
    to_port          = 6443
    security_groups  = [aws_security_group.group_omero_k8s_cluster_aa7ca200.id]
  }

  # group omero-k8s@cluster -> host m1
  ingress {
    description      = "omero-k8s/keycloak-8080-tcp-http-including-the omero-k8s/keycloak-8080-tcp-keycloak-serves-http omero-k8s/keycloak (inbound): HTTP, including the admin console [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assu"
    protocol         = "tcp"
    from_port        = 8080
    to_port          = 8080
    security_groups  = [aws_security_group.group_omero_k8s_cluster_aa7ca200.id]
  }

  # group omero-k8s@cluster -> host m1
  ingress {
    description      = "omero-k8s/keycloak-8443-tcp-https omero-k8s/keycloak-8443-tcp-keycloak-serves-http omero-k8s/keycloak (inbound): HTTPS [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/keycloak (inbound): Keycl"
    protocol         = "tcp"
    from_port        = 8443
    to_port          = 8443
    security_groups  = [aws_security_group.group_omero_k8s_cluster_aa7ca200.id]
  }

  # group omero-k8s@cluster -> host m1
  ingress {
    description      = "omero-k8s/control-plane-10250-tcp omero-k8s/control-plane-10251-tcp omero-k8s/control-plane-10252-tcp omero-k8s/worker-10250-tcp omero-k8s/control-plane (inbound): Kubelet API [ASSUMED: the document states no usable peer or direction; planned narrowly, se"
    protocol         = "tcp"
    from_port        = 10250
    to_port          = 10252
    security_groups  = [aws_security_group.group_omero_k8s_cluster_aa7ca200.id]
  }

  # group omero-k8s@cluster -> host m1; host w2 -> host m1
  ingress {
    description      = "omero-k8s/worker-30000-32767-tcp (2 flows)"
    protocol         = "tcp"
    from_port        = 30000
    to_port          = 32767
    cidr_blocks      = ["10.0.0.12/32"]
    security_groups  = [aws_security_group.group_omero_k8s_cluster_aa7ca200.id]
  }

  # host w2 -> host m1
  ingress {
    description      = "omero-k8s/worker-10250-tcp omero-k8s/worker (inbound): Kubelet API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
    protocol         = "tcp"
    from_port        = 10250
    to_port          = 10250
    cidr_blocks      = ["10.0.0.12/32"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "m1"
  }
}

resource "aws_security_group" "host_w1" {
  name        = "portolan-broken-host-w1"
  description = "Portolan rules for host w1, topology broken"
  vpc_id      = var.vpc_id

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "w1"
  }
}

resource "aws_security_group" "host_w2" {
  name        = "portolan-broken-host-w2"
  description = "Portolan rules for host w2, topology broken"
  vpc_id      = var.vpc_id

  # zone corp -> host w2
  ingress {
    description      = "omero-k8s/worker-8472-udp omero-k8s/worker (inbound): Flannel VXLAN overlay"
    protocol         = "udp"
    from_port        = 8472
    to_port          = 8472
    cidr_blocks      = ["10.20.0.0/16"]
  }

  # group omero-k8s -> host w2
  ingress {
    description      = "omero-k8s/worker-10250-tcp omero-k8s/worker (inbound): Kubelet API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
    protocol         = "tcp"
    from_port        = 10250
    to_port          = 10250
    security_groups  = [aws_security_group.group_omero_k8s_0e08ec82.id]
  }

  # group omero-k8s -> host w2
  ingress {
    description      = "omero-k8s/worker-30000-32767-tcp omero-k8s/worker (inbound): Range for NodePort services [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
    protocol         = "tcp"
    from_port        = 30000
    to_port          = 32767
    security_groups  = [aws_security_group.group_omero_k8s_0e08ec82.id]
  }

  # host w2 -> host m1; host w2 -> host w3
  egress {
    description      = "omero-k8s/worker-10250-tcp (2 flows)"
    protocol         = "tcp"
    from_port        = 10250
    to_port          = 10250
    cidr_blocks      = ["10.0.0.10/32", "10.0.9.13/32"]
  }

  # host w2 -> host m1; host w2 -> host w3
  egress {
    description      = "omero-k8s/worker-30000-32767-tcp (2 flows)"
    protocol         = "tcp"
    from_port        = 30000
    to_port          = 32767
    cidr_blocks      = ["10.0.0.10/32", "10.0.9.13/32"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "w2"
  }
}

resource "aws_security_group" "host_w3" {
  name        = "portolan-broken-host-w3"
  description = "Portolan rules for host w3, topology broken"
  vpc_id      = var.vpc_id

  # zone corp -> host w3
  ingress {
    description      = "omero-k8s/worker-8472-udp omero-k8s/worker (inbound): Flannel VXLAN overlay"
    protocol         = "udp"
    from_port        = 8472
    to_port          = 8472
    cidr_blocks      = ["10.20.0.0/16"]
  }

  # group omero-k8s@cluster -> host w3; host w2 -> host w3
  ingress {
    description      = "omero-k8s/worker-10250-tcp (2 flows)"
    protocol         = "tcp"
    from_port        = 10250
    to_port          = 10250
    cidr_blocks      = ["10.0.0.12/32"]
    security_groups  = [aws_security_group.group_omero_k8s_cluster_aa7ca200.id]
  }

  # group omero-k8s@cluster -> host w3; host w2 -> host w3
  ingress {
    description      = "omero-k8s/worker-30000-32767-tcp (2 flows)"
    protocol         = "tcp"
    from_port        = 30000
    to_port          = 32767
    cidr_blocks      = ["10.0.0.12/32"]
    security_groups  = [aws_security_group.group_omero_k8s_cluster_aa7ca200.id]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "w3"
  }
}

resource "aws_security_group" "host_w4" {
  name        = "portolan-broken-host-w4"
  description = "Portolan rules for host w4, topology broken"
  vpc_id      = var.vpc_id

  # group omero-k8s@cluster -> host w4
  ingress {
    description      = "omero-k8s/worker-10250-tcp omero-k8s/worker (inbound): Kubelet API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
    protocol         = "tcp"
    from_port        = 10250
    to_port          = 10250
    security_groups  = [aws_security_group.group_omero_k8s_cluster_aa7ca200.id]
  }

  # group omero-k8s@cluster -> host w4
  ingress {
    description      = "omero-k8s/worker-30000-32767-tcp omero-k8s/worker (inbound): Range for NodePort services [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
    protocol         = "tcp"
    from_port        = 30000
    to_port          = 32767
    security_groups  = [aws_security_group.group_omero_k8s_cluster_aa7ca200.id]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "w4"
  }
}

resource "aws_security_group" "host_w5" {
  name        = "portolan-broken-host-w5"
  description = "Portolan rules for host w5, topology broken"
  vpc_id      = var.vpc_id

  # zone internet -> host w5
  ingress {
    description      = "openlm/ingress-443-tcp-broker openlm/ingress-443-tcp-directory-sync-agent openlm/ingress-443-tcp-web-ui openlm/ingress-443-tcp-workstation-agent openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["0.0.0.0/0"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "w5"
  }
}

resource "aws_security_group" "group_hosts_all_44b77471" {
  name        = "portolan-broken-group-hosts-all-44b77471"
  description = "Portolan membership group hosts:all (attach to every member; egress of the group), topology broken"
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

resource "aws_security_group" "group_omero_k8s_0e08ec82" {
  name        = "portolan-broken-group-omero-k8s"
  description = "Portolan membership group omero-k8s (attach to every member; egress of the group), topology broken"
  vpc_id      = var.vpc_id

  # group omero-k8s -> host w2
  egress {
    description      = "omero-k8s/worker-10250-tcp omero-k8s/worker (inbound): Kubelet API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
    protocol         = "tcp"
    from_port        = 10250
    to_port          = 10250
    cidr_blocks      = ["10.0.0.12/32"]
  }

  # group omero-k8s -> host w2
  egress {
    description      = "omero-k8s/worker-30000-32767-tcp omero-k8s/worker (inbound): Range for NodePort services [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
    protocol         = "tcp"
    from_port        = 30000
    to_port          = 32767
    cidr_blocks      = ["10.0.0.12/32"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "omero-k8s"
  }
}

resource "aws_security_group" "group_omero_k8s_cluster_aa7ca200" {
  name        = "portolan-broken-group-omero-k8s-cluster-aa7ca200"
  description = "Portolan membership group omero-k8s@cluster (attach to every member; egress of the group), topology broken"
  vpc_id      = var.vpc_id

  # group omero-k8s@cluster -> host m1
  egress {
    description      = "omero-k8s/control-plane-2379-2380-tcp omero-k8s/control-plane (inbound): etcd client and peer API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
    protocol         = "tcp"
    from_port        = 2379
    to_port          = 2380
    cidr_blocks      = ["10.0.0.10/32"]
  }

  # group omero-k8s@cluster -> host m1
  egress {
    description      = "omero-k8s/postgresql-5432-tcp-int omero-k8s/postgresql-5432-tcp-nodir omero-k8s/postgresql (internal): PostgreSQL database; omero-k8s/postgresql (inbound): PostgreSQL should not be exposed externally on TCP port 5432; only clients inside the internal netw"
    protocol         = "tcp"
    from_port        = 5432
    to_port          = 5432
    cidr_blocks      = ["10.0.0.10/32"]
  }

  # group omero-k8s@cluster -> host m1
  egress {
    description      = "omero-k8s/control-plane-6443-tcp omero-k8s/control-plane (inbound): Kubernetes API server [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
    protocol         = "tcp"
    from_port        = 6443
    to_port          = 6443
    cidr_blocks      = ["10.0.0.10/32"]
  }

  # group omero-k8s@cluster -> host m1
  egress {
    description      = "omero-k8s/keycloak-8080-tcp-http-including-the omero-k8s/keycloak-8080-tcp-keycloak-serves-http omero-k8s/keycloak (inbound): HTTP, including the admin console [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assu"
    protocol         = "tcp"
    from_port        = 8080
    to_port          = 8080
    cidr_blocks      = ["10.0.0.10/32"]
  }

  # group omero-k8s@cluster -> host m1
  egress {
    description      = "omero-k8s/keycloak-8443-tcp-https omero-k8s/keycloak-8443-tcp-keycloak-serves-http omero-k8s/keycloak (inbound): HTTPS [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/keycloak (inbound): Keycl"
    protocol         = "tcp"
    from_port        = 8443
    to_port          = 8443
    cidr_blocks      = ["10.0.0.10/32"]
  }

  # group omero-k8s@cluster -> host m1
  egress {
    description      = "omero-k8s/control-plane-10250-tcp omero-k8s/control-plane-10251-tcp omero-k8s/control-plane-10252-tcp omero-k8s/worker-10250-tcp omero-k8s/control-plane (inbound): Kubelet API [ASSUMED: the document states no usable peer or direction; planned narrowly, se"
    protocol         = "tcp"
    from_port        = 10250
    to_port          = 10252
    cidr_blocks      = ["10.0.0.10/32"]
  }

  # group omero-k8s@cluster -> host m1; group omero-k8s@cluster -> host w3; group omero-k8s@cluster -> host w4
  egress {
    description      = "omero-k8s/worker-30000-32767-tcp (3 flows)"
    protocol         = "tcp"
    from_port        = 30000
    to_port          = 32767
    cidr_blocks      = ["10.0.0.10/32", "10.0.9.13/32"]
    ipv6_cidr_blocks = ["fd00::14/128"]
  }

  # group omero-k8s@cluster -> host m1
  egress {
    description      = "omero-k8s/control-plane-8472-udp-h1d7f omero-k8s/control-plane-8472-udp-h84d7 omero-k8s/control-plane (inbound): Flannel VXLAN overlay [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/control-p"
    protocol         = "udp"
    from_port        = 8472
    to_port          = 8472
    cidr_blocks      = ["10.0.0.10/32"]
  }

  # group omero-k8s@cluster -> host w3; group omero-k8s@cluster -> host w4
  egress {
    description      = "omero-k8s/worker-10250-tcp (2 flows)"
    protocol         = "tcp"
    from_port        = 10250
    to_port          = 10250
    cidr_blocks      = ["10.0.9.13/32"]
    ipv6_cidr_blocks = ["fd00::14/128"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "omero-k8s@cluster"
  }
}

resource "aws_security_group" "zone_internet" {
  name        = "portolan-broken-zone-internet"
  description = "Portolan zone internet (attach to every instance in it; egress of the zone), topology broken"
  vpc_id      = var.vpc_id

  # zone internet -> host w5
  egress {
    description      = "openlm/ingress-443-tcp-broker openlm/ingress-443-tcp-directory-sync-agent openlm/ingress-443-tcp-web-ui openlm/ingress-443-tcp-workstation-agent openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["10.0.0.11/32"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "internet"
  }
}

output "portolan_instance_security_groups" {
  description = "Per host: the security groups to attach to its instance"
  value = {
    "m1" = concat([aws_security_group.host_m1.id], [aws_security_group.group_hosts_all_44b77471.id], [aws_security_group.group_omero_k8s_0e08ec82.id], [aws_security_group.group_omero_k8s_cluster_aa7ca200.id])
    "w1" = concat([aws_security_group.host_w1.id], [aws_security_group.group_hosts_all_44b77471.id])
    "w2" = concat([aws_security_group.host_w2.id], [aws_security_group.group_hosts_all_44b77471.id], [aws_security_group.group_omero_k8s_0e08ec82.id])
    "w3" = concat([aws_security_group.host_w3.id], [aws_security_group.group_hosts_all_44b77471.id], [aws_security_group.group_omero_k8s_0e08ec82.id], [aws_security_group.group_omero_k8s_cluster_aa7ca200.id], [aws_security_group.zone_internet.id])
    "w4" = concat([aws_security_group.host_w4.id], [aws_security_group.group_hosts_all_44b77471.id], [aws_security_group.group_omero_k8s_0e08ec82.id], [aws_security_group.group_omero_k8s_cluster_aa7ca200.id])
    "w5" = concat([aws_security_group.host_w5.id], [aws_security_group.group_hosts_all_44b77471.id])
  }
}
