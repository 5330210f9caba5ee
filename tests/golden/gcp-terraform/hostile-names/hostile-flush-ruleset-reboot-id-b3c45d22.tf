# Portolan: GCP firewall rules for topology hostile_; flush ruleset # _(reboot) _id_
# Applying this denies every flow, in and out, that no rule below allows.
# Stays open for management: 22/tcp from zone corp__(touch /tmp/pwned)_ COMMIT to group hosts:all.
# Stays open outbound (DNS, NTP, topology egress): 123/udp to any, 53/udp to host infra --comment _x_ -j ACCEPT; drop table inet portolan.
# Tag each instance as listed in the portolan_instance_tags output.

variable "network" {
  type        = string
  description = "VPC network (name or self link)"
}

# group hosts:all -> any: NTP to any address (the topology names no NTP egress)
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0001_out4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0001-out4"
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
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0001_out6" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0001-out6"
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

# group openlm/node -> zone internet_; accept #: openlm/node (outbound): OpenLM container image registry
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0002_out4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0002-out4"
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

# group openlm/node -> zone internet_; accept #: openlm/node (outbound): OpenLM container image registry
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0002_out6" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0002-out6"
  network     = var.network
  description = "openlm/node-443-tcp openlm/node (outbound): OpenLM container image registry"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  destination_ranges = ["::/0"]
  target_tags = ["g-openlm-node-4ade990b"]
}

# zone corp__(touch /tmp/pwned)_ COMMIT -> group hosts:all: management access, topology line 33
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0003_in4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0003-in4"
  network     = var.network
  description = "topology:management management access, topology line 33"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["10.20.0.0/16"]
  target_tags = ["g-hosts-all-44b77471"]
}

# zone corp__(touch /tmp/pwned)_ COMMIT -> group hosts:all: management access, topology line 33
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0003_in6" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0003-in6"
  network     = var.network
  description = "topology:management management access, topology line 33"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["fd20::/48"]
  target_tags = ["g-hosts-all-44b77471"]
}

# zone cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ???: openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes.
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0004_in4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0004-in4"
  network     = var.network
  description = "openlm/node-22-tcp openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["10.0.0.0/22"]
  target_tags = ["h-cmd-c-calc-a0-67eef17a"]
}

# zone cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ???: openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes.
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0004_out4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0004-out4"
  network     = var.network
  description = "openlm/node-22-tcp openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes."
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  destination_ranges = ["10.0.0.11/32"]
  target_tags = ["z-cl-ster-var-if-x-b-b-1b4516d9"]
}

# zone cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ???: openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes.
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0004_in6" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0004-in6"
  network     = var.network
  description = "openlm/node-22-tcp openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["fd00::/64"]
  target_tags = ["h-cmd-c-calc-a0-67eef17a"]
}

# zone cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ???: openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes.
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0004_out6" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0004-out6"
  network     = var.network
  description = "openlm/node-22-tcp openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes."
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  destination_ranges = ["fd00::11/128"]
  target_tags = ["z-cl-ster-var-if-x-b-b-1b4516d9"]
}

# zone corp__(touch /tmp/pwned)_ COMMIT -> host =cmd|_ /C calc_!A0 ?? ???: openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes.
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0005_in4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0005-in4"
  network     = var.network
  description = "openlm/node-22-tcp openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["10.20.0.0/16"]
  target_tags = ["h-cmd-c-calc-a0-67eef17a"]
}

# zone corp__(touch /tmp/pwned)_ COMMIT -> host =cmd|_ /C calc_!A0 ?? ???: openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes.
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0005_in6" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0005-in6"
  network     = var.network
  description = "openlm/node-22-tcp openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["fd20::/48"]
  target_tags = ["h-cmd-c-calc-a0-67eef17a"]
}

# group openlm@cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ???: openlm/node (internal): Kubernetes API server
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0006_in4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0006-in4"
  network     = var.network
  description = "openlm/node-6443-tcp openlm/node (internal): Kubernetes API server"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["6443"]
  }
  source_tags = ["g-openlm-cl-ster-var-if-x-b-b-fd38bd9e"]
  target_tags = ["h-cmd-c-calc-a0-67eef17a"]
}

# group openlm@cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ???: openlm/node (internal): Kubernetes API server
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0006_out4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0006-out4"
  network     = var.network
  description = "openlm/node-6443-tcp openlm/node (internal): Kubernetes API server"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["6443"]
  }
  destination_ranges = ["10.0.0.11/32"]
  target_tags = ["g-openlm-cl-ster-var-if-x-b-b-fd38bd9e"]
}

# group openlm@cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ???: openlm/node (internal): Kubernetes API server
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0006_in6" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0006-in6"
  network     = var.network
  description = "openlm/node-6443-tcp openlm/node (internal): Kubernetes API server"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["6443"]
  }
  source_ranges = ["fd00::10/127"]
  target_tags = ["h-cmd-c-calc-a0-67eef17a"]
}

