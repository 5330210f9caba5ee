# Portolan: GCP firewall rules for topology openlm-vip
# Applying this denies every flow, in and out, that no rule below allows.
# Stays open for management: 22/tcp from zone office to group hosts:all.
# Stays open outbound (DNS, NTP, topology egress): 53/tcp to zone 10.50.0.53/32, 53/udp to zone 10.50.0.53/32, 123/udp to zone 10.50.0.53/32.
# Tag each instance as listed in the portolan_instance_tags output.

variable "network" {
  type        = string
  description = "VPC network (name or self link)"
}

# group hosts:all -> zone 10.50.0.53/32: egress, topology line 31
resource "google_compute_firewall" "ptl_openlm_vip_f0001_out4" {
  name        = "ptl-openlm-vip-f0001-out4"
  network     = var.network
  description = "topology:egress egress, topology line 31"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["53"]
  }
  destination_ranges = ["10.50.0.53/32"]
  target_tags = ["g-hosts-all-44b77471"]
}

# group hosts:all -> zone 10.50.0.53/32: egress, topology line 31
resource "google_compute_firewall" "ptl_openlm_vip_f0002_out4" {
  name        = "ptl-openlm-vip-f0002-out4"
  network     = var.network
  description = "topology:egress egress, topology line 31"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["53"]
  }
  destination_ranges = ["10.50.0.53/32"]
  target_tags = ["g-hosts-all-44b77471"]
}

# group hosts:all -> zone 10.50.0.53/32: egress, topology line 31
resource "google_compute_firewall" "ptl_openlm_vip_f0003_out4" {
  name        = "ptl-openlm-vip-f0003-out4"
  network     = var.network
  description = "topology:egress egress, topology line 31"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["123"]
  }
  destination_ranges = ["10.50.0.53/32"]
  target_tags = ["g-hosts-all-44b77471"]
}

# group openlm/node -> zone office: openlm/node (outbound): OpenLM container image registry
resource "google_compute_firewall" "ptl_openlm_vip_f0004_out4" {
  name        = "ptl-openlm-vip-f0004-out4"
  network     = var.network
  description = "openlm/node-443-tcp openlm/node (outbound): OpenLM container image registry"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  destination_ranges = ["10.50.0.0/16"]
  target_tags = ["g-openlm-node-4ade990b"]
}

# zone office -> group hosts:all: management access, topology line 29
resource "google_compute_firewall" "ptl_openlm_vip_f0005_in4" {
  name        = "ptl-openlm-vip-f0005-in4"
  network     = var.network
  description = "topology:management management access, topology line 29"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["10.50.0.0/16"]
  target_tags = ["g-hosts-all-44b77471"]
}

# zone office -> host cp: openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes.
resource "google_compute_firewall" "ptl_openlm_vip_f0006_in4" {
  name        = "ptl-openlm-vip-f0006-in4"
  network     = var.network
  description = "openlm/node-22-tcp openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["10.50.0.0/16"]
  target_tags = ["h-cp"]
}

# zone office -> host cp: openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
resource "google_compute_firewall" "ptl_openlm_vip_f0007_in4" {
  name        = "ptl-openlm-vip-f0007-in4"
  network     = var.network
  description = "openlm/control-plane-80-tcp openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["80"]
  }
  source_ranges = ["10.50.0.0/16"]
  target_tags = ["h-cp"]
}

# zone office -> host cp: openlm/control-plane (inbound): HTTPS ingress for agents, UI and API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
resource "google_compute_firewall" "ptl_openlm_vip_f0008_in4" {
  name        = "ptl-openlm-vip-f0008-in4"
  network     = var.network
  description = "openlm/control-plane-443-tcp openlm/control-plane (inbound): HTTPS ingress for agents, UI and API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_ranges = ["10.50.0.0/16"]
  target_tags = ["h-cp"]
}

# group openlm -> host cp: openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
resource "google_compute_firewall" "ptl_openlm_vip_f0009_in4" {
  name        = "ptl-openlm-vip-f0009-in4"
  network     = var.network
  description = "openlm/control-plane-80-tcp openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["80"]
  }
  source_tags = ["g-openlm"]
  target_tags = ["h-cp"]
}

# group openlm -> host cp: openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
resource "google_compute_firewall" "ptl_openlm_vip_f0009_out4" {
  name        = "ptl-openlm-vip-f0009-out4"
  network     = var.network
  description = "openlm/control-plane-80-tcp openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["80"]
  }
  destination_ranges = ["10.60.0.10/32"]
  target_tags = ["g-openlm"]
}

