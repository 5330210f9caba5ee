# Portolan: GCP firewall rules for topology broken
# Applying this denies every flow, in and out, that no rule below allows.
# WARNING: the topology names no management access: applying this cuts SSH to every host. Name it in the topology:
# management: [{ from: <admin zone or host>, ports: [22/tcp] }]
# Stays open outbound (DNS, NTP, topology egress): 53/tcp to any, 53/udp to any, 123/udp to any.
# Tag each instance as listed in the portolan_instance_tags output.

variable "network" {
  type        = string
  description = "VPC network (name or self link)"
}

# group hosts:all -> any: DNS to any address (the topology names no DNS egress)
resource "google_compute_firewall" "ptl_broken_f0001_out4" {
  name        = "ptl-broken-f0001-out4"
  network     = var.network
  description = "topology:dns DNS to any address (the topology names no DNS egress)"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["53"]
  }
  destination_ranges = ["0.0.0.0/0"]
  target_tags = ["g-hosts-all-44b77471"]
}

# group hosts:all -> any: DNS to any address (the topology names no DNS egress)
resource "google_compute_firewall" "ptl_broken_f0001_out6" {
  name        = "ptl-broken-f0001-out6"
  network     = var.network
  description = "topology:dns DNS to any address (the topology names no DNS egress)"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["53"]
  }
  destination_ranges = ["::/0"]
  target_tags = ["g-hosts-all-44b77471"]
}

# group hosts:all -> any: DNS to any address (the topology names no DNS egress)
resource "google_compute_firewall" "ptl_broken_f0002_out4" {
  name        = "ptl-broken-f0002-out4"
  network     = var.network
  description = "topology:dns DNS to any address (the topology names no DNS egress)"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["53"]
  }
  destination_ranges = ["0.0.0.0/0"]
  target_tags = ["g-hosts-all-44b77471"]
}

# group hosts:all -> any: DNS to any address (the topology names no DNS egress)
resource "google_compute_firewall" "ptl_broken_f0002_out6" {
  name        = "ptl-broken-f0002-out6"
  network     = var.network
  description = "topology:dns DNS to any address (the topology names no DNS egress)"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["53"]
  }
  destination_ranges = ["::/0"]
  target_tags = ["g-hosts-all-44b77471"]
}

# group hosts:all -> any: NTP to any address (the topology names no NTP egress)
resource "google_compute_firewall" "ptl_broken_f0003_out4" {
  name        = "ptl-broken-f0003-out4"
  network     = var.network
  description = "topology:ntp NTP to any address (the topology names no NTP egress)"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["123"]
  }
  destination_ranges = ["0.0.0.0/0"]
  target_tags = ["g-hosts-all-44b77471"]
}

# group hosts:all -> any: NTP to any address (the topology names no NTP egress)
resource "google_compute_firewall" "ptl_broken_f0003_out6" {
  name        = "ptl-broken-f0003-out6"
  network     = var.network
  description = "topology:ntp NTP to any address (the topology names no NTP egress)"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["123"]
  }
  destination_ranges = ["::/0"]
  target_tags = ["g-hosts-all-44b77471"]
}

# zone corp -> host m1: omero-k8s/worker (inbound): Flannel VXLAN overlay
resource "google_compute_firewall" "ptl_broken_f0004_in4" {
  name        = "ptl-broken-f0004-in4"
  network     = var.network
  description = "omero-k8s/worker-8472-udp omero-k8s/worker (inbound): Flannel VXLAN overlay"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["8472"]
  }
  source_ranges = ["10.20.0.0/16"]
  target_tags = ["h-m1"]
}

# group omero-k8s@cluster -> host m1: omero-k8s/control-plane (inbound): etcd client and peer API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
resource "google_compute_firewall" "ptl_broken_f0005_in4" {
  name        = "ptl-broken-f0005-in4"
  network     = var.network
  description = "omero-k8s/control-plane-2379-2380-tcp omero-k8s/control-plane (inbound): etcd client and peer API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["2379-2380"]
  }
  source_tags = ["g-omero-k8s-cluster-aa7ca200"]
  target_tags = ["h-m1"]
}