# group openlm@cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ???: openlm/node (internal): Kubernetes API server
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0006_out6" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0006-out6"
  network     = var.network
  description = "openlm/node-6443-tcp openlm/node (internal): Kubernetes API server"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["6443"]
  }
  destination_ranges = ["fd00::11/128"]
  target_tags = ["g-openlm-cl-ster-var-if-x-b-b-fd38bd9e"]
}

# group openlm@cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ???: openlm/node (internal): Kubelet metrics
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0007_in4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0007-in4"
  network     = var.network
  description = "openlm/node-10250-tcp openlm/node (internal): Kubelet metrics"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["10250"]
  }
  source_tags = ["g-openlm-cl-ster-var-if-x-b-b-fd38bd9e"]
  target_tags = ["h-cmd-c-calc-a0-67eef17a"]
}

# group openlm@cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ???: openlm/node (internal): Kubelet metrics
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0007_out4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0007-out4"
  network     = var.network
  description = "openlm/node-10250-tcp openlm/node (internal): Kubelet metrics"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["10250"]
  }
  destination_ranges = ["10.0.0.11/32"]
  target_tags = ["g-openlm-cl-ster-var-if-x-b-b-fd38bd9e"]
}

# group openlm@cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ???: openlm/node (internal): Kubelet metrics
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0007_in6" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0007-in6"
  network     = var.network
  description = "openlm/node-10250-tcp openlm/node (internal): Kubelet metrics"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["10250"]
  }
  source_ranges = ["fd00::10/127"]
  target_tags = ["h-cmd-c-calc-a0-67eef17a"]
}

# group openlm@cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ???: openlm/node (internal): Kubelet metrics
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0007_out6" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0007-out6"
  network     = var.network
  description = "openlm/node-10250-tcp openlm/node (internal): Kubelet metrics"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["10250"]
  }
  destination_ranges = ["fd00::11/128"]
  target_tags = ["g-openlm-cl-ster-var-if-x-b-b-fd38bd9e"]
}

# group openlm@cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ???: openlm/node (internal): Flannel VXLAN overlay
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0008_in4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0008-in4"
  network     = var.network
  description = "openlm/node-8472-udp openlm/node (internal): Flannel VXLAN overlay"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["8472"]
  }
  source_tags = ["g-openlm-cl-ster-var-if-x-b-b-fd38bd9e"]
  target_tags = ["h-cmd-c-calc-a0-67eef17a"]
}

# group openlm@cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ???: openlm/node (internal): Flannel VXLAN overlay
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0008_out4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0008-out4"
  network     = var.network
  description = "openlm/node-8472-udp openlm/node (internal): Flannel VXLAN overlay"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["8472"]
  }
  destination_ranges = ["10.0.0.11/32"]
  target_tags = ["g-openlm-cl-ster-var-if-x-b-b-fd38bd9e"]
}

# group openlm@cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ???: openlm/node (internal): Flannel VXLAN overlay
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0008_in6" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0008-in6"
  network     = var.network
  description = "openlm/node-8472-udp openlm/node (internal): Flannel VXLAN overlay"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["8472"]
  }
  source_ranges = ["fd00::10/127"]
  target_tags = ["h-cmd-c-calc-a0-67eef17a"]
}

# group openlm@cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ???: openlm/node (internal): Flannel VXLAN overlay
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0008_out6" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0008-out6"
  network     = var.network
  description = "openlm/node-8472-udp openlm/node (internal): Flannel VXLAN overlay"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["8472"]
  }
  destination_ranges = ["fd00::11/128"]
  target_tags = ["g-openlm-cl-ster-var-if-x-b-b-fd38bd9e"]
}

# group openlm@cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ???: openlm/node (internal): Flannel WireGuard backend (if enabled)
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0009_in4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0009-in4"
  network     = var.network
  description = "openlm/node-51820-udp openlm/node (internal): Flannel WireGuard backend (if enabled)"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["51820"]
  }
  source_tags = ["g-openlm-cl-ster-var-if-x-b-b-fd38bd9e"]
  target_tags = ["h-cmd-c-calc-a0-67eef17a"]
}

# group openlm@cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ???: openlm/node (internal): Flannel WireGuard backend (if enabled)
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0009_out4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0009-out4"
  network     = var.network
  description = "openlm/node-51820-udp openlm/node (internal): Flannel WireGuard backend (if enabled)"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["51820"]
  }
  destination_ranges = ["10.0.0.11/32"]
  target_tags = ["g-openlm-cl-ster-var-if-x-b-b-fd38bd9e"]
}

# group openlm@cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ???: openlm/node (internal): Flannel WireGuard backend (if enabled)
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0009_in6" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0009-in6"
  network     = var.network
  description = "openlm/node-51820-udp openlm/node (internal): Flannel WireGuard backend (if enabled)"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["51820"]
  }
  source_ranges = ["fd00::10/127"]
  target_tags = ["h-cmd-c-calc-a0-67eef17a"]
}