# group openlm -> host cp: openlm/control-plane (inbound): HTTPS ingress for agents, UI and API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
resource "google_compute_firewall" "ptl_openlm_vip_f0010_in4" {
  name        = "ptl-openlm-vip-f0010-in4"
  network     = var.network
  description = "openlm/control-plane-443-tcp openlm/control-plane (inbound): HTTPS ingress for agents, UI and API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_tags = ["g-openlm"]
  target_tags = ["h-cp"]
}

# group openlm -> host cp: openlm/control-plane (inbound): HTTPS ingress for agents, UI and API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
resource "google_compute_firewall" "ptl_openlm_vip_f0010_out4" {
  name        = "ptl-openlm-vip-f0010-out4"
  network     = var.network
  description = "openlm/control-plane-443-tcp openlm/control-plane (inbound): HTTPS ingress for agents, UI and API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  destination_ranges = ["10.60.0.10/32"]
  target_tags = ["g-openlm"]
}

# group openlm -> host cp: openlm/node (internal): Kubernetes API server
resource "google_compute_firewall" "ptl_openlm_vip_f0011_in4" {
  name        = "ptl-openlm-vip-f0011-in4"
  network     = var.network
  description = "openlm/node-6443-tcp openlm/node (internal): Kubernetes API server"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["6443"]
  }
  source_tags = ["g-openlm"]
  target_tags = ["h-cp"]
}

# group openlm -> host cp: openlm/node (internal): Kubernetes API server
resource "google_compute_firewall" "ptl_openlm_vip_f0011_out4" {
  name        = "ptl-openlm-vip-f0011-out4"
  network     = var.network
  description = "openlm/node-6443-tcp openlm/node (internal): Kubernetes API server"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["6443"]
  }
  destination_ranges = ["10.60.0.10/32"]
  target_tags = ["g-openlm"]
}

# group openlm -> host cp: openlm/node (internal): Kubelet metrics
resource "google_compute_firewall" "ptl_openlm_vip_f0012_in4" {
  name        = "ptl-openlm-vip-f0012-in4"
  network     = var.network
  description = "openlm/node-10250-tcp openlm/node (internal): Kubelet metrics"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["10250"]
  }
  source_tags = ["g-openlm"]
  target_tags = ["h-cp"]
}

# group openlm -> host cp: openlm/node (internal): Kubelet metrics
resource "google_compute_firewall" "ptl_openlm_vip_f0012_out4" {
  name        = "ptl-openlm-vip-f0012-out4"
  network     = var.network
  description = "openlm/node-10250-tcp openlm/node (internal): Kubelet metrics"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["10250"]
  }
  destination_ranges = ["10.60.0.10/32"]
  target_tags = ["g-openlm"]
}

# group openlm -> host cp: openlm/node (internal): Flannel VXLAN overlay
resource "google_compute_firewall" "ptl_openlm_vip_f0013_in4" {
  name        = "ptl-openlm-vip-f0013-in4"
  network     = var.network
  description = "openlm/node-8472-udp openlm/node (internal): Flannel VXLAN overlay"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["8472"]
  }
  source_tags = ["g-openlm"]
  target_tags = ["h-cp"]
}

# group openlm -> host cp: openlm/node (internal): Flannel VXLAN overlay
resource "google_compute_firewall" "ptl_openlm_vip_f0013_out4" {
  name        = "ptl-openlm-vip-f0013-out4"
  network     = var.network
  description = "openlm/node-8472-udp openlm/node (internal): Flannel VXLAN overlay"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["8472"]
  }
  destination_ranges = ["10.60.0.10/32"]
  target_tags = ["g-openlm"]
}

# zone office -> host edge1: openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes.
resource "google_compute_firewall" "ptl_openlm_vip_f0014_in4" {
  name        = "ptl-openlm-vip-f0014-in4"
  network     = var.network
  description = "openlm/node-22-tcp openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["10.50.0.0/16"]
  target_tags = ["h-edge1"]
}

# group openlm -> host edge1: openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.
resource "google_compute_firewall" "ptl_openlm_vip_f0015_in4" {
  name        = "ptl-openlm-vip-f0015-in4"
  network     = var.network
  description = "openlm/ingress-443-tcp-nopeer openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_tags = ["g-openlm"]
  target_tags = ["h-edge1"]
}

