# Portolan: GCP firewall rules for topology docker-host
# Applying this denies every flow, in and out, that no rule below allows.
# Stays open for management: 22/tcp from zone vpn to group hosts:all.
# Stays open outbound (DNS, NTP, topology egress): 53/tcp to any, 53/udp to any, 123/udp to any.
# Tag each instance as listed in the portolan_instance_tags output.

variable "network" {
  type        = string
  description = "VPC network (name or self link)"
}

# group hosts:all -> any: DNS to any address (the topology names no DNS egress)
resource "google_compute_firewall" "ptl_docker_host_f0001_out4" {
  name        = "ptl-docker-host-f0001-out4"
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
resource "google_compute_firewall" "ptl_docker_host_f0001_out6" {
  name        = "ptl-docker-host-f0001-out6"
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
resource "google_compute_firewall" "ptl_docker_host_f0002_out4" {
  name        = "ptl-docker-host-f0002-out4"
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
resource "google_compute_firewall" "ptl_docker_host_f0002_out6" {
  name        = "ptl-docker-host-f0002-out6"
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
resource "google_compute_firewall" "ptl_docker_host_f0003_out4" {
  name        = "ptl-docker-host-f0003-out4"
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
resource "google_compute_firewall" "ptl_docker_host_f0003_out6" {
  name        = "ptl-docker-host-f0003-out6"
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

# zone vpn -> group hosts:all: management access, topology line 12
resource "google_compute_firewall" "ptl_docker_host_f0004_in4" {
  name        = "ptl-docker-host-f0004-in4"
  network     = var.network
  description = "topology:management management access, topology line 12"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["10.9.0.0/24"]
  target_tags = ["g-hosts-all-44b77471"]
}

# zone vpn -> group hosts:all: management access, topology line 12
resource "google_compute_firewall" "ptl_docker_host_f0004_in6" {
  name        = "ptl-docker-host-f0004-in6"
  network     = var.network
  description = "topology:management management access, topology line 12"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["fd00:9::/64"]
  target_tags = ["g-hosts-all-44b77471"]
}

# host tools -> host db: service postgres, topology line 16
resource "google_compute_firewall" "ptl_docker_host_f0005_in4" {
  name        = "ptl-docker-host-f0005-in4"
  network     = var.network
  description = "topology:service service postgres, topology line 16"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["5432"]
  }
  source_tags = ["h-tools"]
  target_tags = ["h-db"]
}

# host tools -> host db: service postgres, topology line 16
resource "google_compute_firewall" "ptl_docker_host_f0005_out4" {
  name        = "ptl-docker-host-f0005-out4"
  network     = var.network
  description = "topology:service service postgres, topology line 16"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["5432"]
  }
  destination_ranges = ["10.0.0.6/32"]
  target_tags = ["h-tools"]
}

# zone srv -> host tools: service metrics relay, topology line 15
resource "google_compute_firewall" "ptl_docker_host_f0006_in4" {
  name        = "ptl-docker-host-f0006-in4"
  network     = var.network
  description = "topology:service service metrics relay, topology line 15"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["8125-8126"]
  }
  source_ranges = ["10.0.0.0/24"]
  target_tags = ["h-tools"]
}

# zone srv -> host tools: service metrics relay, topology line 15
resource "google_compute_firewall" "ptl_docker_host_f0006_out4" {
  name        = "ptl-docker-host-f0006-out4"
  network     = var.network
  description = "topology:service service metrics relay, topology line 15"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["8125-8126"]
  }
  destination_ranges = ["10.0.0.5/32"]
  target_tags = ["z-srv"]
}

# zone srv -> host tools: service metrics relay, topology line 15
resource "google_compute_firewall" "ptl_docker_host_f0006_in6" {
  name        = "ptl-docker-host-f0006-in6"
  network     = var.network
  description = "topology:service service metrics relay, topology line 15"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["8125-8126"]
  }
  source_ranges = ["fd00:1::/64"]
  target_tags = ["h-tools"]
}

# zone srv -> host tools: service metrics relay, topology line 15
resource "google_compute_firewall" "ptl_docker_host_f0006_out6" {
  name        = "ptl-docker-host-f0006-out6"
  network     = var.network
  description = "topology:service service metrics relay, topology line 15"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["8125-8126"]
  }
  destination_ranges = ["fd00:1::5/128"]
  target_tags = ["z-srv"]
}

# zone vpn -> host tools: service dashboard, topology line 14
resource "google_compute_firewall" "ptl_docker_host_f0007_in4" {
  name        = "ptl-docker-host-f0007-in4"
  network     = var.network
  description = "topology:service service dashboard, topology line 14"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["8443"]
  }
  source_ranges = ["10.9.0.0/24"]
  target_tags = ["h-tools"]
}

# zone vpn -> host tools: service dashboard, topology line 14
resource "google_compute_firewall" "ptl_docker_host_f0007_in6" {
  name        = "ptl-docker-host-f0007-in6"
  network     = var.network
  description = "topology:service service dashboard, topology line 14"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["8443"]
  }
  source_ranges = ["fd00:9::/64"]
  target_tags = ["h-tools"]
}

resource "google_compute_firewall" "ptl_docker_host_deny_in" {
  name        = "ptl-docker-host-deny-in"
  network     = var.network
  description = "portolan: default deny"
  direction   = "INGRESS"
  priority    = 65000
  deny {
    protocol = "all"
  }
  source_ranges = ["0.0.0.0/0", "::/0"]
}

resource "google_compute_firewall" "ptl_docker_host_deny_out" {
  name        = "ptl-docker-host-deny-out"
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
    "tools" = ["h-tools", "z-srv", "g-hosts-all-44b77471"]
    "db" = ["h-db", "z-srv", "g-hosts-all-44b77471"]
  }
}
