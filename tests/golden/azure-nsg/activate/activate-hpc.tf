# Portolan: Azure NSGs for topology activate-hpc, one per zone (attach to the zone_s subnet)
# Applying this denies every flow, in and out, that no rule below allows.
# Stays open for management: 22/tcp from zone corp to group hosts:all.
# Stays open outbound (DNS, NTP, topology egress): 53/tcp to any, 53/udp to any, 123/udp to any.
# Plan groups are application security groups: associate each host's NIC with the groups the
# portolan_nic_application_security_groups output lists. Each rule's description names its
# requirement ids; deny-all at priority 4096 both ways.

variable "resource_group_name" {
  type = string
}

variable "location" {
  type = string
}

resource "azurerm_application_security_group" "group_activate_hpc_58757b31" {
  name                = "portolan-activate-hpc-58757b31"
  location            = var.location
  resource_group_name = var.resource_group_name
  tags = {
    "managed-by" = "portolan"
    "portolan-group" = "activate@hpc"
  }
}

resource "azurerm_application_security_group" "group_activate_platform_098d7a3b" {
  name                = "portolan-activate-platform-098d7a3b"
  location            = var.location
  resource_group_name = var.resource_group_name
  tags = {
    "managed-by" = "portolan"
    "portolan-group" = "activate@platform"
  }
}

resource "azurerm_application_security_group" "group_hosts_all_44b77471" {
  name                = "portolan-hosts-all-44b77471"
  location            = var.location
  resource_group_name = var.resource_group_name
  tags = {
    "managed-by" = "portolan"
    "portolan-group" = "hosts:all"
  }
}

resource "azurerm_network_security_group" "zone_internet" {
  name                = "portolan-internet"
  location            = var.location
  resource_group_name = var.resource_group_name

  security_rule {
    name                       = "portolan-deny-all-inbound"
    description                = "portolan: default deny"
    priority                   = 4096
    direction                  = "Inbound"
    access                     = "Deny"
    protocol                   = "*"
    source_port_range          = "*"
    destination_port_range     = "*"
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }

  # zone internet -> host cp: activate/control-plane (inbound): Redirects HTTP to HTTPS
  security_rule {
    name                       = "outbound-100-v4"
    description                = "activate/control-plane-80-tcp-redirects-http-to"
    priority                   = 100
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "80"
    source_address_prefixes = ["0.0.0.0/0"]
    destination_address_prefixes = ["10.60.0.10/32"]
  }

  # zone internet -> host cp: activate/control-plane (inbound): Web UI, REST API and agent WebSocket tunnels; activate/control-plane (inbound): HTTPS on port 443 is the main entry point, exposed externally for all inbound platform traffic.; activate/control-plane (inbound): All platform traffic: UI, API and agent tunnels; activate/control-plane (inbound): UI, API and agent tunnels
  security_rule {
    name                       = "outbound-101-v4"
    description                = "activate/control-plane-443-tcp-all-platform-traffic activate/control-plane-443-tcp-https-on-port activate/control-plane-443-tcp-ui-api-and a"
    priority                   = 101
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefixes = ["0.0.0.0/0"]
    destination_address_prefixes = ["10.60.0.10/32"]
  }

  security_rule {
    name                       = "portolan-deny-all-outbound"
    description                = "portolan: default deny"
    priority                   = 4096
    direction                  = "Outbound"
    access                     = "Deny"
    protocol                   = "*"
    source_port_range          = "*"
    destination_port_range     = "*"
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-zone" = "internet"
  }
}

resource "azurerm_network_security_group" "zone_corp" {
  name                = "portolan-corp"
  location            = var.location
  resource_group_name = var.resource_group_name

  security_rule {
    name                       = "portolan-deny-all-inbound"
    description                = "portolan: default deny"
    priority                   = 4096
    direction                  = "Inbound"
    access                     = "Deny"
    protocol                   = "*"
    source_port_range          = "*"
    destination_port_range     = "*"
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }

  # zone corp -> group hosts:all: management access, topology line 10
  security_rule {
    name                       = "outbound-100-v4"
    description                = "topology:management"
    priority                   = 100
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefixes = ["10.50.0.0/16"]
    destination_application_security_group_ids = [azurerm_application_security_group.group_hosts_all_44b77471.id]
  }

  security_rule {
    name                       = "portolan-deny-all-outbound"
    description                = "portolan: default deny"
    priority                   = 4096
    direction                  = "Outbound"
    access                     = "Deny"
    protocol                   = "*"
    source_port_range          = "*"
    destination_port_range     = "*"
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-zone" = "corp"
  }
}

