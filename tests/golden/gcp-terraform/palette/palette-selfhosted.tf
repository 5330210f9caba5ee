# Portolan: GCP firewall rules for topology palette-selfhosted
# Applying this denies every flow, in and out, that no rule below allows.
# Stays open for management: 22/tcp from zone ops to group hosts:all.
# Stays open outbound (DNS, NTP, topology egress): 53/tcp to any, 53/udp to any, 123/udp to any, 443/tcp to zone internet.
# Tag each instance as listed in the portolan_instance_tags output.

variable "network" {
  type        = string
  description = "VPC network (name or self link)"
}

# group hosts:all -> any: DNS to any address (the topology names no DNS egress)
resource "google_compute_firewall" "ptl_palette_selfhosted_f0001_out4" {
  name        = "ptl-palette-selfhosted-f0001-out4"
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
resource "google_compute_firewall" "ptl_palette_selfhosted_f0001_out6" {
  name        = "ptl-palette-selfhosted-f0001-out6"
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
resource "google_compute_firewall" "ptl_palette_selfhosted_f0002_out4" {
  name        = "ptl-palette-selfhosted-f0002-out4"
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
resource "google_compute_firewall" "ptl_palette_selfhosted_f0002_out6" {
  name        = "ptl-palette-selfhosted-f0002-out6"
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
resource "google_compute_firewall" "ptl_palette_selfhosted_f0003_out4" {
  name        = "ptl-palette-selfhosted-f0003-out4"
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
resource "google_compute_firewall" "ptl_palette_selfhosted_f0003_out6" {
  name        = "ptl-palette-selfhosted-f0003-out6"
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

# group hosts:workload -> zone internet: egress, topology line 36; palette/workload-cluster (outbound): vSphere vCenter API, registry (packs, integrations), pack containers, application updates
resource "google_compute_firewall" "ptl_palette_selfhosted_f0004_out4" {
  name        = "ptl-palette-selfhosted-f0004-out4"
  network     = var.network
  description = "palette/workload-cluster-443-tcp-nopeer topology:egress egress, topology line 36; palette/workload-cluster (outbound): vSphere vCenter API, registry (packs, integrations), pack containers, application updates"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  destination_ranges = ["0.0.0.0/0"]
  target_tags = ["g-hosts-workload-0fa5bea7"]
}

# group palette/management-platform -> zone internet: palette/management-platform (outbound): vSphere vCenter API, registry (packs, integrations), pack containers, app updates
resource "google_compute_firewall" "ptl_palette_selfhosted_f0005_out4" {
  name        = "ptl-palette-selfhosted-f0005-out4"
  network     = var.network
  description = "palette/management-platform-443-tcp-out palette/management-platform (outbound): vSphere vCenter API, registry (packs, integrations), pack containers, app updates"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  destination_ranges = ["0.0.0.0/0"]
  target_tags = ["g-palette-management-platform-4c942a4e"]
}

# group palette/management-platform -> zone internet: palette/management-platform (outbound): vSphere vCenter API, registry (packs, integrations), pack containers, app updates
resource "google_compute_firewall" "ptl_palette_selfhosted_f0005_out6" {
  name        = "ptl-palette-selfhosted-f0005-out6"
  network     = var.network
  description = "palette/management-platform-443-tcp-out palette/management-platform (outbound): vSphere vCenter API, registry (packs, integrations), pack containers, app updates"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  destination_ranges = ["::/0"]
  target_tags = ["g-palette-management-platform-4c942a4e"]
}

# group palette/management-platform -> zone internet: palette/management-platform (outbound): API server of the workload Kubernetes clusters
resource "google_compute_firewall" "ptl_palette_selfhosted_f0006_out4" {
  name        = "ptl-palette-selfhosted-f0006-out4"
  network     = var.network
  description = "palette/management-platform-6443-tcp palette/management-platform (outbound): API server of the workload Kubernetes clusters"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["6443"]
  }
  destination_ranges = ["0.0.0.0/0"]
  target_tags = ["g-palette-management-platform-4c942a4e"]
}

# group palette/management-platform -> zone internet: palette/management-platform (outbound): API server of the workload Kubernetes clusters
resource "google_compute_firewall" "ptl_palette_selfhosted_f0006_out6" {
  name        = "ptl-palette-selfhosted-f0006-out6"
  network     = var.network
  description = "palette/management-platform-6443-tcp palette/management-platform (outbound): API server of the workload Kubernetes clusters"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["6443"]
  }
  destination_ranges = ["::/0"]
  target_tags = ["g-palette-management-platform-4c942a4e"]
}

# group palette/workload-cluster -> zone internet: palette/workload-cluster (outbound): Registry (packs, integrations), pack containers, application updates
resource "google_compute_firewall" "ptl_palette_selfhosted_f0007_out4" {
  name        = "ptl-palette-selfhosted-f0007-out4"
  network     = var.network
  description = "palette/workload-cluster-4222-tcp-nopeer palette/workload-cluster-4222-tcp-nopeer-2 palette/workload-cluster (outbound): Registry (packs, integrations), pack containers, application updates"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["4222"]
  }
  destination_ranges = ["0.0.0.0/0"]
  target_tags = ["g-palette-workload-cluster-19bed513"]
}

# zone ops -> group hosts:all: management access, topology line 34
resource "google_compute_firewall" "ptl_palette_selfhosted_f0008_in4" {
  name        = "ptl-palette-selfhosted-f0008-in4"
  network     = var.network
  description = "topology:management management access, topology line 34"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["10.40.0.0/24"]
  target_tags = ["g-hosts-all-44b77471"]
}

# zone mgmt -> host palette1: palette/management-platform (inbound): Browser and API access to the management platform
resource "google_compute_firewall" "ptl_palette_selfhosted_f0009_in4" {
  name        = "ptl-palette-selfhosted-f0009-in4"
  network     = var.network
  description = "palette/management-platform-443-tcp-in palette/management-platform-443-tcp-in-2 palette/management-platform (inbound): Browser and API access to the management platform"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_ranges = ["10.10.0.0/24"]
  target_tags = ["h-palette1"]
}

# zone mgmt -> host palette1: palette/management-platform (inbound): Browser and API access to the management platform
resource "google_compute_firewall" "ptl_palette_selfhosted_f0009_out4" {
  name        = "ptl-palette-selfhosted-f0009-out4"
  network     = var.network
  description = "palette/management-platform-443-tcp-in palette/management-platform-443-tcp-in-2 palette/management-platform (inbound): Browser and API access to the management platform"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  destination_ranges = ["10.10.0.11/32"]
  target_tags = ["z-mgmt"]
}

# zone mgmt -> host palette1: palette/management-platform (inbound): Browser and API access to the management platform
resource "google_compute_firewall" "ptl_palette_selfhosted_f0009_in6" {
  name        = "ptl-palette-selfhosted-f0009-in6"
  network     = var.network
  description = "palette/management-platform-443-tcp-in palette/management-platform-443-tcp-in-2 palette/management-platform (inbound): Browser and API access to the management platform"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_ranges = ["fd10::/64"]
  target_tags = ["h-palette1"]
}

# zone mgmt -> host palette1: palette/management-platform (inbound): Browser and API access to the management platform
resource "google_compute_firewall" "ptl_palette_selfhosted_f0009_out6" {
  name        = "ptl-palette-selfhosted-f0009-out6"
  network     = var.network
  description = "palette/management-platform-443-tcp-in palette/management-platform-443-tcp-in-2 palette/management-platform (inbound): Browser and API access to the management platform"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  destination_ranges = ["fd10::11/128"]
  target_tags = ["z-mgmt"]
}

# zone mgmt -> host palette1: palette/management-platform (inbound): Agents inside the workload clusters connecting to the platform; palette/management-platform (inbound): Message bus for the workload clusters
resource "google_compute_firewall" "ptl_palette_selfhosted_f0010_in4" {
  name        = "ptl-palette-selfhosted-f0010-in4"
  network     = var.network
  description = "palette/management-platform-4222-tcp-agents-inside-the palette/management-platform-4222-tcp-message-bus-for palette/management-platform (inbound): Agents inside the workload clusters connecting to the platform; palette/management-platform (inbound): Message bus for the workload clusters"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["4222"]
  }
  source_ranges = ["10.10.0.0/24"]
  target_tags = ["h-palette1"]
}

# zone mgmt -> host palette1: palette/management-platform (inbound): Agents inside the workload clusters connecting to the platform; palette/management-platform (inbound): Message bus for the workload clusters
resource "google_compute_firewall" "ptl_palette_selfhosted_f0010_out4" {
  name        = "ptl-palette-selfhosted-f0010-out4"
  network     = var.network
  description = "palette/management-platform-4222-tcp-agents-inside-the palette/management-platform-4222-tcp-message-bus-for palette/management-platform (inbound): Agents inside the workload clusters connecting to the platform; palette/management-platform (inbound): Message bus for the workload clusters"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["4222"]
  }
  destination_ranges = ["10.10.0.11/32"]
  target_tags = ["z-mgmt"]
}

# zone mgmt -> host palette1: palette/management-platform (inbound): Agents inside the workload clusters connecting to the platform; palette/management-platform (inbound): Message bus for the workload clusters
resource "google_compute_firewall" "ptl_palette_selfhosted_f0010_in6" {
  name        = "ptl-palette-selfhosted-f0010-in6"
  network     = var.network
  description = "palette/management-platform-4222-tcp-agents-inside-the palette/management-platform-4222-tcp-message-bus-for palette/management-platform (inbound): Agents inside the workload clusters connecting to the platform; palette/management-platform (inbound): Message bus for the workload clusters"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["4222"]
  }
  source_ranges = ["fd10::/64"]
  target_tags = ["h-palette1"]
}

