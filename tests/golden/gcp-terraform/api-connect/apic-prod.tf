# Portolan: GCP firewall rules for topology apic-prod
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
resource "google_compute_firewall" "ptl_apic_prod_f0001_out4" {
  name        = "ptl-apic-prod-f0001-out4"
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
resource "google_compute_firewall" "ptl_apic_prod_f0002_out4" {
  name        = "ptl-apic-prod-f0002-out4"
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
resource "google_compute_firewall" "ptl_apic_prod_f0003_out4" {
  name        = "ptl-apic-prod-f0003-out4"
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

# host a7s -> zone gateway: api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH
resource "google_compute_firewall" "ptl_apic_prod_f0004_out4" {
  name        = "ptl-apic-prod-f0004-out4"
  network     = var.network
  description = "api-connect/analytics-22-tcp api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  destination_ranges = ["172.20.1.0/24"]
  target_tags = ["h-a7s"]
}

# host a7s -> zone gateway: api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others
resource "google_compute_firewall" "ptl_apic_prod_f0005_out4" {
  name        = "ptl-apic-prod-f0005-out4"
  network     = var.network
  description = "api-connect/analytics-443-tcp-both api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  destination_ranges = ["172.20.1.0/24"]
  target_tags = ["h-a7s"]
}

# host mgmt -> zone gateway: api-connect/management (bidirectional): 22 (inbound and outbound) SSH
resource "google_compute_firewall" "ptl_apic_prod_f0006_out4" {
  name        = "ptl-apic-prod-f0006-out4"
  network     = var.network
  description = "api-connect/management-22-tcp-both api-connect/management (bidirectional): 22 (inbound and outbound) SSH"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  destination_ranges = ["172.20.1.0/24"]
  target_tags = ["h-mgmt"]
}

# host mgmt -> zone gateway: api-connect/management (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others
resource "google_compute_firewall" "ptl_apic_prod_f0007_out4" {
  name        = "ptl-apic-prod-f0007-out4"
  network     = var.network
  description = "api-connect/management-443-tcp-both-nopeer api-connect/management (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  destination_ranges = ["172.20.1.0/24"]
  target_tags = ["h-mgmt"]
}

# host ptl -> zone gateway: api-connect/portal (bidirectional): 22 (inbound and outbound) SSH
resource "google_compute_firewall" "ptl_apic_prod_f0008_out4" {
  name        = "ptl-apic-prod-f0008-out4"
  network     = var.network
  description = "api-connect/portal-22-tcp api-connect/portal (bidirectional): 22 (inbound and outbound) SSH"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  destination_ranges = ["172.20.1.0/24"]
  target_tags = ["h-ptl"]
}

# host ptl -> zone gateway: api-connect/portal (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others
resource "google_compute_firewall" "ptl_apic_prod_f0009_out4" {
  name        = "ptl-apic-prod-f0009-out4"
  network     = var.network
  description = "api-connect/portal-443-tcp-both api-connect/portal (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  destination_ranges = ["172.20.1.0/24"]
  target_tags = ["h-ptl"]
}

# host a7s -> zone management: api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH
resource "google_compute_firewall" "ptl_apic_prod_f0010_out4" {
  name        = "ptl-apic-prod-f0010-out4"
  network     = var.network
  description = "api-connect/analytics-22-tcp api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  destination_ranges = ["172.20.2.0/24"]
  target_tags = ["h-a7s"]
}

# host a7s -> zone management: api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others
resource "google_compute_firewall" "ptl_apic_prod_f0011_out4" {
  name        = "ptl-apic-prod-f0011-out4"
  network     = var.network
  description = "api-connect/analytics-443-tcp-both api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  destination_ranges = ["172.20.2.0/24"]
  target_tags = ["h-a7s"]
}

# host mgmt -> zone management: api-connect/management (bidirectional): 22 (inbound and outbound) SSH
resource "google_compute_firewall" "ptl_apic_prod_f0012_out4" {
  name        = "ptl-apic-prod-f0012-out4"
  network     = var.network
  description = "api-connect/management-22-tcp-both api-connect/management (bidirectional): 22 (inbound and outbound) SSH"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  destination_ranges = ["172.20.2.0/24"]
  target_tags = ["h-mgmt"]
}

# host mgmt -> zone management: api-connect/management (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others
resource "google_compute_firewall" "ptl_apic_prod_f0013_out4" {
  name        = "ptl-apic-prod-f0013-out4"
  network     = var.network
  description = "api-connect/management-443-tcp-both-nopeer api-connect/management (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  destination_ranges = ["172.20.2.0/24"]
  target_tags = ["h-mgmt"]
}

# host ptl -> zone management: api-connect/portal (bidirectional): 22 (inbound and outbound) SSH
resource "google_compute_firewall" "ptl_apic_prod_f0014_out4" {
  name        = "ptl-apic-prod-f0014-out4"
  network     = var.network
  description = "api-connect/portal-22-tcp api-connect/portal (bidirectional): 22 (inbound and outbound) SSH"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  destination_ranges = ["172.20.2.0/24"]
  target_tags = ["h-ptl"]
}

# host ptl -> zone management: api-connect/portal (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others
resource "google_compute_firewall" "ptl_apic_prod_f0015_out4" {
  name        = "ptl-apic-prod-f0015-out4"
  network     = var.network
  description = "api-connect/portal-443-tcp-both api-connect/portal (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  destination_ranges = ["172.20.2.0/24"]
  target_tags = ["h-ptl"]
}

# host a7s -> zone protected: api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH
resource "google_compute_firewall" "ptl_apic_prod_f0016_out4" {
  name        = "ptl-apic-prod-f0016-out4"
  network     = var.network
  description = "api-connect/analytics-22-tcp api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  destination_ranges = ["10.100.0.0/16"]
  target_tags = ["h-a7s"]
}

# host a7s -> zone protected: api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others
resource "google_compute_firewall" "ptl_apic_prod_f0017_out4" {
  name        = "ptl-apic-prod-f0017-out4"
  network     = var.network
  description = "api-connect/analytics-443-tcp-both api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  destination_ranges = ["10.100.0.0/16"]
  target_tags = ["h-a7s"]
}

# host a7s -> zone protected: api-connect/analytics (outbound): 123 (outbound) NTP
resource "google_compute_firewall" "ptl_apic_prod_f0018_out4" {
  name        = "ptl-apic-prod-f0018-out4"
  network     = var.network
  description = "api-connect/analytics-123-udp api-connect/analytics (outbound): 123 (outbound) NTP"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["123"]
  }
  destination_ranges = ["10.100.0.0/16"]
  target_tags = ["h-a7s"]
}

# host mgmt -> zone protected: api-connect/management (bidirectional): 22 (inbound and outbound) SSH
resource "google_compute_firewall" "ptl_apic_prod_f0019_out4" {
  name        = "ptl-apic-prod-f0019-out4"
  network     = var.network
  description = "api-connect/management-22-tcp-both api-connect/management (bidirectional): 22 (inbound and outbound) SSH"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  destination_ranges = ["10.100.0.0/16"]
  target_tags = ["h-mgmt"]
}

# host mgmt -> zone protected: api-connect/management (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others
resource "google_compute_firewall" "ptl_apic_prod_f0020_out4" {
  name        = "ptl-apic-prod-f0020-out4"
  network     = var.network
  description = "api-connect/management-443-tcp-both-nopeer api-connect/management (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  destination_ranges = ["10.100.0.0/16"]
  target_tags = ["h-mgmt"]
}

# host mgmt -> zone protected: api-connect/management (outbound): 123 (outbound) NTP
resource "google_compute_firewall" "ptl_apic_prod_f0021_out4" {
  name        = "ptl-apic-prod-f0021-out4"
  network     = var.network
  description = "api-connect/management-123-udp api-connect/management (outbound): 123 (outbound) NTP"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["123"]
  }
  destination_ranges = ["10.100.0.0/16"]
  target_tags = ["h-mgmt"]
}

# host ptl -> zone protected: api-connect/portal (bidirectional): 22 (inbound and outbound) SSH
resource "google_compute_firewall" "ptl_apic_prod_f0022_out4" {
  name        = "ptl-apic-prod-f0022-out4"
  network     = var.network
  description = "api-connect/portal-22-tcp api-connect/portal (bidirectional): 22 (inbound and outbound) SSH"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  destination_ranges = ["10.100.0.0/16"]
  target_tags = ["h-ptl"]
}

# host ptl -> zone protected: api-connect/portal (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others
resource "google_compute_firewall" "ptl_apic_prod_f0023_out4" {
  name        = "ptl-apic-prod-f0023-out4"
  network     = var.network
  description = "api-connect/portal-443-tcp-both api-connect/portal (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  destination_ranges = ["10.100.0.0/16"]
  target_tags = ["h-ptl"]
}

# host ptl -> zone protected: api-connect/portal (outbound): 123 (outbound) NTP
resource "google_compute_firewall" "ptl_apic_prod_f0024_out4" {
  name        = "ptl-apic-prod-f0024-out4"
  network     = var.network
  description = "api-connect/portal-123-udp api-connect/portal (outbound): 123 (outbound) NTP"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["123"]
  }
  destination_ranges = ["10.100.0.0/16"]
  target_tags = ["h-ptl"]
}