resource "azurerm_network_security_group" "zone_platform" {
  name                = "portolan-platform"
  location            = var.location
  resource_group_name = var.resource_group_name

  # zone corp -> group hosts:all: management access, topology line 10
  security_rule {
    name                       = "inbound-100-v4"
    description                = "topology:management"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefixes = ["10.50.0.0/16"]
    destination_address_prefixes = ["10.60.0.10/32", "10.60.0.20/32", "10.60.0.30/32"]
  }

  # group activate@platform -> host apps: activate/cloud-cacher (internal): Caches cloud resource data; activate/cloud-cacher (internal): Cloud cacher
  security_rule {
    name                       = "inbound-101-v4"
    description                = "activate/cloud-cacher-3000-tcp-caches-cloud-resource activate/cloud-cacher-3000-tcp-cloud-cacher"
    priority                   = 101
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "3000"
    source_application_security_group_ids = [azurerm_application_security_group.group_activate_platform_098d7a3b.id]
    destination_address_prefixes = ["10.60.0.30/32"]
  }

  # group activate@platform -> host apps: activate/legacy-api (internal): REST API (Node.js), to be removed in v8; activate/legacy-api (internal): Legacy API (to be removed in v8)
  security_rule {
    name                       = "inbound-102-v4"
    description                = "activate/legacy-api-4006-tcp-legacy-api-to activate/legacy-api-4006-tcp-rest-api-node"
    priority                   = 102
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "4006"
    source_application_security_group_ids = [azurerm_application_security_group.group_activate_platform_098d7a3b.id]
    destination_address_prefixes = ["10.60.0.30/32"]
  }

  # group activate@platform -> host apps: activate/internal-api (internal): Workspace scaling and cost routes (admin use, internal only); activate/internal-api (internal): Internal API
  security_rule {
    name                       = "inbound-103-v4"
    description                = "activate/internal-api-8888-tcp-internal-api activate/internal-api-8888-tcp-workspace-scaling-and"
    priority                   = 103
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "8888"
    source_application_security_group_ids = [azurerm_application_security_group.group_activate_platform_098d7a3b.id]
    destination_address_prefixes = ["10.60.0.30/32"]
  }

  # host cp -> host apps: activate/user-workspace (inbound): SSH into the workspace
  security_rule {
    name                       = "inbound-104-v4"
    description                = "activate/user-workspace-22-tcp"
    priority                   = 104
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefixes = ["10.60.0.10/32"]
    destination_address_prefixes = ["10.60.0.30/32"]
  }

  # host cp -> host apps: activate/user-workspace (inbound): Services started by the user and their application traffic; activate/user-workspace (inbound): IDE (code editor); activate/user-workspace (inbound): Workspace API; activate/user-workspace (inbound): Workspace API, also used by connected clusters
  security_rule {
    name                       = "inbound-105-v4"
    description                = "activate/user-workspace-1024-65535-tcp activate/user-workspace-3000-tcp activate/user-workspace-3001-tcp activate/user-workspace-3003-tcp ac"
    priority                   = 105
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "1024-65535"
    source_address_prefixes = ["10.60.0.10/32"]
    destination_address_prefixes = ["10.60.0.30/32"]
  }

  # zone internet -> host cp: activate/control-plane (inbound): Redirects HTTP to HTTPS
  security_rule {
    name                       = "inbound-106-v4"
    description                = "activate/control-plane-80-tcp-redirects-http-to"
    priority                   = 106
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "80"
    source_address_prefixes = ["0.0.0.0/0"]
    destination_address_prefixes = ["10.60.0.10/32"]
  }

  # zone internet -> host cp: activate/control-plane (inbound): Web UI, REST API and agent WebSocket tunnels; activate/control-plane (inbound): HTTPS on port 443 is the main entry point, exposed externally for all inbound platform traffic.; activate/control-plane (inbound): All platform traffic: UI, API and agent tunnels; activate/control-plane (inbound): UI, API and agent tunnels
  security_rule {
    name                       = "inbound-107-v4"
    description                = "activate/control-plane-443-tcp-all-platform-traffic activate/control-plane-443-tcp-https-on-port activate/control-plane-443-tcp-ui-api-and a"
    priority                   = 107
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefixes = ["0.0.0.0/0"]
    destination_address_prefixes = ["10.60.0.10/32"]
  }

  # group activate@platform -> host cp: activate/control-plane (inbound): Redirects HTTP to HTTPS
  security_rule {
    name                       = "inbound-108-v4"
    description                = "activate/control-plane-80-tcp-redirects-http-to"
    priority                   = 108
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "80"
    source_application_security_group_ids = [azurerm_application_security_group.group_activate_platform_098d7a3b.id]
    destination_address_prefixes = ["10.60.0.10/32"]
  }

  # group activate@platform -> host cp: activate/control-plane (inbound): Web UI, REST API and agent WebSocket tunnels; activate/control-plane (inbound): HTTPS on port 443 is the main entry point, exposed externally for all inbound platform traffic.; activate/control-plane (inbound): All platform traffic: UI, API and agent tunnels; activate/control-plane (inbound): UI, API and agent tunnels
  security_rule {
    name                       = "inbound-109-v4"
    description                = "activate/control-plane-443-tcp-all-platform-traffic activate/control-plane-443-tcp-https-on-port activate/control-plane-443-tcp-ui-api-and a"
    priority                   = 109
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_application_security_group_ids = [azurerm_application_security_group.group_activate_platform_098d7a3b.id]
    destination_address_prefixes = ["10.60.0.10/32"]
  }

  # host login -> host cp: activate/compute-cluster (outbound): Agent tunnel, API calls and heartbeats; activate/compute-cluster-agent (outbound): The agent on the compute cluster opens an outbound WebSocket connection to wss://<platform-host>/ws/ssh/tunnel on port 443.; activate/compute-cluster-agent (outbound): Agents only open outbound connections to port 443 on the control plane.; activate/compute
  security_rule {
    name                       = "inbound-110-v4"
    description                = "activate/compute-cluster-443-tcp activate/compute-cluster-443-tcp-2 activate/compute-cluster-443-tcp-3 activate/compute-cluster-agent-443-tc"
    priority                   = 110
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefixes = ["10.70.0.5/32"]
    destination_address_prefixes = ["10.60.0.10/32"]
  }

  # group activate@platform -> host data: activate/postgresql (internal): Usage metrics, billing and activity tracking; activate/postgresql (internal): PostgreSQL
  security_rule {
    name                       = "inbound-111-v4"
    description                = "activate/postgresql-5432-tcp-postgresql activate/postgresql-5432-tcp-usage-metrics-billing"
    priority                   = 111
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "5432"
    source_application_security_group_ids = [azurerm_application_security_group.group_activate_platform_098d7a3b.id]
    destination_address_prefixes = ["10.60.0.20/32"]
  }

  # group activate@platform -> host data: activate/rabbitmq (internal): Messaging between services for job orchestration and cluster operations; activate/rabbitmq (internal): RabbitMQ
  security_rule {
    name                       = "inbound-112-v4"
    description                = "activate/rabbitmq-5672-tcp-messaging-between activate/rabbitmq-5672-tcp-rabbitmq"
    priority                   = 112
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "5672"
    source_application_security_group_ids = [azurerm_application_security_group.group_activate_platform_098d7a3b.id]
    destination_address_prefixes = ["10.60.0.20/32"]
  }

  # group activate@platform -> host data: activate/vault (internal): Holds credentials; has to be initialized and unsealed.; activate/vault (internal): HashiCorp Vault
  security_rule {
    name                       = "inbound-113-v4"
    description                = "activate/vault-8200-tcp-hashicorp-vault activate/vault-8200-tcp-holds-credentials-has"
    priority                   = 113
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "8200"
    source_application_security_group_ids = [azurerm_application_security_group.group_activate_platform_098d7a3b.id]
    destination_address_prefixes = ["10.60.0.20/32"]
  }

  # group activate@platform -> host data: activate/mongodb (internal): User accounts, platform configuration and metadata; activate/mongodb (internal): MongoDB
  security_rule {
    name                       = "inbound-114-v4"
    description                = "activate/mongodb-27017-tcp-mongodb activate/mongodb-27017-tcp-user-accounts-platform"
    priority                   = 114
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "27017"
    source_application_security_group_ids = [azurerm_application_security_group.group_activate_platform_098d7a3b.id]
    destination_address_prefixes = ["10.60.0.20/32"]
  }

  security_rule {
    name                       = "portolan-deny-all-inbound"
    description                = "portolan: default deny"
    priority                   = 4096
    direction                  = "Inbound"
    access                     = "Deny"
    protocol                   = "*"
    source_port_range          = "*"
    destination_port_range     = "*"
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }

  # group hosts:all -> any: DNS to any address (the topology names no DNS egress)
  security_rule {
    name                       = "outbound-100-v4"
    description                = "topology:dns"
    priority                   = 100
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "53"
    source_application_security_group_ids = [azurerm_application_security_group.group_hosts_all_44b77471.id]
    destination_address_prefix = "*"
  }

  # group hosts:all -> any: DNS to any address (the topology names no DNS egress)
  security_rule {
    name                       = "outbound-101-v4"
    description                = "topology:dns"
    priority                   = 101
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Udp"
    source_port_range          = "*"
    destination_port_range     = "53"
    source_application_security_group_ids = [azurerm_application_security_group.group_hosts_all_44b77471.id]
    destination_address_prefix = "*"
  }

  # group hosts:all -> any: NTP to any address (the topology names no NTP egress)
  security_rule {
    name                       = "outbound-102-v4"
    description                = "topology:ntp"
    priority                   = 102
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Udp"
    source_port_range          = "*"
    destination_port_range     = "123"
    source_application_security_group_ids = [azurerm_application_security_group.group_hosts_all_44b77471.id]
    destination_address_prefix = "*"
  }

  # host cp -> zone filer: activate/control-plane (outbound): Shared filesystem
  security_rule {
    name                       = "outbound-103-v4"
    description                = "activate/control-plane-2049-tcp-shared-filesystem"
    priority                   = 103
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "2049"
    source_address_prefixes = ["10.60.0.10/32"]
    destination_address_prefixes = ["10.80.0.5/32"]
  }

  # host cp -> zone mail-relay: activate/control-plane (outbound): Sending email
  security_rule {
    name                       = "outbound-104-v4"
    description                = "activate/control-plane-587-tcp-sending-email"
    priority                   = 104
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "587"
    source_address_prefixes = ["10.60.0.10/32"]
    destination_address_prefixes = ["192.0.2.25/32"]
  }

  # group activate@platform -> host apps: activate/cloud-cacher (internal): Caches cloud resource data; activate/cloud-cacher (internal): Cloud cacher
  security_rule {
    name                       = "outbound-105-v4"
    description                = "activate/cloud-cacher-3000-tcp-caches-cloud-resource activate/cloud-cacher-3000-tcp-cloud-cacher"
    priority                   = 105
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "3000"
    source_application_security_group_ids = [azurerm_application_security_group.group_activate_platform_098d7a3b.id]
    destination_address_prefixes = ["10.60.0.30/32"]
  }

  # group activate@platform -> host apps: activate/legacy-api (internal): REST API (Node.js), to be removed in v8; activate/legacy-api (internal): Legacy API (to be removed in v8)
  security_rule {
    name                       = "outbound-106-v4"
    description                = "activate/legacy-api-4006-tcp-legacy-api-to activate/legacy-api-4006-tcp-rest-api-node"
    priority                   = 106
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "4006"
    source_application_security_group_ids = [azurerm_application_security_group.group_activate_platform_098d7a3b.id]
    destination_address_prefixes = ["10.60.0.30/32"]
  }

  # group activate@platform -> host apps: activate/internal-api (internal): Workspace scaling and cost routes (admin use, internal only); activate/internal-api (internal): Internal API
  security_rule {
    name                       = "outbound-107-v4"
    description                = "activate/internal-api-8888-tcp-internal-api activate/internal-api-8888-tcp-workspace-scaling-and"
    priority                   = 107
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "8888"
    source_application_security_group_ids = [azurerm_application_security_group.group_activate_platform_098d7a3b.id]
    destination_address_prefixes = ["10.60.0.30/32"]
  }

  # host cp -> host apps: activate/user-workspace (inbound): SSH into the workspace
  security_rule {
    name                       = "outbound-108-v4"
    description                = "activate/user-workspace-22-tcp"
    priority                   = 108
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefixes = ["10.60.0.10/32"]
    destination_address_prefixes = ["10.60.0.30/32"]
  }

  # host cp -> host apps: activate/user-workspace (inbound): Services started by the user and their application traffic; activate/user-workspace (inbound): IDE (code editor); activate/user-workspace (inbound): Workspace API; activate/user-workspace (inbound): Workspace API, also used by connected clusters
  security_rule {
    name                       = "outbound-109-v4"
    description                = "activate/user-workspace-1024-65535-tcp activate/user-workspace-3000-tcp activate/user-workspace-3001-tcp activate/user-workspace-3003-tcp ac"
    priority                   = 109
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "1024-65535"
    source_address_prefixes = ["10.60.0.10/32"]
    destination_address_prefixes = ["10.60.0.30/32"]
  }

  # group activate@platform -> host cp: activate/control-plane (inbound): Redirects HTTP to HTTPS
  security_rule {
    name                       = "outbound-110-v4"
    description                = "activate/control-plane-80-tcp-redirects-http-to"
    priority                   = 110
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "80"
    source_application_security_group_ids = [azurerm_application_security_group.group_activate_platform_098d7a3b.id]
    destination_address_prefixes = ["10.60.0.10/32"]
  }

  # group activate@platform -> host cp: activate/control-plane (inbound): Web UI, REST API and agent WebSocket tunnels; activate/control-plane (inbound): HTTPS on port 443 is the main entry point, exposed externally for all inbound platform traffic.; activate/control-plane (inbound): All platform traffic: UI, API and agent tunnels; activate/control-plane (inbound): UI, API and agent tunnels
  security_rule {
    name                       = "outbound-111-v4"
    description                = "activate/control-plane-443-tcp-all-platform-traffic activate/control-plane-443-tcp-https-on-port activate/control-plane-443-tcp-ui-api-and a"
    priority                   = 111
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_application_security_group_ids = [azurerm_application_security_group.group_activate_platform_098d7a3b.id]
    destination_address_prefixes = ["10.60.0.10/32"]
  }

  # group activate@platform -> host data: activate/postgresql (internal): Usage metrics, billing and activity tracking; activate/postgresql (internal): PostgreSQL
  security_rule {
    name                       = "outbound-112-v4"
    description                = "activate/postgresql-5432-tcp-postgresql activate/postgresql-5432-tcp-usage-metrics-billing"
    priority                   = 112
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "5432"
    source_application_security_group_ids = [azurerm_application_security_group.group_activate_platform_098d7a3b.id]
    destination_address_prefixes = ["10.60.0.20/32"]
  }

  # group activate@platform -> host data: activate/rabbitmq (internal): Messaging between services for job orchestration and cluster operations; activate/rabbitmq (internal): RabbitMQ
  security_rule {
    name                       = "outbound-113-v4"
    description                = "activate/rabbitmq-5672-tcp-messaging-between activate/rabbitmq-5672-tcp-rabbitmq"
    priority                   = 113
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "5672"
    source_application_security_group_ids = [azurerm_application_security_group.group_activate_platform_098d7a3b.id]
    destination_address_prefixes = ["10.60.0.20/32"]
  }

  # group activate@platform -> host data: activate/vault (internal): Holds credentials; has to be initialized and unsealed.; activate/vault (internal): HashiCorp Vault
  security_rule {
    name                       = "outbound-114-v4"
    description                = "activate/vault-8200-tcp-hashicorp-vault activate/vault-8200-tcp-holds-credentials-has"
    priority                   = 114
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "8200"
    source_application_security_group_ids = [azurerm_application_security_group.group_activate_platform_098d7a3b.id]
    destination_address_prefixes = ["10.60.0.20/32"]
  }

  # group activate@platform -> host data: activate/mongodb (internal): User accounts, platform configuration and metadata; activate/mongodb (internal): MongoDB
  security_rule {
    name                       = "outbound-115-v4"
    description                = "activate/mongodb-27017-tcp-mongodb activate/mongodb-27017-tcp-user-accounts-platform"
    priority                   = 115
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "27017"
    source_application_security_group_ids = [azurerm_application_security_group.group_activate_platform_098d7a3b.id]
    destination_address_prefixes = ["10.60.0.20/32"]
  }

  security_rule {
    name                       = "portolan-deny-all-outbound"
    description                = "portolan: default deny"
    priority                   = 4096
    direction                  = "Outbound"
    access                     = "Deny"
    protocol                   = "*"
    source_port_range          = "*"
    destination_port_range     = "*"
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-zone" = "platform"
  }
}

