# Portolan: GCP firewall rules for topology openlm-prod
# Applying this denies every flow, in and out, that no rule below allows.
# Stays open for management: 22/tcp from zone corp to group hosts:all.
# Stays open outbound (DNS, NTP, topology egress): 123/udp to any, 53/tcp to zone 10.20.0.53/32, 53/udp to zone 10.20.0.53/32.
# Tag each instance as listed in the portolan_instance_tags output.

variable "network" {
  type        = string
  description = "VPC network (name or self link)"
}

# group hosts:all -> any: NTP to any address (the topology names no NTP egress)
resource "google_compute_firewall" "ptl_openlm_prod_f0001_out4" {
  name        = "ptl-openlm-prod-f0001-out4"
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

# group hosts:all -> zone 10.20.0.53/32: egress, topology line 32
resource "google_compute_firewall" "ptl_openlm_prod_f0002_out4" {
  name        = "ptl-openlm-prod-f0002-out4"
  network     = var.network
  description = "topology:egress egress, topology line 32"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["53"]
  }
  destination_ranges = ["10.20.0.53/32"]
  target_tags = ["g-hosts-all-44b77471"]
}

# group hosts:all -> zone 10.20.0.53/32: egress, topology line 32
resource "google_compute_firewall" "ptl_openlm_prod_f0003_out4" {
  name        = "ptl-openlm-prod-f0003-out4"
  network     = var.network
  description = "topology:egress egress, topology line 32"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["53"]
  }
  destination_ranges = ["10.20.0.53/32"]
  target_tags = ["g-hosts-all-44b77471"]
}

# group openlm/node -> zone internet: openlm/node (outbound): OpenLM container image registry
resource "google_compute_firewall" "ptl_openlm_prod_f0004_out4" {
  name        = "ptl-openlm-prod-f0004-out4"
  network     = var.network
  description = "openlm/node-443-tcp openlm/node (outbound): OpenLM container image registry"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  destination_ranges = ["0.0.0.0/0"]
  target_tags = ["g-openlm-node-4ade990b"]
}

# zone corp -> group hosts:all: management access, topology line 30
resource "google_compute_firewall" "ptl_openlm_prod_f0005_in4" {
  name        = "ptl-openlm-prod-f0005-in4"
  network     = var.network
  description = "topology:management management access, topology line 30"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["10.20.0.0/16"]
  target_tags = ["g-hosts-all-44b77471"]
}

# zone cluster -> host cp1: openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes.
resource "google_compute_firewall" "ptl_openlm_prod_f0006_in4" {
  name        = "ptl-openlm-prod-f0006-in4"
  network     = var.network
  description = "openlm/node-22-tcp openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["10.0.0.0/22"]
  target_tags = ["h-cp1"]
}

# zone cluster -> host cp1: openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes.
resource "google_compute_firewall" "ptl_openlm_prod_f0006_out4" {
  name        = "ptl-openlm-prod-f0006-out4"
  network     = var.network
  description = "openlm/node-22-tcp openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes."
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  destination_ranges = ["10.0.0.10/32"]
  target_tags = ["z-cluster"]
}

# zone cluster -> host cp1: openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.; openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS
resource "google_compute_firewall" "ptl_openlm_prod_f0007_in4" {
  name        = "ptl-openlm-prod-f0007-in4"
  network     = var.network
  description = "openlm/control-plane-80-tcp openlm/ingress-80-tcp-nopeer openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.; openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["80"]
  }
  source_ranges = ["10.0.0.0/22"]
  target_tags = ["h-cp1"]
}

# zone cluster -> host cp1: openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.; openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS
resource "google_compute_firewall" "ptl_openlm_prod_f0007_out4" {
  name        = "ptl-openlm-prod-f0007-out4"
  network     = var.network
  description = "openlm/control-plane-80-tcp openlm/ingress-80-tcp-nopeer openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.; openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["80"]
  }
  destination_ranges = ["10.0.0.10/32"]
  target_tags = ["z-cluster"]
}

# zone corp -> host cp1: openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes.
resource "google_compute_firewall" "ptl_openlm_prod_f0008_in4" {
  name        = "ptl-openlm-prod-f0008-in4"
  network     = var.network
  description = "openlm/node-22-tcp openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["10.20.0.0/16"]
  target_tags = ["h-cp1"]
}

