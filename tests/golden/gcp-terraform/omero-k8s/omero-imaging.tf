# Portolan: GCP firewall rules for topology omero-imaging
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
resource "google_compute_firewall" "ptl_omero_imaging_f0001_out4" {
  name        = "ptl-omero-imaging-f0001-out4"
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
resource "google_compute_firewall" "ptl_omero_imaging_f0002_out4" {
  name        = "ptl-omero-imaging-f0002-out4"
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

# group hosts:all -> any: NTP to any address (the topology names no NTP egress)
resource "google_compute_firewall" "ptl_omero_imaging_f0003_out4" {
  name        = "ptl-omero-imaging-f0003-out4"
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

# group omero-k8s -> host db: omero-k8s/postgresql (internal): PostgreSQL database; omero-k8s/postgresql (inbound): PostgreSQL should not be exposed externally on TCP port 5432; only clients inside the internal network should use it.
resource "google_compute_firewall" "ptl_omero_imaging_f0004_in4" {
  name        = "ptl-omero-imaging-f0004-in4"
  network     = var.network
  description = "omero-k8s/postgresql-5432-tcp-int omero-k8s/postgresql-5432-tcp-nodir omero-k8s/postgresql (internal): PostgreSQL database; omero-k8s/postgresql (inbound): PostgreSQL should not be exposed externally on TCP port 5432; only clients inside the internal network should use it."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["5432"]
  }
  source_tags = ["g-omero-k8s"]
  target_tags = ["h-db"]
}

# group omero-k8s -> host db: omero-k8s/postgresql (internal): PostgreSQL database; omero-k8s/postgresql (inbound): PostgreSQL should not be exposed externally on TCP port 5432; only clients inside the internal network should use it.
resource "google_compute_firewall" "ptl_omero_imaging_f0004_out4" {
  name        = "ptl-omero-imaging-f0004-out4"
  network     = var.network
  description = "omero-k8s/postgresql-5432-tcp-int omero-k8s/postgresql-5432-tcp-nodir omero-k8s/postgresql (internal): PostgreSQL database; omero-k8s/postgresql (inbound): PostgreSQL should not be exposed externally on TCP port 5432; only clients inside the internal network should use it."
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["5432"]
  }
  destination_ranges = ["10.1.0.30/32"]
  target_tags = ["g-omero-k8s"]
}

# zone lab -> host master: omero-k8s/server (inbound): SSH logins for administrators [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/server (inbound): Server access works over SSH (port 22) and HTTPS (port 443). [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
resource "google_compute_firewall" "ptl_omero_imaging_f0005_in4" {
  name        = "ptl-omero-imaging-f0005-in4"
  network     = var.network
  description = "omero-k8s/server-22-tcp-in omero-k8s/server-22-tcp-nodir omero-k8s/server (inbound): SSH logins for administrators [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/server (inbound): Server access works over SSH (port 22) and HTTPS (port 443). [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["172.16.0.0/16"]
  target_tags = ["h-master"]
}

# zone lab -> host master: omero-k8s/server (inbound): HTTPS access for users (web front end) [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/server (inbound): Server access works over SSH (port 22) and HTTPS (port 443). [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
resource "google_compute_firewall" "ptl_omero_imaging_f0006_in4" {
  name        = "ptl-omero-imaging-f0006-in4"
  network     = var.network
  description = "omero-k8s/server-443-tcp-in omero-k8s/server-443-tcp-nodir omero-k8s/server (inbound): HTTPS access for users (web front end) [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/server (inbound): Server access works over SSH (port 22) and HTTPS (port 443). [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_ranges = ["172.16.0.0/16"]
  target_tags = ["h-master"]
}

# zone lab -> host master: omero-k8s/control-plane (inbound): Kubernetes API server
resource "google_compute_firewall" "ptl_omero_imaging_f0007_in4" {
  name        = "ptl-omero-imaging-f0007-in4"
  network     = var.network
  description = "omero-k8s/control-plane-6443-tcp omero-k8s/control-plane (inbound): Kubernetes API server"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["6443"]
  }
  source_ranges = ["172.16.0.0/16"]
  target_tags = ["h-master"]
}