# group openlm@cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ???: openlm/node (internal): Flannel WireGuard backend (if enabled)
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0009_out6" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0009-out6"
  network     = var.network
  description = "openlm/node-51820-udp openlm/node (internal): Flannel WireGuard backend (if enabled)"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["51820"]
  }
  destination_ranges = ["fd00::11/128"]
  target_tags = ["g-openlm-cl-ster-var-if-x-b-b-fd38bd9e"]
}

# zone cl?ster _{var} %{if x} <b>|</b> -> host cp1_id_; -A INPUT -j ACCEPT: openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes.
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0010_in4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0010-in4"
  network     = var.network
  description = "openlm/node-22-tcp openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["10.0.0.0/22"]
  target_tags = ["h-cp1-id-a-input-j-accept-b45c7acc"]
}

# zone cl?ster _{var} %{if x} <b>|</b> -> host cp1_id_; -A INPUT -j ACCEPT: openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes.
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0010_out4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0010-out4"
  network     = var.network
  description = "openlm/node-22-tcp openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes."
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  destination_ranges = ["10.0.0.10/32"]
  target_tags = ["z-cl-ster-var-if-x-b-b-1b4516d9"]
}

# zone cl?ster _{var} %{if x} <b>|</b> -> host cp1_id_; -A INPUT -j ACCEPT: openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes.
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0010_in6" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0010-in6"
  network     = var.network
  description = "openlm/node-22-tcp openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["fd00::/64"]
  target_tags = ["h-cp1-id-a-input-j-accept-b45c7acc"]
}

# zone cl?ster _{var} %{if x} <b>|</b> -> host cp1_id_; -A INPUT -j ACCEPT: openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes.
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0010_out6" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0010-out6"
  network     = var.network
  description = "openlm/node-22-tcp openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes."
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  destination_ranges = ["fd00::10/128"]
  target_tags = ["z-cl-ster-var-if-x-b-b-1b4516d9"]
}

# zone cl?ster _{var} %{if x} <b>|</b> -> host cp1_id_; -A INPUT -j ACCEPT: openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.; openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0011_in4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0011-in4"
  network     = var.network
  description = "openlm/control-plane-80-tcp openlm/ingress-80-tcp-nopeer openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.; openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["80"]
  }
  source_ranges = ["10.0.0.0/22"]
  target_tags = ["h-cp1-id-a-input-j-accept-b45c7acc"]
}

# zone cl?ster _{var} %{if x} <b>|</b> -> host cp1_id_; -A INPUT -j ACCEPT: openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.; openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0011_out4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0011-out4"
  network     = var.network
  description = "openlm/control-plane-80-tcp openlm/ingress-80-tcp-nopeer openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.; openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["80"]
  }
  destination_ranges = ["10.0.0.10/32"]
  target_tags = ["z-cl-ster-var-if-x-b-b-1b4516d9"]
}

# zone cl?ster _{var} %{if x} <b>|</b> -> host cp1_id_; -A INPUT -j ACCEPT: openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.; openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0011_in6" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0011-in6"
  network     = var.network
  description = "openlm/control-plane-80-tcp openlm/ingress-80-tcp-nopeer openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.; openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["80"]
  }
  source_ranges = ["fd00::/64"]
  target_tags = ["h-cp1-id-a-input-j-accept-b45c7acc"]
}

# zone cl?ster _{var} %{if x} <b>|</b> -> host cp1_id_; -A INPUT -j ACCEPT: openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.; openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0011_out6" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0011-out6"
  network     = var.network
  description = "openlm/control-plane-80-tcp openlm/ingress-80-tcp-nopeer openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.; openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["80"]
  }
  destination_ranges = ["fd00::10/128"]
  target_tags = ["z-cl-ster-var-if-x-b-b-1b4516d9"]
}

# zone corp__(touch /tmp/pwned)_ COMMIT -> host cp1_id_; -A INPUT -j ACCEPT: openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes.
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0012_in4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0012-in4"
  network     = var.network
  description = "openlm/node-22-tcp openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["10.20.0.0/16"]
  target_tags = ["h-cp1-id-a-input-j-accept-b45c7acc"]
}

# zone corp__(touch /tmp/pwned)_ COMMIT -> host cp1_id_; -A INPUT -j ACCEPT: openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes.
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0012_in6" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0012-in6"
  network     = var.network
  description = "openlm/node-22-tcp openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["fd20::/48"]
  target_tags = ["h-cp1-id-a-input-j-accept-b45c7acc"]
}

# zone corp__(touch /tmp/pwned)_ COMMIT -> host cp1_id_; -A INPUT -j ACCEPT: openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS; openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0013_in4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0013-in4"
  network     = var.network
  description = "openlm/control-plane-80-tcp openlm/ingress-80-tcp-nopeer openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS; openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["80"]
  }
  source_ranges = ["10.20.0.0/16"]
  target_tags = ["h-cp1-id-a-input-j-accept-b45c7acc"]
}

# zone corp__(touch /tmp/pwned)_ COMMIT -> host cp1_id_; -A INPUT -j ACCEPT: openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS; openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0013_in6" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0013-in6"
  network     = var.network
  description = "openlm/control-plane-80-tcp openlm/ingress-80-tcp-nopeer openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS; openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["80"]
  }
  source_ranges = ["fd20::/48"]
  target_tags = ["h-cp1-id-a-input-j-accept-b45c7acc"]
}