# zone corp -> host cp1: openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS; openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.
resource "google_compute_firewall" "ptl_openlm_prod_f0009_in4" {
  name        = "ptl-openlm-prod-f0009-in4"
  network     = var.network
  description = "openlm/control-plane-80-tcp openlm/ingress-80-tcp-nopeer openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS; openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["80"]
  }
  source_ranges = ["10.20.0.0/16"]
  target_tags = ["h-cp1"]
}

# zone corp -> host cp1: openlm/control-plane (inbound): HTTPS ingress for agents, UI and API; openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on en
resource "google_compute_firewall" "ptl_openlm_prod_f0010_in4" {
  name        = "ptl-openlm-prod-f0010-in4"
  network     = var.network
  description = "openlm/control-plane-443-tcp openlm/ingress-443-tcp-broker openlm/ingress-443-tcp-directory-sync-agent openlm/ingress-443-tcp-nopeer openlm/ingress-443-tcp-web-ui openlm/ingress-443-tcp-workstation-agent openlm/control-plane (inbound): HTTPS ingress for agents, UI and API; openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/ingress (inbound): Sends directory scan and sync events; runs on a machine that can read the directory.; openlm/ingress (inbound): Users working with administration, dashboards and reports."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_ranges = ["10.20.0.0/16"]
  target_tags = ["h-cp1"]
}

# zone internet -> host cp1: openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/ingress (inbound): Sends directory sc
resource "google_compute_firewall" "ptl_openlm_prod_f0011_in4" {
  name        = "ptl-openlm-prod-f0011-in4"
  network     = var.network
  description = "openlm/ingress-443-tcp-broker openlm/ingress-443-tcp-directory-sync-agent openlm/ingress-443-tcp-nopeer openlm/ingress-443-tcp-web-ui openlm/ingress-443-tcp-workstation-agent openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/ingress (inbound): Sends directory scan and sync events; runs on a machine that can read the directory.; openlm/ingress (inbound): Users working with administration, dashboards and reports."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_ranges = ["0.0.0.0/0"]
  target_tags = ["h-cp1"]
}

# group openlm -> host cp1: openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS; openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.
resource "google_compute_firewall" "ptl_openlm_prod_f0012_in4" {
  name        = "ptl-openlm-prod-f0012-in4"
  network     = var.network
  description = "openlm/control-plane-80-tcp openlm/ingress-80-tcp-nopeer openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS; openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["80"]
  }
  source_tags = ["g-openlm"]
  target_tags = ["h-cp1"]
}

# group openlm -> host cp1: openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS; openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.
resource "google_compute_firewall" "ptl_openlm_prod_f0012_out4" {
  name        = "ptl-openlm-prod-f0012-out4"
  network     = var.network
  description = "openlm/control-plane-80-tcp openlm/ingress-80-tcp-nopeer openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS; openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS."
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["80"]
  }
  destination_ranges = ["10.0.0.10/32"]
  target_tags = ["g-openlm"]
}

# group openlm -> host cp1: openlm/control-plane (inbound): HTTPS ingress for agents, UI and API; openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on
resource "google_compute_firewall" "ptl_openlm_prod_f0013_in4" {
  name        = "ptl-openlm-prod-f0013-in4"
  network     = var.network
  description = "openlm/control-plane-443-tcp openlm/ingress-443-tcp-broker openlm/ingress-443-tcp-directory-sync-agent openlm/ingress-443-tcp-nopeer openlm/ingress-443-tcp-web-ui openlm/ingress-443-tcp-workstation-agent openlm/control-plane (inbound): HTTPS ingress for agents, UI and API; openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/ingress (inbound): Sends directory scan and sync events; runs on a machine that can read the directory.; openlm/ingress (inbound): Users working with administration, dashboards and reports."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_tags = ["g-openlm"]
  target_tags = ["h-cp1"]
}