# group openlm -> host edge1: openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.
resource "google_compute_firewall" "ptl_openlm_vip_f0015_out4" {
  name        = "ptl-openlm-vip-f0015-out4"
  network     = var.network
  description = "openlm/ingress-443-tcp-nopeer openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443."
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  destination_ranges = ["10.60.0.21/32"]
  target_tags = ["g-openlm"]
}

# group openlm -> host edge1: openlm/node (internal): Kubernetes API server
resource "google_compute_firewall" "ptl_openlm_vip_f0016_in4" {
  name        = "ptl-openlm-vip-f0016-in4"
  network     = var.network
  description = "openlm/node-6443-tcp openlm/node (internal): Kubernetes API server"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["6443"]
  }
  source_tags = ["g-openlm"]
  target_tags = ["h-edge1"]
}

# group openlm -> host edge1: openlm/node (internal): Kubernetes API server
resource "google_compute_firewall" "ptl_openlm_vip_f0016_out4" {
  name        = "ptl-openlm-vip-f0016-out4"
  network     = var.network
  description = "openlm/node-6443-tcp openlm/node (internal): Kubernetes API server"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["6443"]
  }
  destination_ranges = ["10.60.0.21/32"]
  target_tags = ["g-openlm"]
}

# group openlm -> host edge1: openlm/node (internal): Kubelet metrics
resource "google_compute_firewall" "ptl_openlm_vip_f0017_in4" {
  name        = "ptl-openlm-vip-f0017-in4"
  network     = var.network
  description = "openlm/node-10250-tcp openlm/node (internal): Kubelet metrics"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["10250"]
  }
  source_tags = ["g-openlm"]
  target_tags = ["h-edge1"]
}

# group openlm -> host edge1: openlm/node (internal): Kubelet metrics
resource "google_compute_firewall" "ptl_openlm_vip_f0017_out4" {
  name        = "ptl-openlm-vip-f0017-out4"
  network     = var.network
  description = "openlm/node-10250-tcp openlm/node (internal): Kubelet metrics"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["10250"]
  }
  destination_ranges = ["10.60.0.21/32"]
  target_tags = ["g-openlm"]
}

# group openlm -> host edge1: openlm/node (internal): Flannel VXLAN overlay
resource "google_compute_firewall" "ptl_openlm_vip_f0018_in4" {
  name        = "ptl-openlm-vip-f0018-in4"
  network     = var.network
  description = "openlm/node-8472-udp openlm/node (internal): Flannel VXLAN overlay"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["8472"]
  }
  source_tags = ["g-openlm"]
  target_tags = ["h-edge1"]
}

# group openlm -> host edge1: openlm/node (internal): Flannel VXLAN overlay
resource "google_compute_firewall" "ptl_openlm_vip_f0018_out4" {
  name        = "ptl-openlm-vip-f0018-out4"
  network     = var.network
  description = "openlm/node-8472-udp openlm/node (internal): Flannel VXLAN overlay"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["8472"]
  }
  destination_ranges = ["10.60.0.21/32"]
  target_tags = ["g-openlm"]
}

# group vip:portal -> host edge1: openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS. (from the holders of VIP _portal_, on their own addresses: the balanced connections and the health checks)
resource "google_compute_firewall" "ptl_openlm_vip_f0019_in4" {
  name        = "ptl-openlm-vip-f0019-in4"
  network     = var.network
  description = "openlm/ingress-80-tcp-nopeer openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS. (from the holders of VIP _portal_, on their own addresses: the balanced connections and the health checks)"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["80"]
  }
  source_tags = ["g-vip-portal-187d30ac"]
  target_tags = ["h-edge1"]
}

# group vip:portal -> host edge1: openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS. (from the holders of VIP _portal_, on their own addresses: the balanced connections and the health checks)
resource "google_compute_firewall" "ptl_openlm_vip_f0019_out4" {
  name        = "ptl-openlm-vip-f0019-out4"
  network     = var.network
  description = "openlm/ingress-80-tcp-nopeer openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS. (from the holders of VIP _portal_, on their own addresses: the balanced connections and the health checks)"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["80"]
  }
  destination_ranges = ["10.60.0.21/32"]
  target_tags = ["g-vip-portal-187d30ac"]
}

