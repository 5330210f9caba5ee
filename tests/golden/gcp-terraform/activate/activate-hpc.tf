# Portolan: GCP firewall rules for topology activate-hpc
# Applying this denies every flow, in and out, that no rule below allows.
# Stays open for management: 22/tcp from zone corp to group hosts:all.
# Stays open outbound (DNS, NTP, topology egress): 53/tcp to any, 53/udp to any, 123/udp to any.
# Tag each instance as listed in the portolan_instance_tags output.

variable "network" {
  type        = string
  description = "VPC network (name or self link)"
}

# group hosts:all -> any: DNS to any address (the topology names no DNS egress)
resource "google_compute_firewall" "ptl_activate_hpc_f0001_out4" {
  name        = "ptl-activate-hpc-f0001-out4"
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
resource "google_compute_firewall" "ptl_activate_hpc_f0002_out4" {
  name        = "ptl-activate-hpc-f0002-out4"
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
resource "google_compute_firewall" "ptl_activate_hpc_f0003_out4" {
  name        = "ptl-activate-hpc-f0003-out4"
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

# host cp -> zone filer: activate/control-plane (outbound): Shared filesystem
resource "google_compute_firewall" "ptl_activate_hpc_f0004_out4" {
  name        = "ptl-activate-hpc-f0004-out4"
  network     = var.network
  description = "activate/control-plane-2049-tcp-shared-filesystem activate/control-plane (outbound): Shared filesystem"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["2049"]
  }
  destination_ranges = ["10.80.0.5/32"]
  target_tags = ["h-cp"]
}

# host cp -> zone mail-relay: activate/control-plane (outbound): Sending email
resource "google_compute_firewall" "ptl_activate_hpc_f0005_out4" {
  name        = "ptl-activate-hpc-f0005-out4"
  network     = var.network
  description = "activate/control-plane-587-tcp-sending-email activate/control-plane (outbound): Sending email"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["587"]
  }
  destination_ranges = ["192.0.2.25/32"]
  target_tags = ["h-cp"]
}

# zone corp -> group hosts:all: management access, topology line 10
resource "google_compute_firewall" "ptl_activate_hpc_f0006_in4" {
  name        = "ptl-activate-hpc-f0006-in4"
  network     = var.network
  description = "topology:management management access, topology line 10"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_ranges = ["10.50.0.0/16"]
  target_tags = ["g-hosts-all-44b77471"]
}

# group activate@platform -> host apps: activate/cloud-cacher (internal): Caches cloud resource data; activate/cloud-cacher (internal): Cloud cacher
resource "google_compute_firewall" "ptl_activate_hpc_f0007_in4" {
  name        = "ptl-activate-hpc-f0007-in4"
  network     = var.network
  description = "activate/cloud-cacher-3000-tcp-caches-cloud-resource activate/cloud-cacher-3000-tcp-cloud-cacher activate/cloud-cacher (internal): Caches cloud resource data; activate/cloud-cacher (internal): Cloud cacher"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["3000"]
  }
  source_tags = ["g-activate-platform-098d7a3b"]
  target_tags = ["h-apps"]
}

# group activate@platform -> host apps: activate/cloud-cacher (internal): Caches cloud resource data; activate/cloud-cacher (internal): Cloud cacher
resource "google_compute_firewall" "ptl_activate_hpc_f0007_out4" {
  name        = "ptl-activate-hpc-f0007-out4"
  network     = var.network
  description = "activate/cloud-cacher-3000-tcp-caches-cloud-resource activate/cloud-cacher-3000-tcp-cloud-cacher activate/cloud-cacher (internal): Caches cloud resource data; activate/cloud-cacher (internal): Cloud cacher"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["3000"]
  }
  destination_ranges = ["10.60.0.30/32"]
  target_tags = ["g-activate-platform-098d7a3b"]
}

# group activate@platform -> host apps: activate/legacy-api (internal): REST API (Node.js), to be removed in v8; activate/legacy-api (internal): Legacy API (to be removed in v8)
resource "google_compute_firewall" "ptl_activate_hpc_f0008_in4" {
  name        = "ptl-activate-hpc-f0008-in4"
  network     = var.network
  description = "activate/legacy-api-4006-tcp-legacy-api-to activate/legacy-api-4006-tcp-rest-api-node activate/legacy-api (internal): REST API (Node.js), to be removed in v8; activate/legacy-api (internal): Legacy API (to be removed in v8)"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["4006"]
  }
  source_tags = ["g-activate-platform-098d7a3b"]
  target_tags = ["h-apps"]
}