# zone gateway -> host a7s: api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH
resource "google_compute_firewall" "ptl_apic_prod_f0025_in4" {
  name        = "ptl-apic-prod-f0025-in4"
  network     = var.network
  description = "api-connect/analytics-22-tcp api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["172.20.1.0/24"]
  target_tags = ["h-a7s"]
}

# zone gateway -> host a7s: api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH
resource "google_compute_firewall" "ptl_apic_prod_f0025_out4" {
  name        = "ptl-apic-prod-f0025-out4"
  network     = var.network
  description = "api-connect/analytics-22-tcp api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  destination_ranges = ["172.20.2.30/32"]
  target_tags = ["z-gateway"]
}

# zone gateway -> host a7s: api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; api-connect/analytics (inbound): Gateway servers send API event data to the Analytics service.
resource "google_compute_firewall" "ptl_apic_prod_f0026_in4" {
  name        = "ptl-apic-prod-f0026-in4"
  network     = var.network
  description = "api-connect/analytics-443-tcp-both api-connect/analytics-443-tcp-in-gateway api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; api-connect/analytics (inbound): Gateway servers send API event data to the Analytics service."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_ranges = ["172.20.1.0/24"]
  target_tags = ["h-a7s"]
}

# zone gateway -> host a7s: api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; api-connect/analytics (inbound): Gateway servers send API event data to the Analytics service.
resource "google_compute_firewall" "ptl_apic_prod_f0026_out4" {
  name        = "ptl-apic-prod-f0026-out4"
  network     = var.network
  description = "api-connect/analytics-443-tcp-both api-connect/analytics-443-tcp-in-gateway api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; api-connect/analytics (inbound): Gateway servers send API event data to the Analytics service."
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  destination_ranges = ["172.20.2.30/32"]
  target_tags = ["z-gateway"]
}