# zone mgmt -> host palette1: palette/management-platform (inbound): Agents inside the workload clusters connecting to the platform; palette/management-platform (inbound): Message bus for the workload clusters
resource "google_compute_firewall" "ptl_palette_selfhosted_f0010_out6" {
  name        = "ptl-palette-selfhosted-f0010-out6"
  network     = var.network
  description = "palette/management-platform-4222-tcp-agents-inside-the palette/management-platform-4222-tcp-message-bus-for palette/management-platform (inbound): Agents inside the workload clusters connecting to the platform; palette/management-platform (inbound): Message bus for the workload clusters"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["4222"]
  }
  destination_ranges = ["fd10::11/128"]
  target_tags = ["z-mgmt"]
}

# zone ops -> host palette1: palette/management-platform (inbound): Browser and API access to the management platform
resource "google_compute_firewall" "ptl_palette_selfhosted_f0011_in4" {
  name        = "ptl-palette-selfhosted-f0011-in4"
  network     = var.network
  description = "palette/management-platform-443-tcp-in palette/management-platform-443-tcp-in-2 palette/management-platform (inbound): Browser and API access to the management platform"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_ranges = ["10.40.0.0/24"]
  target_tags = ["h-palette1"]
}

# zone ops -> host palette1: palette/management-platform (inbound): Agents inside the workload clusters connecting to the platform; palette/management-platform (inbound): Message bus for the workload clusters
resource "google_compute_firewall" "ptl_palette_selfhosted_f0012_in4" {
  name        = "ptl-palette-selfhosted-f0012-in4"
  network     = var.network
  description = "palette/management-platform-4222-tcp-agents-inside-the palette/management-platform-4222-tcp-message-bus-for palette/management-platform (inbound): Agents inside the workload clusters connecting to the platform; palette/management-platform (inbound): Message bus for the workload clusters"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["4222"]
  }
  source_ranges = ["10.40.0.0/24"]
  target_tags = ["h-palette1"]
}