# group activate@platform -> host apps: activate/legacy-api (internal): REST API (Node.js), to be removed in v8; activate/legacy-api (internal): Legacy API (to be removed in v8)
resource "google_compute_firewall" "ptl_activate_hpc_f0008_out4" {
  name        = "ptl-activate-hpc-f0008-out4"
  network     = var.network
  description = "activate/legacy-api-4006-tcp-legacy-api-to activate/legacy-api-4006-tcp-rest-api-node activate/legacy-api (internal): REST API (Node.js), to be removed in v8; activate/legacy-api (internal): Legacy API (to be removed in v8)"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["4006"]
  }
  destination_ranges = ["10.60.0.30/32"]
  target_tags = ["g-activate-platform-098d7a3b"]
}

# group activate@platform -> host apps: activate/internal-api (internal): Workspace scaling and cost routes (admin use, internal only); activate/internal-api (internal): Internal API
resource "google_compute_firewall" "ptl_activate_hpc_f0009_in4" {
  name        = "ptl-activate-hpc-f0009-in4"
  network     = var.network
  description = "activate/internal-api-8888-tcp-internal-api activate/internal-api-8888-tcp-workspace-scaling-and activate/internal-api (internal): Workspace scaling and cost routes (admin use, internal only); activate/internal-api (internal): Internal API"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["8888"]
  }
  source_tags = ["g-activate-platform-098d7a3b"]
  target_tags = ["h-apps"]
}

# group activate@platform -> host apps: activate/internal-api (internal): Workspace scaling and cost routes (admin use, internal only); activate/internal-api (internal): Internal API
resource "google_compute_firewall" "ptl_activate_hpc_f0009_out4" {
  name        = "ptl-activate-hpc-f0009-out4"
  network     = var.network
  description = "activate/internal-api-8888-tcp-internal-api activate/internal-api-8888-tcp-workspace-scaling-and activate/internal-api (internal): Workspace scaling and cost routes (admin use, internal only); activate/internal-api (internal): Internal API"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["8888"]
  }
  destination_ranges = ["10.60.0.30/32"]
  target_tags = ["g-activate-platform-098d7a3b"]
}

# host cp -> host apps: activate/user-workspace (inbound): SSH into the workspace
resource "google_compute_firewall" "ptl_activate_hpc_f0010_in4" {
  name        = "ptl-activate-hpc-f0010-in4"
  network     = var.network
  description = "activate/user-workspace-22-tcp activate/user-workspace (inbound): SSH into the workspace"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  source_tags = ["h-cp"]
  target_tags = ["h-apps"]
}

# host cp -> host apps: activate/user-workspace (inbound): SSH into the workspace
resource "google_compute_firewall" "ptl_activate_hpc_f0010_out4" {
  name        = "ptl-activate-hpc-f0010-out4"
  network     = var.network
  description = "activate/user-workspace-22-tcp activate/user-workspace (inbound): SSH into the workspace"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["22"]
  }
  destination_ranges = ["10.60.0.30/32"]
  target_tags = ["h-cp"]
}

# host cp -> host apps: activate/user-workspace (inbound): Services started by the user and their application traffic; activate/user-workspace (inbound): IDE (code editor); activate/user-workspace (inbound): Workspace API; activate/user-workspace (inbound): Workspace API, also used by connected clusters
resource "google_compute_firewall" "ptl_activate_hpc_f0011_in4" {
  name        = "ptl-activate-hpc-f0011-in4"
  network     = var.network
  description = "activate/user-workspace-1024-65535-tcp activate/user-workspace-3000-tcp activate/user-workspace-3001-tcp activate/user-workspace-3003-tcp activate/user-workspace-3004-tcp activate/user-workspace (inbound): Services started by the user and their application traffic; activate/user-workspace (inbound): IDE (code editor); activate/user-workspace (inbound): Workspace API; activate/user-workspace (inbound): Workspace API, also used by connected clusters"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["1024-65535"]
  }
  source_tags = ["h-cp"]
  target_tags = ["h-apps"]
}