# zone management -> host a7s: api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH; api-connect/management (bidirectional): 22 (inbound and outbound) SSH; api-connect/portal (bidirectional): 22 (inbound and outbound) SSH
resource "google_compute_firewall" "ptl_apic_prod_f0027_in4" {
  name        = "ptl-apic-prod-f0027-in4"
  network     = var.network
  description = "api-connect/analytics-22-tcp api-connect/management-22-tcp-both api-connect/portal-22-tcp api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH; api-connect/management (bidirectional): 22 (inbound and outbound) SSH; api-connect/portal (bidirectional): 22 (inbound and outbound) SSH"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["172.20.2.0/24"]
  target_tags = ["h-a7s"]
}

# zone management -> host a7s: api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH; api-connect/management (bidirectional): 22 (inbound and outbound) SSH; api-connect/portal (bidirectional): 22 (inbound and outbound) SSH
resource "google_compute_firewall" "ptl_apic_prod_f0027_out4" {
  name        = "ptl-apic-prod-f0027-out4"
  network     = var.network
  description = "api-connect/analytics-22-tcp api-connect/management-22-tcp-both api-connect/portal-22-tcp api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH; api-connect/management (bidirectional): 22 (inbound and outbound) SSH; api-connect/portal (bidirectional): 22 (inbound and outbound) SSH"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  destination_ranges = ["172.20.2.30/32"]
  target_tags = ["z-management"]
}

# zone management -> host a7s: api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; api-connect/management (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; api-connect/analytics (inbound): The Management service queries the Analytics service.; api-connect/portal (bidirectional): 443 (i
resource "google_compute_firewall" "ptl_apic_prod_f0028_in4" {
  name        = "ptl-apic-prod-f0028-in4"
  network     = var.network
  description = "api-connect/analytics-443-tcp-both api-connect/analytics-443-tcp-in-management api-connect/analytics-443-tcp-in-portal api-connect/management-443-tcp-both-nopeer api-connect/portal-443-tcp-both api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; api-connect/management (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; api-connect/analytics (inbound): The Management service queries the Analytics service.; api-connect/portal (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; api-connect/analytics (inbound): The Portal service reads data from the Analytics service with an API call (GET)."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_ranges = ["172.20.2.0/24"]
  target_tags = ["h-a7s"]
}

# zone management -> host a7s: api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; api-connect/management (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; api-connect/analytics (inbound): The Management service queries the Analytics service.; api-connect/portal (bidirectional): 443 (i
resource "google_compute_firewall" "ptl_apic_prod_f0028_out4" {
  name        = "ptl-apic-prod-f0028-out4"
  network     = var.network
  description = "api-connect/analytics-443-tcp-both api-connect/analytics-443-tcp-in-management api-connect/analytics-443-tcp-in-portal api-connect/management-443-tcp-both-nopeer api-connect/portal-443-tcp-both api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; api-connect/management (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; api-connect/analytics (inbound): The Management service queries the Analytics service.; api-connect/portal (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; api-connect/analytics (inbound): The Portal service reads data from the Analytics service with an API call (GET)."
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  destination_ranges = ["172.20.2.30/32"]
  target_tags = ["z-management"]
}

# zone protected -> host a7s: api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH
resource "google_compute_firewall" "ptl_apic_prod_f0029_in4" {
  name        = "ptl-apic-prod-f0029-in4"
  network     = var.network
  description = "api-connect/analytics-22-tcp api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["10.100.0.0/16"]
  target_tags = ["h-a7s"]
}

# zone protected -> host a7s: api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others
resource "google_compute_firewall" "ptl_apic_prod_f0030_in4" {
  name        = "ptl-apic-prod-f0030-in4"
  network     = var.network
  description = "api-connect/analytics-443-tcp-both api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_ranges = ["10.100.0.0/16"]
  target_tags = ["h-a7s"]
}

# zone gateway -> host gw1: api-connect/gateway (inbound): 3000 (inbound) HTTPS, local endpoint of the Gateway Service (configurable)
resource "google_compute_firewall" "ptl_apic_prod_f0031_in4" {
  name        = "ptl-apic-prod-f0031-in4"
  network     = var.network
  description = "api-connect/gateway-3000-tcp api-connect/gateway (inbound): 3000 (inbound) HTTPS, local endpoint of the Gateway Service (configurable)"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["3000"]
  }
  source_ranges = ["172.20.1.0/24"]
  target_tags = ["h-gw1"]
}