# group omero-k8s@cluster -> host m1: omero-k8s/control-plane (inbound): etcd client and peer API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
resource "google_compute_firewall" "ptl_broken_f0005_out4" {
  name        = "ptl-broken-f0005-out4"
  network     = var.network
  description = "omero-k8s/control-plane-2379-2380-tcp omero-k8s/control-plane (inbound): etcd client and peer API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["2379-2380"]
  }
  destination_ranges = ["10.0.0.10/32"]
  target_tags = ["g-omero-k8s-cluster-aa7ca200"]
}

# group omero-k8s@cluster -> host m1: omero-k8s/postgresql (internal): PostgreSQL database; omero-k8s/postgresql (inbound): PostgreSQL should not be exposed externally on TCP port 5432; only clients inside the internal network should use it. [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
resource "google_compute_firewall" "ptl_broken_f0006_in4" {
  name        = "ptl-broken-f0006-in4"
  network     = var.network
  description = "omero-k8s/postgresql-5432-tcp-int omero-k8s/postgresql-5432-tcp-nodir omero-k8s/postgresql (internal): PostgreSQL database; omero-k8s/postgresql (inbound): PostgreSQL should not be exposed externally on TCP port 5432; only clients inside the internal network should use it. [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["5432"]
  }
  source_tags = ["g-omero-k8s-cluster-aa7ca200"]
  target_tags = ["h-m1"]
}

# group omero-k8s@cluster -> host m1: omero-k8s/postgresql (internal): PostgreSQL database; omero-k8s/postgresql (inbound): PostgreSQL should not be exposed externally on TCP port 5432; only clients inside the internal network should use it. [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
resource "google_compute_firewall" "ptl_broken_f0006_out4" {
  name        = "ptl-broken-f0006-out4"
  network     = var.network
  description = "omero-k8s/postgresql-5432-tcp-int omero-k8s/postgresql-5432-tcp-nodir omero-k8s/postgresql (internal): PostgreSQL database; omero-k8s/postgresql (inbound): PostgreSQL should not be exposed externally on TCP port 5432; only clients inside the internal network should use it. [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["5432"]
  }
  destination_ranges = ["10.0.0.10/32"]
  target_tags = ["g-omero-k8s-cluster-aa7ca200"]
}

# group omero-k8s@cluster -> host m1: omero-k8s/control-plane (inbound): Kubernetes API server [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
resource "google_compute_firewall" "ptl_broken_f0007_in4" {
  name        = "ptl-broken-f0007-in4"
  network     = var.network
  description = "omero-k8s/control-plane-6443-tcp omero-k8s/control-plane (inbound): Kubernetes API server [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["6443"]
  }
  source_tags = ["g-omero-k8s-cluster-aa7ca200"]
  target_tags = ["h-m1"]
}

# group omero-k8s@cluster -> host m1: omero-k8s/control-plane (inbound): Kubernetes API server [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
resource "google_compute_firewall" "ptl_broken_f0007_out4" {
  name        = "ptl-broken-f0007-out4"
  network     = var.network
  description = "omero-k8s/control-plane-6443-tcp omero-k8s/control-plane (inbound): Kubernetes API server [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["6443"]
  }
  destination_ranges = ["10.0.0.10/32"]
  target_tags = ["g-omero-k8s-cluster-aa7ca200"]
}

# group omero-k8s@cluster -> host m1: omero-k8s/keycloak (inbound): HTTP, including the admin console [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/keycloak (inbound): Keycloak serves HTTP on port 8080 and HTTPS on port 8443. [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
resource "google_compute_firewall" "ptl_broken_f0008_in4" {
  name        = "ptl-broken-f0008-in4"
  network     = var.network
  description = "omero-k8s/keycloak-8080-tcp-http-including-the omero-k8s/keycloak-8080-tcp-keycloak-serves-http omero-k8s/keycloak (inbound): HTTP, including the admin console [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/keycloak (inbound): Keycloak serves HTTP on port 8080 and HTTPS on port 8443. [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["8080"]
  }
  source_tags = ["g-omero-k8s-cluster-aa7ca200"]
  target_tags = ["h-m1"]
}