# host cp -> host apps: activate/user-workspace (inbound): Services started by the user and their application traffic; activate/user-workspace (inbound): IDE (code editor); activate/user-workspace (inbound): Workspace API; activate/user-workspace (inbound): Workspace API, also used by connected clusters
resource "google_compute_firewall" "ptl_activate_hpc_f0011_out4" {
  name        = "ptl-activate-hpc-f0011-out4"
  network     = var.network
  description = "activate/user-workspace-1024-65535-tcp activate/user-workspace-3000-tcp activate/user-workspace-3001-tcp activate/user-workspace-3003-tcp activate/user-workspace-3004-tcp activate/user-workspace (inbound): Services started by the user and their application traffic; activate/user-workspace (inbound): IDE (code editor); activate/user-workspace (inbound): Workspace API; activate/user-workspace (inbound): Workspace API, also used by connected clusters"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["1024-65535"]
  }
  destination_ranges = ["10.60.0.30/32"]
  target_tags = ["h-cp"]
}

# zone internet -> host cp: activate/control-plane (inbound): Redirects HTTP to HTTPS
resource "google_compute_firewall" "ptl_activate_hpc_f0012_in4" {
  name        = "ptl-activate-hpc-f0012-in4"
  network     = var.network
  description = "activate/control-plane-80-tcp-redirects-http-to activate/control-plane (inbound): Redirects HTTP to HTTPS"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["80"]
  }
  source_ranges = ["0.0.0.0/0"]
  target_tags = ["h-cp"]
}

# zone internet -> host cp: activate/control-plane (inbound): Web UI, REST API and agent WebSocket tunnels; activate/control-plane (inbound): HTTPS on port 443 is the main entry point, exposed externally for all inbound platform traffic.; activate/control-plane (inbound): All platform traffic: UI, API and agent tunnels; activate/control-plane (inbound): UI, API and agent tunnels
resource "google_compute_firewall" "ptl_activate_hpc_f0013_in4" {
  name        = "ptl-activate-hpc-f0013-in4"
  network     = var.network
  description = "activate/control-plane-443-tcp-all-platform-traffic activate/control-plane-443-tcp-https-on-port activate/control-plane-443-tcp-ui-api-and activate/control-plane-443-tcp-web-ui-rest activate/control-plane (inbound): Web UI, REST API and agent WebSocket tunnels; activate/control-plane (inbound): HTTPS on port 443 is the main entry point, exposed externally for all inbound platform traffic.; activate/control-plane (inbound): All platform traffic: UI, API and agent tunnels; activate/control-plane (inbound): UI, API and agent tunnels"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_ranges = ["0.0.0.0/0"]
  target_tags = ["h-cp"]
}

# group activate@platform -> host cp: activate/control-plane (inbound): Redirects HTTP to HTTPS
resource "google_compute_firewall" "ptl_activate_hpc_f0014_in4" {
  name        = "ptl-activate-hpc-f0014-in4"
  network     = var.network
  description = "activate/control-plane-80-tcp-redirects-http-to activate/control-plane (inbound): Redirects HTTP to HTTPS"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["80"]
  }
  source_tags = ["g-activate-platform-098d7a3b"]
  target_tags = ["h-cp"]
}

# group activate@platform -> host cp: activate/control-plane (inbound): Redirects HTTP to HTTPS
resource "google_compute_firewall" "ptl_activate_hpc_f0014_out4" {
  name        = "ptl-activate-hpc-f0014-out4"
  network     = var.network
  description = "activate/control-plane-80-tcp-redirects-http-to activate/control-plane (inbound): Redirects HTTP to HTTPS"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["80"]
  }
  destination_ranges = ["10.60.0.10/32"]
  target_tags = ["g-activate-platform-098d7a3b"]
}

# group activate@platform -> host cp: activate/control-plane (inbound): Web UI, REST API and agent WebSocket tunnels; activate/control-plane (inbound): HTTPS on port 443 is the main entry point, exposed externally for all inbound platform traffic.; activate/control-plane (inbound): All platform traffic: UI, API and agent tunnels; activate/control-plane (inbound): UI, API and agent tunnels
resource "google_compute_firewall" "ptl_activate_hpc_f0015_in4" {
  name        = "ptl-activate-hpc-f0015-in4"
  network     = var.network
  description = "activate/control-plane-443-tcp-all-platform-traffic activate/control-plane-443-tcp-https-on-port activate/control-plane-443-tcp-ui-api-and activate/control-plane-443-tcp-web-ui-rest activate/control-plane (inbound): Web UI, REST API and agent WebSocket tunnels; activate/control-plane (inbound): HTTPS on port 443 is the main entry point, exposed externally for all inbound platform traffic.; activate/control-plane (inbound): All platform traffic: UI, API and agent tunnels; activate/control-plane (inbound): UI, API and agent tunnels"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_tags = ["g-activate-platform-098d7a3b"]
  target_tags = ["h-cp"]
}