# group vip:portal -> host edge1: openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/ingress (inbound): Sends directo
resource "google_compute_firewall" "ptl_openlm_vip_f0020_in4" {
  name        = "ptl-openlm-vip-f0020-in4"
  network     = var.network
  description = "openlm/ingress-443-tcp-broker openlm/ingress-443-tcp-directory-sync-agent openlm/ingress-443-tcp-nopeer openlm/ingress-443-tcp-web-ui openlm/ingress-443-tcp-workstation-agent openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/ingress (inbound): Sends directory scan and sync events; runs on a machine that can read the directory.; openlm/ingress (inbound): Users working with administration, dashboards and reports. (from the holders of VIP _portal_, on their own addresses: the balanced connections and the health checks)"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_tags = ["g-vip-portal-187d30ac"]
  target_tags = ["h-edge1"]
}

# group vip:portal -> host edge1: openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/ingress (inbound): Sends directo
resource "google_compute_firewall" "ptl_openlm_vip_f0020_out4" {
  name        = "ptl-openlm-vip-f0020-out4"
  network     = var.network
  description = "openlm/ingress-443-tcp-broker openlm/ingress-443-tcp-directory-sync-agent openlm/ingress-443-tcp-nopeer openlm/ingress-443-tcp-web-ui openlm/ingress-443-tcp-workstation-agent openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/ingress (inbound): Sends directory scan and sync events; runs on a machine that can read the directory.; openlm/ingress (inbound): Users working with administration, dashboards and reports. (from the holders of VIP _portal_, on their own addresses: the balanced connections and the health checks)"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  destination_ranges = ["10.60.0.21/32"]
  target_tags = ["g-vip-portal-187d30ac"]
}

# zone office -> host edge2: openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes.
resource "google_compute_firewall" "ptl_openlm_vip_f0021_in4" {
  name        = "ptl-openlm-vip-f0021-in4"
  network     = var.network
  description = "openlm/node-22-tcp openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["10.50.0.0/16"]
  target_tags = ["h-edge2"]
}

# group openlm -> host edge2: openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.
resource "google_compute_firewall" "ptl_openlm_vip_f0022_in4" {
  name        = "ptl-openlm-vip-f0022-in4"
  network     = var.network
  description = "openlm/ingress-443-tcp-nopeer openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_tags = ["g-openlm"]
  target_tags = ["h-edge2"]
}

# group openlm -> host edge2: openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.
resource "google_compute_firewall" "ptl_openlm_vip_f0022_out4" {
  name        = "ptl-openlm-vip-f0022-out4"
  network     = var.network
  description = "openlm/ingress-443-tcp-nopeer openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443."
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  destination_ranges = ["10.60.0.22/32"]
  target_tags = ["g-openlm"]
}

# group openlm -> host edge2: openlm/node (internal): Kubernetes API server
resource "google_compute_firewall" "ptl_openlm_vip_f0023_in4" {
  name        = "ptl-openlm-vip-f0023-in4"
  network     = var.network
  description = "openlm/node-6443-tcp openlm/node (internal): Kubernetes API server"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["6443"]
  }
  source_tags = ["g-openlm"]
  target_tags = ["h-edge2"]
}

# group openlm -> host edge2: openlm/node (internal): Kubernetes API server
resource "google_compute_firewall" "ptl_openlm_vip_f0023_out4" {
  name        = "ptl-openlm-vip-f0023-out4"
  network     = var.network
  description = "openlm/node-6443-tcp openlm/node (internal): Kubernetes API server"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["6443"]
  }
  destination_ranges = ["10.60.0.22/32"]
  target_tags = ["g-openlm"]
}

# group openlm -> host edge2: openlm/node (internal): Kubelet metrics
resource "google_compute_firewall" "ptl_openlm_vip_f0024_in4" {
  name        = "ptl-openlm-vip-f0024-in4"
  network     = var.network
  description = "openlm/node-10250-tcp openlm/node (internal): Kubelet metrics"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["10250"]
  }
  source_tags = ["g-openlm"]
  target_tags = ["h-edge2"]
}

# group openlm -> host edge2: openlm/node (internal): Kubelet metrics
resource "google_compute_firewall" "ptl_openlm_vip_f0024_out4" {
  name        = "ptl-openlm-vip-f0024-out4"
  network     = var.network
  description = "openlm/node-10250-tcp openlm/node (internal): Kubelet metrics"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["10250"]
  }
  destination_ranges = ["10.60.0.22/32"]
  target_tags = ["g-openlm"]
}