# zone gateway -> host gw1: api-connect/gateway (inbound): 3000 (inbound) HTTPS, local endpoint of the Gateway Service (configurable)
resource "google_compute_firewall" "ptl_apic_prod_f0031_out4" {
  name        = "ptl-apic-prod-f0031-out4"
  network     = var.network
  description = "api-connect/gateway-3000-tcp api-connect/gateway (inbound): 3000 (inbound) HTTPS, local endpoint of the Gateway Service (configurable)"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["3000"]
  }
  destination_ranges = ["172.20.1.11/32"]
  target_tags = ["z-gateway"]
}

# zone management -> host gw1: api-connect/gateway (inbound): 3000 (inbound) HTTPS, local endpoint of the Gateway Service (configurable); api-connect/management (bidirectional): Configuration push: Management and Gateway servers talk in both directions.
resource "google_compute_firewall" "ptl_apic_prod_f0032_in4" {
  name        = "ptl-apic-prod-f0032-in4"
  network     = var.network
  description = "api-connect/gateway-3000-tcp api-connect/management-3000-tcp api-connect/gateway (inbound): 3000 (inbound) HTTPS, local endpoint of the Gateway Service (configurable); api-connect/management (bidirectional): Configuration push: Management and Gateway servers talk in both directions."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["3000"]
  }
  source_ranges = ["172.20.2.0/24"]
  target_tags = ["h-gw1"]
}

# zone management -> host gw1: api-connect/gateway (inbound): 3000 (inbound) HTTPS, local endpoint of the Gateway Service (configurable); api-connect/management (bidirectional): Configuration push: Management and Gateway servers talk in both directions.
resource "google_compute_firewall" "ptl_apic_prod_f0032_out4" {
  name        = "ptl-apic-prod-f0032-out4"
  network     = var.network
  description = "api-connect/gateway-3000-tcp api-connect/management-3000-tcp api-connect/gateway (inbound): 3000 (inbound) HTTPS, local endpoint of the Gateway Service (configurable); api-connect/management (bidirectional): Configuration push: Management and Gateway servers talk in both directions."
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["3000"]
  }
  destination_ranges = ["172.20.1.11/32"]
  target_tags = ["z-management"]
}

# zone protected -> host gw1: api-connect/gateway (inbound): DataPower administration: internal operators managing the Gateway servers.
resource "google_compute_firewall" "ptl_apic_prod_f0033_in4" {
  name        = "ptl-apic-prod-f0033-in4"
  network     = var.network
  description = "api-connect/gateway-22-tcp api-connect/gateway (inbound): DataPower administration: internal operators managing the Gateway servers."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["10.100.0.0/16"]
  target_tags = ["h-gw1"]
}

# zone protected -> host gw1: api-connect/gateway (inbound): 3000 (inbound) HTTPS, local endpoint of the Gateway Service (configurable)
resource "google_compute_firewall" "ptl_apic_prod_f0034_in4" {
  name        = "ptl-apic-prod-f0034-in4"
  network     = var.network
  description = "api-connect/gateway-3000-tcp api-connect/gateway (inbound): 3000 (inbound) HTTPS, local endpoint of the Gateway Service (configurable)"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["3000"]
  }
  source_ranges = ["10.100.0.0/16"]
  target_tags = ["h-gw1"]
}

# zone protected -> host gw1: api-connect/gateway (inbound): DataPower administration: internal operators managing the Gateway servers.
resource "google_compute_firewall" "ptl_apic_prod_f0035_in4" {
  name        = "ptl-apic-prod-f0035-in4"
  network     = var.network
  description = "api-connect/gateway-9090-tcp-protected-zone api-connect/gateway (inbound): DataPower administration: internal operators managing the Gateway servers."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["9090"]
  }
  source_ranges = ["10.100.0.0/16"]
  target_tags = ["h-gw1"]
}

# zone public -> host gw1: api-connect/gateway (inbound): API request/response: consumers calling the published APIs.
resource "google_compute_firewall" "ptl_apic_prod_f0036_in4" {
  name        = "ptl-apic-prod-f0036-in4"
  network     = var.network
  description = "api-connect/gateway-443-tcp api-connect/gateway (inbound): API request/response: consumers calling the published APIs."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_ranges = ["0.0.0.0/0"]
  target_tags = ["h-gw1"]
}

# host mgmt -> host gw1: api-connect/management (bidirectional): Configuration push: Management and Gateway servers talk in both directions.
resource "google_compute_firewall" "ptl_apic_prod_f0037_in4" {
  name        = "ptl-apic-prod-f0037-in4"
  network     = var.network
  description = "api-connect/management-443-tcp-both-gateway api-connect/management (bidirectional): Configuration push: Management and Gateway servers talk in both directions."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_tags = ["h-mgmt"]
  target_tags = ["h-gw1"]
}

# host mgmt -> host gw1: api-connect/management (bidirectional): Configuration push: Management and Gateway servers talk in both directions.
resource "google_compute_firewall" "ptl_apic_prod_f0037_out4" {
  name        = "ptl-apic-prod-f0037-out4"
  network     = var.network
  description = "api-connect/management-443-tcp-both-gateway api-connect/management (bidirectional): Configuration push: Management and Gateway servers talk in both directions."
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  destination_ranges = ["172.20.1.11/32"]
  target_tags = ["h-mgmt"]
}