resource "azurerm_network_security_group" "zone_hpc" {
  name                = "portolan-hpc"
  location            = var.location
  resource_group_name = var.resource_group_name

  # zone corp -> group hosts:all: management access, topology line 10
  security_rule {
    name                       = "inbound-100-v4"
    description                = "topology:management"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefixes = ["10.50.0.0/16"]
    destination_address_prefixes = ["10.70.0.5/32", "10.70.0.6/32"]
  }

  # group activate@hpc -> host slurmctl: activate/slurm-scheduler (internal): MySQL for the Slurm accounting database; activate/slurm-scheduler (internal): MySQL for Slurm accounting
  security_rule {
    name                       = "inbound-101-v4"
    description                = "activate/slurm-scheduler-3306-tcp-mysql-for-slurm activate/slurm-scheduler-3306-tcp-mysql-for-the"
    priority                   = 101
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "3306"
    source_application_security_group_ids = [azurerm_application_security_group.group_activate_hpc_58757b31.id]
    destination_address_prefixes = ["10.70.0.6/32"]
  }

  # group activate@hpc -> host slurmctl: activate/slurm-scheduler (internal): slurmctld, the Slurm controller daemon; activate/slurm-scheduler (internal): slurmctld (Slurm clusters)
  security_rule {
    name                       = "inbound-102-v4"
    description                = "activate/slurm-scheduler-6817-tcp-slurmctld-slurm-clusters activate/slurm-scheduler-6817-tcp-slurmctld-the-slurm"
    priority                   = 102
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "6817"
    source_application_security_group_ids = [azurerm_application_security_group.group_activate_hpc_58757b31.id]
    destination_address_prefixes = ["10.70.0.6/32"]
  }

  # group activate@hpc -> host slurmctl: activate/slurm-scheduler (internal): slurmdbd, the Slurm database daemon; activate/slurm-scheduler (internal): slurmdbd (Slurm clusters)
  security_rule {
    name                       = "inbound-103-v4"
    description                = "activate/slurm-scheduler-6819-tcp-slurmdbd-slurm-clusters activate/slurm-scheduler-6819-tcp-slurmdbd-the-slurm"
    priority                   = 103
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "6819"
    source_application_security_group_ids = [azurerm_application_security_group.group_activate_hpc_58757b31.id]
    destination_address_prefixes = ["10.70.0.6/32"]
  }

  # group activate@hpc -> host slurmctl: activate/slurm-scheduler (internal): srun communication for interactive job steps; activate/slurm-scheduler (internal): Slurm srun ports
  security_rule {
    name                       = "inbound-104-v4"
    description                = "activate/slurm-scheduler-8192-60000-tcp-slurm-srun-ports activate/slurm-scheduler-8192-60000-tcp-srun-communication-for"
    priority                   = 104
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "8192-60000"
    source_application_security_group_ids = [azurerm_application_security_group.group_activate_hpc_58757b31.id]
    destination_address_prefixes = ["10.70.0.6/32"]
  }

  security_rule {
    name                       = "portolan-deny-all-inbound"
    description                = "portolan: default deny"
    priority                   = 4096
    direction                  = "Inbound"
    access                     = "Deny"
    protocol                   = "*"
    source_port_range          = "*"
    destination_port_range     = "*"
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }

  # group hosts:all -> any: DNS to any address (the topology names no DNS egress)
  security_rule {
    name                       = "outbound-100-v4"
    description                = "topology:dns"
    priority                   = 100
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "53"
    source_application_security_group_ids = [azurerm_application_security_group.group_hosts_all_44b77471.id]
    destination_address_prefix = "*"
  }

  # group hosts:all -> any: DNS to any address (the topology names no DNS egress)
  security_rule {
    name                       = "outbound-101-v4"
    description                = "topology:dns"
    priority                   = 101
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Udp"
    source_port_range          = "*"
    destination_port_range     = "53"
    source_application_security_group_ids = [azurerm_application_security_group.group_hosts_all_44b77471.id]
    destination_address_prefix = "*"
  }

  # group hosts:all -> any: NTP to any address (the topology names no NTP egress)
  security_rule {
    name                       = "outbound-102-v4"
    description                = "topology:ntp"
    priority                   = 102
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Udp"
    source_port_range          = "*"
    destination_port_range     = "123"
    source_application_security_group_ids = [azurerm_application_security_group.group_hosts_all_44b77471.id]
    destination_address_prefix = "*"
  }

  # host login -> host cp: activate/compute-cluster (outbound): Agent tunnel, API calls and heartbeats; activate/compute-cluster-agent (outbound): The agent on the compute cluster opens an outbound WebSocket connection to wss://<platform-host>/ws/ssh/tunnel on port 443.; activate/compute-cluster-agent (outbound): Agents only open outbound connections to port 443 on the control plane.; activate/compute
  security_rule {
    name                       = "outbound-103-v4"
    description                = "activate/compute-cluster-443-tcp activate/compute-cluster-443-tcp-2 activate/compute-cluster-443-tcp-3 activate/compute-cluster-agent-443-tc"
    priority                   = 103
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefixes = ["10.70.0.5/32"]
    destination_address_prefixes = ["10.60.0.10/32"]
  }

  # group activate@hpc -> host slurmctl: activate/slurm-scheduler (internal): MySQL for the Slurm accounting database; activate/slurm-scheduler (internal): MySQL for Slurm accounting
  security_rule {
    name                       = "outbound-104-v4"
    description                = "activate/slurm-scheduler-3306-tcp-mysql-for-slurm activate/slurm-scheduler-3306-tcp-mysql-for-the"
    priority                   = 104
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "3306"
    source_application_security_group_ids = [azurerm_application_security_group.group_activate_hpc_58757b31.id]
    destination_address_prefixes = ["10.70.0.6/32"]
  }

  # group activate@hpc -> host slurmctl: activate/slurm-scheduler (internal): slurmctld, the Slurm controller daemon; activate/slurm-scheduler (internal): slurmctld (Slurm clusters)
  security_rule {
    name                       = "outbound-105-v4"
    description                = "activate/slurm-scheduler-6817-tcp-slurmctld-slurm-clusters activate/slurm-scheduler-6817-tcp-slurmctld-the-slurm"
    priority                   = 105
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "6817"
    source_application_security_group_ids = [azurerm_application_security_group.group_activate_hpc_58757b31.id]
    destination_address_prefixes = ["10.70.0.6/32"]
  }

  # group activate@hpc -> host slurmctl: activate/slurm-scheduler (internal): slurmdbd, the Slurm database daemon; activate/slurm-scheduler (internal): slurmdbd (Slurm clusters)
  security_rule {
    name                       = "outbound-106-v4"
    description                = "activate/slurm-scheduler-6819-tcp-slurmdbd-slurm-clusters activate/slurm-scheduler-6819-tcp-slurmdbd-the-slurm"
    priority                   = 106
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "6819"
    source_application_security_group_ids = [azurerm_application_security_group.group_activate_hpc_58757b31.id]
    destination_address_prefixes = ["10.70.0.6/32"]
  }

  # group activate@hpc -> host slurmctl: activate/slurm-scheduler (internal): srun communication for interactive job steps; activate/slurm-scheduler (internal): Slurm srun ports
  security_rule {
    name                       = "outbound-107-v4"
    description                = "activate/slurm-scheduler-8192-60000-tcp-slurm-srun-ports activate/slurm-scheduler-8192-60000-tcp-srun-communication-for"
    priority                   = 107
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "8192-60000"
    source_application_security_group_ids = [azurerm_application_security_group.group_activate_hpc_58757b31.id]
    destination_address_prefixes = ["10.70.0.6/32"]
  }

  security_rule {
    name                       = "portolan-deny-all-outbound"
    description                = "portolan: default deny"
    priority                   = 4096
    direction                  = "Outbound"
    access                     = "Deny"
    protocol                   = "*"
    source_port_range          = "*"
    destination_port_range     = "*"
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-zone" = "hpc"
  }
}