# zone corp__(touch /tmp/pwned)_ COMMIT -> host cp1_id_; -A INPUT -j ACCEPT: openlm/control-plane (inbound): HTTPS ingress for agents, UI and API; openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inb
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0014_in4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0014-in4"
  network     = var.network
  description = "openlm/control-plane-443-tcp openlm/ingress-443-tcp-broker openlm/ingress-443-tcp-directory-sync-agent openlm/ingress-443-tcp-nopeer openlm/ingress-443-tcp-web-ui openlm/ingress-443-tcp-workstation-agent openlm/control-plane (inbound): HTTPS ingress for agents, UI and API; openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/ingress (inbound): Sends directory scan and sync events; runs on a machine that can read the directory.; openlm/ingress (inbound): Users working with administration, dashboards and reports."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_ranges = ["10.20.0.0/16"]
  target_tags = ["h-cp1-id-a-input-j-accept-b45c7acc"]
}

# zone corp__(touch /tmp/pwned)_ COMMIT -> host cp1_id_; -A INPUT -j ACCEPT: openlm/control-plane (inbound): HTTPS ingress for agents, UI and API; openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inb
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0014_in6" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0014-in6"
  network     = var.network
  description = "openlm/control-plane-443-tcp openlm/ingress-443-tcp-broker openlm/ingress-443-tcp-directory-sync-agent openlm/ingress-443-tcp-nopeer openlm/ingress-443-tcp-web-ui openlm/ingress-443-tcp-workstation-agent openlm/control-plane (inbound): HTTPS ingress for agents, UI and API; openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/ingress (inbound): Sends directory scan and sync events; runs on a machine that can read the directory.; openlm/ingress (inbound): Users working with administration, dashboards and reports."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_ranges = ["fd20::/48"]
  target_tags = ["h-cp1-id-a-input-j-accept-b45c7acc"]
}

# zone internet_; accept # -> host cp1_id_; -A INPUT -j ACCEPT: openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/in
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0015_in4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0015-in4"
  network     = var.network
  description = "openlm/ingress-443-tcp-broker openlm/ingress-443-tcp-directory-sync-agent openlm/ingress-443-tcp-nopeer openlm/ingress-443-tcp-web-ui openlm/ingress-443-tcp-workstation-agent openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/ingress (inbound): Sends directory scan and sync events; runs on a machine that can read the directory.; openlm/ingress (inbound): Users working with administration, dashboards and reports."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_ranges = ["0.0.0.0/0"]
  target_tags = ["h-cp1-id-a-input-j-accept-b45c7acc"]
}

# zone internet_; accept # -> host cp1_id_; -A INPUT -j ACCEPT: openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/in
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0015_out4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0015-out4"
  network     = var.network
  description = "openlm/ingress-443-tcp-broker openlm/ingress-443-tcp-directory-sync-agent openlm/ingress-443-tcp-nopeer openlm/ingress-443-tcp-web-ui openlm/ingress-443-tcp-workstation-agent openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/ingress (inbound): Sends directory scan and sync events; runs on a machine that can read the directory.; openlm/ingress (inbound): Users working with administration, dashboards and reports."
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  destination_ranges = ["10.0.0.10/32"]
  target_tags = ["z-internet-accept-5326bdbc"]
}

# zone internet_; accept # -> host cp1_id_; -A INPUT -j ACCEPT: openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/in
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0015_in6" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0015-in6"
  network     = var.network
  description = "openlm/ingress-443-tcp-broker openlm/ingress-443-tcp-directory-sync-agent openlm/ingress-443-tcp-nopeer openlm/ingress-443-tcp-web-ui openlm/ingress-443-tcp-workstation-agent openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/ingress (inbound): Sends directory scan and sync events; runs on a machine that can read the directory.; openlm/ingress (inbound): Users working with administration, dashboards and reports."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_ranges = ["::/0"]
  target_tags = ["h-cp1-id-a-input-j-accept-b45c7acc"]
}

# zone internet_; accept # -> host cp1_id_; -A INPUT -j ACCEPT: openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/in
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0015_out6" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0015-out6"
  network     = var.network
  description = "openlm/ingress-443-tcp-broker openlm/ingress-443-tcp-directory-sync-agent openlm/ingress-443-tcp-nopeer openlm/ingress-443-tcp-web-ui openlm/ingress-443-tcp-workstation-agent openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/ingress (inbound): Sends directory scan and sync events; runs on a machine that can read the directory.; openlm/ingress (inbound): Users working with administration, dashboards and reports."
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  destination_ranges = ["fd00::10/128"]
  target_tags = ["z-internet-accept-5326bdbc"]
}

# group openlm -> host cp1_id_; -A INPUT -j ACCEPT: openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS; openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0016_in4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0016-in4"
  network     = var.network
  description = "openlm/control-plane-80-tcp openlm/ingress-80-tcp-nopeer openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS; openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["80"]
  }
  source_tags = ["g-openlm"]
  target_tags = ["h-cp1-id-a-input-j-accept-b45c7acc"]
}