# group openlm -> host edge2: openlm/node (internal): Flannel VXLAN overlay
resource "google_compute_firewall" "ptl_openlm_vip_f0025_in4" {
  name        = "ptl-openlm-vip-f0025-in4"
  network     = var.network
  description = "openlm/node-8472-udp openlm/node (internal): Flannel VXLAN overlay"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["8472"]
  }
  source_tags = ["g-openlm"]
  target_tags = ["h-edge2"]
}

# group openlm -> host edge2: openlm/node (internal): Flannel VXLAN overlay
resource "google_compute_firewall" "ptl_openlm_vip_f0025_out4" {
  name        = "ptl-openlm-vip-f0025-out4"
  network     = var.network
  description = "openlm/node-8472-udp openlm/node (internal): Flannel VXLAN overlay"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["8472"]
  }
  destination_ranges = ["10.60.0.22/32"]
  target_tags = ["g-openlm"]
}

# group vip:portal -> host edge2: openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS. (from the holders of VIP _portal_, on their own addresses: the balanced connections and the health checks)
resource "google_compute_firewall" "ptl_openlm_vip_f0026_in4" {
  name        = "ptl-openlm-vip-f0026-in4"
  network     = var.network
  description = "openlm/ingress-80-tcp-nopeer openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS. (from the holders of VIP _portal_, on their own addresses: the balanced connections and the health checks)"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["80"]
  }
  source_tags = ["g-vip-portal-187d30ac"]
  target_tags = ["h-edge2"]
}

# group vip:portal -> host edge2: openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS. (from the holders of VIP _portal_, on their own addresses: the balanced connections and the health checks)
resource "google_compute_firewall" "ptl_openlm_vip_f0026_out4" {
  name        = "ptl-openlm-vip-f0026-out4"
  network     = var.network
  description = "openlm/ingress-80-tcp-nopeer openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS. (from the holders of VIP _portal_, on their own addresses: the balanced connections and the health checks)"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["80"]
  }
  destination_ranges = ["10.60.0.22/32"]
  target_tags = ["g-vip-portal-187d30ac"]
}

# group vip:portal -> host edge2: openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/ingress (inbound): Sends directo
resource "google_compute_firewall" "ptl_openlm_vip_f0027_in4" {
  name        = "ptl-openlm-vip-f0027-in4"
  network     = var.network
  description = "openlm/ingress-443-tcp-broker openlm/ingress-443-tcp-directory-sync-agent openlm/ingress-443-tcp-nopeer openlm/ingress-443-tcp-web-ui openlm/ingress-443-tcp-workstation-agent openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/ingress (inbound): Sends directory scan and sync events; runs on a machine that can read the directory.; openlm/ingress (inbound): Users working with administration, dashboards and reports. (from the holders of VIP _portal_, on their own addresses: the balanced connections and the health checks)"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_tags = ["g-vip-portal-187d30ac"]
  target_tags = ["h-edge2"]
}

# group vip:portal -> host edge2: openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/ingress (inbound): Sends directo
resource "google_compute_firewall" "ptl_openlm_vip_f0027_out4" {
  name        = "ptl-openlm-vip-f0027-out4"
  network     = var.network
  description = "openlm/ingress-443-tcp-broker openlm/ingress-443-tcp-directory-sync-agent openlm/ingress-443-tcp-nopeer openlm/ingress-443-tcp-web-ui openlm/ingress-443-tcp-workstation-agent openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/ingress (inbound): Sends directory scan and sync events; runs on a machine that can read the directory.; openlm/ingress (inbound): Users working with administration, dashboards and reports. (from the holders of VIP _portal_, on their own addresses: the balanced connections and the health checks)"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  destination_ranges = ["10.60.0.22/32"]
  target_tags = ["g-vip-portal-187d30ac"]
}

# zone internet -> host haproxy1: openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/ingress (inbound): Sends directo
resource "google_compute_firewall" "ptl_openlm_vip_f0028_in4" {
  name        = "ptl-openlm-vip-f0028-in4"
  network     = var.network
  description = "openlm/ingress-443-tcp-broker openlm/ingress-443-tcp-directory-sync-agent openlm/ingress-443-tcp-nopeer openlm/ingress-443-tcp-web-ui openlm/ingress-443-tcp-workstation-agent openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/ingress (inbound): Sends directory scan and sync events; runs on a machine that can read the directory.; openlm/ingress (inbound): Users working with administration, dashboards and reports. (to VIP _portal_)"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_ranges = ["0.0.0.0/0"]
  target_tags = ["h-haproxy1"]
}