# group openlm -> host cp1: openlm/control-plane (inbound): HTTPS ingress for agents, UI and API; openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on
resource "google_compute_firewall" "ptl_openlm_prod_f0013_out4" {
  name        = "ptl-openlm-prod-f0013-out4"
  network     = var.network
  description = "openlm/control-plane-443-tcp openlm/ingress-443-tcp-broker openlm/ingress-443-tcp-directory-sync-agent openlm/ingress-443-tcp-nopeer openlm/ingress-443-tcp-web-ui openlm/ingress-443-tcp-workstation-agent openlm/control-plane (inbound): HTTPS ingress for agents, UI and API; openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/ingress (inbound): Sends directory scan and sync events; runs on a machine that can read the directory.; openlm/ingress (inbound): Users working with administration, dashboards and reports."
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  destination_ranges = ["10.0.0.10/32"]
  target_tags = ["g-openlm"]
}

# group openlm@cluster -> host cp1: openlm/node (internal): Kubernetes API server
resource "google_compute_firewall" "ptl_openlm_prod_f0014_in4" {
  name        = "ptl-openlm-prod-f0014-in4"
  network     = var.network
  description = "openlm/node-6443-tcp openlm/node (internal): Kubernetes API server"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["6443"]
  }
  source_tags = ["g-openlm-cluster-6bf12144"]
  target_tags = ["h-cp1"]
}

# group openlm@cluster -> host cp1: openlm/node (internal): Kubernetes API server
resource "google_compute_firewall" "ptl_openlm_prod_f0014_out4" {
  name        = "ptl-openlm-prod-f0014-out4"
  network     = var.network
  description = "openlm/node-6443-tcp openlm/node (internal): Kubernetes API server"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["6443"]
  }
  destination_ranges = ["10.0.0.10/32"]
  target_tags = ["g-openlm-cluster-6bf12144"]
}

# group openlm@cluster -> host cp1: openlm/node (internal): Kubelet metrics
resource "google_compute_firewall" "ptl_openlm_prod_f0015_in4" {
  name        = "ptl-openlm-prod-f0015-in4"
  network     = var.network
  description = "openlm/node-10250-tcp openlm/node (internal): Kubelet metrics"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["10250"]
  }
  source_tags = ["g-openlm-cluster-6bf12144"]
  target_tags = ["h-cp1"]
}

# group openlm@cluster -> host cp1: openlm/node (internal): Kubelet metrics
resource "google_compute_firewall" "ptl_openlm_prod_f0015_out4" {
  name        = "ptl-openlm-prod-f0015-out4"
  network     = var.network
  description = "openlm/node-10250-tcp openlm/node (internal): Kubelet metrics"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["10250"]
  }
  destination_ranges = ["10.0.0.10/32"]
  target_tags = ["g-openlm-cluster-6bf12144"]
}

# group openlm@cluster -> host cp1: openlm/node (internal): Flannel VXLAN overlay
resource "google_compute_firewall" "ptl_openlm_prod_f0016_in4" {
  name        = "ptl-openlm-prod-f0016-in4"
  network     = var.network
  description = "openlm/node-8472-udp openlm/node (internal): Flannel VXLAN overlay"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["8472"]
  }
  source_tags = ["g-openlm-cluster-6bf12144"]
  target_tags = ["h-cp1"]
}

# group openlm@cluster -> host cp1: openlm/node (internal): Flannel VXLAN overlay
resource "google_compute_firewall" "ptl_openlm_prod_f0016_out4" {
  name        = "ptl-openlm-prod-f0016-out4"
  network     = var.network
  description = "openlm/node-8472-udp openlm/node (internal): Flannel VXLAN overlay"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["8472"]
  }
  destination_ranges = ["10.0.0.10/32"]
  target_tags = ["g-openlm-cluster-6bf12144"]
}

# group openlm@cluster -> host cp1: openlm/node (internal): Flannel WireGuard backend (if enabled)
resource "google_compute_firewall" "ptl_openlm_prod_f0017_in4" {
  name        = "ptl-openlm-prod-f0017-in4"
  network     = var.network
  description = "openlm/node-51820-udp openlm/node (internal): Flannel WireGuard backend (if enabled)"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["51820"]
  }
  source_tags = ["g-openlm-cluster-6bf12144"]
  target_tags = ["h-cp1"]
}