# group openlm -> host cp1_id_; -A INPUT -j ACCEPT: openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS; openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0016_out4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0016-out4"
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

# group openlm -> host cp1_id_; -A INPUT -j ACCEPT: openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS; openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0016_in6" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0016-in6"
  network     = var.network
  description = "openlm/control-plane-80-tcp openlm/ingress-80-tcp-nopeer openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS; openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["80"]
  }
  source_ranges = ["fd00::10/127"]
  target_tags = ["h-cp1-id-a-input-j-accept-b45c7acc"]
}

# group openlm -> host cp1_id_; -A INPUT -j ACCEPT: openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS; openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0016_out6" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0016-out6"
  network     = var.network
  description = "openlm/control-plane-80-tcp openlm/ingress-80-tcp-nopeer openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS; openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS."
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["80"]
  }
  destination_ranges = ["fd00::10/128"]
  target_tags = ["g-openlm"]
}

# group openlm -> host cp1_id_; -A INPUT -j ACCEPT: openlm/control-plane (inbound): HTTPS ingress for agents, UI and API; openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0017_in4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0017-in4"
  network     = var.network
  description = "openlm/control-plane-443-tcp openlm/ingress-443-tcp-nopeer openlm/control-plane (inbound): HTTPS ingress for agents, UI and API; openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_tags = ["g-openlm"]
  target_tags = ["h-cp1-id-a-input-j-accept-b45c7acc"]
}

# group openlm -> host cp1_id_; -A INPUT -j ACCEPT: openlm/control-plane (inbound): HTTPS ingress for agents, UI and API; openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0017_out4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0017-out4"
  network     = var.network
  description = "openlm/control-plane-443-tcp openlm/ingress-443-tcp-nopeer openlm/control-plane (inbound): HTTPS ingress for agents, UI and API; openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443."
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  destination_ranges = ["10.0.0.10/32"]
  target_tags = ["g-openlm"]
}

# group openlm -> host cp1_id_; -A INPUT -j ACCEPT: openlm/control-plane (inbound): HTTPS ingress for agents, UI and API; openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0017_in6" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0017-in6"
  network     = var.network
  description = "openlm/control-plane-443-tcp openlm/ingress-443-tcp-nopeer openlm/control-plane (inbound): HTTPS ingress for agents, UI and API; openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_ranges = ["fd00::10/127"]
  target_tags = ["h-cp1-id-a-input-j-accept-b45c7acc"]
}

# group openlm -> host cp1_id_; -A INPUT -j ACCEPT: openlm/control-plane (inbound): HTTPS ingress for agents, UI and API; openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0017_out6" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0017-out6"
  network     = var.network
  description = "openlm/control-plane-443-tcp openlm/ingress-443-tcp-nopeer openlm/control-plane (inbound): HTTPS ingress for agents, UI and API; openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443."
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  destination_ranges = ["fd00::10/128"]
  target_tags = ["g-openlm"]
}

# group openlm@cl?ster _{var} %{if x} <b>|</b> -> host cp1_id_; -A INPUT -j ACCEPT: openlm/node (internal): Kubernetes API server
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0018_in4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0018-in4"
  network     = var.network
  description = "openlm/node-6443-tcp openlm/node (internal): Kubernetes API server"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["6443"]
  }
  source_tags = ["g-openlm-cl-ster-var-if-x-b-b-fd38bd9e"]
  target_tags = ["h-cp1-id-a-input-j-accept-b45c7acc"]
}

# group openlm@cl?ster _{var} %{if x} <b>|</b> -> host cp1_id_; -A INPUT -j ACCEPT: openlm/node (internal): Kubernetes API server
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0018_out4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0018-out4"
  network     = var.network
  description = "openlm/node-6443-tcp openlm/node (internal): Kubernetes API server"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["6443"]
  }
  destination_ranges = ["10.0.0.10/32"]
  target_tags = ["g-openlm-cl-ster-var-if-x-b-b-fd38bd9e"]
}

# group openlm@cl?ster _{var} %{if x} <b>|</b> -> host cp1_id_; -A INPUT -j ACCEPT: openlm/node (internal): Kubernetes API server
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0018_in6" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0018-in6"
  network     = var.network
  description = "openlm/node-6443-tcp openlm/node (internal): Kubernetes API server"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["6443"]
  }
  source_ranges = ["fd00::10/127"]
  target_tags = ["h-cp1-id-a-input-j-accept-b45c7acc"]
}

# group openlm@cl?ster _{var} %{if x} <b>|</b> -> host cp1_id_; -A INPUT -j ACCEPT: openlm/node (internal): Kubernetes API server
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0018_out6" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0018-out6"
  network     = var.network
  description = "openlm/node-6443-tcp openlm/node (internal): Kubernetes API server"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["6443"]
  }
  destination_ranges = ["fd00::10/128"]
  target_tags = ["g-openlm-cl-ster-var-if-x-b-b-fd38bd9e"]
}