# zone gateway -> host gw2: api-connect/gateway (inbound): 3000 (inbound) HTTPS, local endpoint of the Gateway Service (configurable)
resource "google_compute_firewall" "ptl_apic_prod_f0038_in4" {
  name        = "ptl-apic-prod-f0038-in4"
  network     = var.network
  description = "api-connect/gateway-3000-tcp api-connect/gateway (inbound): 3000 (inbound) HTTPS, local endpoint of the Gateway Service (configurable)"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["3000"]
  }
  source_ranges = ["172.20.1.0/24"]
  target_tags = ["h-gw2"]
}

# zone gateway -> host gw2: api-connect/gateway (inbound): 3000 (inbound) HTTPS, local endpoint of the Gateway Service (configurable)
resource "google_compute_firewall" "ptl_apic_prod_f0038_out4" {
  name        = "ptl-apic-prod-f0038-out4"
  network     = var.network
  description = "api-connect/gateway-3000-tcp api-connect/gateway (inbound): 3000 (inbound) HTTPS, local endpoint of the Gateway Service (configurable)"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["3000"]
  }
  destination_ranges = ["172.20.1.12/32"]
  target_tags = ["z-gateway"]
}

# zone management -> host gw2: api-connect/gateway (inbound): 3000 (inbound) HTTPS, local endpoint of the Gateway Service (configurable); api-connect/management (bidirectional): Configuration push: Management and Gateway servers talk in both directions.
resource "google_compute_firewall" "ptl_apic_prod_f0039_in4" {
  name        = "ptl-apic-prod-f0039-in4"
  network     = var.network
  description = "api-connect/gateway-3000-tcp api-connect/management-3000-tcp api-connect/gateway (inbound): 3000 (inbound) HTTPS, local endpoint of the Gateway Service (configurable); api-connect/management (bidirectional): Configuration push: Management and Gateway servers talk in both directions."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["3000"]
  }
  source_ranges = ["172.20.2.0/24"]
  target_tags = ["h-gw2"]
}

# zone management -> host gw2: api-connect/gateway (inbound): 3000 (inbound) HTTPS, local endpoint of the Gateway Service (configurable); api-connect/management (bidirectional): Configuration push: Management and Gateway servers talk in both directions.
resource "google_compute_firewall" "ptl_apic_prod_f0039_out4" {
  name        = "ptl-apic-prod-f0039-out4"
  network     = var.network
  description = "api-connect/gateway-3000-tcp api-connect/management-3000-tcp api-connect/gateway (inbound): 3000 (inbound) HTTPS, local endpoint of the Gateway Service (configurable); api-connect/management (bidirectional): Configuration push: Management and Gateway servers talk in both directions."
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["3000"]
  }
  destination_ranges = ["172.20.1.12/32"]
  target_tags = ["z-management"]
}

# zone protected -> host gw2: api-connect/gateway (inbound): DataPower administration: internal operators managing the Gateway servers.
resource "google_compute_firewall" "ptl_apic_prod_f0040_in4" {
  name        = "ptl-apic-prod-f0040-in4"
  network     = var.network
  description = "api-connect/gateway-22-tcp api-connect/gateway (inbound): DataPower administration: internal operators managing the Gateway servers."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["10.100.0.0/16"]
  target_tags = ["h-gw2"]
}

# zone protected -> host gw2: api-connect/gateway (inbound): 3000 (inbound) HTTPS, local endpoint of the Gateway Service (configurable)
resource "google_compute_firewall" "ptl_apic_prod_f0041_in4" {
  name        = "ptl-apic-prod-f0041-in4"
  network     = var.network
  description = "api-connect/gateway-3000-tcp api-connect/gateway (inbound): 3000 (inbound) HTTPS, local endpoint of the Gateway Service (configurable)"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["3000"]
  }
  source_ranges = ["10.100.0.0/16"]
  target_tags = ["h-gw2"]
}

# zone protected -> host gw2: api-connect/gateway (inbound): DataPower administration: internal operators managing the Gateway servers.
resource "google_compute_firewall" "ptl_apic_prod_f0042_in4" {
  name        = "ptl-apic-prod-f0042-in4"
  network     = var.network
  description = "api-connect/gateway-9090-tcp-protected-zone api-connect/gateway (inbound): DataPower administration: internal operators managing the Gateway servers."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["9090"]
  }
  source_ranges = ["10.100.0.0/16"]
  target_tags = ["h-gw2"]
}

# zone public -> host gw2: api-connect/gateway (inbound): API request/response: consumers calling the published APIs.
resource "google_compute_firewall" "ptl_apic_prod_f0043_in4" {
  name        = "ptl-apic-prod-f0043-in4"
  network     = var.network
  description = "api-connect/gateway-443-tcp api-connect/gateway (inbound): API request/response: consumers calling the published APIs."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_ranges = ["0.0.0.0/0"]
  target_tags = ["h-gw2"]
}

# host mgmt -> host gw2: api-connect/management (bidirectional): Configuration push: Management and Gateway servers talk in both directions.
resource "google_compute_firewall" "ptl_apic_prod_f0044_in4" {
  name        = "ptl-apic-prod-f0044-in4"
  network     = var.network
  description = "api-connect/management-443-tcp-both-gateway api-connect/management (bidirectional): Configuration push: Management and Gateway servers talk in both directions."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_tags = ["h-mgmt"]
  target_tags = ["h-gw2"]
}