# group omero-k8s -> host master: omero-k8s/server (inbound): SSH logins for administrators [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/server (inbound): Server access works over SSH (port 22) and HTTPS (port 443). [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
resource "google_compute_firewall" "ptl_omero_imaging_f0008_in4" {
  name        = "ptl-omero-imaging-f0008-in4"
  network     = var.network
  description = "omero-k8s/server-22-tcp-in omero-k8s/server-22-tcp-nodir omero-k8s/server (inbound): SSH logins for administrators [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/server (inbound): Server access works over SSH (port 22) and HTTPS (port 443). [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_tags = ["g-omero-k8s"]
  target_tags = ["h-master"]
}

# group omero-k8s -> host master: omero-k8s/server (inbound): SSH logins for administrators [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/server (inbound): Server access works over SSH (port 22) and HTTPS (port 443). [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
resource "google_compute_firewall" "ptl_omero_imaging_f0008_out4" {
  name        = "ptl-omero-imaging-f0008-out4"
  network     = var.network
  description = "omero-k8s/server-22-tcp-in omero-k8s/server-22-tcp-nodir omero-k8s/server (inbound): SSH logins for administrators [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/server (inbound): Server access works over SSH (port 22) and HTTPS (port 443). [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  destination_ranges = ["10.1.0.10/32"]
  target_tags = ["g-omero-k8s"]
}

# group omero-k8s -> host master: omero-k8s/server (inbound): HTTPS access for users (web front end) [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/server (inbound): Server access works over SSH (port 22) and HTTPS (port 443). [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
resource "google_compute_firewall" "ptl_omero_imaging_f0009_in4" {
  name        = "ptl-omero-imaging-f0009-in4"
  network     = var.network
  description = "omero-k8s/server-443-tcp-in omero-k8s/server-443-tcp-nodir omero-k8s/server (inbound): HTTPS access for users (web front end) [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/server (inbound): Server access works over SSH (port 22) and HTTPS (port 443). [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_tags = ["g-omero-k8s"]
  target_tags = ["h-master"]
}

# group omero-k8s -> host master: omero-k8s/server (inbound): HTTPS access for users (web front end) [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/server (inbound): Server access works over SSH (port 22) and HTTPS (port 443). [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
resource "google_compute_firewall" "ptl_omero_imaging_f0009_out4" {
  name        = "ptl-omero-imaging-f0009-out4"
  network     = var.network
  description = "omero-k8s/server-443-tcp-in omero-k8s/server-443-tcp-nodir omero-k8s/server (inbound): HTTPS access for users (web front end) [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/server (inbound): Server access works over SSH (port 22) and HTTPS (port 443). [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  destination_ranges = ["10.1.0.10/32"]
  target_tags = ["g-omero-k8s"]
}

# group omero-k8s -> host master: omero-k8s/control-plane (inbound): etcd client and peer API
resource "google_compute_firewall" "ptl_omero_imaging_f0010_in4" {
  name        = "ptl-omero-imaging-f0010-in4"
  network     = var.network
  description = "omero-k8s/control-plane-2379-2380-tcp omero-k8s/control-plane (inbound): etcd client and peer API"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["2379-2380"]
  }
  source_tags = ["g-omero-k8s"]
  target_tags = ["h-master"]
}

# group omero-k8s -> host master: omero-k8s/control-plane (inbound): etcd client and peer API
resource "google_compute_firewall" "ptl_omero_imaging_f0010_out4" {
  name        = "ptl-omero-imaging-f0010-out4"
  network     = var.network
  description = "omero-k8s/control-plane-2379-2380-tcp omero-k8s/control-plane (inbound): etcd client and peer API"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["2379-2380"]
  }
  destination_ranges = ["10.1.0.10/32"]
  target_tags = ["g-omero-k8s"]
}

# group omero-k8s -> host master: omero-k8s/control-plane (inbound): Kubernetes API server
resource "google_compute_firewall" "ptl_omero_imaging_f0011_in4" {
  name        = "ptl-omero-imaging-f0011-in4"
  network     = var.network
  description = "omero-k8s/control-plane-6443-tcp omero-k8s/control-plane (inbound): Kubernetes API server"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["6443"]
  }
  source_tags = ["g-omero-k8s"]
  target_tags = ["h-master"]
}

