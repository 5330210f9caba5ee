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

# group hosts:all -> zone 10.20.0.53/32: egress, topology line 31
resource "google_compute_firewall" "ptl_openlm_prod_f0002_out4" {
  name        = "ptl-openlm-prod-f0002-out4"
  network     = var.network
  description = "topology:egress egress, topology line 31"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["53"]
  }
  destination_ranges = ["10.20.0.53/32"]
  target_tags = ["g-hosts-all-44b77471"]
}

# group hosts:all -> zone 10.20.0.53/32: egress, topology line 31
resource "google_compute_firewall" "ptl_openlm_prod_f0003_out4" {
  name        = "ptl-openlm-prod-f0003-out4"
  network     = var.network
  description = "topology:egress egress, topology line 31"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["53"]
  }
  destination_ranges = ["10.20.0.53/32"]
  target_tags = ["g-hosts-all-44b77471"]
}

# group openlm/node -> zone dmz: openlm/node (outbound): OpenLM container image registry
resource "google_compute_firewall" "ptl_openlm_prod_f0004_out4" {
  name        = "ptl-openlm-prod-f0004-out4"
  network     = var.network
  description = "openlm/r-73 openlm/node (outbound): OpenLM container image registry"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  destination_ranges = ["192.0.2.0/28"]
  target_tags = ["g-openlm-node-4ade990b"]
}

# group openlm/node -> zone internet: openlm/node (outbound): OpenLM container image registry
resource "google_compute_firewall" "ptl_openlm_prod_f0005_out4" {
  name        = "ptl-openlm-prod-f0005-out4"
  network     = var.network
  description = "openlm/r-73 openlm/node (outbound): OpenLM container image registry"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  destination_ranges = ["0.0.0.0/0"]
  target_tags = ["g-openlm-node-4ade990b"]
}

# zone corp -> group hosts:all: management access, topology line 29
resource "google_compute_firewall" "ptl_openlm_prod_f0006_in4" {
  name        = "ptl-openlm-prod-f0006-in4"
  network     = var.network
  description = "topology:management management access, topology line 29"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["10.20.0.0/16"]
  target_tags = ["g-hosts-all-44b77471"]
}

# zone cluster -> host cp1: openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.
resource "google_compute_firewall" "ptl_openlm_prod_f0007_in4" {
  name        = "ptl-openlm-prod-f0007-in4"
  network     = var.network
  description = "openlm/r-42 openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["80"]
  }
  source_ranges = ["10.0.0.0/22"]
  target_tags = ["h-cp1"]
}

# zone cluster -> host cp1: openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.
resource "google_compute_firewall" "ptl_openlm_prod_f0007_out4" {
  name        = "ptl-openlm-prod-f0007-out4"
  network     = var.network
  description = "openlm/r-42 openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS."
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["80"]
  }
  destination_ranges = ["10.0.0.10/32"]
  target_tags = ["z-cluster"]
}

# zone corp -> host cp1: openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.
resource "google_compute_firewall" "ptl_openlm_prod_f0008_in4" {
  name        = "ptl-openlm-prod-f0008-in4"
  network     = var.network
  description = "openlm/r-42 openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["80"]
  }
  source_ranges = ["10.20.0.0/16"]
  target_tags = ["h-cp1"]
}

# zone corp -> host cp1: openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.
resource "google_compute_firewall" "ptl_openlm_prod_f0009_in4" {
  name        = "ptl-openlm-prod-f0009-in4"
  network     = var.network
  description = "openlm/r-38 openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_ranges = ["10.20.0.0/16"]
  target_tags = ["h-cp1"]
}

# zone dmz -> host cp1: openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/ingress (inbound): Sends directory scan and sync events; runs on a machine that can read the directory.; openlm/ingress (inbound): Users working with administration, dashboards and r
resource "google_compute_firewall" "ptl_openlm_prod_f0010_in4" {
  name        = "ptl-openlm-prod-f0010-in4"
  network     = var.network
  description = "openlm/r-38 openlm/r-57 openlm/r-58 openlm/r-59 openlm/r-60 openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/ingress (inbound): Sends directory scan and sync events; runs on a machine that can read the directory.; openlm/ingress (inbound): Users working with administration, dashboards and reports.; openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_ranges = ["192.0.2.0/28"]
  target_tags = ["h-cp1"]
}

# zone dmz -> host cp1: openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/ingress (inbound): Sends directory scan and sync events; runs on a machine that can read the directory.; openlm/ingress (inbound): Users working with administration, dashboards and r
resource "google_compute_firewall" "ptl_openlm_prod_f0010_out4" {
  name        = "ptl-openlm-prod-f0010-out4"
  network     = var.network
  description = "openlm/r-38 openlm/r-57 openlm/r-58 openlm/r-59 openlm/r-60 openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/ingress (inbound): Sends directory scan and sync events; runs on a machine that can read the directory.; openlm/ingress (inbound): Users working with administration, dashboards and reports.; openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443."
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  destination_ranges = ["10.0.0.10/32"]
  target_tags = ["z-dmz"]
}

# zone internet -> host cp1: openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/ingress (inbound): Sends directory sc
resource "google_compute_firewall" "ptl_openlm_prod_f0011_in4" {
  name        = "ptl-openlm-prod-f0011-in4"
  network     = var.network
  description = "openlm/r-38 openlm/r-57 openlm/r-58 openlm/r-59 openlm/r-60 openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/ingress (inbound): Sends directory scan and sync events; runs on a machine that can read the directory.; openlm/ingress (inbound): Users working with administration, dashboards and reports."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_ranges = ["0.0.0.0/0"]
  target_tags = ["h-cp1"]
}

# host lb1 -> host cp1: openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.
resource "google_compute_firewall" "ptl_openlm_prod_f0012_in4" {
  name        = "ptl-openlm-prod-f0012-in4"
  network     = var.network
  description = "openlm/r-42 openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["80"]
  }
  source_tags = ["h-lb1"]
  target_tags = ["h-cp1"]
}

# host lb1 -> host cp1: openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.
resource "google_compute_firewall" "ptl_openlm_prod_f0012_out4" {
  name        = "ptl-openlm-prod-f0012-out4"
  network     = var.network
  description = "openlm/r-42 openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS."
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["80"]
  }
  destination_ranges = ["10.0.0.10/32"]
  target_tags = ["h-lb1"]
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
    "lb1" = ["h-lb1", "z-dmz", "g-hosts-all-44b77471"]
    "cp1" = ["h-cp1", "z-cluster", "g-hosts-all-44b77471", "g-openlm-node-4ade990b"]
    "node2" = ["h-node2", "z-cluster", "g-hosts-all-44b77471", "g-openlm-node-4ade990b"]
    "node3" = ["h-node3", "z-cluster", "g-hosts-all-44b77471", "g-openlm-node-4ade990b"]
    "infra" = ["h-infra", "z-cluster", "g-hosts-all-44b77471", "g-openlm-node-4ade990b"]
  }
}