# group openlm@cluster -> host cp1: openlm/node (internal): Flannel WireGuard backend (if enabled)
resource "google_compute_firewall" "ptl_openlm_prod_f0017_out4" {
  name        = "ptl-openlm-prod-f0017-out4"
  network     = var.network
  description = "openlm/node-51820-udp openlm/node (internal): Flannel WireGuard backend (if enabled)"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["51820"]
  }
  destination_ranges = ["10.0.0.10/32"]
  target_tags = ["g-openlm-cluster-6bf12144"]
}

# zone cluster -> host infra: openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes.
resource "google_compute_firewall" "ptl_openlm_prod_f0018_in4" {
  name        = "ptl-openlm-prod-f0018-in4"
  network     = var.network
  description = "openlm/node-22-tcp openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["10.0.0.0/22"]
  target_tags = ["h-infra"]
}

# zone cluster -> host infra: openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes.
resource "google_compute_firewall" "ptl_openlm_prod_f0018_out4" {
  name        = "ptl-openlm-prod-f0018-out4"
  network     = var.network
  description = "openlm/node-22-tcp openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes."
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  destination_ranges = ["10.0.0.20/32"]
  target_tags = ["z-cluster"]
}

# zone corp -> host infra: openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes.
resource "google_compute_firewall" "ptl_openlm_prod_f0019_in4" {
  name        = "ptl-openlm-prod-f0019-in4"
  network     = var.network
  description = "openlm/node-22-tcp openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["10.20.0.0/16"]
  target_tags = ["h-infra"]
}

# zone corp -> host infra: openlm/infrastructure (inbound): PostgreSQL NodePort for Power BI and similar reporting tools
resource "google_compute_firewall" "ptl_openlm_prod_f0020_in4" {
  name        = "ptl-openlm-prod-f0020-in4"
  network     = var.network
  description = "openlm/infrastructure-30432-tcp openlm/infrastructure (inbound): PostgreSQL NodePort for Power BI and similar reporting tools"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["30432"]
  }
  source_ranges = ["10.20.0.0/16"]
  target_tags = ["h-infra"]
}

# group openlm@cluster -> host infra: openlm/node (internal): Kubernetes API server
resource "google_compute_firewall" "ptl_openlm_prod_f0021_in4" {
  name        = "ptl-openlm-prod-f0021-in4"
  network     = var.network
  description = "openlm/node-6443-tcp openlm/node (internal): Kubernetes API server"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["6443"]
  }
  source_tags = ["g-openlm-cluster-6bf12144"]
  target_tags = ["h-infra"]
}

# group openlm@cluster -> host infra: openlm/node (internal): Kubernetes API server
resource "google_compute_firewall" "ptl_openlm_prod_f0021_out4" {
  name        = "ptl-openlm-prod-f0021-out4"
  network     = var.network
  description = "openlm/node-6443-tcp openlm/node (internal): Kubernetes API server"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["6443"]
  }
  destination_ranges = ["10.0.0.20/32"]
  target_tags = ["g-openlm-cluster-6bf12144"]
}

# group openlm@cluster -> host infra: openlm/node (internal): Kubelet metrics
resource "google_compute_firewall" "ptl_openlm_prod_f0022_in4" {
  name        = "ptl-openlm-prod-f0022-in4"
  network     = var.network
  description = "openlm/node-10250-tcp openlm/node (internal): Kubelet metrics"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["10250"]
  }
  source_tags = ["g-openlm-cluster-6bf12144"]
  target_tags = ["h-infra"]
}

# group openlm@cluster -> host infra: openlm/node (internal): Kubelet metrics
resource "google_compute_firewall" "ptl_openlm_prod_f0022_out4" {
  name        = "ptl-openlm-prod-f0022-out4"
  network     = var.network
  description = "openlm/node-10250-tcp openlm/node (internal): Kubelet metrics"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["10250"]
  }
  destination_ranges = ["10.0.0.20/32"]
  target_tags = ["g-openlm-cluster-6bf12144"]
}

# group openlm@cluster -> host infra: openlm/node (internal): Flannel VXLAN overlay
resource "google_compute_firewall" "ptl_openlm_prod_f0023_in4" {
  name        = "ptl-openlm-prod-f0023-in4"
  network     = var.network
  description = "openlm/node-8472-udp openlm/node (internal): Flannel VXLAN overlay"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["8472"]
  }
  source_tags = ["g-openlm-cluster-6bf12144"]
  target_tags = ["h-infra"]
}