# zone workload -> host palette1: palette/management-platform (inbound): Browser and API access to the management platform; palette/workload-cluster (outbound): API access to the management platform
resource "google_compute_firewall" "ptl_palette_selfhosted_f0013_in4" {
  name        = "ptl-palette-selfhosted-f0013-in4"
  network     = var.network
  description = "palette/management-platform-443-tcp-in palette/management-platform-443-tcp-in-2 palette/workload-cluster-443-tcp-management-platform palette/workload-cluster-443-tcp-management-platform-2 palette/management-platform (inbound): Browser and API access to the management platform; palette/workload-cluster (outbound): API access to the management platform"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_ranges = ["10.30.0.0/16"]
  target_tags = ["h-palette1"]
}

# zone workload -> host palette1: palette/management-platform (inbound): Browser and API access to the management platform; palette/workload-cluster (outbound): API access to the management platform
resource "google_compute_firewall" "ptl_palette_selfhosted_f0013_out4" {
  name        = "ptl-palette-selfhosted-f0013-out4"
  network     = var.network
  description = "palette/management-platform-443-tcp-in palette/management-platform-443-tcp-in-2 palette/workload-cluster-443-tcp-management-platform palette/workload-cluster-443-tcp-management-platform-2 palette/management-platform (inbound): Browser and API access to the management platform; palette/workload-cluster (outbound): API access to the management platform"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  destination_ranges = ["10.10.0.11/32"]
  target_tags = ["z-workload"]
}

# zone workload -> host palette1: palette/management-platform (inbound): Agents inside the workload clusters connecting to the platform; palette/management-platform (inbound): Message bus for the workload clusters; palette/workload-cluster (outbound): Agent communication over the message bus
resource "google_compute_firewall" "ptl_palette_selfhosted_f0014_in4" {
  name        = "ptl-palette-selfhosted-f0014-in4"
  network     = var.network
  description = "palette/management-platform-4222-tcp-agents-inside-the palette/management-platform-4222-tcp-message-bus-for palette/workload-cluster-4222-tcp-management-platform palette/management-platform (inbound): Agents inside the workload clusters connecting to the platform; palette/management-platform (inbound): Message bus for the workload clusters; palette/workload-cluster (outbound): Agent communication over the message bus"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["4222"]
  }
  source_ranges = ["10.30.0.0/16"]
  target_tags = ["h-palette1"]
}

# zone workload -> host palette1: palette/management-platform (inbound): Agents inside the workload clusters connecting to the platform; palette/management-platform (inbound): Message bus for the workload clusters; palette/workload-cluster (outbound): Agent communication over the message bus
resource "google_compute_firewall" "ptl_palette_selfhosted_f0014_out4" {
  name        = "ptl-palette-selfhosted-f0014-out4"
  network     = var.network
  description = "palette/management-platform-4222-tcp-agents-inside-the palette/management-platform-4222-tcp-message-bus-for palette/workload-cluster-4222-tcp-management-platform palette/management-platform (inbound): Agents inside the workload clusters connecting to the platform; palette/management-platform (inbound): Message bus for the workload clusters; palette/workload-cluster (outbound): Agent communication over the message bus"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["4222"]
  }
  destination_ranges = ["10.10.0.11/32"]
  target_tags = ["z-workload"]
}

# zone mgmt -> host palette2: palette/management-platform (inbound): Browser and API access to the management platform
resource "google_compute_firewall" "ptl_palette_selfhosted_f0015_in4" {
  name        = "ptl-palette-selfhosted-f0015-in4"
  network     = var.network
  description = "palette/management-platform-443-tcp-in palette/management-platform-443-tcp-in-2 palette/management-platform (inbound): Browser and API access to the management platform"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_ranges = ["10.10.0.0/24"]
  target_tags = ["h-palette2"]
}

# zone mgmt -> host palette2: palette/management-platform (inbound): Browser and API access to the management platform
resource "google_compute_firewall" "ptl_palette_selfhosted_f0015_out4" {
  name        = "ptl-palette-selfhosted-f0015-out4"
  network     = var.network
  description = "palette/management-platform-443-tcp-in palette/management-platform-443-tcp-in-2 palette/management-platform (inbound): Browser and API access to the management platform"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  destination_ranges = ["10.10.0.12/32"]
  target_tags = ["z-mgmt"]
}

# zone mgmt -> host palette2: palette/management-platform (inbound): Browser and API access to the management platform
resource "google_compute_firewall" "ptl_palette_selfhosted_f0015_in6" {
  name        = "ptl-palette-selfhosted-f0015-in6"
  network     = var.network
  description = "palette/management-platform-443-tcp-in palette/management-platform-443-tcp-in-2 palette/management-platform (inbound): Browser and API access to the management platform"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_ranges = ["fd10::/64"]
  target_tags = ["h-palette2"]
}

