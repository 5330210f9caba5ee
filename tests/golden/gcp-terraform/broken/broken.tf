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

# zone cluster -> host m1: omero-k8s/control-plane (inbound): etcd client and peer API
resource "google_compute_firewall" "ptl_broken_f0004_in4" {
  name        = "ptl-broken-f0004-in4"
  network     = var.network
  description = "omero-k8s/r-56 omero-k8s/control-plane (inbound): etcd client and peer API"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["2379-2380"]
  }
  source_ranges = ["10.0.0.0/22"]
  target_tags = ["h-m1"]
}

# zone cluster -> host m1: omero-k8s/control-plane (inbound): etcd client and peer API
resource "google_compute_firewall" "ptl_broken_f0004_out4" {
  name        = "ptl-broken-f0004-out4"
  network     = var.network
  description = "omero-k8s/r-56 omero-k8s/control-plane (inbound): etcd client and peer API"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["2379-2380"]
  }
  destination_ranges = ["10.0.0.10/32"]
  target_tags = ["z-cluster"]
}

# zone cluster -> host m1: omero-k8s/postgresql (inbound): PostgreSQL should not be exposed externally on TCP port 5432; only clients inside the internal network should use it.
resource "google_compute_firewall" "ptl_broken_f0005_in4" {
  name        = "ptl-broken-f0005-in4"
  network     = var.network
  description = "omero-k8s/r-146 omero-k8s/postgresql (inbound): PostgreSQL should not be exposed externally on TCP port 5432; only clients inside the internal network should use it."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["5432"]
  }
  source_ranges = ["10.0.0.0/22"]
  target_tags = ["h-m1"]
}

# zone cluster -> host m1: omero-k8s/postgresql (inbound): PostgreSQL should not be exposed externally on TCP port 5432; only clients inside the internal network should use it.
resource "google_compute_firewall" "ptl_broken_f0005_out4" {
  name        = "ptl-broken-f0005-out4"
  network     = var.network
  description = "omero-k8s/r-146 omero-k8s/postgresql (inbound): PostgreSQL should not be exposed externally on TCP port 5432; only clients inside the internal network should use it."
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["5432"]
  }
  destination_ranges = ["10.0.0.10/32"]
  target_tags = ["z-cluster"]
}

# zone cluster -> host m1: omero-k8s/control-plane (inbound): Kubernetes API server
resource "google_compute_firewall" "ptl_broken_f0006_in4" {
  name        = "ptl-broken-f0006-in4"
  network     = var.network
  description = "omero-k8s/r-55 omero-k8s/control-plane (inbound): Kubernetes API server"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["6443"]
  }
  source_ranges = ["10.0.0.0/22"]
  target_tags = ["h-m1"]
}

# zone cluster -> host m1: omero-k8s/control-plane (inbound): Kubernetes API server
resource "google_compute_firewall" "ptl_broken_f0006_out4" {
  name        = "ptl-broken-f0006-out4"
  network     = var.network
  description = "omero-k8s/r-55 omero-k8s/control-plane (inbound): Kubernetes API server"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["6443"]
  }
  destination_ranges = ["10.0.0.10/32"]
  target_tags = ["z-cluster"]
}

# zone cluster -> host m1: omero-k8s/keycloak (inbound): HTTP, including the admin console; omero-k8s/keycloak (inbound): Keycloak serves HTTP on port 8080 and HTTPS on port 8443.
resource "google_compute_firewall" "ptl_broken_f0007_in4" {
  name        = "ptl-broken-f0007-in4"
  network     = var.network
  description = "omero-k8s/r-102 omero-k8s/r-144 omero-k8s/keycloak (inbound): HTTP, including the admin console; omero-k8s/keycloak (inbound): Keycloak serves HTTP on port 8080 and HTTPS on port 8443."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["8080"]
  }
  source_ranges = ["10.0.0.0/22"]
  target_tags = ["h-m1"]
}