# zone office -> host haproxy1: openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS. (to VIP _portal_)
resource "google_compute_firewall" "ptl_openlm_vip_f0029_in4" {
  name        = "ptl-openlm-vip-f0029-in4"
  network     = var.network
  description = "openlm/ingress-80-tcp-nopeer openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS. (to VIP _portal_)"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["80"]
  }
  source_ranges = ["10.50.0.0/16"]
  target_tags = ["h-haproxy1"]
}

# zone office -> host haproxy1: openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/ingress (inbound): Sends directory
resource "google_compute_firewall" "ptl_openlm_vip_f0030_in4" {
  name        = "ptl-openlm-vip-f0030-in4"
  network     = var.network
  description = "openlm/ingress-443-tcp-broker openlm/ingress-443-tcp-directory-sync-agent openlm/ingress-443-tcp-nopeer openlm/ingress-443-tcp-web-ui openlm/ingress-443-tcp-workstation-agent openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/ingress (inbound): Sends directory scan and sync events; runs on a machine that can read the directory.; openlm/ingress (inbound): Users working with administration, dashboards and reports. (to VIP _portal_)"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_ranges = ["10.50.0.0/16"]
  target_tags = ["h-haproxy1"]
}

# zone internet -> host haproxy2: openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/ingress (inbound): Sends directo
resource "google_compute_firewall" "ptl_openlm_vip_f0031_in4" {
  name        = "ptl-openlm-vip-f0031-in4"
  network     = var.network
  description = "openlm/ingress-443-tcp-broker openlm/ingress-443-tcp-directory-sync-agent openlm/ingress-443-tcp-nopeer openlm/ingress-443-tcp-web-ui openlm/ingress-443-tcp-workstation-agent openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/ingress (inbound): Sends directory scan and sync events; runs on a machine that can read the directory.; openlm/ingress (inbound): Users working with administration, dashboards and reports. (to VIP _portal_)"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_ranges = ["0.0.0.0/0"]
  target_tags = ["h-haproxy2"]
}

# zone office -> host haproxy2: openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS. (to VIP _portal_)
resource "google_compute_firewall" "ptl_openlm_vip_f0032_in4" {
  name        = "ptl-openlm-vip-f0032-in4"
  network     = var.network
  description = "openlm/ingress-80-tcp-nopeer openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS. (to VIP _portal_)"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["80"]
  }
  source_ranges = ["10.50.0.0/16"]
  target_tags = ["h-haproxy2"]
}

# zone office -> host haproxy2: openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/ingress (inbound): Sends directory
resource "google_compute_firewall" "ptl_openlm_vip_f0033_in4" {
  name        = "ptl-openlm-vip-f0033-in4"
  network     = var.network
  description = "openlm/ingress-443-tcp-broker openlm/ingress-443-tcp-directory-sync-agent openlm/ingress-443-tcp-nopeer openlm/ingress-443-tcp-web-ui openlm/ingress-443-tcp-workstation-agent openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/ingress (inbound): Sends directory scan and sync events; runs on a machine that can read the directory.; openlm/ingress (inbound): Users working with administration, dashboards and reports. (to VIP _portal_)"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_ranges = ["10.50.0.0/16"]
  target_tags = ["h-haproxy2"]
}

resource "google_compute_firewall" "ptl_openlm_vip_deny_in" {
  name        = "ptl-openlm-vip-deny-in"
  network     = var.network
  description = "portolan: default deny"
  direction   = "INGRESS"
  priority    = 65000
  deny {
    protocol = "all"
  }
  source_ranges = ["0.0.0.0/0", "::/0"]
}

resource "google_compute_firewall" "ptl_openlm_vip_deny_out" {
  name        = "ptl-openlm-vip-deny-out"
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
    "haproxy1" = ["h-haproxy1", "z-dmz", "g-hosts-all-44b77471", "g-vip-portal-187d30ac"]
    "haproxy2" = ["h-haproxy2", "z-dmz", "g-hosts-all-44b77471", "g-vip-portal-187d30ac"]
    "cp" = ["h-cp", "z-k3s", "g-hosts-all-44b77471", "g-openlm", "g-openlm-node-4ade990b"]
    "edge1" = ["h-edge1", "z-k3s", "g-hosts-all-44b77471", "g-openlm", "g-openlm-node-4ade990b"]
    "edge2" = ["h-edge2", "z-k3s", "g-hosts-all-44b77471", "g-openlm", "g-openlm-node-4ade990b"]
  }
}