# zone mgmt -> host palette2: palette/management-platform (inbound): Browser and API access to the management platform
resource "google_compute_firewall" "ptl_palette_selfhosted_f0015_out6" {
  name        = "ptl-palette-selfhosted-f0015-out6"
  network     = var.network
  description = "palette/management-platform-443-tcp-in palette/management-platform-443-tcp-in-2 palette/management-platform (inbound): Browser and API access to the management platform"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  destination_ranges = ["fd10::12/128"]
  target_tags = ["z-mgmt"]
}

# zone mgmt -> host palette2: palette/management-platform (inbound): Agents inside the workload clusters connecting to the platform; palette/management-platform (inbound): Message bus for the workload clusters
resource "google_compute_firewall" "ptl_palette_selfhosted_f0016_in4" {
  name        = "ptl-palette-selfhosted-f0016-in4"
  network     = var.network
  description = "palette/management-platform-4222-tcp-agents-inside-the palette/management-platform-4222-tcp-message-bus-for palette/management-platform (inbound): Agents inside the workload clusters connecting to the platform; palette/management-platform (inbound): Message bus for the workload clusters"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["4222"]
  }
  source_ranges = ["10.10.0.0/24"]
  target_tags = ["h-palette2"]
}

# zone mgmt -> host palette2: palette/management-platform (inbound): Agents inside the workload clusters connecting to the platform; palette/management-platform (inbound): Message bus for the workload clusters
resource "google_compute_firewall" "ptl_palette_selfhosted_f0016_out4" {
  name        = "ptl-palette-selfhosted-f0016-out4"
  network     = var.network
  description = "palette/management-platform-4222-tcp-agents-inside-the palette/management-platform-4222-tcp-message-bus-for palette/management-platform (inbound): Agents inside the workload clusters connecting to the platform; palette/management-platform (inbound): Message bus for the workload clusters"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["4222"]
  }
  destination_ranges = ["10.10.0.12/32"]
  target_tags = ["z-mgmt"]
}

# zone mgmt -> host palette2: palette/management-platform (inbound): Agents inside the workload clusters connecting to the platform; palette/management-platform (inbound): Message bus for the workload clusters
resource "google_compute_firewall" "ptl_palette_selfhosted_f0016_in6" {
  name        = "ptl-palette-selfhosted-f0016-in6"
  network     = var.network
  description = "palette/management-platform-4222-tcp-agents-inside-the palette/management-platform-4222-tcp-message-bus-for palette/management-platform (inbound): Agents inside the workload clusters connecting to the platform; palette/management-platform (inbound): Message bus for the workload clusters"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["4222"]
  }
  source_ranges = ["fd10::/64"]
  target_tags = ["h-palette2"]
}

# zone mgmt -> host palette2: palette/management-platform (inbound): Agents inside the workload clusters connecting to the platform; palette/management-platform (inbound): Message bus for the workload clusters
resource "google_compute_firewall" "ptl_palette_selfhosted_f0016_out6" {
  name        = "ptl-palette-selfhosted-f0016-out6"
  network     = var.network
  description = "palette/management-platform-4222-tcp-agents-inside-the palette/management-platform-4222-tcp-message-bus-for palette/management-platform (inbound): Agents inside the workload clusters connecting to the platform; palette/management-platform (inbound): Message bus for the workload clusters"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["4222"]
  }
  destination_ranges = ["fd10::12/128"]
  target_tags = ["z-mgmt"]
}

# zone ops -> host palette2: palette/management-platform (inbound): Browser and API access to the management platform
resource "google_compute_firewall" "ptl_palette_selfhosted_f0017_in4" {
  name        = "ptl-palette-selfhosted-f0017-in4"
  network     = var.network
  description = "palette/management-platform-443-tcp-in palette/management-platform-443-tcp-in-2 palette/management-platform (inbound): Browser and API access to the management platform"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_ranges = ["10.40.0.0/24"]
  target_tags = ["h-palette2"]
}

# zone ops -> host palette2: palette/management-platform (inbound): Agents inside the workload clusters connecting to the platform; palette/management-platform (inbound): Message bus for the workload clusters
resource "google_compute_firewall" "ptl_palette_selfhosted_f0018_in4" {
  name        = "ptl-palette-selfhosted-f0018-in4"
  network     = var.network
  description = "palette/management-platform-4222-tcp-agents-inside-the palette/management-platform-4222-tcp-message-bus-for palette/management-platform (inbound): Agents inside the workload clusters connecting to the platform; palette/management-platform (inbound): Message bus for the workload clusters"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["4222"]
  }
  source_ranges = ["10.40.0.0/24"]
  target_tags = ["h-palette2"]
}

# zone workload -> host palette2: palette/management-platform (inbound): Browser and API access to the management platform; palette/workload-cluster (outbound): API access to the management platform
resource "google_compute_firewall" "ptl_palette_selfhosted_f0019_in4" {
  name        = "ptl-palette-selfhosted-f0019-in4"
  network     = var.network
  description = "palette/management-platform-443-tcp-in palette/management-platform-443-tcp-in-2 palette/workload-cluster-443-tcp-management-platform palette/workload-cluster-443-tcp-management-platform-2 palette/management-platform (inbound): Browser and API access to the management platform; palette/workload-cluster (outbound): API access to the management platform"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_ranges = ["10.30.0.0/16"]
  target_tags = ["h-palette2"]
}