# zone cluster -> host m1: omero-k8s/keycloak (inbound): HTTP, including the admin console; omero-k8s/keycloak (inbound): Keycloak serves HTTP on port 8080 and HTTPS on port 8443.
resource "google_compute_firewall" "ptl_broken_f0007_out4" {
  name        = "ptl-broken-f0007-out4"
  network     = var.network
  description = "omero-k8s/r-102 omero-k8s/r-144 omero-k8s/keycloak (inbound): HTTP, including the admin console; omero-k8s/keycloak (inbound): Keycloak serves HTTP on port 8080 and HTTPS on port 8443."
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["8080"]
  }
  destination_ranges = ["10.0.0.10/32"]
  target_tags = ["z-cluster"]
}

# zone cluster -> host m1: omero-k8s/keycloak (inbound): HTTPS; omero-k8s/keycloak (inbound): Keycloak serves HTTP on port 8080 and HTTPS on port 8443.
resource "google_compute_firewall" "ptl_broken_f0008_in4" {
  name        = "ptl-broken-f0008-in4"
  network     = var.network
  description = "omero-k8s/r-103 omero-k8s/r-144.2 omero-k8s/keycloak (inbound): HTTPS; omero-k8s/keycloak (inbound): Keycloak serves HTTP on port 8080 and HTTPS on port 8443."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["8443"]
  }
  source_ranges = ["10.0.0.0/22"]
  target_tags = ["h-m1"]
}

# zone cluster -> host m1: omero-k8s/keycloak (inbound): HTTPS; omero-k8s/keycloak (inbound): Keycloak serves HTTP on port 8080 and HTTPS on port 8443.
resource "google_compute_firewall" "ptl_broken_f0008_out4" {
  name        = "ptl-broken-f0008-out4"
  network     = var.network
  description = "omero-k8s/r-103 omero-k8s/r-144.2 omero-k8s/keycloak (inbound): HTTPS; omero-k8s/keycloak (inbound): Keycloak serves HTTP on port 8080 and HTTPS on port 8443."
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["8443"]
  }
  destination_ranges = ["10.0.0.10/32"]
  target_tags = ["z-cluster"]
}

# zone cluster -> host m1: omero-k8s/control-plane (inbound): Kubelet API; omero-k8s/worker (inbound): Kubelet API; omero-k8s/control-plane (inbound): kube-scheduler; omero-k8s/control-plane (inbound): kube-controller-manager
resource "google_compute_firewall" "ptl_broken_f0009_in4" {
  name        = "ptl-broken-f0009-in4"
  network     = var.network
  description = "omero-k8s/r-57 omero-k8s/r-58 omero-k8s/r-59 omero-k8s/r-70 omero-k8s/control-plane (inbound): Kubelet API; omero-k8s/worker (inbound): Kubelet API; omero-k8s/control-plane (inbound): kube-scheduler; omero-k8s/control-plane (inbound): kube-controller-manager"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["10250-10252"]
  }
  source_ranges = ["10.0.0.0/22"]
  target_tags = ["h-m1"]
}

# zone cluster -> host m1: omero-k8s/control-plane (inbound): Kubelet API; omero-k8s/worker (inbound): Kubelet API; omero-k8s/control-plane (inbound): kube-scheduler; omero-k8s/control-plane (inbound): kube-controller-manager
resource "google_compute_firewall" "ptl_broken_f0009_out4" {
  name        = "ptl-broken-f0009-out4"
  network     = var.network
  description = "omero-k8s/r-57 omero-k8s/r-58 omero-k8s/r-59 omero-k8s/r-70 omero-k8s/control-plane (inbound): Kubelet API; omero-k8s/worker (inbound): Kubelet API; omero-k8s/control-plane (inbound): kube-scheduler; omero-k8s/control-plane (inbound): kube-controller-manager"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["10250-10252"]
  }
  destination_ranges = ["10.0.0.10/32"]
  target_tags = ["z-cluster"]
}