# group openlm@cl?ster _{var} %{if x} <b>|</b> -> host cp1_id_; -A INPUT -j ACCEPT: openlm/node (internal): Kubelet metrics
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0019_in4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0019-in4"
  network     = var.network
  description = "openlm/node-10250-tcp openlm/node (internal): Kubelet metrics"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["10250"]
  }
  source_tags = ["g-openlm-cl-ster-var-if-x-b-b-fd38bd9e"]
  target_tags = ["h-cp1-id-a-input-j-accept-b45c7acc"]
}

# group openlm@cl?ster _{var} %{if x} <b>|</b> -> host cp1_id_; -A INPUT -j ACCEPT: openlm/node (internal): Kubelet metrics
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0019_out4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0019-out4"
  network     = var.network
  description = "openlm/node-10250-tcp openlm/node (internal): Kubelet metrics"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["10250"]
  }
  destination_ranges = ["10.0.0.10/32"]
  target_tags = ["g-openlm-cl-ster-var-if-x-b-b-fd38bd9e"]
}

# group openlm@cl?ster _{var} %{if x} <b>|</b> -> host cp1_id_; -A INPUT -j ACCEPT: openlm/node (internal): Kubelet metrics
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0019_in6" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0019-in6"
  network     = var.network
  description = "openlm/node-10250-tcp openlm/node (internal): Kubelet metrics"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["10250"]
  }
  source_ranges = ["fd00::10/127"]
  target_tags = ["h-cp1-id-a-input-j-accept-b45c7acc"]
}

# group openlm@cl?ster _{var} %{if x} <b>|</b> -> host cp1_id_; -A INPUT -j ACCEPT: openlm/node (internal): Kubelet metrics
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0019_out6" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0019-out6"
  network     = var.network
  description = "openlm/node-10250-tcp openlm/node (internal): Kubelet metrics"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["10250"]
  }
  destination_ranges = ["fd00::10/128"]
  target_tags = ["g-openlm-cl-ster-var-if-x-b-b-fd38bd9e"]
}

# group openlm@cl?ster _{var} %{if x} <b>|</b> -> host cp1_id_; -A INPUT -j ACCEPT: openlm/node (internal): Flannel VXLAN overlay
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0020_in4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0020-in4"
  network     = var.network
  description = "openlm/node-8472-udp openlm/node (internal): Flannel VXLAN overlay"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["8472"]
  }
  source_tags = ["g-openlm-cl-ster-var-if-x-b-b-fd38bd9e"]
  target_tags = ["h-cp1-id-a-input-j-accept-b45c7acc"]
}

# group openlm@cl?ster _{var} %{if x} <b>|</b> -> host cp1_id_; -A INPUT -j ACCEPT: openlm/node (internal): Flannel VXLAN overlay
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0020_out4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0020-out4"
  network     = var.network
  description = "openlm/node-8472-udp openlm/node (internal): Flannel VXLAN overlay"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["8472"]
  }
  destination_ranges = ["10.0.0.10/32"]
  target_tags = ["g-openlm-cl-ster-var-if-x-b-b-fd38bd9e"]
}

# group openlm@cl?ster _{var} %{if x} <b>|</b> -> host cp1_id_; -A INPUT -j ACCEPT: openlm/node (internal): Flannel VXLAN overlay
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0020_in6" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0020-in6"
  network     = var.network
  description = "openlm/node-8472-udp openlm/node (internal): Flannel VXLAN overlay"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["8472"]
  }
  source_ranges = ["fd00::10/127"]
  target_tags = ["h-cp1-id-a-input-j-accept-b45c7acc"]
}

# group openlm@cl?ster _{var} %{if x} <b>|</b> -> host cp1_id_; -A INPUT -j ACCEPT: openlm/node (internal): Flannel VXLAN overlay
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0020_out6" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0020-out6"
  network     = var.network
  description = "openlm/node-8472-udp openlm/node (internal): Flannel VXLAN overlay"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["8472"]
  }
  destination_ranges = ["fd00::10/128"]
  target_tags = ["g-openlm-cl-ster-var-if-x-b-b-fd38bd9e"]
}

# group openlm@cl?ster _{var} %{if x} <b>|</b> -> host cp1_id_; -A INPUT -j ACCEPT: openlm/node (internal): Flannel WireGuard backend (if enabled)
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0021_in4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0021-in4"
  network     = var.network
  description = "openlm/node-51820-udp openlm/node (internal): Flannel WireGuard backend (if enabled)"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["51820"]
  }
  source_tags = ["g-openlm-cl-ster-var-if-x-b-b-fd38bd9e"]
  target_tags = ["h-cp1-id-a-input-j-accept-b45c7acc"]
}

# group openlm@cl?ster _{var} %{if x} <b>|</b> -> host cp1_id_; -A INPUT -j ACCEPT: openlm/node (internal): Flannel WireGuard backend (if enabled)
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0021_out4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0021-out4"
  network     = var.network
  description = "openlm/node-51820-udp openlm/node (internal): Flannel WireGuard backend (if enabled)"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["51820"]
  }
  destination_ranges = ["10.0.0.10/32"]
  target_tags = ["g-openlm-cl-ster-var-if-x-b-b-fd38bd9e"]
}