# zone workload -> host palette2: palette/management-platform (inbound): Browser and API access to the management platform; palette/workload-cluster (outbound): API access to the management platform
resource "google_compute_firewall" "ptl_palette_selfhosted_f0019_out4" {
  name        = "ptl-palette-selfhosted-f0019-out4"
  network     = var.network
  description = "palette/management-platform-443-tcp-in palette/management-platform-443-tcp-in-2 palette/workload-cluster-443-tcp-management-platform palette/workload-cluster-443-tcp-management-platform-2 palette/management-platform (inbound): Browser and API access to the management platform; palette/workload-cluster (outbound): API access to the management platform"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  destination_ranges = ["10.10.0.12/32"]
  target_tags = ["z-workload"]
}

# zone workload -> host palette2: palette/management-platform (inbound): Agents inside the workload clusters connecting to the platform; palette/management-platform (inbound): Message bus for the workload clusters; palette/workload-cluster (outbound): Agent communication over the message bus
resource "google_compute_firewall" "ptl_palette_selfhosted_f0020_in4" {
  name        = "ptl-palette-selfhosted-f0020-in4"
  network     = var.network
  description = "palette/management-platform-4222-tcp-agents-inside-the palette/management-platform-4222-tcp-message-bus-for palette/workload-cluster-4222-tcp-management-platform palette/management-platform (inbound): Agents inside the workload clusters connecting to the platform; palette/management-platform (inbound): Message bus for the workload clusters; palette/workload-cluster (outbound): Agent communication over the message bus"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["4222"]
  }
  source_ranges = ["10.30.0.0/16"]
  target_tags = ["h-palette2"]
}

# zone workload -> host palette2: palette/management-platform (inbound): Agents inside the workload clusters connecting to the platform; palette/management-platform (inbound): Message bus for the workload clusters; palette/workload-cluster (outbound): Agent communication over the message bus
resource "google_compute_firewall" "ptl_palette_selfhosted_f0020_out4" {
  name        = "ptl-palette-selfhosted-f0020-out4"
  network     = var.network
  description = "palette/management-platform-4222-tcp-agents-inside-the palette/management-platform-4222-tcp-message-bus-for palette/workload-cluster-4222-tcp-management-platform palette/management-platform (inbound): Agents inside the workload clusters connecting to the platform; palette/management-platform (inbound): Message bus for the workload clusters; palette/workload-cluster (outbound): Agent communication over the message bus"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["4222"]
  }
  destination_ranges = ["10.10.0.12/32"]
  target_tags = ["z-workload"]
}

# zone mgmt -> host palette3: palette/management-platform (inbound): Browser and API access to the management platform
resource "google_compute_firewall" "ptl_palette_selfhosted_f0021_in4" {
  name        = "ptl-palette-selfhosted-f0021-in4"
  network     = var.network
  description = "palette/management-platform-443-tcp-in palette/management-platform-443-tcp-in-2 palette/management-platform (inbound): Browser and API access to the management platform"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_ranges = ["10.10.0.0/24"]
  target_tags = ["h-palette3"]
}

# zone mgmt -> host palette3: palette/management-platform (inbound): Browser and API access to the management platform
resource "google_compute_firewall" "ptl_palette_selfhosted_f0021_out4" {
  name        = "ptl-palette-selfhosted-f0021-out4"
  network     = var.network
  description = "palette/management-platform-443-tcp-in palette/management-platform-443-tcp-in-2 palette/management-platform (inbound): Browser and API access to the management platform"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  destination_ranges = ["10.10.0.13/32"]
  target_tags = ["z-mgmt"]
}

# zone mgmt -> host palette3: palette/management-platform (inbound): Browser and API access to the management platform
resource "google_compute_firewall" "ptl_palette_selfhosted_f0021_in6" {
  name        = "ptl-palette-selfhosted-f0021-in6"
  network     = var.network
  description = "palette/management-platform-443-tcp-in palette/management-platform-443-tcp-in-2 palette/management-platform (inbound): Browser and API access to the management platform"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_ranges = ["fd10::/64"]
  target_tags = ["h-palette3"]
}

# zone mgmt -> host palette3: palette/management-platform (inbound): Browser and API access to the management platform
resource "google_compute_firewall" "ptl_palette_selfhosted_f0021_out6" {
  name        = "ptl-palette-selfhosted-f0021-out6"
  network     = var.network
  description = "palette/management-platform-443-tcp-in palette/management-platform-443-tcp-in-2 palette/management-platform (inbound): Browser and API access to the management platform"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  destination_ranges = ["fd10::13/128"]
  target_tags = ["z-mgmt"]
}

# zone mgmt -> host palette3: palette/management-platform (inbound): Agents inside the workload clusters connecting to the platform; palette/management-platform (inbound): Message bus for the workload clusters
resource "google_compute_firewall" "ptl_palette_selfhosted_f0022_in4" {
  name        = "ptl-palette-selfhosted-f0022-in4"
  network     = var.network
  description = "palette/management-platform-4222-tcp-agents-inside-the palette/management-platform-4222-tcp-message-bus-for palette/management-platform (inbound): Agents inside the workload clusters connecting to the platform; palette/management-platform (inbound): Message bus for the workload clusters"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["4222"]
  }
  source_ranges = ["10.10.0.0/24"]
  target_tags = ["h-palette3"]
}

# zone mgmt -> host palette3: palette/management-platform (inbound): Agents inside the workload clusters connecting to the platform; palette/management-platform (inbound): Message bus for the workload clusters
resource "google_compute_firewall" "ptl_palette_selfhosted_f0022_out4" {
  name        = "ptl-palette-selfhosted-f0022-out4"
  network     = var.network
  description = "palette/management-platform-4222-tcp-agents-inside-the palette/management-platform-4222-tcp-message-bus-for palette/management-platform (inbound): Agents inside the workload clusters connecting to the platform; palette/management-platform (inbound): Message bus for the workload clusters"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["4222"]
  }
  destination_ranges = ["10.10.0.13/32"]
  target_tags = ["z-mgmt"]
}