# group omero-k8s -> host master: omero-k8s/control-plane (inbound): Kubernetes API server
resource "google_compute_firewall" "ptl_omero_imaging_f0011_out4" {
  name        = "ptl-omero-imaging-f0011-out4"
  network     = var.network
  description = "omero-k8s/control-plane-6443-tcp omero-k8s/control-plane (inbound): Kubernetes API server"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["6443"]
  }
  destination_ranges = ["10.1.0.10/32"]
  target_tags = ["g-omero-k8s"]
}

# group omero-k8s -> host master: omero-k8s/control-plane (inbound): Kubelet API; omero-k8s/control-plane (inbound): kube-scheduler; omero-k8s/control-plane (inbound): kube-controller-manager
resource "google_compute_firewall" "ptl_omero_imaging_f0012_in4" {
  name        = "ptl-omero-imaging-f0012-in4"
  network     = var.network
  description = "omero-k8s/control-plane-10250-tcp omero-k8s/control-plane-10251-tcp omero-k8s/control-plane-10252-tcp omero-k8s/control-plane (inbound): Kubelet API; omero-k8s/control-plane (inbound): kube-scheduler; omero-k8s/control-plane (inbound): kube-controller-manager"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["10250-10252"]
  }
  source_tags = ["g-omero-k8s"]
  target_tags = ["h-master"]
}

# group omero-k8s -> host master: omero-k8s/control-plane (inbound): Kubelet API; omero-k8s/control-plane (inbound): kube-scheduler; omero-k8s/control-plane (inbound): kube-controller-manager
resource "google_compute_firewall" "ptl_omero_imaging_f0012_out4" {
  name        = "ptl-omero-imaging-f0012-out4"
  network     = var.network
  description = "omero-k8s/control-plane-10250-tcp omero-k8s/control-plane-10251-tcp omero-k8s/control-plane-10252-tcp omero-k8s/control-plane (inbound): Kubelet API; omero-k8s/control-plane (inbound): kube-scheduler; omero-k8s/control-plane (inbound): kube-controller-manager"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["10250-10252"]
  }
  destination_ranges = ["10.1.0.10/32"]
  target_tags = ["g-omero-k8s"]
}

# group omero-k8s -> host master: omero-k8s/control-plane (inbound): Flannel VXLAN overlay; omero-k8s/control-plane (inbound): Flannel VXLAN overlay networking between the cluster nodes uses UDP port 8472.
resource "google_compute_firewall" "ptl_omero_imaging_f0013_in4" {
  name        = "ptl-omero-imaging-f0013-in4"
  network     = var.network
  description = "omero-k8s/control-plane-8472-udp-h1d7f omero-k8s/control-plane-8472-udp-h84d7 omero-k8s/control-plane (inbound): Flannel VXLAN overlay; omero-k8s/control-plane (inbound): Flannel VXLAN overlay networking between the cluster nodes uses UDP port 8472."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["8472"]
  }
  source_tags = ["g-omero-k8s"]
  target_tags = ["h-master"]
}

# group omero-k8s -> host master: omero-k8s/control-plane (inbound): Flannel VXLAN overlay; omero-k8s/control-plane (inbound): Flannel VXLAN overlay networking between the cluster nodes uses UDP port 8472.
resource "google_compute_firewall" "ptl_omero_imaging_f0013_out4" {
  name        = "ptl-omero-imaging-f0013-out4"
  network     = var.network
  description = "omero-k8s/control-plane-8472-udp-h1d7f omero-k8s/control-plane-8472-udp-h84d7 omero-k8s/control-plane (inbound): Flannel VXLAN overlay; omero-k8s/control-plane (inbound): Flannel VXLAN overlay networking between the cluster nodes uses UDP port 8472."
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["8472"]
  }
  destination_ranges = ["10.1.0.10/32"]
  target_tags = ["g-omero-k8s"]
}

