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

# group openlm/node -> zone internet_; accept #: openlm/node (outbound): OpenLM container image registry
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0002_out6" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0002-out6"
  network     = var.network
  description = "openlm/r-73 openlm/node (outbound): OpenLM container image registry"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  destination_ranges = ["::/0"]
  target_tags = ["g-openlm-node-4ade990b"]
}

# zone corp__(touch /tmp/pwned)_ COMMIT -> group hosts:all: management access, topology line 32
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0003_in4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0003-in4"
  network     = var.network
  description = "topology:management management access, topology line 32"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["10.20.0.0/16"]
  target_tags = ["g-hosts-all-44b77471"]
}

# zone corp__(touch /tmp/pwned)_ COMMIT -> group hosts:all: management access, topology line 32
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0003_in6" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0003-in6"
  network     = var.network
  description = "topology:management management access, topology line 32"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["fd20::/48"]
  target_tags = ["g-hosts-all-44b77471"]
}

# zone cl?ster _{var} %{if x} <b>|</b> -> host cp1_id_; -A INPUT -j ACCEPT: openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0004_in4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0004-in4"
  network     = var.network
  description = "openlm/r-42 openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["80"]
  }
  source_ranges = ["10.0.0.0/22"]
  target_tags = ["h-cp1-id-a-input-j-accept-b45c7acc"]
}

# zone cl?ster _{var} %{if x} <b>|</b> -> host cp1_id_; -A INPUT -j ACCEPT: openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0004_out4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0004-out4"
  network     = var.network
  description = "openlm/r-42 openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS."
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["80"]
  }
  destination_ranges = ["10.0.0.10/32"]
  target_tags = ["z-cl-ster-var-if-x-b-b-1b4516d9"]
}

# zone cl?ster _{var} %{if x} <b>|</b> -> host cp1_id_; -A INPUT -j ACCEPT: openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0004_in6" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0004-in6"
  network     = var.network
  description = "openlm/r-42 openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["80"]
  }
  source_ranges = ["fd00::/64"]
  target_tags = ["h-cp1-id-a-input-j-accept-b45c7acc"]
}

# zone cl?ster _{var} %{if x} <b>|</b> -> host cp1_id_; -A INPUT -j ACCEPT: openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0004_out6" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0004-out6"
  network     = var.network
  description = "openlm/r-42 openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS."
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["80"]
  }
  destination_ranges = ["fd00::10/128"]
  target_tags = ["z-cl-ster-var-if-x-b-b-1b4516d9"]
}

# zone corp__(touch /tmp/pwned)_ COMMIT -> host cp1_id_; -A INPUT -j ACCEPT: openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0005_in4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0005-in4"
  network     = var.network
  description = "openlm/r-42 openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["80"]
  }
  source_ranges = ["10.20.0.0/16"]
  target_tags = ["h-cp1-id-a-input-j-accept-b45c7acc"]
}

# zone corp__(touch /tmp/pwned)_ COMMIT -> host cp1_id_; -A INPUT -j ACCEPT: openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0005_in6" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0005-in6"
  network     = var.network
  description = "openlm/r-42 openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["80"]
  }
  source_ranges = ["fd20::/48"]
  target_tags = ["h-cp1-id-a-input-j-accept-b45c7acc"]
}

# zone corp__(touch /tmp/pwned)_ COMMIT -> host cp1_id_; -A INPUT -j ACCEPT: openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0006_in4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0006-in4"
  network     = var.network
  description = "openlm/r-38 openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_ranges = ["10.20.0.0/16"]
  target_tags = ["h-cp1-id-a-input-j-accept-b45c7acc"]
}