# group openlm@cluster -> host infra: openlm/node (internal): Flannel VXLAN overlay
resource "google_compute_firewall" "ptl_openlm_prod_f0023_out4" {
  name        = "ptl-openlm-prod-f0023-out4"
  network     = var.network
  description = "openlm/node-8472-udp openlm/node (internal): Flannel VXLAN overlay"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["8472"]
  }
  destination_ranges = ["10.0.0.20/32"]
  target_tags = ["g-openlm-cluster-6bf12144"]
}

# group openlm@cluster -> host infra: openlm/node (internal): Flannel WireGuard backend (if enabled)
resource "google_compute_firewall" "ptl_openlm_prod_f0024_in4" {
  name        = "ptl-openlm-prod-f0024-in4"
  network     = var.network
  description = "openlm/node-51820-udp openlm/node (internal): Flannel WireGuard backend (if enabled)"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["51820"]
  }
  source_tags = ["g-openlm-cluster-6bf12144"]
  target_tags = ["h-infra"]
}

# group openlm@cluster -> host infra: openlm/node (internal): Flannel WireGuard backend (if enabled)
resource "google_compute_firewall" "ptl_openlm_prod_f0024_out4" {
  name        = "ptl-openlm-prod-f0024-out4"
  network     = var.network
  description = "openlm/node-51820-udp openlm/node (internal): Flannel WireGuard backend (if enabled)"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["51820"]
  }
  destination_ranges = ["10.0.0.20/32"]
  target_tags = ["g-openlm-cluster-6bf12144"]
}

# zone cluster -> host node2: openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes.
resource "google_compute_firewall" "ptl_openlm_prod_f0025_in4" {
  name        = "ptl-openlm-prod-f0025-in4"
  network     = var.network
  description = "openlm/node-22-tcp openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["10.0.0.0/22"]
  target_tags = ["h-node2"]
}

# zone cluster -> host node2: openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes.
resource "google_compute_firewall" "ptl_openlm_prod_f0025_out4" {
  name        = "ptl-openlm-prod-f0025-out4"
  network     = var.network
  description = "openlm/node-22-tcp openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes."
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  destination_ranges = ["10.0.0.11/32"]
  target_tags = ["z-cluster"]
}

# zone corp -> host node2: openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes.
resource "google_compute_firewall" "ptl_openlm_prod_f0026_in4" {
  name        = "ptl-openlm-prod-f0026-in4"
  network     = var.network
  description = "openlm/node-22-tcp openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["10.20.0.0/16"]
  target_tags = ["h-node2"]
}

# group openlm@cluster -> host node2: openlm/node (internal): Kubernetes API server
resource "google_compute_firewall" "ptl_openlm_prod_f0027_in4" {
  name        = "ptl-openlm-prod-f0027-in4"
  network     = var.network
  description = "openlm/node-6443-tcp openlm/node (internal): Kubernetes API server"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["6443"]
  }
  source_tags = ["g-openlm-cluster-6bf12144"]
  target_tags = ["h-node2"]
}

# group openlm@cluster -> host node2: openlm/node (internal): Kubernetes API server
resource "google_compute_firewall" "ptl_openlm_prod_f0027_out4" {
  name        = "ptl-openlm-prod-f0027-out4"
  network     = var.network
  description = "openlm/node-6443-tcp openlm/node (internal): Kubernetes API server"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["6443"]
  }
  destination_ranges = ["10.0.0.11/32"]
  target_tags = ["g-openlm-cluster-6bf12144"]
}

# group openlm@cluster -> host node2: openlm/node (internal): Kubelet metrics
resource "google_compute_firewall" "ptl_openlm_prod_f0028_in4" {
  name        = "ptl-openlm-prod-f0028-in4"
  network     = var.network
  description = "openlm/node-10250-tcp openlm/node (internal): Kubelet metrics"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["10250"]
  }
  source_tags = ["g-openlm-cluster-6bf12144"]
  target_tags = ["h-node2"]
}

# group openlm@cluster -> host node2: openlm/node (internal): Kubelet metrics
resource "google_compute_firewall" "ptl_openlm_prod_f0028_out4" {
  name        = "ptl-openlm-prod-f0028-out4"
  network     = var.network
  description = "openlm/node-10250-tcp openlm/node (internal): Kubelet metrics"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["10250"]
  }
  destination_ranges = ["10.0.0.11/32"]
  target_tags = ["g-openlm-cluster-6bf12144"]
}