# group openlm@cl?ster _{var} %{if x} <b>|</b> -> host cp1_id_; -A INPUT -j ACCEPT: openlm/node (internal): Flannel WireGuard backend (if enabled)
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0021_in6" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0021-in6"
  network     = var.network
  description = "openlm/node-51820-udp openlm/node (internal): Flannel WireGuard backend (if enabled)"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["51820"]
  }
  source_ranges = ["fd00::10/127"]
  target_tags = ["h-cp1-id-a-input-j-accept-b45c7acc"]
}

# group openlm@cl?ster _{var} %{if x} <b>|</b> -> host cp1_id_; -A INPUT -j ACCEPT: openlm/node (internal): Flannel WireGuard backend (if enabled)
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0021_out6" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0021-out6"
  network     = var.network
  description = "openlm/node-51820-udp openlm/node (internal): Flannel WireGuard backend (if enabled)"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["51820"]
  }
  destination_ranges = ["fd00::10/128"]
  target_tags = ["g-openlm-cl-ster-var-if-x-b-b-fd38bd9e"]
}

# zone cl?ster _{var} %{if x} <b>|</b> -> host infra --comment _x_ -j ACCEPT; drop table inet portolan: openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes.
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0022_in4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0022-in4"
  network     = var.network
  description = "openlm/node-22-tcp openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["10.0.0.0/22"]
  target_tags = ["h-infra-comment-x-j-accept-drop-table-inet-portolan-dbe79018"]
}

# zone cl?ster _{var} %{if x} <b>|</b> -> host infra --comment _x_ -j ACCEPT; drop table inet portolan: openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes.
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0022_out4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0022-out4"
  network     = var.network
  description = "openlm/node-22-tcp openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes."
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  destination_ranges = ["10.0.0.20/32"]
  target_tags = ["z-cl-ster-var-if-x-b-b-1b4516d9"]
}

# zone corp__(touch /tmp/pwned)_ COMMIT -> host infra --comment _x_ -j ACCEPT; drop table inet portolan: openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes.
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0023_in4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0023-in4"
  network     = var.network
  description = "openlm/node-22-tcp openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["10.20.0.0/16"]
  target_tags = ["h-infra-comment-x-j-accept-drop-table-inet-portolan-dbe79018"]
}

# zone corp__(touch /tmp/pwned)_ COMMIT -> host infra --comment _x_ -j ACCEPT; drop table inet portolan: openlm/infrastructure (inbound): PostgreSQL NodePort for Power BI and similar reporting tools
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0024_in4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0024-in4"
  network     = var.network
  description = "openlm/infrastructure-30432-tcp openlm/infrastructure (inbound): PostgreSQL NodePort for Power BI and similar reporting tools"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["30432"]
  }
  source_ranges = ["10.20.0.0/16"]
  target_tags = ["h-infra-comment-x-j-accept-drop-table-inet-portolan-dbe79018"]
}

# group hosts:all -> host infra --comment _x_ -j ACCEPT; drop table inet portolan: egress, topology line 34
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0025_in4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0025-in4"
  network     = var.network
  description = "topology:egress egress, topology line 34"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["53"]
  }
  source_tags = ["g-hosts-all-44b77471"]
  target_tags = ["h-infra-comment-x-j-accept-drop-table-inet-portolan-dbe79018"]
}

# group hosts:all -> host infra --comment _x_ -j ACCEPT; drop table inet portolan: egress, topology line 34
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0025_out4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0025-out4"
  network     = var.network
  description = "topology:egress egress, topology line 34"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["53"]
  }
  destination_ranges = ["10.0.0.20/32"]
  target_tags = ["g-hosts-all-44b77471"]
}

# group openlm@cl?ster _{var} %{if x} <b>|</b> -> host infra --comment _x_ -j ACCEPT; drop table inet portolan: openlm/node (internal): Kubernetes API server
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0026_in4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0026-in4"
  network     = var.network
  description = "openlm/node-6443-tcp openlm/node (internal): Kubernetes API server"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["6443"]
  }
  source_tags = ["g-openlm-cl-ster-var-if-x-b-b-fd38bd9e"]
  target_tags = ["h-infra-comment-x-j-accept-drop-table-inet-portolan-dbe79018"]
}

# group openlm@cl?ster _{var} %{if x} <b>|</b> -> host infra --comment _x_ -j ACCEPT; drop table inet portolan: openlm/node (internal): Kubernetes API server
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0026_out4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0026-out4"
  network     = var.network
  description = "openlm/node-6443-tcp openlm/node (internal): Kubernetes API server"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["6443"]
  }
  destination_ranges = ["10.0.0.20/32"]
  target_tags = ["g-openlm-cl-ster-var-if-x-b-b-fd38bd9e"]
}