# group activate@platform -> host cp: activate/control-plane (inbound): Web UI, REST API and agent WebSocket tunnels; activate/control-plane (inbound): HTTPS on port 443 is the main entry point, exposed externally for all inbound platform traffic.; activate/control-plane (inbound): All platform traffic: UI, API and agent tunnels; activate/control-plane (inbound): UI, API and agent tunnels
resource "google_compute_firewall" "ptl_activate_hpc_f0015_out4" {
  name        = "ptl-activate-hpc-f0015-out4"
  network     = var.network
  description = "activate/control-plane-443-tcp-all-platform-traffic activate/control-plane-443-tcp-https-on-port activate/control-plane-443-tcp-ui-api-and activate/control-plane-443-tcp-web-ui-rest activate/control-plane (inbound): Web UI, REST API and agent WebSocket tunnels; activate/control-plane (inbound): HTTPS on port 443 is the main entry point, exposed externally for all inbound platform traffic.; activate/control-plane (inbound): All platform traffic: UI, API and agent tunnels; activate/control-plane (inbound): UI, API and agent tunnels"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  destination_ranges = ["10.60.0.10/32"]
  target_tags = ["g-activate-platform-098d7a3b"]
}

# host login -> host cp: activate/compute-cluster (outbound): Agent tunnel, API calls and heartbeats; activate/compute-cluster-agent (outbound): The agent on the compute cluster opens an outbound WebSocket connection to wss://<platform-host>/ws/ssh/tunnel on port 443.; activate/compute-cluster-agent (outbound): Agents only open outbound connections to port 443 on the control plane.; activate/compute
resource "google_compute_firewall" "ptl_activate_hpc_f0016_in4" {
  name        = "ptl-activate-hpc-f0016-in4"
  network     = var.network
  description = "activate/compute-cluster-443-tcp activate/compute-cluster-443-tcp-2 activate/compute-cluster-443-tcp-3 activate/compute-cluster-agent-443-tcp-agent activate/compute-cluster-agent-443-tcp-control-plane-agents-only-open activate/compute-cluster-agent-443-tcp-control-plane-the-agent-on activate/compute-cluster (outbound): Agent tunnel, API calls and heartbeats; activate/compute-cluster-agent (outbound): The agent on the compute cluster opens an outbound WebSocket connection to wss://<platform-host>/ws/ssh/tunnel on port 443.; activate/compute-cluster-agent (outbound): Agents only open outbound connections to port 443 on the control plane.; activate/compute-cluster-agent (outbound): Agent tunnel and heartbeats"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  source_tags = ["h-login"]
  target_tags = ["h-cp"]
}

# host login -> host cp: activate/compute-cluster (outbound): Agent tunnel, API calls and heartbeats; activate/compute-cluster-agent (outbound): The agent on the compute cluster opens an outbound WebSocket connection to wss://<platform-host>/ws/ssh/tunnel on port 443.; activate/compute-cluster-agent (outbound): Agents only open outbound connections to port 443 on the control plane.; activate/compute
resource "google_compute_firewall" "ptl_activate_hpc_f0016_out4" {
  name        = "ptl-activate-hpc-f0016-out4"
  network     = var.network
  description = "activate/compute-cluster-443-tcp activate/compute-cluster-443-tcp-2 activate/compute-cluster-443-tcp-3 activate/compute-cluster-agent-443-tcp-agent activate/compute-cluster-agent-443-tcp-control-plane-agents-only-open activate/compute-cluster-agent-443-tcp-control-plane-the-agent-on activate/compute-cluster (outbound): Agent tunnel, API calls and heartbeats; activate/compute-cluster-agent (outbound): The agent on the compute cluster opens an outbound WebSocket connection to wss://<platform-host>/ws/ssh/tunnel on port 443.; activate/compute-cluster-agent (outbound): Agents only open outbound connections to port 443 on the control plane.; activate/compute-cluster-agent (outbound): Agent tunnel and heartbeats"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
  destination_ranges = ["10.60.0.10/32"]
  target_tags = ["h-login"]
}