# group openlm@cluster -> host node2: openlm/node (internal): Flannel VXLAN overlay
resource "google_compute_firewall" "ptl_openlm_prod_f0029_in4" {
  name        = "ptl-openlm-prod-f0029-in4"
  network     = var.network
  description = "openlm/node-8472-udp openlm/node (internal): Flannel VXLAN overlay"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["8472"]
  }
  source_tags = ["g-openlm-cluster-6bf12144"]
  target_tags = ["h-node2"]
}

# group openlm@cluster -> host node2: openlm/node (internal): Flannel VXLAN overlay
resource "google_compute_firewall" "ptl_openlm_prod_f0029_out4" {
  name        = "ptl-openlm-prod-f0029-out4"
  network     = var.network
  description = "openlm/node-8472-udp openlm/node (internal): Flannel VXLAN overlay"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["8472"]
  }
  destination_ranges = ["10.0.0.11/32"]
  target_tags = ["g-openlm-cluster-6bf12144"]
}

# group openlm@cluster -> host node2: openlm/node (internal): Flannel WireGuard backend (if enabled)
resource "google_compute_firewall" "ptl_openlm_prod_f0030_in4" {
  name        = "ptl-openlm-prod-f0030-in4"
  network     = var.network
  description = "openlm/node-51820-udp openlm/node (internal): Flannel WireGuard backend (if enabled)"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["51820"]
  }
  source_tags = ["g-openlm-cluster-6bf12144"]
  target_tags = ["h-node2"]
}

# group openlm@cluster -> host node2: openlm/node (internal): Flannel WireGuard backend (if enabled)
resource "google_compute_firewall" "ptl_openlm_prod_f0030_out4" {
  name        = "ptl-openlm-prod-f0030-out4"
  network     = var.network
  description = "openlm/node-51820-udp openlm/node (internal): Flannel WireGuard backend (if enabled)"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["51820"]
  }
  destination_ranges = ["10.0.0.11/32"]
  target_tags = ["g-openlm-cluster-6bf12144"]
}

# zone cluster -> host node3: openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes.
resource "google_compute_firewall" "ptl_openlm_prod_f0031_in4" {
  name        = "ptl-openlm-prod-f0031-in4"
  network     = var.network
  description = "openlm/node-22-tcp openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["10.0.0.0/22"]
  target_tags = ["h-node3"]
}

# zone cluster -> host node3: openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes.
resource "google_compute_firewall" "ptl_openlm_prod_f0031_out4" {
  name        = "ptl-openlm-prod-f0031-out4"
  network     = var.network
  description = "openlm/node-22-tcp openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes."
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  destination_ranges = ["10.0.0.12/32"]
  target_tags = ["z-cluster"]
}

# zone corp -> host node3: openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes.
resource "google_compute_firewall" "ptl_openlm_prod_f0032_in4" {
  name        = "ptl-openlm-prod-f0032-in4"
  network     = var.network
  description = "openlm/node-22-tcp openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["10.20.0.0/16"]
  target_tags = ["h-node3"]
}

# group openlm@cluster -> host node3: openlm/node (internal): Kubernetes API server
resource "google_compute_firewall" "ptl_openlm_prod_f0033_in4" {
  name        = "ptl-openlm-prod-f0033-in4"
  network     = var.network
  description = "openlm/node-6443-tcp openlm/node (internal): Kubernetes API server"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["6443"]
  }
  source_tags = ["g-openlm-cluster-6bf12144"]
  target_tags = ["h-node3"]
}

# group openlm@cluster -> host node3: openlm/node (internal): Kubernetes API server
resource "google_compute_firewall" "ptl_openlm_prod_f0033_out4" {
  name        = "ptl-openlm-prod-f0033-out4"
  network     = var.network
  description = "openlm/node-6443-tcp openlm/node (internal): Kubernetes API server"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["6443"]
  }
  destination_ranges = ["10.0.0.12/32"]
  target_tags = ["g-openlm-cluster-6bf12144"]
}