resource "azurerm_network_security_group" "zone_filer" {
  name                = "portolan-filer"
  location            = var.location
  resource_group_name = var.resource_group_name

  security_rule {
    name                       = "portolan-deny-all-inbound"
    description                = "portolan: default deny"
    priority                   = 4096
    direction                  = "Inbound"
    access                     = "Deny"
    protocol                   = "*"
    source_port_range          = "*"
    destination_port_range     = "*"
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }

  security_rule {
    name                       = "portolan-deny-all-outbound"
    description                = "portolan: default deny"
    priority                   = 4096
    direction                  = "Outbound"
    access                     = "Deny"
    protocol                   = "*"
    source_port_range          = "*"
    destination_port_range     = "*"
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-zone" = "filer"
  }
}

resource "azurerm_network_security_group" "zone_mail_relay_1d296cae" {
  name                = "portolan-mail-relay"
  location            = var.location
  resource_group_name = var.resource_group_name

  security_rule {
    name                       = "portolan-deny-all-inbound"
    description                = "portolan: default deny"
    priority                   = 4096
    direction                  = "Inbound"
    access                     = "Deny"
    protocol                   = "*"
    source_port_range          = "*"
    destination_port_range     = "*"
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }

  security_rule {
    name                       = "portolan-deny-all-outbound"
    description                = "portolan: default deny"
    priority                   = 4096
    direction                  = "Outbound"
    access                     = "Deny"
    protocol                   = "*"
    source_port_range          = "*"
    destination_port_range     = "*"
    source_address_prefix      = "*"
    destination_address_prefix = "*"
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-zone" = "mail-relay"
  }
}

output "portolan_nic_application_security_groups" {
  description = "Per host: the application security groups to associate with its NIC"
  value = {
    "cp" = [azurerm_application_security_group.group_activate_platform_098d7a3b.id, azurerm_application_security_group.group_hosts_all_44b77471.id]
    "data" = [azurerm_application_security_group.group_activate_platform_098d7a3b.id, azurerm_application_security_group.group_hosts_all_44b77471.id]
    "apps" = [azurerm_application_security_group.group_activate_platform_098d7a3b.id, azurerm_application_security_group.group_hosts_all_44b77471.id]
    "login" = [azurerm_application_security_group.group_activate_hpc_58757b31.id, azurerm_application_security_group.group_hosts_all_44b77471.id]
    "slurmctl" = [azurerm_application_security_group.group_activate_hpc_58757b31.id, azurerm_application_security_group.group_hosts_all_44b77471.id]
  }
}