# group omero-k8s@cluster -> host m1: omero-k8s/keycloak (inbound): HTTP, including the admin console [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/keycloak (inbound): Keycloak serves HTTP on port 8080 and HTTPS on port 8443. [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
resource "google_compute_firewall" "ptl_broken_f0008_out4" {
  name        = "ptl-broken-f0008-out4"
  network     = var.network
  description = "omero-k8s/keycloak-8080-tcp-http-including-the omero-k8s/keycloak-8080-tcp-keycloak-serves-http omero-k8s/keycloak (inbound): HTTP, including the admin console [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/keycloak (inbound): Keycloak serves HTTP on port 8080 and HTTPS on port 8443. [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["8080"]
  }
  destination_ranges = ["10.0.0.10/32"]
  target_tags = ["g-omero-k8s-cluster-aa7ca200"]
}

# group omero-k8s@cluster -> host m1: omero-k8s/keycloak (inbound): HTTPS [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/keycloak (inbound): Keycloak serves HTTP on port 8080 and HTTPS on port 8443. [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
resource "google_compute_firewall" "ptl_broken_f0009_in4" {
  name        = "ptl-broken-f0009-in4"
  network     = var.network
  description = "omero-k8s/keycloak-8443-tcp-https omero-k8s/keycloak-8443-tcp-keycloak-serves-http omero-k8s/keycloak (inbound): HTTPS [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/keycloak (inbound): Keycloak serves HTTP on port 8080 and HTTPS on port 8443. [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["8443"]
  }
  source_tags = ["g-omero-k8s-cluster-aa7ca200"]
  target_tags = ["h-m1"]
}

# group omero-k8s@cluster -> host m1: omero-k8s/keycloak (inbound): HTTPS [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/keycloak (inbound): Keycloak serves HTTP on port 8080 and HTTPS on port 8443. [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
resource "google_compute_firewall" "ptl_broken_f0009_out4" {
  name        = "ptl-broken-f0009-out4"
  network     = var.network
  description = "omero-k8s/keycloak-8443-tcp-https omero-k8s/keycloak-8443-tcp-keycloak-serves-http omero-k8s/keycloak (inbound): HTTPS [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/keycloak (inbound): Keycloak serves HTTP on port 8080 and HTTPS on port 8443. [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["8443"]
  }
  destination_ranges = ["10.0.0.10/32"]
  target_tags = ["g-omero-k8s-cluster-aa7ca200"]
}

# group omero-k8s@cluster -> host m1: omero-k8s/control-plane (inbound): Kubelet API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/worker (inbound): Kubelet API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/control-plane (inbound): kube-scheduler [ASSUMED: the document st
resource "google_compute_firewall" "ptl_broken_f0010_in4" {
  name        = "ptl-broken-f0010-in4"
  network     = var.network
  description = "omero-k8s/control-plane-10250-tcp omero-k8s/control-plane-10251-tcp omero-k8s/control-plane-10252-tcp omero-k8s/worker-10250-tcp omero-k8s/control-plane (inbound): Kubelet API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/worker (inbound): Kubelet API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/control-plane (inbound): kube-scheduler [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/control-plane (inbound): kube-controller-manager [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["10250-10252"]
  }
  source_tags = ["g-omero-k8s-cluster-aa7ca200"]
  target_tags = ["h-m1"]
}

# group omero-k8s@cluster -> host m1: omero-k8s/control-plane (inbound): Kubelet API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/worker (inbound): Kubelet API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/control-plane (inbound): kube-scheduler [ASSUMED: the document st
resource "google_compute_firewall" "ptl_broken_f0010_out4" {
  name        = "ptl-broken-f0010-out4"
  network     = var.network
  description = "omero-k8s/control-plane-10250-tcp omero-k8s/control-plane-10251-tcp omero-k8s/control-plane-10252-tcp omero-k8s/worker-10250-tcp omero-k8s/control-plane (inbound): Kubelet API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/worker (inbound): Kubelet API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/control-plane (inbound): kube-scheduler [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/control-plane (inbound): kube-controller-manager [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["10250-10252"]
  }
  destination_ranges = ["10.0.0.10/32"]
  target_tags = ["g-omero-k8s-cluster-aa7ca200"]
}