# group openlm@cl?ster _{var} %{if x} <b>|</b> -> host infra --comment _x_ -j ACCEPT; drop table inet portolan: openlm/node (internal): Kubelet metrics
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0027_in4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0027-in4"
  network     = var.network
  description = "openlm/node-10250-tcp openlm/node (internal): Kubelet metrics"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["10250"]
  }
  source_tags = ["g-openlm-cl-ster-var-if-x-b-b-fd38bd9e"]
  target_tags = ["h-infra-comment-x-j-accept-drop-table-inet-portolan-dbe79018"]
}

# group openlm@cl?ster _{var} %{if x} <b>|</b> -> host infra --comment _x_ -j ACCEPT; drop table inet portolan: openlm/node (internal): Kubelet metrics
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0027_out4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0027-out4"
  network     = var.network
  description = "openlm/node-10250-tcp openlm/node (internal): Kubelet metrics"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["10250"]
  }
  destination_ranges = ["10.0.0.20/32"]
  target_tags = ["g-openlm-cl-ster-var-if-x-b-b-fd38bd9e"]
}

# group openlm@cl?ster _{var} %{if x} <b>|</b> -> host infra --comment _x_ -j ACCEPT; drop table inet portolan: openlm/node (internal): Flannel VXLAN overlay
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0028_in4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0028-in4"
  network     = var.network
  description = "openlm/node-8472-udp openlm/node (internal): Flannel VXLAN overlay"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["8472"]
  }
  source_tags = ["g-openlm-cl-ster-var-if-x-b-b-fd38bd9e"]
  target_tags = ["h-infra-comment-x-j-accept-drop-table-inet-portolan-dbe79018"]
}

# group openlm@cl?ster _{var} %{if x} <b>|</b> -> host infra --comment _x_ -j ACCEPT; drop table inet portolan: openlm/node (internal): Flannel VXLAN overlay
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0028_out4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0028-out4"
  network     = var.network
  description = "openlm/node-8472-udp openlm/node (internal): Flannel VXLAN overlay"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["8472"]
  }
  destination_ranges = ["10.0.0.20/32"]
  target_tags = ["g-openlm-cl-ster-var-if-x-b-b-fd38bd9e"]
}

# group openlm@cl?ster _{var} %{if x} <b>|</b> -> host infra --comment _x_ -j ACCEPT; drop table inet portolan: openlm/node (internal): Flannel WireGuard backend (if enabled)
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0029_in4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0029-in4"
  network     = var.network
  description = "openlm/node-51820-udp openlm/node (internal): Flannel WireGuard backend (if enabled)"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["51820"]
  }
  source_tags = ["g-openlm-cl-ster-var-if-x-b-b-fd38bd9e"]
  target_tags = ["h-infra-comment-x-j-accept-drop-table-inet-portolan-dbe79018"]
}

# group openlm@cl?ster _{var} %{if x} <b>|</b> -> host infra --comment _x_ -j ACCEPT; drop table inet portolan: openlm/node (internal): Flannel WireGuard backend (if enabled)
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0029_out4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0029-out4"
  network     = var.network
  description = "openlm/node-51820-udp openlm/node (internal): Flannel WireGuard backend (if enabled)"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["51820"]
  }
  destination_ranges = ["10.0.0.20/32"]
  target_tags = ["g-openlm-cl-ster-var-if-x-b-b-fd38bd9e"]
}

resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_deny_in" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-deny-in"
  network     = var.network
  description = "portolan: default deny"
  direction   = "INGRESS"
  priority    = 65000
  deny {
    protocol = "all"
  }
  source_ranges = ["0.0.0.0/0", "::/0"]
}

resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_deny_out" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-deny-out"
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
    "lb1\"; flush ruleset #" = ["h-lb1-flush-ruleset-6daae0fc", "z-internet-accept-5326bdbc", "g-hosts-all-44b77471", "g-openlm"]
    "cp1`id`;\u2028-A INPUT -j ACCEPT" = ["h-cp1-id-a-input-j-accept-b45c7acc", "z-cl-ster-var-if-x-b-b-1b4516d9", "g-hosts-all-44b77471", "g-openlm", "g-openlm-node-4ade990b", "g-openlm-cl-ster-var-if-x-b-b-fd38bd9e"]
    "=cmd|' /C calc'!A0 \u26a0\ufe0f \u30ce\u30fc\u30c9" = ["h-cmd-c-calc-a0-67eef17a", "z-cl-ster-var-if-x-b-b-1b4516d9", "g-hosts-all-44b77471", "g-openlm", "g-openlm-node-4ade990b", "g-openlm-cl-ster-var-if-x-b-b-fd38bd9e"]
    "infra --comment \"x\" -j ACCEPT; drop table inet portolan" = ["h-infra-comment-x-j-accept-drop-table-inet-portolan-dbe79018", "z-cl-ster-var-if-x-b-b-1b4516d9", "g-hosts-all-44b77471", "g-openlm", "g-openlm-node-4ade990b", "g-openlm-cl-ster-var-if-x-b-b-fd38bd9e"]
  }
}