# zone cluster -> host m1: omero-k8s/worker (inbound): Range for NodePort services
resource "google_compute_firewall" "ptl_broken_f0010_in4" {
  name        = "ptl-broken-f0010-in4"
  network     = var.network
  description = "omero-k8s/r-71 omero-k8s/worker (inbound): Range for NodePort services"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["30000-32767"]
  }
  source_ranges = ["10.0.0.0/22"]
  target_tags = ["h-m1"]
}

# zone cluster -> host m1: omero-k8s/worker (inbound): Range for NodePort services
resource "google_compute_firewall" "ptl_broken_f0010_out4" {
  name        = "ptl-broken-f0010-out4"
  network     = var.network
  description = "omero-k8s/r-71 omero-k8s/worker (inbound): Range for NodePort services"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["30000-32767"]
  }
  destination_ranges = ["10.0.0.10/32"]
  target_tags = ["z-cluster"]
}

# zone cluster -> host m1: omero-k8s/control-plane (inbound): Flannel VXLAN overlay; omero-k8s/control-plane (inbound): Flannel VXLAN overlay networking between the cluster nodes uses UDP port 8472.; omero-k8s/worker (inbound): Flannel VXLAN overlay
resource "google_compute_firewall" "ptl_broken_f0011_in4" {
  name        = "ptl-broken-f0011-in4"
  network     = var.network
  description = "omero-k8s/r-151 omero-k8s/r-60 omero-k8s/r-72 omero-k8s/control-plane (inbound): Flannel VXLAN overlay; omero-k8s/control-plane (inbound): Flannel VXLAN overlay networking between the cluster nodes uses UDP port 8472.; omero-k8s/worker (inbound): Flannel VXLAN overlay"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["8472"]
  }
  source_ranges = ["10.0.0.0/22"]
  target_tags = ["h-m1"]
}

# zone cluster -> host m1: omero-k8s/control-plane (inbound): Flannel VXLAN overlay; omero-k8s/control-plane (inbound): Flannel VXLAN overlay networking between the cluster nodes uses UDP port 8472.; omero-k8s/worker (inbound): Flannel VXLAN overlay
resource "google_compute_firewall" "ptl_broken_f0011_out4" {
  name        = "ptl-broken-f0011-out4"
  network     = var.network
  description = "omero-k8s/r-151 omero-k8s/r-60 omero-k8s/r-72 omero-k8s/control-plane (inbound): Flannel VXLAN overlay; omero-k8s/control-plane (inbound): Flannel VXLAN overlay networking between the cluster nodes uses UDP port 8472.; omero-k8s/worker (inbound): Flannel VXLAN overlay"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["8472"]
  }
  destination_ranges = ["10.0.0.10/32"]
  target_tags = ["z-cluster"]
}

# zone corp -> host m1: omero-k8s/control-plane (inbound): etcd client and peer API
resource "google_compute_firewall" "ptl_broken_f0012_in4" {
  name        = "ptl-broken-f0012-in4"
  network     = var.network
  description = "omero-k8s/r-56 omero-k8s/control-plane (inbound): etcd client and peer API"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["2379-2380"]
  }
  source_ranges = ["10.20.0.0/16"]
  target_tags = ["h-m1"]
}

# zone corp -> host m1: omero-k8s/postgresql (inbound): PostgreSQL should not be exposed externally on TCP port 5432; only clients inside the internal network should use it.
resource "google_compute_firewall" "ptl_broken_f0013_in4" {
  name        = "ptl-broken-f0013-in4"
  network     = var.network
  description = "omero-k8s/r-146 omero-k8s/postgresql (inbound): PostgreSQL should not be exposed externally on TCP port 5432; only clients inside the internal network should use it."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["5432"]
  }
  source_ranges = ["10.20.0.0/16"]
  target_tags = ["h-m1"]
}

# zone corp -> host m1: omero-k8s/control-plane (inbound): Kubernetes API server
resource "google_compute_firewall" "ptl_broken_f0014_in4" {
  name        = "ptl-broken-f0014-in4"
  network     = var.network
  description = "omero-k8s/r-55 omero-k8s/control-plane (inbound): Kubernetes API server"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["6443"]
  }
  source_ranges = ["10.20.0.0/16"]
  target_tags = ["h-m1"]
}

