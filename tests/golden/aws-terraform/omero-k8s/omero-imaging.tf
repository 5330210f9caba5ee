# Portolan: AWS security groups for topology omero-imaging
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

resource "aws_security_group" "host_master" {
  name        = "portolan-omero-imaging-host-master"
  description = "Portolan rules for host master, topology omero-imaging"
  vpc_id      = var.vpc_id

  # zone lab -> host master; group omero-k8s -> host master
  ingress {
    description      = "omero-k8s/server-22-tcp-in omero-k8s/server-22-tcp-nodir (2 flows)"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["172.16.0.0/16"]
    security_groups  = [aws_security_group.group_omero_k8s_0e08ec82.id]
  }

  # zone lab -> host master; group omero-k8s -> host master
  ingress {
    description      = "omero-k8s/server-443-tcp-in omero-k8s/server-443-tcp-nodir (2 flows)"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.16.0.0/16"]
    security_groups  = [aws_security_group.group_omero_k8s_0e08ec82.id]
  }

  # zone lab -> host master; group omero-k8s -> host master
  ingress {
    description      = "omero-k8s/control-plane-6443-tcp (2 flows)"
    protocol         = "tcp"
    from_port        = 6443
    to_port          = 6443
    cidr_blocks      = ["172.16.0.0/16"]
    security_groups  = [aws_security_group.group_omero_k8s_0e08ec82.id]
  }

  # group omero-k8s -> host master
  ingress {
    description      = "omero-k8s/control-plane-2379-2380-tcp omero-k8s/control-plane (inbound): etcd client and peer API"
    protocol         = "tcp"
    from_port        = 2379
    to_port          = 2380
    security_groups  = [aws_security_group.group_omero_k8s_0e08ec82.id]
  }

  # group omero-k8s -> host master
  ingress {
    description      = "omero-k8s/control-plane-10250-tcp omero-k8s/control-plane-10251-tcp omero-k8s/control-plane-10252-tcp omero-k8s/control-plane (inbound): Kubelet API; omero-k8s/control-plane (inbound): kube-scheduler; omero-k8s/control-plane (inbound): kube-controller-man"
    protocol         = "tcp"
    from_port        = 10250
    to_port          = 10252
    security_groups  = [aws_security_group.group_omero_k8s_0e08ec82.id]
  }

  # group omero-k8s -> host master
  ingress {
    description      = "omero-k8s/control-plane-8472-udp-h1d7f omero-k8s/control-plane-8472-udp-h84d7 omero-k8s/control-plane (inbound): Flannel VXLAN overlay; omero-k8s/control-plane (inbound): Flannel VXLAN overlay networking between the cluster nodes uses UDP port 8472."
    protocol         = "udp"
    from_port        = 8472
    to_port          = 8472
    security_groups  = [aws_security_group.group_omero_k8s_0e08ec82.id]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "master"
  }
}

resource "aws_security_group" "host_worker1" {
  name        = "portolan-omero-imaging-host-worker1"
  description = "Portolan rules for host worker1, topology omero-imaging"
  vpc_id      = var.vpc_id

  # zone lab -> host worker1; group omero-k8s -> host worker1
  ingress {
    description      = "omero-k8s/omero-server-4061-4064-tcp omero-k8s/omero-server-4061-tcp omero-k8s/omero-server-4062-tcp (2 flows)"
    protocol         = "tcp"
    from_port        = 4061
    to_port          = 4064
    cidr_blocks      = ["172.16.0.0/16"]
    security_groups  = [aws_security_group.group_omero_k8s_0e08ec82.id]
  }

  # zone lab -> host worker1; group omero-k8s -> host worker1
  ingress {
    description      = "omero-k8s/worker-30000-32767-tcp (2 flows)"
    protocol         = "tcp"
    from_port        = 30000
    to_port          = 32767
    cidr_blocks      = ["172.16.0.0/16"]
    security_groups  = [aws_security_group.group_omero_k8s_0e08ec82.id]
  }

  # group omero-k8s -> host worker1
  ingress {
    description      = "omero-k8s/worker-10250-tcp omero-k8s/worker (inbound): Kubelet API"
    protocol         = "tcp"
    from_port        = 10250
    to_port          = 10250
    security_groups  = [aws_security_group.group_omero_k8s_0e08ec82.id]
  }

  # group omero-k8s -> host worker1
  ingress {
    description      = "omero-k8s/worker-8472-udp omero-k8s/worker (inbound): Flannel VXLAN overlay"
    protocol         = "udp"
    from_port        = 8472
    to_port          = 8472
    security_groups  = [aws_security_group.group_omero_k8s_0e08ec82.id]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "worker1"
  }
}