# zone lab -> host worker1: omero-k8s/omero-server (inbound): Binary data transfer [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/omero-server (inbound): Omero Web and Omero Server need TCP ports 4061-4064; they are required for binary data transfer and the web services. [ASSUMED: the document states no usable peer or direction; planned
resource "google_compute_firewall" "ptl_omero_imaging_f0014_in4" {
  name        = "ptl-omero-imaging-f0014-in4"
  network     = var.network
  description = "omero-k8s/omero-server-4061-4064-tcp omero-k8s/omero-server-4061-tcp omero-k8s/omero-server-4062-tcp omero-k8s/omero-server (inbound): Binary data transfer [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/omero-server (inbound): Omero Web and Omero Server need TCP ports 4061-4064; they are required for binary data transfer and the web services. [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/omero-server (inbound): Secondary data channel [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["4061-4064"]
  }
  source_ranges = ["172.16.0.0/16"]
  target_tags = ["h-worker1"]
}

# zone lab -> host worker1: omero-k8s/worker (inbound): Range for NodePort services
resource "google_compute_firewall" "ptl_omero_imaging_f0015_in4" {
  name        = "ptl-omero-imaging-f0015-in4"
  network     = var.network
  description = "omero-k8s/worker-30000-32767-tcp omero-k8s/worker (inbound): Range for NodePort services"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["30000-32767"]
  }
  source_ranges = ["172.16.0.0/16"]
  target_tags = ["h-worker1"]
}

# group omero-k8s -> host worker1: omero-k8s/omero-server (inbound): Binary data transfer [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/omero-server (inbound): Omero Web and Omero Server need TCP ports 4061-4064; they are required for binary data transfer and the web services. [ASSUMED: the document states no usable peer or direction;
resource "google_compute_firewall" "ptl_omero_imaging_f0016_in4" {
  name        = "ptl-omero-imaging-f0016-in4"
  network     = var.network
  description = "omero-k8s/omero-server-4061-4064-tcp omero-k8s/omero-server-4061-tcp omero-k8s/omero-server-4062-tcp omero-k8s/omero-server (inbound): Binary data transfer [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/omero-server (inbound): Omero Web and Omero Server need TCP ports 4061-4064; they are required for binary data transfer and the web services. [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/omero-server (inbound): Secondary data channel [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["4061-4064"]
  }
  source_tags = ["g-omero-k8s"]
  target_tags = ["h-worker1"]
}

# group omero-k8s -> host worker1: omero-k8s/omero-server (inbound): Binary data transfer [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/omero-server (inbound): Omero Web and Omero Server need TCP ports 4061-4064; they are required for binary data transfer and the web services. [ASSUMED: the document states no usable peer or direction;
resource "google_compute_firewall" "ptl_omero_imaging_f0016_out4" {
  name        = "ptl-omero-imaging-f0016-out4"
  network     = var.network
  description = "omero-k8s/omero-server-4061-4064-tcp omero-k8s/omero-server-4061-tcp omero-k8s/omero-server-4062-tcp omero-k8s/omero-server (inbound): Binary data transfer [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/omero-server (inbound): Omero Web and Omero Server need TCP ports 4061-4064; they are required for binary data transfer and the web services. [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/omero-server (inbound): Secondary data channel [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["4061-4064"]
  }
  destination_ranges = ["10.1.0.21/32"]
  target_tags = ["g-omero-k8s"]
}

# group omero-k8s -> host worker1: omero-k8s/worker (inbound): Kubelet API
resource "google_compute_firewall" "ptl_omero_imaging_f0017_in4" {
  name        = "ptl-omero-imaging-f0017-in4"
  network     = var.network
  description = "omero-k8s/worker-10250-tcp omero-k8s/worker (inbound): Kubelet API"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["10250"]
  }
  source_tags = ["g-omero-k8s"]
  target_tags = ["h-worker1"]
}

# group omero-k8s -> host worker1: omero-k8s/worker (inbound): Kubelet API
resource "google_compute_firewall" "ptl_omero_imaging_f0017_out4" {
  name        = "ptl-omero-imaging-f0017-out4"
  network     = var.network
  description = "omero-k8s/worker-10250-tcp omero-k8s/worker (inbound): Kubelet API"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["10250"]
  }
  destination_ranges = ["10.1.0.21/32"]
  target_tags = ["g-omero-k8s"]
}