# host mgmt -> host gw2: api-connect/management (bidirectional): Configuration push: Management and Gateway servers talk in both directions.
resource "google_compute_firewall" "ptl_apic_prod_f0044_out4" {
  name        = "ptl-apic-prod-f0044-out4"
  network     = var.network
  description = "api-connect/management-443-tcp-both-gateway api-connect/management (bidirectional): Configuration push: Management and Gateway servers talk in both directions."
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  destination_ranges = ["172.20.1.12/32"]
  target_tags = ["h-mgmt"]
}

# zone gateway -> host mgmt: api-connect/management (bidirectional): 22 (inbound and outbound) SSH
resource "google_compute_firewall" "ptl_apic_prod_f0045_in4" {
  name        = "ptl-apic-prod-f0045-in4"
  network     = var.network
  description = "api-connect/management-22-tcp-both api-connect/management (bidirectional): 22 (inbound and outbound) SSH"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["172.20.1.0/24"]
  target_tags = ["h-mgmt"]
}

# zone gateway -> host mgmt: api-connect/management (bidirectional): 22 (inbound and outbound) SSH
resource "google_compute_firewall" "ptl_apic_prod_f0045_out4" {
  name        = "ptl-apic-prod-f0045-out4"
  network     = var.network
  description = "api-connect/management-22-tcp-both api-connect/management (bidirectional): 22 (inbound and outbound) SSH"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  destination_ranges = ["172.20.2.10/32"]
  target_tags = ["z-gateway"]
}

# zone gateway -> host mgmt: api-connect/management (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; api-connect/management (bidirectional): Configuration push: Management and Gateway servers talk in both directions.
resource "google_compute_firewall" "ptl_apic_prod_f0046_in4" {
  name        = "ptl-apic-prod-f0046-in4"
  network     = var.network
  description = "api-connect/management-443-tcp-both-gateway api-connect/management-443-tcp-both-nopeer api-connect/management (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; api-connect/management (bidirectional): Configuration push: Management and Gateway servers talk in both directions."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_ranges = ["172.20.1.0/24"]
  target_tags = ["h-mgmt"]
}

# zone gateway -> host mgmt: api-connect/management (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; api-connect/management (bidirectional): Configuration push: Management and Gateway servers talk in both directions.
resource "google_compute_firewall" "ptl_apic_prod_f0046_out4" {
  name        = "ptl-apic-prod-f0046-out4"
  network     = var.network
  description = "api-connect/management-443-tcp-both-gateway api-connect/management-443-tcp-both-nopeer api-connect/management (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; api-connect/management (bidirectional): Configuration push: Management and Gateway servers talk in both directions."
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  destination_ranges = ["172.20.2.10/32"]
  target_tags = ["z-gateway"]
}

# zone management -> host mgmt: api-connect/management (bidirectional): 22 (inbound and outbound) SSH; api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH; api-connect/portal (bidirectional): 22 (inbound and outbound) SSH
resource "google_compute_firewall" "ptl_apic_prod_f0047_in4" {
  name        = "ptl-apic-prod-f0047-in4"
  network     = var.network
  description = "api-connect/analytics-22-tcp api-connect/management-22-tcp-both api-connect/portal-22-tcp api-connect/management (bidirectional): 22 (inbound and outbound) SSH; api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH; api-connect/portal (bidirectional): 22 (inbound and outbound) SSH"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["172.20.2.0/24"]
  target_tags = ["h-mgmt"]
}

# zone management -> host mgmt: api-connect/management (bidirectional): 22 (inbound and outbound) SSH; api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH; api-connect/portal (bidirectional): 22 (inbound and outbound) SSH
resource "google_compute_firewall" "ptl_apic_prod_f0047_out4" {
  name        = "ptl-apic-prod-f0047-out4"
  network     = var.network
  description = "api-connect/analytics-22-tcp api-connect/management-22-tcp-both api-connect/portal-22-tcp api-connect/management (bidirectional): 22 (inbound and outbound) SSH; api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH; api-connect/portal (bidirectional): 22 (inbound and outbound) SSH"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  destination_ranges = ["172.20.2.10/32"]
  target_tags = ["z-management"]
}

# zone management -> host mgmt: api-connect/management (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; api-connect/management (inbound): Configuration pull and API calls: Developer Portal servers fetch configuration and call the RES
resource "google_compute_firewall" "ptl_apic_prod_f0048_in4" {
  name        = "ptl-apic-prod-f0048-in4"
  network     = var.network
  description = "api-connect/analytics-443-tcp-both api-connect/management-443-tcp-both-nopeer api-connect/management-443-tcp-in-portal api-connect/portal-443-tcp-both api-connect/management (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; api-connect/management (inbound): Configuration pull and API calls: Developer Portal servers fetch configuration and call the REST APIs.; api-connect/portal (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_ranges = ["172.20.2.0/24"]
  target_tags = ["h-mgmt"]
}

# zone management -> host mgmt: api-connect/management (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; api-connect/management (inbound): Configuration pull and API calls: Developer Portal servers fetch configuration and call the RES
resource "google_compute_firewall" "ptl_apic_prod_f0048_out4" {
  name        = "ptl-apic-prod-f0048-out4"
  network     = var.network
  description = "api-connect/analytics-443-tcp-both api-connect/management-443-tcp-both-nopeer api-connect/management-443-tcp-in-portal api-connect/portal-443-tcp-both api-connect/management (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; api-connect/management (inbound): Configuration pull and API calls: Developer Portal servers fetch configuration and call the REST APIs.; api-connect/portal (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  destination_ranges = ["172.20.2.10/32"]
  target_tags = ["z-management"]
}