resource "aws_security_group" "host_worker2" {
  name        = "portolan-omero-imaging-host-worker2"
  description = "Portolan rules for host worker2, topology omero-imaging"
  vpc_id      = var.vpc_id

  # zone lab -> host worker2; group omero-k8s -> host worker2
  ingress {
    description      = "omero-k8s/omero-web-4063-tcp omero-k8s/omero-web-4064-tcp (2 flows)"
    protocol         = "tcp"
    from_port        = 4063
    to_port          = 4064
    cidr_blocks      = ["172.16.0.0/16"]
    security_groups  = [aws_security_group.group_omero_k8s_0e08ec82.id]
  }

  # zone lab -> host worker2; group omero-k8s -> host worker2
  ingress {
    description      = "omero-k8s/keycloak-8080-tcp-http-including-the omero-k8s/keycloak-8080-tcp-keycloak-serves-http (2 flows)"
    protocol         = "tcp"
    from_port        = 8080
    to_port          = 8080
    cidr_blocks      = ["172.16.0.0/16"]
    security_groups  = [aws_security_group.group_omero_k8s_0e08ec82.id]
  }

  # zone lab -> host worker2; group omero-k8s -> host worker2
  ingress {
    description      = "omero-k8s/keycloak-8443-tcp-https omero-k8s/keycloak-8443-tcp-keycloak-serves-http (2 flows)"
    protocol         = "tcp"
    from_port        = 8443
    to_port          = 8443
    cidr_blocks      = ["172.16.0.0/16"]
    security_groups  = [aws_security_group.group_omero_k8s_0e08ec82.id]
  }

  # zone lab -> host worker2; group omero-k8s -> host worker2
  ingress {
    description      = "omero-k8s/worker-30000-32767-tcp (2 flows)"
    protocol         = "tcp"
    from_port        = 30000
    to_port          = 32767
    cidr_blocks      = ["172.16.0.0/16"]
    security_groups  = [aws_security_group.group_omero_k8s_0e08ec82.id]
  }

  # group omero-k8s -> host worker2
  ingress {
    description      = "omero-k8s/openldap-389-tcp-in omero-k8s/openldap-389-tcp-nodir omero-k8s/openldap (inbound): LDAP (Lightweight Directory Access Protocol); omero-k8s/openldap (inbound): OpenLDAP listens on the standard ports 389 (LDAP) and 636 (LDAPS)."
    protocol         = "tcp"
    from_port        = 389
    to_port          = 389
    security_groups  = [aws_security_group.group_omero_k8s_0e08ec82.id]
  }

  # group omero-k8s -> host worker2
  ingress {
    description      = "omero-k8s/openldap-636-tcp-in omero-k8s/openldap-636-tcp-nodir omero-k8s/openldap (inbound): LDAPS (LDAP over TLS); omero-k8s/openldap (inbound): OpenLDAP listens on the standard ports 389 (LDAP) and 636 (LDAPS)."
    protocol         = "tcp"
    from_port        = 636
    to_port          = 636
    security_groups  = [aws_security_group.group_omero_k8s_0e08ec82.id]
  }

  # group omero-k8s -> host worker2
  ingress {
    description      = "omero-k8s/worker-10250-tcp omero-k8s/worker (inbound): Kubelet API"
    protocol         = "tcp"
    from_port        = 10250
    to_port          = 10250
    security_groups  = [aws_security_group.group_omero_k8s_0e08ec82.id]
  }

  # group omero-k8s -> host worker2
  ingress {
    description      = "omero-k8s/worker-8472-udp omero-k8s/worker (inbound): Flannel VXLAN overlay"
    protocol         = "udp"
    from_port        = 8472
    to_port          = 8472
    security_groups  = [aws_security_group.group_omero_k8s_0e08ec82.id]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "worker2"
  }
}