# zone corp -> host m1: omero-k8s/keycloak (inbound): HTTP, including the admin console; omero-k8s/keycloak (inbound): Keycloak serves HTTP on port 8080 and HTTPS on port 8443.
resource "google_compute_firewall" "ptl_broken_f0015_in4" {
  name        = "ptl-broken-f0015-in4"
  network     = var.network
  description = "omero-k8s/r-102 omero-k8s/r-144 omero-k8s/keycloak (inbound): HTTP, including the admin console; omero-k8s/keycloak (inbound): Keycloak serves HTTP on port 8080 and HTTPS on port 8443."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["8080"]
  }
  source_ranges = ["10.20.0.0/16"]
  target_tags = ["h-m1"]
}

# zone corp -> host m1: omero-k8s/keycloak (inbound): HTTPS; omero-k8s/keycloak (inbound): Keycloak serves HTTP on port 8080 and HTTPS on port 8443.
resource "google_compute_firewall" "ptl_broken_f0016_in4" {
  name        = "ptl-broken-f0016-in4"
  network     = var.network
  description = "omero-k8s/r-103 omero-k8s/r-144.2 omero-k8s/keycloak (inbound): HTTPS; omero-k8s/keycloak (inbound): Keycloak serves HTTP on port 8080 and HTTPS on port 8443."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["8443"]
  }
  source_ranges = ["10.20.0.0/16"]
  target_tags = ["h-m1"]
}

# zone corp -> host m1: omero-k8s/control-plane (inbound): Kubelet API; omero-k8s/worker (inbound): Kubelet API; omero-k8s/control-plane (inbound): kube-scheduler; omero-k8s/control-plane (inbound): kube-controller-manager
resource "google_compute_firewall" "ptl_broken_f0017_in4" {
  name        = "ptl-broken-f0017-in4"
  network     = var.network
  description = "omero-k8s/r-57 omero-k8s/r-58 omero-k8s/r-59 omero-k8s/r-70 omero-k8s/control-plane (inbound): Kubelet API; omero-k8s/worker (inbound): Kubelet API; omero-k8s/control-plane (inbound): kube-scheduler; omero-k8s/control-plane (inbound): kube-controller-manager"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["10250-10252"]
  }
  source_ranges = ["10.20.0.0/16"]
  target_tags = ["h-m1"]
}

# zone corp -> host m1: omero-k8s/worker (inbound): Range for NodePort services
resource "google_compute_firewall" "ptl_broken_f0018_in4" {
  name        = "ptl-broken-f0018-in4"
  network     = var.network
  description = "omero-k8s/r-71 omero-k8s/worker (inbound): Range for NodePort services"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["30000-32767"]
  }
  source_ranges = ["10.20.0.0/16"]
  target_tags = ["h-m1"]
}

# zone corp -> host m1: omero-k8s/control-plane (inbound): Flannel VXLAN overlay; omero-k8s/control-plane (inbound): Flannel VXLAN overlay networking between the cluster nodes uses UDP port 8472.; omero-k8s/worker (inbound): Flannel VXLAN overlay
resource "google_compute_firewall" "ptl_broken_f0019_in4" {
  name        = "ptl-broken-f0019-in4"
  network     = var.network
  description = "omero-k8s/r-151 omero-k8s/r-60 omero-k8s/r-72 omero-k8s/control-plane (inbound): Flannel VXLAN overlay; omero-k8s/control-plane (inbound): Flannel VXLAN overlay networking between the cluster nodes uses UDP port 8472.; omero-k8s/worker (inbound): Flannel VXLAN overlay"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["8472"]
  }
  source_ranges = ["10.20.0.0/16"]
  target_tags = ["h-m1"]
}