# group omero-k8s -> host worker1: omero-k8s/worker (inbound): Range for NodePort services
resource "google_compute_firewall" "ptl_omero_imaging_f0018_in4" {
  name        = "ptl-omero-imaging-f0018-in4"
  network     = var.network
  description = "omero-k8s/worker-30000-32767-tcp omero-k8s/worker (inbound): Range for NodePort services"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["30000-32767"]
  }
  source_tags = ["g-omero-k8s"]
  target_tags = ["h-worker1"]
}

# group omero-k8s -> host worker1: omero-k8s/worker (inbound): Range for NodePort services
resource "google_compute_firewall" "ptl_omero_imaging_f0018_out4" {
  name        = "ptl-omero-imaging-f0018-out4"
  network     = var.network
  description = "omero-k8s/worker-30000-32767-tcp omero-k8s/worker (inbound): Range for NodePort services"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["30000-32767"]
  }
  destination_ranges = ["10.1.0.21/32"]
  target_tags = ["g-omero-k8s"]
}

# group omero-k8s -> host worker1: omero-k8s/worker (inbound): Flannel VXLAN overlay
resource "google_compute_firewall" "ptl_omero_imaging_f0019_in4" {
  name        = "ptl-omero-imaging-f0019-in4"
  network     = var.network
  description = "omero-k8s/worker-8472-udp omero-k8s/worker (inbound): Flannel VXLAN overlay"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["8472"]
  }
  source_tags = ["g-omero-k8s"]
  target_tags = ["h-worker1"]
}

# group omero-k8s -> host worker1: omero-k8s/worker (inbound): Flannel VXLAN overlay
resource "google_compute_firewall" "ptl_omero_imaging_f0019_out4" {
  name        = "ptl-omero-imaging-f0019-out4"
  network     = var.network
  description = "omero-k8s/worker-8472-udp omero-k8s/worker (inbound): Flannel VXLAN overlay"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["8472"]
  }
  destination_ranges = ["10.1.0.21/32"]
  target_tags = ["g-omero-k8s"]
}

# zone lab -> host worker2: omero-k8s/omero-web (inbound): OMERO.web service [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/omero-web (inbound): OMERO gateway [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
resource "google_compute_firewall" "ptl_omero_imaging_f0020_in4" {
  name        = "ptl-omero-imaging-f0020-in4"
  network     = var.network
  description = "omero-k8s/omero-web-4063-tcp omero-k8s/omero-web-4064-tcp omero-k8s/omero-web (inbound): OMERO.web service [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/omero-web (inbound): OMERO gateway [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["4063-4064"]
  }
  source_ranges = ["172.16.0.0/16"]
  target_tags = ["h-worker2"]
}

# zone lab -> host worker2: omero-k8s/keycloak (inbound): HTTP, including the admin console [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/keycloak (inbound): Keycloak serves HTTP on port 8080 and HTTPS on port 8443. [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
resource "google_compute_firewall" "ptl_omero_imaging_f0021_in4" {
  name        = "ptl-omero-imaging-f0021-in4"
  network     = var.network
  description = "omero-k8s/keycloak-8080-tcp-http-including-the omero-k8s/keycloak-8080-tcp-keycloak-serves-http omero-k8s/keycloak (inbound): HTTP, including the admin console [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/keycloak (inbound): Keycloak serves HTTP on port 8080 and HTTPS on port 8443. [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["8080"]
  }
  source_ranges = ["172.16.0.0/16"]
  target_tags = ["h-worker2"]
}

# zone lab -> host worker2: omero-k8s/keycloak (inbound): HTTPS [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/keycloak (inbound): Keycloak serves HTTP on port 8080 and HTTPS on port 8443. [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
resource "google_compute_firewall" "ptl_omero_imaging_f0022_in4" {
  name        = "ptl-omero-imaging-f0022-in4"
  network     = var.network
  description = "omero-k8s/keycloak-8443-tcp-https omero-k8s/keycloak-8443-tcp-keycloak-serves-http omero-k8s/keycloak (inbound): HTTPS [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/keycloak (inbound): Keycloak serves HTTP on port 8080 and HTTPS on port 8443. [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["8443"]
  }
  source_ranges = ["172.16.0.0/16"]
  target_tags = ["h-worker2"]
}