# zone mgmt -> host palette3: palette/management-platform (inbound): Agents inside the workload clusters connecting to the platform; palette/management-platform (inbound): Message bus for the workload clusters
resource "google_compute_firewall" "ptl_palette_selfhosted_f0022_in6" {
  name        = "ptl-palette-selfhosted-f0022-in6"
  network     = var.network
  description = "palette/management-platform-4222-tcp-agents-inside-the palette/management-platform-4222-tcp-message-bus-for palette/management-platform (inbound): Agents inside the workload clusters connecting to the platform; palette/management-platform (inbound): Message bus for the workload clusters"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["4222"]
  }
  source_ranges = ["fd10::/64"]
  target_tags = ["h-palette3"]
}

# zone mgmt -> host palette3: palette/management-platform (inbound): Agents inside the workload clusters connecting to the platform; palette/management-platform (inbound): Message bus for the workload clusters
resource "google_compute_firewall" "ptl_palette_selfhosted_f0022_out6" {
  name        = "ptl-palette-selfhosted-f0022-out6"
  network     = var.network
  description = "palette/management-platform-4222-tcp-agents-inside-the palette/management-platform-4222-tcp-message-bus-for palette/management-platform (inbound): Agents inside the workload clusters connecting to the platform; palette/management-platform (inbound): Message bus for the workload clusters"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["4222"]
  }
  destination_ranges = ["fd10::13/128"]
  target_tags = ["z-mgmt"]
}

# zone ops -> host palette3: palette/management-platform (inbound): Browser and API access to the management platform
resource "google_compute_firewall" "ptl_palette_selfhosted_f0023_in4" {
  name        = "ptl-palette-selfhosted-f0023-in4"
  network     = var.network
  description = "palette/management-platform-443-tcp-in palette/management-platform-443-tcp-in-2 palette/management-platform (inbound): Browser and API access to the management platform"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_ranges = ["10.40.0.0/24"]
  target_tags = ["h-palette3"]
}

# zone ops -> host palette3: palette/management-platform (inbound): Agents inside the workload clusters connecting to the platform; palette/management-platform (inbound): Message bus for the workload clusters
resource "google_compute_firewall" "ptl_palette_selfhosted_f0024_in4" {
  name        = "ptl-palette-selfhosted-f0024-in4"
  network     = var.network
  description = "palette/management-platform-4222-tcp-agents-inside-the palette/management-platform-4222-tcp-message-bus-for palette/management-platform (inbound): Agents inside the workload clusters connecting to the platform; palette/management-platform (inbound): Message bus for the workload clusters"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["4222"]
  }
  source_ranges = ["10.40.0.0/24"]
  target_tags = ["h-palette3"]
}

# zone workload -> host palette3: palette/management-platform (inbound): Browser and API access to the management platform; palette/workload-cluster (outbound): API access to the management platform
resource "google_compute_firewall" "ptl_palette_selfhosted_f0025_in4" {
  name        = "ptl-palette-selfhosted-f0025-in4"
  network     = var.network
  description = "palette/management-platform-443-tcp-in palette/management-platform-443-tcp-in-2 palette/workload-cluster-443-tcp-management-platform palette/workload-cluster-443-tcp-management-platform-2 palette/management-platform (inbound): Browser and API access to the management platform; palette/workload-cluster (outbound): API access to the management platform"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_ranges = ["10.30.0.0/16"]
  target_tags = ["h-palette3"]
}

# zone workload -> host palette3: palette/management-platform (inbound): Browser and API access to the management platform; palette/workload-cluster (outbound): API access to the management platform
resource "google_compute_firewall" "ptl_palette_selfhosted_f0025_out4" {
  name        = "ptl-palette-selfhosted-f0025-out4"
  network     = var.network
  description = "palette/management-platform-443-tcp-in palette/management-platform-443-tcp-in-2 palette/workload-cluster-443-tcp-management-platform palette/workload-cluster-443-tcp-management-platform-2 palette/management-platform (inbound): Browser and API access to the management platform; palette/workload-cluster (outbound): API access to the management platform"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  destination_ranges = ["10.10.0.13/32"]
  target_tags = ["z-workload"]
}

# zone workload -> host palette3: palette/management-platform (inbound): Agents inside the workload clusters connecting to the platform; palette/management-platform (inbound): Message bus for the workload clusters; palette/workload-cluster (outbound): Agent communication over the message bus
resource "google_compute_firewall" "ptl_palette_selfhosted_f0026_in4" {
  name        = "ptl-palette-selfhosted-f0026-in4"
  network     = var.network
  description = "palette/management-platform-4222-tcp-agents-inside-the palette/management-platform-4222-tcp-message-bus-for palette/workload-cluster-4222-tcp-management-platform palette/management-platform (inbound): Agents inside the workload clusters connecting to the platform; palette/management-platform (inbound): Message bus for the workload clusters; palette/workload-cluster (outbound): Agent communication over the message bus"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["4222"]
  }
  source_ranges = ["10.30.0.0/16"]
  target_tags = ["h-palette3"]
}