# group omero-k8s@cluster -> host m1: omero-k8s/worker (inbound): Range for NodePort services [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
resource "google_compute_firewall" "ptl_broken_f0011_in4" {
  name        = "ptl-broken-f0011-in4"
  network     = var.network
  description = "omero-k8s/worker-30000-32767-tcp omero-k8s/worker (inbound): Range for NodePort services [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["30000-32767"]
  }
  source_tags = ["g-omero-k8s-cluster-aa7ca200"]
  target_tags = ["h-m1"]
}

# group omero-k8s@cluster -> host m1: omero-k8s/worker (inbound): Range for NodePort services [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
resource "google_compute_firewall" "ptl_broken_f0011_out4" {
  name        = "ptl-broken-f0011-out4"
  network     = var.network
  description = "omero-k8s/worker-30000-32767-tcp omero-k8s/worker (inbound): Range for NodePort services [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["30000-32767"]
  }
  destination_ranges = ["10.0.0.10/32"]
  target_tags = ["g-omero-k8s-cluster-aa7ca200"]
}

# group omero-k8s@cluster -> host m1: omero-k8s/control-plane (inbound): Flannel VXLAN overlay [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/control-plane (inbound): Flannel VXLAN overlay networking between the cluster nodes uses UDP port 8472. [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-a
resource "google_compute_firewall" "ptl_broken_f0012_in4" {
  name        = "ptl-broken-f0012-in4"
  network     = var.network
  description = "omero-k8s/control-plane-8472-udp-h1d7f omero-k8s/control-plane-8472-udp-h84d7 omero-k8s/control-plane (inbound): Flannel VXLAN overlay [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/control-plane (inbound): Flannel VXLAN overlay networking between the cluster nodes uses UDP port 8472. [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["8472"]
  }
  source_tags = ["g-omero-k8s-cluster-aa7ca200"]
  target_tags = ["h-m1"]
}

# group omero-k8s@cluster -> host m1: omero-k8s/control-plane (inbound): Flannel VXLAN overlay [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/control-plane (inbound): Flannel VXLAN overlay networking between the cluster nodes uses UDP port 8472. [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-a
resource "google_compute_firewall" "ptl_broken_f0012_out4" {
  name        = "ptl-broken-f0012-out4"
  network     = var.network
  description = "omero-k8s/control-plane-8472-udp-h1d7f omero-k8s/control-plane-8472-udp-h84d7 omero-k8s/control-plane (inbound): Flannel VXLAN overlay [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/control-plane (inbound): Flannel VXLAN overlay networking between the cluster nodes uses UDP port 8472. [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["8472"]
  }
  destination_ranges = ["10.0.0.10/32"]
  target_tags = ["g-omero-k8s-cluster-aa7ca200"]
}

# host w2 -> host m1: omero-k8s/worker (inbound): Kubelet API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
resource "google_compute_firewall" "ptl_broken_f0013_in4" {
  name        = "ptl-broken-f0013-in4"
  network     = var.network
  description = "omero-k8s/worker-10250-tcp omero-k8s/worker (inbound): Kubelet API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["10250"]
  }
  source_tags = ["h-w2"]
  target_tags = ["h-m1"]
}

# host w2 -> host m1: omero-k8s/worker (inbound): Kubelet API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
resource "google_compute_firewall" "ptl_broken_f0013_out4" {
  name        = "ptl-broken-f0013-out4"
  network     = var.network
  description = "omero-k8s/worker-10250-tcp omero-k8s/worker (inbound): Kubelet API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["10250"]
  }
  destination_ranges = ["10.0.0.10/32"]
  target_tags = ["h-w2"]
}