# group openlm@cluster -> host node3: openlm/node (internal): Kubelet metrics
resource "google_compute_firewall" "ptl_openlm_prod_f0034_in4" {
  name        = "ptl-openlm-prod-f0034-in4"
  network     = var.network
  description = "openlm/node-10250-tcp openlm/node (internal): Kubelet metrics"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["10250"]
  }
  source_tags = ["g-openlm-cluster-6bf12144"]
  target_tags = ["h-node3"]
}

# group openlm@cluster -> host node3: openlm/node (internal): Kubelet metrics
resource "google_compute_firewall" "ptl_openlm_prod_f0034_out4" {
  name        = "ptl-openlm-prod-f0034-out4"
  network     = var.network
  description = "openlm/node-10250-tcp openlm/node (internal): Kubelet metrics"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["10250"]
  }
  destination_ranges = ["10.0.0.12/32"]
  target_tags = ["g-openlm-cluster-6bf12144"]
}

# group openlm@cluster -> host node3: openlm/node (internal): Flannel VXLAN overlay
resource "google_compute_firewall" "ptl_openlm_prod_f0035_in4" {
  name        = "ptl-openlm-prod-f0035-in4"
  network     = var.network
  description = "openlm/node-8472-udp openlm/node (internal): Flannel VXLAN overlay"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["8472"]
  }
  source_tags = ["g-openlm-cluster-6bf12144"]
  target_tags = ["h-node3"]
}

# group openlm@cluster -> host node3: openlm/node (internal): Flannel VXLAN overlay
resource "google_compute_firewall" "ptl_openlm_prod_f0035_out4" {
  name        = "ptl-openlm-prod-f0035-out4"
  network     = var.network
  description = "openlm/node-8472-udp openlm/node (internal): Flannel VXLAN overlay"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["8472"]
  }
  destination_ranges = ["10.0.0.12/32"]
  target_tags = ["g-openlm-cluster-6bf12144"]
}

# group openlm@cluster -> host node3: openlm/node (internal): Flannel WireGuard backend (if enabled)
resource "google_compute_firewall" "ptl_openlm_prod_f0036_in4" {
  name        = "ptl-openlm-prod-f0036-in4"
  network     = var.network
  description = "openlm/node-51820-udp openlm/node (internal): Flannel WireGuard backend (if enabled)"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["51820"]
  }
  source_tags = ["g-openlm-cluster-6bf12144"]
  target_tags = ["h-node3"]
}

# group openlm@cluster -> host node3: openlm/node (internal): Flannel WireGuard backend (if enabled)
resource "google_compute_firewall" "ptl_openlm_prod_f0036_out4" {
  name        = "ptl-openlm-prod-f0036-out4"
  network     = var.network
  description = "openlm/node-51820-udp openlm/node (internal): Flannel WireGuard backend (if enabled)"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["51820"]
  }
  destination_ranges = ["10.0.0.12/32"]
  target_tags = ["g-openlm-cluster-6bf12144"]
}

resource "google_compute_firewall" "ptl_openlm_prod_deny_in" {
  name        = "ptl-openlm-prod-deny-in"
  network     = var.network
  description = "portolan: default deny"
  direction   = "INGRESS"
  priority    = 65000
  deny {
    protocol = "all"
  }
  source_ranges = ["0.0.0.0/0", "::/0"]
}

resource "google_compute_firewall" "ptl_openlm_prod_deny_out" {
  name        = "ptl-openlm-prod-deny-out"
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
    "lb1" = ["h-lb1", "z-dmz", "g-hosts-all-44b77471", "g-openlm"]
    "cp1" = ["h-cp1", "z-cluster", "g-hosts-all-44b77471", "g-openlm", "g-openlm-node-4ade990b", "g-openlm-cluster-6bf12144"]
    "node2" = ["h-node2", "z-cluster", "g-hosts-all-44b77471", "g-openlm", "g-openlm-node-4ade990b", "g-openlm-cluster-6bf12144"]
    "node3" = ["h-node3", "z-cluster", "g-hosts-all-44b77471", "g-openlm", "g-openlm-node-4ade990b", "g-openlm-cluster-6bf12144"]
    "infra" = ["h-infra", "z-cluster", "g-hosts-all-44b77471", "g-openlm", "g-openlm-node-4ade990b", "g-openlm-cluster-6bf12144"]
  }
}