# zone lab -> host worker2: omero-k8s/worker (inbound): Range for NodePort services
resource "google_compute_firewall" "ptl_omero_imaging_f0023_in4" {
  name        = "ptl-omero-imaging-f0023-in4"
  network     = var.network
  description = "omero-k8s/worker-30000-32767-tcp omero-k8s/worker (inbound): Range for NodePort services"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["30000-32767"]
  }
  source_ranges = ["172.16.0.0/16"]
  target_tags = ["h-worker2"]
}

# group omero-k8s -> host worker2: omero-k8s/openldap (inbound): LDAP (Lightweight Directory Access Protocol); omero-k8s/openldap (inbound): OpenLDAP listens on the standard ports 389 (LDAP) and 636 (LDAPS).
resource "google_compute_firewall" "ptl_omero_imaging_f0024_in4" {
  name        = "ptl-omero-imaging-f0024-in4"
  network     = var.network
  description = "omero-k8s/openldap-389-tcp-in omero-k8s/openldap-389-tcp-nodir omero-k8s/openldap (inbound): LDAP (Lightweight Directory Access Protocol); omero-k8s/openldap (inbound): OpenLDAP listens on the standard ports 389 (LDAP) and 636 (LDAPS)."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["389"]
  }
  source_tags = ["g-omero-k8s"]
  target_tags = ["h-worker2"]
}

# group omero-k8s -> host worker2: omero-k8s/openldap (inbound): LDAP (Lightweight Directory Access Protocol); omero-k8s/openldap (inbound): OpenLDAP listens on the standard ports 389 (LDAP) and 636 (LDAPS).
resource "google_compute_firewall" "ptl_omero_imaging_f0024_out4" {
  name        = "ptl-omero-imaging-f0024-out4"
  network     = var.network
  description = "omero-k8s/openldap-389-tcp-in omero-k8s/openldap-389-tcp-nodir omero-k8s/openldap (inbound): LDAP (Lightweight Directory Access Protocol); omero-k8s/openldap (inbound): OpenLDAP listens on the standard ports 389 (LDAP) and 636 (LDAPS)."
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["389"]
  }
  destination_ranges = ["10.1.0.22/32"]
  target_tags = ["g-omero-k8s"]
}

# group omero-k8s -> host worker2: omero-k8s/openldap (inbound): LDAPS (LDAP over TLS); omero-k8s/openldap (inbound): OpenLDAP listens on the standard ports 389 (LDAP) and 636 (LDAPS).
resource "google_compute_firewall" "ptl_omero_imaging_f0025_in4" {
  name        = "ptl-omero-imaging-f0025-in4"
  network     = var.network
  description = "omero-k8s/openldap-636-tcp-in omero-k8s/openldap-636-tcp-nodir omero-k8s/openldap (inbound): LDAPS (LDAP over TLS); omero-k8s/openldap (inbound): OpenLDAP listens on the standard ports 389 (LDAP) and 636 (LDAPS)."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["636"]
  }
  source_tags = ["g-omero-k8s"]
  target_tags = ["h-worker2"]
}

# group omero-k8s -> host worker2: omero-k8s/openldap (inbound): LDAPS (LDAP over TLS); omero-k8s/openldap (inbound): OpenLDAP listens on the standard ports 389 (LDAP) and 636 (LDAPS).
resource "google_compute_firewall" "ptl_omero_imaging_f0025_out4" {
  name        = "ptl-omero-imaging-f0025-out4"
  network     = var.network
  description = "omero-k8s/openldap-636-tcp-in omero-k8s/openldap-636-tcp-nodir omero-k8s/openldap (inbound): LDAPS (LDAP over TLS); omero-k8s/openldap (inbound): OpenLDAP listens on the standard ports 389 (LDAP) and 636 (LDAPS)."
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["636"]
  }
  destination_ranges = ["10.1.0.22/32"]
  target_tags = ["g-omero-k8s"]
}