# host w2 -> host m1: omero-k8s/worker (inbound): Range for NodePort services [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
resource "google_compute_firewall" "ptl_broken_f0014_in4" {
  name        = "ptl-broken-f0014-in4"
  network     = var.network
  description = "omero-k8s/worker-30000-32767-tcp omero-k8s/worker (inbound): Range for NodePort services [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["30000-32767"]
  }
  source_tags = ["h-w2"]
  target_tags = ["h-m1"]
}

# host w2 -> host m1: omero-k8s/worker (inbound): Range for NodePort services [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
resource "google_compute_firewall" "ptl_broken_f0014_out4" {
  name        = "ptl-broken-f0014-out4"
  network     = var.network
  description = "omero-k8s/worker-30000-32767-tcp omero-k8s/worker (inbound): Range for NodePort services [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["30000-32767"]
  }
  destination_ranges = ["10.0.0.10/32"]
  target_tags = ["h-w2"]
}

# zone corp -> host w2: omero-k8s/worker (inbound): Flannel VXLAN overlay
resource "google_compute_firewall" "ptl_broken_f0015_in4" {
  name        = "ptl-broken-f0015-in4"
  network     = var.network
  description = "omero-k8s/worker-8472-udp omero-k8s/worker (inbound): Flannel VXLAN overlay"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["8472"]
  }
  source_ranges = ["10.20.0.0/16"]
  target_tags = ["h-w2"]
}

# group omero-k8s -> host w2: omero-k8s/worker (inbound): Kubelet API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
resource "google_compute_firewall" "ptl_broken_f0016_in4" {
  name        = "ptl-broken-f0016-in4"
  network     = var.network
  description = "omero-k8s/worker-10250-tcp omero-k8s/worker (inbound): Kubelet API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["10250"]
  }
  source_tags = ["g-omero-k8s"]
  target_tags = ["h-w2"]
}

# group omero-k8s -> host w2: omero-k8s/worker (inbound): Kubelet API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
resource "google_compute_firewall" "ptl_broken_f0016_out4" {
  name        = "ptl-broken-f0016-out4"
  network     = var.network
  description = "omero-k8s/worker-10250-tcp omero-k8s/worker (inbound): Kubelet API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["10250"]
  }
  destination_ranges = ["10.0.0.12/32"]
  target_tags = ["g-omero-k8s"]
}

# group omero-k8s -> host w2: omero-k8s/worker (inbound): Range for NodePort services [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
resource "google_compute_firewall" "ptl_broken_f0017_in4" {
  name        = "ptl-broken-f0017-in4"
  network     = var.network
  description = "omero-k8s/worker-30000-32767-tcp omero-k8s/worker (inbound): Range for NodePort services [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["30000-32767"]
  }
  source_tags = ["g-omero-k8s"]
  target_tags = ["h-w2"]
}

# group omero-k8s -> host w2: omero-k8s/worker (inbound): Range for NodePort services [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
resource "google_compute_firewall" "ptl_broken_f0017_out4" {
  name        = "ptl-broken-f0017-out4"
  network     = var.network
  description = "omero-k8s/worker-30000-32767-tcp omero-k8s/worker (inbound): Range for NodePort services [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["30000-32767"]
  }
  destination_ranges = ["10.0.0.12/32"]
  target_tags = ["g-omero-k8s"]
}

# zone corp -> host w3: omero-k8s/worker (inbound): Flannel VXLAN overlay
resource "google_compute_firewall" "ptl_broken_f0018_in4" {
  name        = "ptl-broken-f0018-in4"
  network     = var.network
  description = "omero-k8s/worker-8472-udp omero-k8s/worker (inbound): Flannel VXLAN overlay"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["8472"]
  }
  source_ranges = ["10.20.0.0/16"]
  target_tags = ["h-w3"]
}