# group activate@platform -> host data: activate/postgresql (internal): Usage metrics, billing and activity tracking; activate/postgresql (internal): PostgreSQL
resource "google_compute_firewall" "ptl_activate_hpc_f0017_in4" {
  name        = "ptl-activate-hpc-f0017-in4"
  network     = var.network
  description = "activate/postgresql-5432-tcp-postgresql activate/postgresql-5432-tcp-usage-metrics-billing activate/postgresql (internal): Usage metrics, billing and activity tracking; activate/postgresql (internal): PostgreSQL"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["5432"]
  }
  source_tags = ["g-activate-platform-098d7a3b"]
  target_tags = ["h-data"]
}

# group activate@platform -> host data: activate/postgresql (internal): Usage metrics, billing and activity tracking; activate/postgresql (internal): PostgreSQL
resource "google_compute_firewall" "ptl_activate_hpc_f0017_out4" {
  name        = "ptl-activate-hpc-f0017-out4"
  network     = var.network
  description = "activate/postgresql-5432-tcp-postgresql activate/postgresql-5432-tcp-usage-metrics-billing activate/postgresql (internal): Usage metrics, billing and activity tracking; activate/postgresql (internal): PostgreSQL"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["5432"]
  }
  destination_ranges = ["10.60.0.20/32"]
  target_tags = ["g-activate-platform-098d7a3b"]
}

# group activate@platform -> host data: activate/rabbitmq (internal): Messaging between services for job orchestration and cluster operations; activate/rabbitmq (internal): RabbitMQ
resource "google_compute_firewall" "ptl_activate_hpc_f0018_in4" {
  name        = "ptl-activate-hpc-f0018-in4"
  network     = var.network
  description = "activate/rabbitmq-5672-tcp-messaging-between activate/rabbitmq-5672-tcp-rabbitmq activate/rabbitmq (internal): Messaging between services for job orchestration and cluster operations; activate/rabbitmq (internal): RabbitMQ"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["5672"]
  }
  source_tags = ["g-activate-platform-098d7a3b"]
  target_tags = ["h-data"]
}

# group activate@platform -> host data: activate/rabbitmq (internal): Messaging between services for job orchestration and cluster operations; activate/rabbitmq (internal): RabbitMQ
resource "google_compute_firewall" "ptl_activate_hpc_f0018_out4" {
  name        = "ptl-activate-hpc-f0018-out4"
  network     = var.network
  description = "activate/rabbitmq-5672-tcp-messaging-between activate/rabbitmq-5672-tcp-rabbitmq activate/rabbitmq (internal): Messaging between services for job orchestration and cluster operations; activate/rabbitmq (internal): RabbitMQ"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["5672"]
  }
  destination_ranges = ["10.60.0.20/32"]
  target_tags = ["g-activate-platform-098d7a3b"]
}

# group activate@platform -> host data: activate/vault (internal): Holds credentials; has to be initialized and unsealed.; activate/vault (internal): HashiCorp Vault
resource "google_compute_firewall" "ptl_activate_hpc_f0019_in4" {
  name        = "ptl-activate-hpc-f0019-in4"
  network     = var.network
  description = "activate/vault-8200-tcp-hashicorp-vault activate/vault-8200-tcp-holds-credentials-has activate/vault (internal): Holds credentials; has to be initialized and unsealed.; activate/vault (internal): HashiCorp Vault"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["8200"]
  }
  source_tags = ["g-activate-platform-098d7a3b"]
  target_tags = ["h-data"]
}

# group activate@platform -> host data: activate/vault (internal): Holds credentials; has to be initialized and unsealed.; activate/vault (internal): HashiCorp Vault
resource "google_compute_firewall" "ptl_activate_hpc_f0019_out4" {
  name        = "ptl-activate-hpc-f0019-out4"
  network     = var.network
  description = "activate/vault-8200-tcp-hashicorp-vault activate/vault-8200-tcp-holds-credentials-has activate/vault (internal): Holds credentials; has to be initialized and unsealed.; activate/vault (internal): HashiCorp Vault"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["8200"]
  }
  destination_ranges = ["10.60.0.20/32"]
  target_tags = ["g-activate-platform-098d7a3b"]
}