# group omero-k8s@cluster -> host m1: omero-k8s/postgresql (internal): PostgreSQL database
resource "google_compute_firewall" "ptl_broken_f0020_in4" {
  name        = "ptl-broken-f0020-in4"
  network     = var.network
  description = "omero-k8s/r-120 omero-k8s/postgresql (internal): PostgreSQL database"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["5432"]
  }
  source_tags = ["g-omero-k8s-cluster-aa7ca200"]
  target_tags = ["h-m1"]
}

# group omero-k8s@cluster -> host m1: omero-k8s/postgresql (internal): PostgreSQL database
resource "google_compute_firewall" "ptl_broken_f0020_out4" {
  name        = "ptl-broken-f0020-out4"
  network     = var.network
  description = "omero-k8s/r-120 omero-k8s/postgresql (internal): PostgreSQL database"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["5432"]
  }
  destination_ranges = ["10.0.0.10/32"]
  target_tags = ["g-omero-k8s-cluster-aa7ca200"]
}

# zone cluster -> host w2: omero-k8s/worker (inbound): Kubelet API
resource "google_compute_firewall" "ptl_broken_f0021_in4" {
  name        = "ptl-broken-f0021-in4"
  network     = var.network
  description = "omero-k8s/r-70 omero-k8s/worker (inbound): Kubelet API"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["10250"]
  }
  source_ranges = ["10.0.0.0/22"]
  target_tags = ["h-w2"]
}

# zone cluster -> host w2: omero-k8s/worker (inbound): Kubelet API
resource "google_compute_firewall" "ptl_broken_f0021_out4" {
  name        = "ptl-broken-f0021-out4"
  network     = var.network
  description = "omero-k8s/r-70 omero-k8s/worker (inbound): Kubelet API"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["10250"]
  }
  destination_ranges = ["10.0.0.12/32"]
  target_tags = ["z-cluster"]
}

# zone cluster -> host w2: omero-k8s/worker (inbound): Range for NodePort services
resource "google_compute_firewall" "ptl_broken_f0022_in4" {
  name        = "ptl-broken-f0022-in4"
  network     = var.network
  description = "omero-k8s/r-71 omero-k8s/worker (inbound): Range for NodePort services"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["30000-32767"]
  }
  source_ranges = ["10.0.0.0/22"]
  target_tags = ["h-w2"]
}

# zone cluster -> host w2: omero-k8s/worker (inbound): Range for NodePort services
resource "google_compute_firewall" "ptl_broken_f0022_out4" {
  name        = "ptl-broken-f0022-out4"
  network     = var.network
  description = "omero-k8s/r-71 omero-k8s/worker (inbound): Range for NodePort services"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["30000-32767"]
  }
  destination_ranges = ["10.0.0.12/32"]
  target_tags = ["z-cluster"]
}

# zone cluster -> host w2: omero-k8s/worker (inbound): Flannel VXLAN overlay
resource "google_compute_firewall" "ptl_broken_f0023_in4" {
  name        = "ptl-broken-f0023-in4"
  network     = var.network
  description = "omero-k8s/r-72 omero-k8s/worker (inbound): Flannel VXLAN overlay"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["8472"]
  }
  source_ranges = ["10.0.0.0/22"]
  target_tags = ["h-w2"]
}

# zone cluster -> host w2: omero-k8s/worker (inbound): Flannel VXLAN overlay
resource "google_compute_firewall" "ptl_broken_f0023_out4" {
  name        = "ptl-broken-f0023-out4"
  network     = var.network
  description = "omero-k8s/r-72 omero-k8s/worker (inbound): Flannel VXLAN overlay"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["8472"]
  }
  destination_ranges = ["10.0.0.12/32"]
  target_tags = ["z-cluster"]
}

# zone corp -> host w2: omero-k8s/worker (inbound): Kubelet API
resource "google_compute_firewall" "ptl_broken_f0024_in4" {
  name        = "ptl-broken-f0024-in4"
  network     = var.network
  description = "omero-k8s/r-70 omero-k8s/worker (inbound): Kubelet API"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["10250"]
  }
  source_ranges = ["10.20.0.0/16"]
  target_tags = ["h-w2"]
}