# group omero-k8s@cluster -> host w3: omero-k8s/worker (inbound): Kubelet API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
resource "google_compute_firewall" "ptl_broken_f0019_in4" {
  name        = "ptl-broken-f0019-in4"
  network     = var.network
  description = "omero-k8s/worker-10250-tcp omero-k8s/worker (inbound): Kubelet API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["10250"]
  }
  source_tags = ["g-omero-k8s-cluster-aa7ca200"]
  target_tags = ["h-w3"]
}

# group omero-k8s@cluster -> host w3: omero-k8s/worker (inbound): Kubelet API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
resource "google_compute_firewall" "ptl_broken_f0019_out4" {
  name        = "ptl-broken-f0019-out4"
  network     = var.network
  description = "omero-k8s/worker-10250-tcp omero-k8s/worker (inbound): Kubelet API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["10250"]
  }
  destination_ranges = ["10.0.9.13/32"]
  target_tags = ["g-omero-k8s-cluster-aa7ca200"]
}

# group omero-k8s@cluster -> host w3: omero-k8s/worker (inbound): Range for NodePort services [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
resource "google_compute_firewall" "ptl_broken_f0020_in4" {
  name        = "ptl-broken-f0020-in4"
  network     = var.network
  description = "omero-k8s/worker-30000-32767-tcp omero-k8s/worker (inbound): Range for NodePort services [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["30000-32767"]
  }
  source_tags = ["g-omero-k8s-cluster-aa7ca200"]
  target_tags = ["h-w3"]
}

# group omero-k8s@cluster -> host w3: omero-k8s/worker (inbound): Range for NodePort services [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
resource "google_compute_firewall" "ptl_broken_f0020_out4" {
  name        = "ptl-broken-f0020-out4"
  network     = var.network
  description = "omero-k8s/worker-30000-32767-tcp omero-k8s/worker (inbound): Range for NodePort services [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["30000-32767"]
  }
  destination_ranges = ["10.0.9.13/32"]
  target_tags = ["g-omero-k8s-cluster-aa7ca200"]
}

# host w2 -> host w3: omero-k8s/worker (inbound): Kubelet API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
resource "google_compute_firewall" "ptl_broken_f0021_in4" {
  name        = "ptl-broken-f0021-in4"
  network     = var.network
  description = "omero-k8s/worker-10250-tcp omero-k8s/worker (inbound): Kubelet API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["10250"]
  }
  source_tags = ["h-w2"]
  target_tags = ["h-w3"]
}

# host w2 -> host w3: omero-k8s/worker (inbound): Kubelet API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
resource "google_compute_firewall" "ptl_broken_f0021_out4" {
  name        = "ptl-broken-f0021-out4"
  network     = var.network
  description = "omero-k8s/worker-10250-tcp omero-k8s/worker (inbound): Kubelet API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["10250"]
  }
  destination_ranges = ["10.0.9.13/32"]
  target_tags = ["h-w2"]
}

# host w2 -> host w3: omero-k8s/worker (inbound): Range for NodePort services [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
resource "google_compute_firewall" "ptl_broken_f0022_in4" {
  name        = "ptl-broken-f0022-in4"
  network     = var.network
  description = "omero-k8s/worker-30000-32767-tcp omero-k8s/worker (inbound): Range for NodePort services [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["30000-32767"]
  }
  source_tags = ["h-w2"]
  target_tags = ["h-w3"]
}

# host w2 -> host w3: omero-k8s/worker (inbound): Range for NodePort services [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
resource "google_compute_firewall" "ptl_broken_f0022_out4" {
  name        = "ptl-broken-f0022-out4"
  network     = var.network
  description = "omero-k8s/worker-30000-32767-tcp omero-k8s/worker (inbound): Range for NodePort services [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["30000-32767"]
  }
  destination_ranges = ["10.0.9.13/32"]
  target_tags = ["h-w2"]
}

# group omero-k8s@cluster -> host w4: omero-k8s/worker (inbound): Kubelet API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
resource "google_compute_firewall" "ptl_broken_f0023_in6" {
  name        = "ptl-broken-f0023-in6"
  network     = var.network
  description = "omero-k8s/worker-10250-tcp omero-k8s/worker (inbound): Kubelet API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["10250"]
  }
  source_ranges = ["fd00::14/128"]
  target_tags = ["h-w4"]
}