# group omero-k8s -> host worker2: omero-k8s/omero-web (inbound): OMERO.web service [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/omero-web (inbound): OMERO gateway [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
resource "google_compute_firewall" "ptl_omero_imaging_f0026_in4" {
  name        = "ptl-omero-imaging-f0026-in4"
  network     = var.network
  description = "omero-k8s/omero-web-4063-tcp omero-k8s/omero-web-4064-tcp omero-k8s/omero-web (inbound): OMERO.web service [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/omero-web (inbound): OMERO gateway [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["4063-4064"]
  }
  source_tags = ["g-omero-k8s"]
  target_tags = ["h-worker2"]
}

# group omero-k8s -> host worker2: omero-k8s/omero-web (inbound): OMERO.web service [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/omero-web (inbound): OMERO gateway [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
resource "google_compute_firewall" "ptl_omero_imaging_f0026_out4" {
  name        = "ptl-omero-imaging-f0026-out4"
  network     = var.network
  description = "omero-k8s/omero-web-4063-tcp omero-k8s/omero-web-4064-tcp omero-k8s/omero-web (inbound): OMERO.web service [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/omero-web (inbound): OMERO gateway [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["4063-4064"]
  }
  destination_ranges = ["10.1.0.22/32"]
  target_tags = ["g-omero-k8s"]
}

# group omero-k8s -> host worker2: omero-k8s/keycloak (inbound): HTTP, including the admin console [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/keycloak (inbound): Keycloak serves HTTP on port 8080 and HTTPS on port 8443. [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
resource "google_compute_firewall" "ptl_omero_imaging_f0027_in4" {
  name        = "ptl-omero-imaging-f0027-in4"
  network     = var.network
  description = "omero-k8s/keycloak-8080-tcp-http-including-the omero-k8s/keycloak-8080-tcp-keycloak-serves-http omero-k8s/keycloak (inbound): HTTP, including the admin console [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/keycloak (inbound): Keycloak serves HTTP on port 8080 and HTTPS on port 8443. [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["8080"]
  }
  source_tags = ["g-omero-k8s"]
  target_tags = ["h-worker2"]
}

# group omero-k8s -> host worker2: omero-k8s/keycloak (inbound): HTTP, including the admin console [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/keycloak (inbound): Keycloak serves HTTP on port 8080 and HTTPS on port 8443. [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
resource "google_compute_firewall" "ptl_omero_imaging_f0027_out4" {
  name        = "ptl-omero-imaging-f0027-out4"
  network     = var.network
  description = "omero-k8s/keycloak-8080-tcp-http-including-the omero-k8s/keycloak-8080-tcp-keycloak-serves-http omero-k8s/keycloak (inbound): HTTP, including the admin console [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/keycloak (inbound): Keycloak serves HTTP on port 8080 and HTTPS on port 8443. [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["8080"]
  }
  destination_ranges = ["10.1.0.22/32"]
  target_tags = ["g-omero-k8s"]
}

# group omero-k8s -> host worker2: omero-k8s/keycloak (inbound): HTTPS [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/keycloak (inbound): Keycloak serves HTTP on port 8080 and HTTPS on port 8443. [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
resource "google_compute_firewall" "ptl_omero_imaging_f0028_in4" {
  name        = "ptl-omero-imaging-f0028-in4"
  network     = var.network
  description = "omero-k8s/keycloak-8443-tcp-https omero-k8s/keycloak-8443-tcp-keycloak-serves-http omero-k8s/keycloak (inbound): HTTPS [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/keycloak (inbound): Keycloak serves HTTP on port 8080 and HTTPS on port 8443. [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["8443"]
  }
  source_tags = ["g-omero-k8s"]
  target_tags = ["h-worker2"]
}

# group omero-k8s -> host worker2: omero-k8s/keycloak (inbound): HTTPS [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/keycloak (inbound): Keycloak serves HTTP on port 8080 and HTTPS on port 8443. [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
resource "google_compute_firewall" "ptl_omero_imaging_f0028_out4" {
  name        = "ptl-omero-imaging-f0028-out4"
  network     = var.network
  description = "omero-k8s/keycloak-8443-tcp-https omero-k8s/keycloak-8443-tcp-keycloak-serves-http omero-k8s/keycloak (inbound): HTTPS [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/keycloak (inbound): Keycloak serves HTTP on port 8080 and HTTPS on port 8443. [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["8443"]
  }
  destination_ranges = ["10.1.0.22/32"]
  target_tags = ["g-omero-k8s"]
}