# zone protected -> host mgmt: api-connect/management (inbound): Cloud Manager: internal operators who administer the cloud.; api-connect/management (inbound): Developer Portal administration: internal operators managing the Portal servers.; api-connect/management (bidirectional): 22 (inbound and outbound) SSH
resource "google_compute_firewall" "ptl_apic_prod_f0049_in4" {
  name        = "ptl-apic-prod-f0049-in4"
  network     = var.network
  description = "api-connect/management-22-tcp-both api-connect/management-22-tcp-in-cloud-manager-internal api-connect/management-22-tcp-in-developer-portal api-connect/management (inbound): Cloud Manager: internal operators who administer the cloud.; api-connect/management (inbound): Developer Portal administration: internal operators managing the Portal servers.; api-connect/management (bidirectional): 22 (inbound and outbound) SSH"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["10.100.0.0/16"]
  target_tags = ["h-mgmt"]
}

# zone protected -> host mgmt: api-connect/management (inbound): API Manager: internal business users who define and monitor APIs.; api-connect/management (inbound): Cloud Manager: internal operators who administer the cloud.; api-connect/management (inbound): Developer Portal administration: internal operators managing the Portal servers.; api-connect/management (inbound): Pushing API definitions t
resource "google_compute_firewall" "ptl_apic_prod_f0050_in4" {
  name        = "ptl-apic-prod-f0050-in4"
  network     = var.network
  description = "api-connect/management-443-tcp-both-nopeer api-connect/management-443-tcp-in-protected-zone-api-manager-internal api-connect/management-443-tcp-in-protected-zone-cloud-manager-internal api-connect/management-443-tcp-in-protected-zone-developer-portal api-connect/management-443-tcp-in-protected-zone-pushing-api-definitions api-connect/management (inbound): API Manager: internal business users who define and monitor APIs.; api-connect/management (inbound): Cloud Manager: internal operators who administer the cloud.; api-connect/management (inbound): Developer Portal administration: internal operators managing the Portal servers.; api-connect/management (inbound): Pushing API definitions to the Management server, and fetching credentials for microservice code push.; api-connect/management (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_ranges = ["10.100.0.0/16"]
  target_tags = ["h-mgmt"]
}

# group api-connect/gateway -> host mgmt: api-connect/management (bidirectional): Configuration push: Management and Gateway servers talk in both directions.
resource "google_compute_firewall" "ptl_apic_prod_f0051_in4" {
  name        = "ptl-apic-prod-f0051-in4"
  network     = var.network
  description = "api-connect/management-3000-tcp api-connect/management (bidirectional): Configuration push: Management and Gateway servers talk in both directions."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["3000"]
  }
  source_tags = ["g-api-connect-gateway-0dd85845"]
  target_tags = ["h-mgmt"]
}

# group api-connect/gateway -> host mgmt: api-connect/management (bidirectional): Configuration push: Management and Gateway servers talk in both directions.
resource "google_compute_firewall" "ptl_apic_prod_f0051_out4" {
  name        = "ptl-apic-prod-f0051-out4"
  network     = var.network
  description = "api-connect/management-3000-tcp api-connect/management (bidirectional): Configuration push: Management and Gateway servers talk in both directions."
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["3000"]
  }
  destination_ranges = ["172.20.2.10/32"]
  target_tags = ["g-api-connect-gateway-0dd85845"]
}

# zone gateway -> host ptl: api-connect/portal (bidirectional): 22 (inbound and outbound) SSH
resource "google_compute_firewall" "ptl_apic_prod_f0052_in4" {
  name        = "ptl-apic-prod-f0052-in4"
  network     = var.network
  description = "api-connect/portal-22-tcp api-connect/portal (bidirectional): 22 (inbound and outbound) SSH"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["172.20.1.0/24"]
  target_tags = ["h-ptl"]
}

# zone gateway -> host ptl: api-connect/portal (bidirectional): 22 (inbound and outbound) SSH
resource "google_compute_firewall" "ptl_apic_prod_f0052_out4" {
  name        = "ptl-apic-prod-f0052-out4"
  network     = var.network
  description = "api-connect/portal-22-tcp api-connect/portal (bidirectional): 22 (inbound and outbound) SSH"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  destination_ranges = ["172.20.2.20/32"]
  target_tags = ["z-gateway"]
}

# zone gateway -> host ptl: api-connect/portal (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others
resource "google_compute_firewall" "ptl_apic_prod_f0053_in4" {
  name        = "ptl-apic-prod-f0053-in4"
  network     = var.network
  description = "api-connect/portal-443-tcp-both api-connect/portal (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_ranges = ["172.20.1.0/24"]
  target_tags = ["h-ptl"]
}

# zone gateway -> host ptl: api-connect/portal (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others
resource "google_compute_firewall" "ptl_apic_prod_f0053_out4" {
  name        = "ptl-apic-prod-f0053-out4"
  network     = var.network
  description = "api-connect/portal-443-tcp-both api-connect/portal (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  destination_ranges = ["172.20.2.20/32"]
  target_tags = ["z-gateway"]
}