# group omero-k8s@cluster -> host w4: omero-k8s/worker (inbound): Kubelet API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
resource "google_compute_firewall" "ptl_broken_f0023_out6" {
  name        = "ptl-broken-f0023-out6"
  network     = var.network
  description = "omero-k8s/worker-10250-tcp omero-k8s/worker (inbound): Kubelet API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["10250"]
  }
  destination_ranges = ["fd00::14/128"]
  target_tags = ["g-omero-k8s-cluster-aa7ca200"]
}

# group omero-k8s@cluster -> host w4: omero-k8s/worker (inbound): Range for NodePort services [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
resource "google_compute_firewall" "ptl_broken_f0024_in6" {
  name        = "ptl-broken-f0024-in6"
  network     = var.network
  description = "omero-k8s/worker-30000-32767-tcp omero-k8s/worker (inbound): Range for NodePort services [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["30000-32767"]
  }
  source_ranges = ["fd00::14/128"]
  target_tags = ["h-w4"]
}

# group omero-k8s@cluster -> host w4: omero-k8s/worker (inbound): Range for NodePort services [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
resource "google_compute_firewall" "ptl_broken_f0024_out6" {
  name        = "ptl-broken-f0024-out6"
  network     = var.network
  description = "omero-k8s/worker-30000-32767-tcp omero-k8s/worker (inbound): Range for NodePort services [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["30000-32767"]
  }
  destination_ranges = ["fd00::14/128"]
  target_tags = ["g-omero-k8s-cluster-aa7ca200"]
}

# zone internet -> host w5: openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/ingress (inbound): Sends directory scan and sync events; runs on a machine that can read the directory.; openlm/ingress (inbound): Users working with administration, dashboards a
resource "google_compute_firewall" "ptl_broken_f0025_in4" {
  name        = "ptl-broken-f0025-in4"
  network     = var.network
  description = "openlm/ingress-443-tcp-broker openlm/ingress-443-tcp-directory-sync-agent openlm/ingress-443-tcp-web-ui openlm/ingress-443-tcp-workstation-agent openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/ingress (inbound): Sends directory scan and sync events; runs on a machine that can read the directory.; openlm/ingress (inbound): Users working with administration, dashboards and reports."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_ranges = ["0.0.0.0/0"]
  target_tags = ["h-w5"]
}

resource "google_compute_firewall" "ptl_broken_deny_in" {
  name        = "ptl-broken-deny-in"
  network     = var.network
  description = "portolan: default deny"
  direction   = "INGRESS"
  priority    = 65000
  deny {
    protocol = "all"
  }
  source_ranges = ["0.0.0.0/0", "::/0"]
}

resource "google_compute_firewall" "ptl_broken_deny_out" {
  name        = "ptl-broken-deny-out"
  network     = var.network
  description = "portolan: default deny"
  direction   = "EGRESS"
  priority    = 65000
  deny {
    protocol = "all"
  }
  destination_ranges = ["0.0.0.0/0", "::/0"]
}

output "portolan_instance_tags" {
  description = "Per host: the network tags its instance needs"
  value = {
    "m1" = ["h-m1", "z-cluster", "g-hosts-all-44b77471", "g-omero-k8s", "g-omero-k8s-cluster-aa7ca200"]
    "w1" = ["h-w1", "z-cluster", "g-hosts-all-44b77471"]
    "w2" = ["h-w2", "z-clustr", "g-hosts-all-44b77471", "g-omero-k8s"]
    "w3" = ["h-w3", "z-cluster", "g-hosts-all-44b77471", "g-omero-k8s", "g-omero-k8s-cluster-aa7ca200"]
    "w4" = ["h-w4", "z-cluster", "g-hosts-all-44b77471", "g-omero-k8s", "g-omero-k8s-cluster-aa7ca200"]
    "w5" = ["h-w5", "z-cluster", "g-hosts-all-44b77471"]
  }
}