# zone corp__(touch /tmp/pwned)_ COMMIT -> host cp1_id_; -A INPUT -j ACCEPT: openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0006_in6" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0006-in6"
  network     = var.network
  description = "openlm/r-38 openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443."
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
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0007_in4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0007-in4"
  network     = var.network
  description = "openlm/r-38 openlm/r-57 openlm/r-58 openlm/r-59 openlm/r-60 openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/ingress (inbound): Sends directory scan and sync events; runs on a machine that can read the directory.; openlm/ingress (inbound): Users working with administration, dashboards and reports."
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
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0007_out4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0007-out4"
  network     = var.network
  description = "openlm/r-38 openlm/r-57 openlm/r-58 openlm/r-59 openlm/r-60 openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/ingress (inbound): Sends directory scan and sync events; runs on a machine that can read the directory.; openlm/ingress (inbound): Users working with administration, dashboards and reports."
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
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0007_in6" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0007-in6"
  network     = var.network
  description = "openlm/r-38 openlm/r-57 openlm/r-58 openlm/r-59 openlm/r-60 openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/ingress (inbound): Sends directory scan and sync events; runs on a machine that can read the directory.; openlm/ingress (inbound): Users working with administration, dashboards and reports."
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
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0007_out6" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0007-out6"
  network     = var.network
  description = "openlm/r-38 openlm/r-57 openlm/r-58 openlm/r-59 openlm/r-60 openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/ingress (inbound): Sends directory scan and sync events; runs on a machine that can read the directory.; openlm/ingress (inbound): Users working with administration, dashboards and reports."
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  destination_ranges = ["fd00::10/128"]
  target_tags = ["z-internet-accept-5326bdbc"]
}

# host lb1_; flush ruleset # -> host cp1_id_; -A INPUT -j ACCEPT: openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0008_in4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0008-in4"
  network     = var.network
  description = "openlm/r-42 openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS."
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["80"]
  }
  source_tags = ["h-lb1-flush-ruleset-6daae0fc"]
  target_tags = ["h-cp1-id-a-input-j-accept-b45c7acc"]
}

# host lb1_; flush ruleset # -> host cp1_id_; -A INPUT -j ACCEPT: openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0008_out4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0008-out4"
  network     = var.network
  description = "openlm/r-42 openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS."
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["80"]
  }
  destination_ranges = ["10.0.0.10/32"]
  target_tags = ["h-lb1-flush-ruleset-6daae0fc"]
}

# group hosts:all -> host infra --comment _x_ -j ACCEPT; drop table inet portolan: egress, topology line 33
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0009_in4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0009-in4"
  network     = var.network
  description = "topology:egress egress, topology line 33"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["53"]
  }
  source_tags = ["g-hosts-all-44b77471"]
  target_tags = ["h-infra-comment-x-j-accept-drop-table-inet-portolan-dbe79018"]
}

# group hosts:all -> host infra --comment _x_ -j ACCEPT; drop table inet portolan: egress, topology line 33
resource "google_compute_firewall" "ptl_hostile_flush_ruleset_b3c45d22_f0009_out4" {
  name        = "ptl-hostile-flush-ruleset-b3c45d22-f0009-out4"
  network     = var.network
  description = "topology:egress egress, topology line 33"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "udp"
    ports    = ["53"]
  }
  destination_ranges = ["10.0.0.20/32"]
  target_tags = ["g-hosts-all-44b77471"]
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
    "lb1\"; flush ruleset #" = ["h-lb1-flush-ruleset-6daae0fc", "z-internet-accept-5326bdbc", "g-hosts-all-44b77471"]
    "cp1`id`;\u2028-A INPUT -j ACCEPT" = ["h-cp1-id-a-input-j-accept-b45c7acc", "z-cl-ster-var-if-x-b-b-1b4516d9", "g-hosts-all-44b77471", "g-openlm-node-4ade990b"]
    "=cmd|' /C calc'!A0 \u26a0\ufe0f \u30ce\u30fc\u30c9" = ["h-cmd-c-calc-a0-67eef17a", "z-cl-ster-var-if-x-b-b-1b4516d9", "g-hosts-all-44b77471", "g-openlm-node-4ade990b"]
    "infra --comment \"x\" -j ACCEPT; drop table inet portolan" = ["h-infra-comment-x-j-accept-drop-table-inet-portolan-dbe79018", "z-cl-ster-var-if-x-b-b-1b4516d9", "g-hosts-all-44b77471", "g-openlm-node-4ade990b"]
  }
}