# zone workload -> host palette3: palette/management-platform (inbound): Agents inside the workload clusters connecting to the platform; palette/management-platform (inbound): Message bus for the workload clusters; palette/workload-cluster (outbound): Agent communication over the message bus
resource "google_compute_firewall" "ptl_palette_selfhosted_f0026_out4" {
  name        = "ptl-palette-selfhosted-f0026-out4"
  network     = var.network
  description = "palette/management-platform-4222-tcp-agents-inside-the palette/management-platform-4222-tcp-message-bus-for palette/workload-cluster-4222-tcp-management-platform palette/management-platform (inbound): Agents inside the workload clusters connecting to the platform; palette/management-platform (inbound): Message bus for the workload clusters; palette/workload-cluster (outbound): Agent communication over the message bus"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["4222"]
  }
  destination_ranges = ["10.10.0.13/32"]
  target_tags = ["z-workload"]
}

# zone mgmt -> host wl-a-cp: palette/workload-cluster (inbound): To troubleshoot cluster nodes remotely, you can open inbound port 22 for SSH.
resource "google_compute_firewall" "ptl_palette_selfhosted_f0027_in4" {
  name        = "ptl-palette-selfhosted-f0027-in4"
  network     = var.network
  description = "palette/workload-cluster-22-tcp palette/workload-cluster (inbound): To troubleshoot cluster nodes remotely, you can open inbound port 22 for SSH."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["10.10.0.0/24"]
  target_tags = ["h-wl-a-cp"]
}

# zone mgmt -> host wl-a-cp: palette/workload-cluster (inbound): To troubleshoot cluster nodes remotely, you can open inbound port 22 for SSH.
resource "google_compute_firewall" "ptl_palette_selfhosted_f0027_out4" {
  name        = "ptl-palette-selfhosted-f0027-out4"
  network     = var.network
  description = "palette/workload-cluster-22-tcp palette/workload-cluster (inbound): To troubleshoot cluster nodes remotely, you can open inbound port 22 for SSH."
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  destination_ranges = ["10.30.1.10/32"]
  target_tags = ["z-mgmt"]
}

# zone ops -> host wl-a-cp: palette/workload-cluster (inbound): To troubleshoot cluster nodes remotely, you can open inbound port 22 for SSH.
resource "google_compute_firewall" "ptl_palette_selfhosted_f0028_in4" {
  name        = "ptl-palette-selfhosted-f0028-in4"
  network     = var.network
  description = "palette/workload-cluster-22-tcp palette/workload-cluster (inbound): To troubleshoot cluster nodes remotely, you can open inbound port 22 for SSH."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["10.40.0.0/24"]
  target_tags = ["h-wl-a-cp"]
}

# zone workload -> host wl-a-cp: palette/workload-cluster (inbound): To troubleshoot cluster nodes remotely, you can open inbound port 22 for SSH.
resource "google_compute_firewall" "ptl_palette_selfhosted_f0029_in4" {
  name        = "ptl-palette-selfhosted-f0029-in4"
  network     = var.network
  description = "palette/workload-cluster-22-tcp palette/workload-cluster (inbound): To troubleshoot cluster nodes remotely, you can open inbound port 22 for SSH."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["10.30.0.0/16"]
  target_tags = ["h-wl-a-cp"]
}

# zone workload -> host wl-a-cp: palette/workload-cluster (inbound): To troubleshoot cluster nodes remotely, you can open inbound port 22 for SSH.
resource "google_compute_firewall" "ptl_palette_selfhosted_f0029_out4" {
  name        = "ptl-palette-selfhosted-f0029-out4"
  network     = var.network
  description = "palette/workload-cluster-22-tcp palette/workload-cluster (inbound): To troubleshoot cluster nodes remotely, you can open inbound port 22 for SSH."
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  destination_ranges = ["10.30.1.10/32"]
  target_tags = ["z-workload"]
}

# zone mgmt -> host wl-a-w1: palette/workload-cluster (inbound): To troubleshoot cluster nodes remotely, you can open inbound port 22 for SSH.
resource "google_compute_firewall" "ptl_palette_selfhosted_f0030_in4" {
  name        = "ptl-palette-selfhosted-f0030-in4"
  network     = var.network
  description = "palette/workload-cluster-22-tcp palette/workload-cluster (inbound): To troubleshoot cluster nodes remotely, you can open inbound port 22 for SSH."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["10.10.0.0/24"]
  target_tags = ["h-wl-a-w1"]
}

# zone mgmt -> host wl-a-w1: palette/workload-cluster (inbound): To troubleshoot cluster nodes remotely, you can open inbound port 22 for SSH.
resource "google_compute_firewall" "ptl_palette_selfhosted_f0030_out4" {
  name        = "ptl-palette-selfhosted-f0030-out4"
  network     = var.network
  description = "palette/workload-cluster-22-tcp palette/workload-cluster (inbound): To troubleshoot cluster nodes remotely, you can open inbound port 22 for SSH."
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  destination_ranges = ["10.30.1.11/32"]
  target_tags = ["z-mgmt"]
}

# zone ops -> host wl-a-w1: palette/workload-cluster (inbound): To troubleshoot cluster nodes remotely, you can open inbound port 22 for SSH.
resource "google_compute_firewall" "ptl_palette_selfhosted_f0031_in4" {
  name        = "ptl-palette-selfhosted-f0031-in4"
  network     = var.network
  description = "palette/workload-cluster-22-tcp palette/workload-cluster (inbound): To troubleshoot cluster nodes remotely, you can open inbound port 22 for SSH."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["10.40.0.0/24"]
  target_tags = ["h-wl-a-w1"]
}