# zone corp -> host w2: omero-k8s/worker (inbound): Range for NodePort services
resource "google_compute_firewall" "ptl_broken_f0025_in4" {
  name        = "ptl-broken-f0025-in4"
  network     = var.network
  description = "omero-k8s/r-71 omero-k8s/worker (inbound): Range for NodePort services"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["30000-32767"]
  }
  source_ranges = ["10.20.0.0/16"]
  target_tags = ["h-w2"]
}

# zone corp -> host w2: omero-k8s/worker (inbound): Flannel VXLAN overlay
resource "google_compute_firewall" "ptl_broken_f0026_in4" {
  name        = "ptl-broken-f0026-in4"
  network     = var.network
  description = "omero-k8s/r-72 omero-k8s/worker (inbound): Flannel VXLAN overlay"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["8472"]
  }
  source_ranges = ["10.20.0.0/16"]
  target_tags = ["h-w2"]
}

# zone cluster -> host w3: omero-k8s/worker (inbound): Kubelet API
resource "google_compute_firewall" "ptl_broken_f0027_in4" {
  name        = "ptl-broken-f0027-in4"
  network     = var.network
  description = "omero-k8s/r-70 omero-k8s/worker (inbound): Kubelet API"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["10250"]
  }
  source_ranges = ["10.0.0.0/22"]
  target_tags = ["h-w3"]
}

# zone cluster -> host w3: omero-k8s/worker (inbound): Kubelet API
resource "google_compute_firewall" "ptl_broken_f0027_out4" {
  name        = "ptl-broken-f0027-out4"
  network     = var.network
  description = "omero-k8s/r-70 omero-k8s/worker (inbound): Kubelet API"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["10250"]
  }
  destination_ranges = ["10.0.9.13/32"]
  target_tags = ["z-cluster"]
}

# zone cluster -> host w3: omero-k8s/worker (inbound): Range for NodePort services
resource "google_compute_firewall" "ptl_broken_f0028_in4" {
  name        = "ptl-broken-f0028-in4"
  network     = var.network
  description = "omero-k8s/r-71 omero-k8s/worker (inbound): Range for NodePort services"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["30000-32767"]
  }
  source_ranges = ["10.0.0.0/22"]
  target_tags = ["h-w3"]
}

# zone cluster -> host w3: omero-k8s/worker (inbound): Range for NodePort services
resource "google_compute_firewall" "ptl_broken_f0028_out4" {
  name        = "ptl-broken-f0028-out4"
  network     = var.network
  description = "omero-k8s/r-71 omero-k8s/worker (inbound): Range for NodePort services"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["30000-32767"]
  }
  destination_ranges = ["10.0.9.13/32"]
  target_tags = ["z-cluster"]
}

# zone cluster -> host w3: omero-k8s/worker (inbound): Flannel VXLAN overlay
resource "google_compute_firewall" "ptl_broken_f0029_in4" {
  name        = "ptl-broken-f0029-in4"
  network     = var.network
  description = "omero-k8s/r-72 omero-k8s/worker (inbound): Flannel VXLAN overlay"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["8472"]
  }
  source_ranges = ["10.0.0.0/22"]
  target_tags = ["h-w3"]
}

# zone cluster -> host w3: omero-k8s/worker (inbound): Flannel VXLAN overlay
resource "google_compute_firewall" "ptl_broken_f0029_out4" {
  name        = "ptl-broken-f0029-out4"
  network     = var.network
  description = "omero-k8s/r-72 omero-k8s/worker (inbound): Flannel VXLAN overlay"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["8472"]
  }
  destination_ranges = ["10.0.9.13/32"]
  target_tags = ["z-cluster"]
}