# zone management -> host ptl: api-connect/portal (bidirectional): 22 (inbound and outbound) SSH; api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH; api-connect/management (bidirectional): 22 (inbound and outbound) SSH
resource "google_compute_firewall" "ptl_apic_prod_f0054_in4" {
  name        = "ptl-apic-prod-f0054-in4"
  network     = var.network
  description = "api-connect/analytics-22-tcp api-connect/management-22-tcp-both api-connect/portal-22-tcp api-connect/portal (bidirectional): 22 (inbound and outbound) SSH; api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH; api-connect/management (bidirectional): 22 (inbound and outbound) SSH"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["172.20.2.0/24"]
  target_tags = ["h-ptl"]
}

# zone management -> host ptl: api-connect/portal (bidirectional): 22 (inbound and outbound) SSH; api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH; api-connect/management (bidirectional): 22 (inbound and outbound) SSH
resource "google_compute_firewall" "ptl_apic_prod_f0054_out4" {
  name        = "ptl-apic-prod-f0054-out4"
  network     = var.network
  description = "api-connect/analytics-22-tcp api-connect/management-22-tcp-both api-connect/portal-22-tcp api-connect/portal (bidirectional): 22 (inbound and outbound) SSH; api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH; api-connect/management (bidirectional): 22 (inbound and outbound) SSH"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  destination_ranges = ["172.20.2.20/32"]
  target_tags = ["z-management"]
}

# zone management -> host ptl: api-connect/portal (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; api-connect/management (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; api-connect/p
resource "google_compute_firewall" "ptl_apic_prod_f0055_in4" {
  name        = "ptl-apic-prod-f0055-in4"
  network     = var.network
  description = "api-connect/analytics-443-tcp-both api-connect/management-443-tcp-both-nopeer api-connect/portal-443-tcp-both api-connect/portal-443-tcp-in-management api-connect/portal (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; api-connect/management (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; api-connect/portal (inbound): Configuration and webhook push: Management servers send configuration and webhooks to the Developer Portal."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_ranges = ["172.20.2.0/24"]
  target_tags = ["h-ptl"]
}

# zone management -> host ptl: api-connect/portal (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; api-connect/management (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; api-connect/p
resource "google_compute_firewall" "ptl_apic_prod_f0055_out4" {
  name        = "ptl-apic-prod-f0055-out4"
  network     = var.network
  description = "api-connect/analytics-443-tcp-both api-connect/management-443-tcp-both-nopeer api-connect/portal-443-tcp-both api-connect/portal-443-tcp-in-management api-connect/portal (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; api-connect/management (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; api-connect/portal (inbound): Configuration and webhook push: Management servers send configuration and webhooks to the Developer Portal."
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  destination_ranges = ["172.20.2.20/32"]
  target_tags = ["z-management"]
}

# zone protected -> host ptl: api-connect/portal (bidirectional): 22 (inbound and outbound) SSH
resource "google_compute_firewall" "ptl_apic_prod_f0056_in4" {
  name        = "ptl-apic-prod-f0056-in4"
  network     = var.network
  description = "api-connect/portal-22-tcp api-connect/portal (bidirectional): 22 (inbound and outbound) SSH"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["10.100.0.0/16"]
  target_tags = ["h-ptl"]
}

# zone protected -> host ptl: api-connect/portal (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others
resource "google_compute_firewall" "ptl_apic_prod_f0057_in4" {
  name        = "ptl-apic-prod-f0057-in4"
  network     = var.network
  description = "api-connect/portal-443-tcp-both api-connect/portal (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_ranges = ["10.100.0.0/16"]
  target_tags = ["h-ptl"]
}

# zone public -> host ptl: api-connect/portal (inbound): Developer Portal: developers outside the organization using the portal.
resource "google_compute_firewall" "ptl_apic_prod_f0058_in4" {
  name        = "ptl-apic-prod-f0058-in4"
  network     = var.network
  description = "api-connect/portal-443-tcp-in-public-zone api-connect/portal (inbound): Developer Portal: developers outside the organization using the portal."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_ranges = ["0.0.0.0/0"]
  target_tags = ["h-ptl"]
}

resource "google_compute_firewall" "ptl_apic_prod_deny_in" {
  name        = "ptl-apic-prod-deny-in"
  network     = var.network
  description = "portolan: default deny"
  direction   = "INGRESS"
  priority    = 65000
  deny {
    protocol = "all"
  }
  source_ranges = ["0.0.0.0/0", "::/0"]
}

resource "google_compute_firewall" "ptl_apic_prod_deny_out" {
  name        = "ptl-apic-prod-deny-out"
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
    "gw1" = ["h-gw1", "z-gateway", "g-api-connect-gateway-0dd85845", "g-hosts-all-44b77471"]
    "gw2" = ["h-gw2", "z-gateway", "g-api-connect-gateway-0dd85845", "g-hosts-all-44b77471"]
    "mgmt" = ["h-mgmt", "z-management", "g-api-connect-management-dab2c78f", "g-hosts-all-44b77471"]
    "ptl" = ["h-ptl", "z-management", "g-api-connect-management-dab2c78f", "g-hosts-all-44b77471"]
    "a7s" = ["h-a7s", "z-management", "g-api-connect-management-dab2c78f", "g-hosts-all-44b77471"]
  }
}