# group activate@platform -> host data: activate/mongodb (internal): User accounts, platform configuration and metadata; activate/mongodb (internal): MongoDB
resource "google_compute_firewall" "ptl_activate_hpc_f0020_in4" {
  name        = "ptl-activate-hpc-f0020-in4"
  network     = var.network
  description = "activate/mongodb-27017-tcp-mongodb activate/mongodb-27017-tcp-user-accounts-platform activate/mongodb (internal): User accounts, platform configuration and metadata; activate/mongodb (internal): MongoDB"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["27017"]
  }
  source_tags = ["g-activate-platform-098d7a3b"]
  target_tags = ["h-data"]
}

# group activate@platform -> host data: activate/mongodb (internal): User accounts, platform configuration and metadata; activate/mongodb (internal): MongoDB
resource "google_compute_firewall" "ptl_activate_hpc_f0020_out4" {
  name        = "ptl-activate-hpc-f0020-out4"
  network     = var.network
  description = "activate/mongodb-27017-tcp-mongodb activate/mongodb-27017-tcp-user-accounts-platform activate/mongodb (internal): User accounts, platform configuration and metadata; activate/mongodb (internal): MongoDB"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["27017"]
  }
  destination_ranges = ["10.60.0.20/32"]
  target_tags = ["g-activate-platform-098d7a3b"]
}

# group activate@hpc -> host slurmctl: activate/slurm-scheduler (internal): MySQL for the Slurm accounting database; activate/slurm-scheduler (internal): MySQL for Slurm accounting
resource "google_compute_firewall" "ptl_activate_hpc_f0021_in4" {
  name        = "ptl-activate-hpc-f0021-in4"
  network     = var.network
  description = "activate/slurm-scheduler-3306-tcp-mysql-for-slurm activate/slurm-scheduler-3306-tcp-mysql-for-the activate/slurm-scheduler (internal): MySQL for the Slurm accounting database; activate/slurm-scheduler (internal): MySQL for Slurm accounting"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["3306"]
  }
  source_tags = ["g-activate-hpc-58757b31"]
  target_tags = ["h-slurmctl"]
}

# group activate@hpc -> host slurmctl: activate/slurm-scheduler (internal): MySQL for the Slurm accounting database; activate/slurm-scheduler (internal): MySQL for Slurm accounting
resource "google_compute_firewall" "ptl_activate_hpc_f0021_out4" {
  name        = "ptl-activate-hpc-f0021-out4"
  network     = var.network
  description = "activate/slurm-scheduler-3306-tcp-mysql-for-slurm activate/slurm-scheduler-3306-tcp-mysql-for-the activate/slurm-scheduler (internal): MySQL for the Slurm accounting database; activate/slurm-scheduler (internal): MySQL for Slurm accounting"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["3306"]
  }
  destination_ranges = ["10.70.0.6/32"]
  target_tags = ["g-activate-hpc-58757b31"]
}

# group activate@hpc -> host slurmctl: activate/slurm-scheduler (internal): slurmctld, the Slurm controller daemon; activate/slurm-scheduler (internal): slurmctld (Slurm clusters)
resource "google_compute_firewall" "ptl_activate_hpc_f0022_in4" {
  name        = "ptl-activate-hpc-f0022-in4"
  network     = var.network
  description = "activate/slurm-scheduler-6817-tcp-slurmctld-slurm-clusters activate/slurm-scheduler-6817-tcp-slurmctld-the-slurm activate/slurm-scheduler (internal): slurmctld, the Slurm controller daemon; activate/slurm-scheduler (internal): slurmctld (Slurm clusters)"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["6817"]
  }
  source_tags = ["g-activate-hpc-58757b31"]
  target_tags = ["h-slurmctl"]
}

# group activate@hpc -> host slurmctl: activate/slurm-scheduler (internal): slurmctld, the Slurm controller daemon; activate/slurm-scheduler (internal): slurmctld (Slurm clusters)
resource "google_compute_firewall" "ptl_activate_hpc_f0022_out4" {
  name        = "ptl-activate-hpc-f0022-out4"
  network     = var.network
  description = "activate/slurm-scheduler-6817-tcp-slurmctld-slurm-clusters activate/slurm-scheduler-6817-tcp-slurmctld-the-slurm activate/slurm-scheduler (internal): slurmctld, the Slurm controller daemon; activate/slurm-scheduler (internal): slurmctld (Slurm clusters)"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["6817"]
  }
  destination_ranges = ["10.70.0.6/32"]
  target_tags = ["g-activate-hpc-58757b31"]
}