# zone workload -> host wl-a-w1: palette/workload-cluster (inbound): To troubleshoot cluster nodes remotely, you can open inbound port 22 for SSH.
resource "google_compute_firewall" "ptl_palette_selfhosted_f0032_in4" {
  name        = "ptl-palette-selfhosted-f0032-in4"
  network     = var.network
  description = "palette/workload-cluster-22-tcp palette/workload-cluster (inbound): To troubleshoot cluster nodes remotely, you can open inbound port 22 for SSH."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["10.30.0.0/16"]
  target_tags = ["h-wl-a-w1"]
}

# zone workload -> host wl-a-w1: palette/workload-cluster (inbound): To troubleshoot cluster nodes remotely, you can open inbound port 22 for SSH.
resource "google_compute_firewall" "ptl_palette_selfhosted_f0032_out4" {
  name        = "ptl-palette-selfhosted-f0032-out4"
  network     = var.network
  description = "palette/workload-cluster-22-tcp palette/workload-cluster (inbound): To troubleshoot cluster nodes remotely, you can open inbound port 22 for SSH."
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  destination_ranges = ["10.30.1.11/32"]
  target_tags = ["z-workload"]
}

# zone mgmt -> host wl-b-cp: palette/workload-cluster (inbound): To troubleshoot cluster nodes remotely, you can open inbound port 22 for SSH.
resource "google_compute_firewall" "ptl_palette_selfhosted_f0033_in4" {
  name        = "ptl-palette-selfhosted-f0033-in4"
  network     = var.network
  description = "palette/workload-cluster-22-tcp palette/workload-cluster (inbound): To troubleshoot cluster nodes remotely, you can open inbound port 22 for SSH."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["10.10.0.0/24"]
  target_tags = ["h-wl-b-cp"]
}

# zone mgmt -> host wl-b-cp: palette/workload-cluster (inbound): To troubleshoot cluster nodes remotely, you can open inbound port 22 for SSH.
resource "google_compute_firewall" "ptl_palette_selfhosted_f0033_out4" {
  name        = "ptl-palette-selfhosted-f0033-out4"
  network     = var.network
  description = "palette/workload-cluster-22-tcp palette/workload-cluster (inbound): To troubleshoot cluster nodes remotely, you can open inbound port 22 for SSH."
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  destination_ranges = ["10.30.2.10/32"]
  target_tags = ["z-mgmt"]
}

# zone ops -> host wl-b-cp: palette/workload-cluster (inbound): To troubleshoot cluster nodes remotely, you can open inbound port 22 for SSH.
resource "google_compute_firewall" "ptl_palette_selfhosted_f0034_in4" {
  name        = "ptl-palette-selfhosted-f0034-in4"
  network     = var.network
  description = "palette/workload-cluster-22-tcp palette/workload-cluster (inbound): To troubleshoot cluster nodes remotely, you can open inbound port 22 for SSH."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["10.40.0.0/24"]
  target_tags = ["h-wl-b-cp"]
}

# zone workload -> host wl-b-cp: palette/workload-cluster (inbound): To troubleshoot cluster nodes remotely, you can open inbound port 22 for SSH.
resource "google_compute_firewall" "ptl_palette_selfhosted_f0035_in4" {
  name        = "ptl-palette-selfhosted-f0035-in4"
  network     = var.network
  description = "palette/workload-cluster-22-tcp palette/workload-cluster (inbound): To troubleshoot cluster nodes remotely, you can open inbound port 22 for SSH."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["10.30.0.0/16"]
  target_tags = ["h-wl-b-cp"]
}

# zone workload -> host wl-b-cp: palette/workload-cluster (inbound): To troubleshoot cluster nodes remotely, you can open inbound port 22 for SSH.
resource "google_compute_firewall" "ptl_palette_selfhosted_f0035_out4" {
  name        = "ptl-palette-selfhosted-f0035-out4"
  network     = var.network
  description = "palette/workload-cluster-22-tcp palette/workload-cluster (inbound): To troubleshoot cluster nodes remotely, you can open inbound port 22 for SSH."
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  destination_ranges = ["10.30.2.10/32"]
  target_tags = ["z-workload"]
}

resource "google_compute_firewall" "ptl_palette_selfhosted_deny_in" {
  name        = "ptl-palette-selfhosted-deny-in"
  network     = var.network
  description = "portolan: default deny"
  direction   = "INGRESS"
  priority    = 65000
  deny {
    protocol = "all"
  }
  source_ranges = ["0.0.0.0/0", "::/0"]
}

resource "google_compute_firewall" "ptl_palette_selfhosted_deny_out" {
  name        = "ptl-palette-selfhosted-deny-out"
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
    "palette1" = ["h-palette1", "z-mgmt", "g-hosts-all-44b77471", "g-palette-management-platform-4c942a4e", "g-palette-mgmt-98fe1e29"]
    "palette2" = ["h-palette2", "z-mgmt", "g-hosts-all-44b77471", "g-palette-management-platform-4c942a4e", "g-palette-mgmt-98fe1e29"]
    "palette3" = ["h-palette3", "z-mgmt", "g-hosts-all-44b77471", "g-palette-management-platform-4c942a4e", "g-palette-mgmt-98fe1e29"]
    "wl-a-cp" = ["h-wl-a-cp", "z-workload", "g-hosts-all-44b77471", "g-hosts-workload-0fa5bea7", "g-palette-workload-cluster-19bed513"]
    "wl-a-w1" = ["h-wl-a-w1", "z-workload", "g-hosts-all-44b77471", "g-hosts-workload-0fa5bea7", "g-palette-workload-cluster-19bed513"]
    "wl-b-cp" = ["h-wl-b-cp", "z-workload", "g-hosts-all-44b77471", "g-hosts-workload-0fa5bea7", "g-palette-workload-cluster-19bed513"]
  }
}