# group omero-k8s -> host worker2: omero-k8s/worker (inbound): Kubelet API
resource "google_compute_firewall" "ptl_omero_imaging_f0029_in4" {
  name        = "ptl-omero-imaging-f0029-in4"
  network     = var.network
  description = "omero-k8s/worker-10250-tcp omero-k8s/worker (inbound): Kubelet API"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["10250"]
  }
  source_tags = ["g-omero-k8s"]
  target_tags = ["h-worker2"]
}

# group omero-k8s -> host worker2: omero-k8s/worker (inbound): Kubelet API
resource "google_compute_firewall" "ptl_omero_imaging_f0029_out4" {
  name        = "ptl-omero-imaging-f0029-out4"
  network     = var.network
  description = "omero-k8s/worker-10250-tcp omero-k8s/worker (inbound): Kubelet API"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["10250"]
  }
  destination_ranges = ["10.1.0.22/32"]
  target_tags = ["g-omero-k8s"]
}

# group omero-k8s -> host worker2: omero-k8s/worker (inbound): Range for NodePort services
resource "google_compute_firewall" "ptl_omero_imaging_f0030_in4" {
  name        = "ptl-omero-imaging-f0030-in4"
  network     = var.network
  description = "omero-k8s/worker-30000-32767-tcp omero-k8s/worker (inbound): Range for NodePort services"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["30000-32767"]
  }
  source_tags = ["g-omero-k8s"]
  target_tags = ["h-worker2"]
}

# group omero-k8s -> host worker2: omero-k8s/worker (inbound): Range for NodePort services
resource "google_compute_firewall" "ptl_omero_imaging_f0030_out4" {
  name        = "ptl-omero-imaging-f0030-out4"
  network     = var.network
  description = "omero-k8s/worker-30000-32767-tcp omero-k8s/worker (inbound): Range for NodePort services"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["30000-32767"]
  }
  destination_ranges = ["10.1.0.22/32"]
  target_tags = ["g-omero-k8s"]
}

# group omero-k8s -> host worker2: omero-k8s/worker (inbound): Flannel VXLAN overlay
resource "google_compute_firewall" "ptl_omero_imaging_f0031_in4" {
  name        = "ptl-omero-imaging-f0031-in4"
  network     = var.network
  description = "omero-k8s/worker-8472-udp omero-k8s/worker (inbound): Flannel VXLAN overlay"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["8472"]
  }
  source_tags = ["g-omero-k8s"]
  target_tags = ["h-worker2"]
}

# group omero-k8s -> host worker2: omero-k8s/worker (inbound): Flannel VXLAN overlay
resource "google_compute_firewall" "ptl_omero_imaging_f0031_out4" {
  name        = "ptl-omero-imaging-f0031-out4"
  network     = var.network
  description = "omero-k8s/worker-8472-udp omero-k8s/worker (inbound): Flannel VXLAN overlay"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["8472"]
  }
  destination_ranges = ["10.1.0.22/32"]
  target_tags = ["g-omero-k8s"]
}

resource "google_compute_firewall" "ptl_omero_imaging_deny_in" {
  name        = "ptl-omero-imaging-deny-in"
  network     = var.network
  description = "portolan: default deny"
  direction   = "INGRESS"
  priority    = 65000
  deny {
    protocol = "all"
  }
  source_ranges = ["0.0.0.0/0", "::/0"]
}

resource "google_compute_firewall" "ptl_omero_imaging_deny_out" {
  name        = "ptl-omero-imaging-deny-out"
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
    "master" = ["h-master", "z-k8s", "g-hosts-all-44b77471", "g-omero-k8s"]
    "worker1" = ["h-worker1", "z-k8s", "g-hosts-all-44b77471", "g-omero-k8s"]
    "worker2" = ["h-worker2", "z-k8s", "g-hosts-all-44b77471", "g-omero-k8s"]
    "db" = ["h-db", "z-k8s", "g-hosts-all-44b77471", "g-omero-k8s"]
  }
}