# group activate@hpc -> host slurmctl: activate/slurm-scheduler (internal): slurmdbd, the Slurm database daemon; activate/slurm-scheduler (internal): slurmdbd (Slurm clusters)
resource "google_compute_firewall" "ptl_activate_hpc_f0023_in4" {
  name        = "ptl-activate-hpc-f0023-in4"
  network     = var.network
  description = "activate/slurm-scheduler-6819-tcp-slurmdbd-slurm-clusters activate/slurm-scheduler-6819-tcp-slurmdbd-the-slurm activate/slurm-scheduler (internal): slurmdbd, the Slurm database daemon; activate/slurm-scheduler (internal): slurmdbd (Slurm clusters)"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["6819"]
  }
  source_tags = ["g-activate-hpc-58757b31"]
  target_tags = ["h-slurmctl"]
}

# group activate@hpc -> host slurmctl: activate/slurm-scheduler (internal): slurmdbd, the Slurm database daemon; activate/slurm-scheduler (internal): slurmdbd (Slurm clusters)
resource "google_compute_firewall" "ptl_activate_hpc_f0023_out4" {
  name        = "ptl-activate-hpc-f0023-out4"
  network     = var.network
  description = "activate/slurm-scheduler-6819-tcp-slurmdbd-slurm-clusters activate/slurm-scheduler-6819-tcp-slurmdbd-the-slurm activate/slurm-scheduler (internal): slurmdbd, the Slurm database daemon; activate/slurm-scheduler (internal): slurmdbd (Slurm clusters)"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["6819"]
  }
  destination_ranges = ["10.70.0.6/32"]
  target_tags = ["g-activate-hpc-58757b31"]
}

# group activate@hpc -> host slurmctl: activate/slurm-scheduler (internal): srun communication for interactive job steps; activate/slurm-scheduler (internal): Slurm srun ports
resource "google_compute_firewall" "ptl_activate_hpc_f0024_in4" {
  name        = "ptl-activate-hpc-f0024-in4"
  network     = var.network
  description = "activate/slurm-scheduler-8192-60000-tcp-slurm-srun-ports activate/slurm-scheduler-8192-60000-tcp-srun-communication-for activate/slurm-scheduler (internal): srun communication for interactive job steps; activate/slurm-scheduler (internal): Slurm srun ports"
  direction   = "INGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["8192-60000"]
  }
  source_tags = ["g-activate-hpc-58757b31"]
  target_tags = ["h-slurmctl"]
}

# group activate@hpc -> host slurmctl: activate/slurm-scheduler (internal): srun communication for interactive job steps; activate/slurm-scheduler (internal): Slurm srun ports
resource "google_compute_firewall" "ptl_activate_hpc_f0024_out4" {
  name        = "ptl-activate-hpc-f0024-out4"
  network     = var.network
  description = "activate/slurm-scheduler-8192-60000-tcp-slurm-srun-ports activate/slurm-scheduler-8192-60000-tcp-srun-communication-for activate/slurm-scheduler (internal): srun communication for interactive job steps; activate/slurm-scheduler (internal): Slurm srun ports"
  direction   = "EGRESS"
  priority    = 1000
  allow {
    protocol = "tcp"
    ports    = ["8192-60000"]
  }
  destination_ranges = ["10.70.0.6/32"]
  target_tags = ["g-activate-hpc-58757b31"]
}

resource "google_compute_firewall" "ptl_activate_hpc_deny_in" {
  name        = "ptl-activate-hpc-deny-in"
  network     = var.network
  description = "portolan: default deny"
  direction   = "INGRESS"
  priority    = 65000
  deny {
    protocol = "all"
  }
  source_ranges = ["0.0.0.0/0", "::/0"]
}

resource "google_compute_firewall" "ptl_activate_hpc_deny_out" {
  name        = "ptl-activate-hpc-deny-out"
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
    "cp" = ["h-cp", "z-platform", "g-activate-platform-098d7a3b", "g-hosts-all-44b77471"]
    "data" = ["h-data", "z-platform", "g-activate-platform-098d7a3b", "g-hosts-all-44b77471"]
    "apps" = ["h-apps", "z-platform", "g-activate-platform-098d7a3b", "g-hosts-all-44b77471"]
    "login" = ["h-login", "z-hpc", "g-activate-hpc-58757b31", "g-hosts-all-44b77471"]
    "slurmctl" = ["h-slurmctl", "z-hpc", "g-activate-hpc-58757b31", "g-hosts-all-44b77471"]
  }
}