# zone corp -> host w3: omero-k8s/worker (inbound): Kubelet API
resource "google_compute_firewall" "ptl_broken_f0030_in4" {
  name        = "ptl-broken-f0030-in4"
  network     = var.network
  description = "omero-k8s/r-70 omero-k8s/worker (inbound): Kubelet API"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["10250"]
  }
  source_ranges = ["10.20.0.0/16"]
  target_tags = ["h-w3"]
}

# zone corp -> host w3: omero-k8s/worker (inbound): Range for NodePort services
resource "google_compute_firewall" "ptl_broken_f0031_in4" {
  name        = "ptl-broken-f0031-in4"
  network     = var.network
  description = "omero-k8s/r-71 omero-k8s/worker (inbound): Range for NodePort services"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["30000-32767"]
  }
  source_ranges = ["10.20.0.0/16"]
  target_tags = ["h-w3"]
}

# zone corp -> host w3: omero-k8s/worker (inbound): Flannel VXLAN overlay
resource "google_compute_firewall" "ptl_broken_f0032_in4" {
  name        = "ptl-broken-f0032-in4"
  network     = var.network
  description = "omero-k8s/r-72 omero-k8s/worker (inbound): Flannel VXLAN overlay"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["8472"]
  }
  source_ranges = ["10.20.0.0/16"]
  target_tags = ["h-w3"]
}

# any -> host w5: openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/ingress (inbound): Sends directory scan and sync
resource "google_compute_firewall" "ptl_broken_f0033_in4" {
  name        = "ptl-broken-f0033-in4"
  network     = var.network
  description = "openlm/r-38 openlm/r-57 openlm/r-58 openlm/r-59 openlm/r-60 openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/ingress (inbound): Sends directory scan and sync events; runs on a machine that can read the directory.; openlm/ingress (inbound): Users working with administration, dashboards and reports."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_ranges = ["0.0.0.0/0"]
  target_tags = ["h-w5"]
}

# any -> host w5: openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/ingress (inbound): Sends directory scan and sync
resource "google_compute_firewall" "ptl_broken_f0033_out4" {
  name        = "ptl-broken-f0033-out4"
  network     = var.network
  description = "openlm/r-38 openlm/r-57 openlm/r-58 openlm/r-59 openlm/r-60 openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/ingress (inbound): Sends directory scan and sync events; runs on a machine that can read the directory.; openlm/ingress (inbound): Users working with administration, dashboards and reports."
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  destination_ranges = ["10.0.0.11/32"]
}

# zone cluster -> host w5: openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.
resource "google_compute_firewall" "ptl_broken_f0034_in4" {
  name        = "ptl-broken-f0034-in4"
  network     = var.network
  description = "openlm/r-42 openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["80"]
  }
  source_ranges = ["10.0.0.0/22"]
  target_tags = ["h-w5"]
}

# zone cluster -> host w5: openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.
resource "google_compute_firewall" "ptl_broken_f0034_out4" {
  name        = "ptl-broken-f0034-out4"
  network     = var.network
  description = "openlm/r-42 openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS."
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["80"]
  }
  destination_ranges = ["10.0.0.11/32"]
  target_tags = ["z-cluster"]
}

# zone corp -> host w5: openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.
resource "google_compute_firewall" "ptl_broken_f0035_in4" {
  name        = "ptl-broken-f0035-in4"
  network     = var.network
  description = "openlm/r-42 openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["80"]
  }
  source_ranges = ["10.20.0.0/16"]
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
    "m1" = ["h-m1", "z-cluster", "g-hosts-all-44b77471", "g-omero-k8s-cluster-aa7ca200"]
    "w1" = ["h-w1", "z-cluster", "g-hosts-all-44b77471"]
    "w2" = ["h-w2", "z-clustr", "g-hosts-all-44b77471"]
    "w3" = ["h-w3", "z-cluster", "g-hosts-all-44b77471", "g-omero-k8s-cluster-aa7ca200"]
    "w4" = ["h-w4", "z-cluster", "g-hosts-all-44b77471", "g-omero-k8s-cluster-aa7ca200"]
    "w5" = ["h-w5", "z-cluster", "g-hosts-all-44b77471"]
  }
}