resource "aws_security_group" "host_db" {
  name        = "portolan-omero-imaging-host-db"
  description = "Portolan rules for host db, topology omero-imaging"
  vpc_id      = var.vpc_id

  # group omero-k8s -> host db
  ingress {
    description      = "omero-k8s/postgresql-5432-tcp-int omero-k8s/postgresql-5432-tcp-nodir omero-k8s/postgresql (internal): PostgreSQL database; omero-k8s/postgresql (inbound): PostgreSQL should not be exposed externally on TCP port 5432; only clients inside the internal netw"
    protocol         = "tcp"
    from_port        = 5432
    to_port          = 5432
    security_groups  = [aws_security_group.group_omero_k8s_0e08ec82.id]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "db"
  }
}

resource "aws_security_group" "group_hosts_all_44b77471" {
  name        = "portolan-omero-imaging-group-hosts-all-44b77471"
  description = "Portolan membership group hosts:all (attach to every member; egress of the group), topology omero-imaging"
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

resource "aws_security_group" "group_omero_k8s_0e08ec82" {
  name        = "portolan-omero-imaging-group-omero-k8s"
  description = "Portolan membership group omero-k8s (attach to every member; egress of the group), topology omero-imaging"
  vpc_id      = var.vpc_id

  # group omero-k8s -> host db
  egress {
    description      = "omero-k8s/postgresql-5432-tcp-int omero-k8s/postgresql-5432-tcp-nodir omero-k8s/postgresql (internal): PostgreSQL database; omero-k8s/postgresql (inbound): PostgreSQL should not be exposed externally on TCP port 5432; only clients inside the internal netw"
    protocol         = "tcp"
    from_port        = 5432
    to_port          = 5432
    cidr_blocks      = ["10.1.0.30/32"]
  }

  # group omero-k8s -> host master
  egress {
    description      = "omero-k8s/server-22-tcp-in omero-k8s/server-22-tcp-nodir omero-k8s/server (inbound): SSH logins for administrators [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/server (inbound): Server acce"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["10.1.0.10/32"]
  }

  # group omero-k8s -> host master
  egress {
    description      = "omero-k8s/server-443-tcp-in omero-k8s/server-443-tcp-nodir omero-k8s/server (inbound): HTTPS access for users (web front end) [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/server (inbound): "
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["10.1.0.10/32"]
  }

  # group omero-k8s -> host master
  egress {
    description      = "omero-k8s/control-plane-2379-2380-tcp omero-k8s/control-plane (inbound): etcd client and peer API"
    protocol         = "tcp"
    from_port        = 2379
    to_port          = 2380
    cidr_blocks      = ["10.1.0.10/32"]
  }

  # group omero-k8s -> host master
  egress {
    description      = "omero-k8s/control-plane-6443-tcp omero-k8s/control-plane (inbound): Kubernetes API server"
    protocol         = "tcp"
    from_port        = 6443
    to_port          = 6443
    cidr_blocks      = ["10.1.0.10/32"]
  }

  # group omero-k8s -> host master
  egress {
    description      = "omero-k8s/control-plane-10250-tcp omero-k8s/control-plane-10251-tcp omero-k8s/control-plane-10252-tcp omero-k8s/control-plane (inbound): Kubelet API; omero-k8s/control-plane (inbound): kube-scheduler; omero-k8s/control-plane (inbound): kube-controller-man"
    protocol         = "tcp"
    from_port        = 10250
    to_port          = 10252
    cidr_blocks      = ["10.1.0.10/32"]
  }

  # group omero-k8s -> host master; group omero-k8s -> host worker1; group omero-k8s -> host worker2
  egress {
    description      = "omero-k8s/control-plane-8472-udp-h1d7f omero-k8s/control-plane-8472-udp-h84d7 omero-k8s/worker-8472-udp (3 flows)"
    protocol         = "udp"
    from_port        = 8472
    to_port          = 8472
    cidr_blocks      = ["10.1.0.10/32", "10.1.0.21/32", "10.1.0.22/32"]
  }

  # group omero-k8s -> host worker1
  egress {
    description      = "omero-k8s/omero-server-4061-4064-tcp omero-k8s/omero-server-4061-tcp omero-k8s/omero-server-4062-tcp omero-k8s/omero-server (inbound): Binary data transfer [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
    protocol         = "tcp"
    from_port        = 4061
    to_port          = 4064
    cidr_blocks      = ["10.1.0.21/32"]
  }

  # group omero-k8s -> host worker1; group omero-k8s -> host worker2
  egress {
    description      = "omero-k8s/worker-10250-tcp (2 flows)"
    protocol         = "tcp"
    from_port        = 10250
    to_port          = 10250
    cidr_blocks      = ["10.1.0.21/32", "10.1.0.22/32"]
  }

  # group omero-k8s -> host worker1; group omero-k8s -> host worker2
  egress {
    description      = "omero-k8s/worker-30000-32767-tcp (2 flows)"
    protocol         = "tcp"
    from_port        = 30000
    to_port          = 32767
    cidr_blocks      = ["10.1.0.21/32", "10.1.0.22/32"]
  }

  # group omero-k8s -> host worker2
  egress {
    description      = "omero-k8s/openldap-389-tcp-in omero-k8s/openldap-389-tcp-nodir omero-k8s/openldap (inbound): LDAP (Lightweight Directory Access Protocol); omero-k8s/openldap (inbound): OpenLDAP listens on the standard ports 389 (LDAP) and 636 (LDAPS)."
    protocol         = "tcp"
    from_port        = 389
    to_port          = 389
    cidr_blocks      = ["10.1.0.22/32"]
  }

  # group omero-k8s -> host worker2
  egress {
    description      = "omero-k8s/openldap-636-tcp-in omero-k8s/openldap-636-tcp-nodir omero-k8s/openldap (inbound): LDAPS (LDAP over TLS); omero-k8s/openldap (inbound): OpenLDAP listens on the standard ports 389 (LDAP) and 636 (LDAPS)."
    protocol         = "tcp"
    from_port        = 636
    to_port          = 636
    cidr_blocks      = ["10.1.0.22/32"]
  }

  # group omero-k8s -> host worker2
  egress {
    description      = "omero-k8s/omero-web-4063-tcp omero-k8s/omero-web-4064-tcp omero-k8s/omero-web (inbound): OMERO.web service [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/omero-web (inbound): OMERO gateway [A"
    protocol         = "tcp"
    from_port        = 4063
    to_port          = 4064
    cidr_blocks      = ["10.1.0.22/32"]
  }

  # group omero-k8s -> host worker2
  egress {
    description      = "omero-k8s/keycloak-8080-tcp-http-including-the omero-k8s/keycloak-8080-tcp-keycloak-serves-http omero-k8s/keycloak (inbound): HTTP, including the admin console [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assu"
    protocol         = "tcp"
    from_port        = 8080
    to_port          = 8080
    cidr_blocks      = ["10.1.0.22/32"]
  }

  # group omero-k8s -> host worker2
  egress {
    description      = "omero-k8s/keycloak-8443-tcp-https omero-k8s/keycloak-8443-tcp-keycloak-serves-http omero-k8s/keycloak (inbound): HTTPS [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/keycloak (inbound): Keycl"
    protocol         = "tcp"
    from_port        = 8443
    to_port          = 8443
    cidr_blocks      = ["10.1.0.22/32"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "omero-k8s"
  }
}

output "portolan_instance_security_groups" {
  description = "Per host: the security groups to attach to its instance"
  value = {
    "master" = concat([aws_security_group.host_master.id], [aws_security_group.group_hosts_all_44b77471.id], [aws_security_group.group_omero_k8s_0e08ec82.id])
    "worker1" = concat([aws_security_group.host_worker1.id], [aws_security_group.group_hosts_all_44b77471.id], [aws_security_group.group_omero_k8s_0e08ec82.id])
    "worker2" = concat([aws_security_group.host_worker2.id], [aws_security_group.group_hosts_all_44b77471.id], [aws_security_group.group_omero_k8s_0e08ec82.id])
    "db" = concat([aws_security_group.host_db.id], [aws_security_group.group_hosts_all_44b77471.id], [aws_security_group.group_omero_k8s_0e08ec82.id])
  }
}
