# Portolan: Azure NSGs for topology openlm-prod, one per zone (attach to the zone_s subnet)
# Applying this denies every flow, in and out, that no rule below allows.
# Stays open for management: 22/tcp from zone corp to group hosts:all.
# Stays open outbound (DNS, NTP, topology egress): 123/udp to any, 53/tcp to zone 10.20.0.53/32, 53/udp to zone 10.20.0.53/32.
# Plan groups are application security groups: associate each host's NIC with the groups the
# portolan_nic_application_security_groups output lists. Each rule's description names its
# requirement ids; deny-all at priority 4096 both ways.

variable "resource_group_name" {
  type = string
}

variable "location" {
  type = string
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

resource "azurerm_application_security_group" "group_openlm" {
  name                = "portolan-openlm"
  location            = var.location
  resource_group_name = var.resource_group_name
  tags = {
    "managed-by" = "portolan"
    "portolan-group" = "openlm"
  }
}

resource "azurerm_application_security_group" "group_openlm_node_4ade990b" {
  name                = "portolan-openlm-node-4ade990b"
  location            = var.location
  resource_group_name = var.resource_group_name
  tags = {
    "managed-by" = "portolan"
    "portolan-group" = "openlm/node"
  }
}

resource "azurerm_application_security_group" "group_openlm_cluster_6bf12144" {
  name                = "portolan-openlm-cluster-6bf12144"
  location            = var.location
  resource_group_name = var.resource_group_name
  tags = {
    "managed-by" = "portolan"
    "portolan-group" = "openlm@cluster"
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

  # zone internet -> host cp1: openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/ingress (inbound): Sends directory sc
  security_rule {
    name                       = "outbound-100-v4"
    description                = "openlm/ingress-443-tcp-broker openlm/ingress-443-tcp-directory-sync-agent openlm/ingress-443-tcp-nopeer openlm/ingress-443-tcp-web-ui openlm"
    priority                   = 100
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefixes = ["0.0.0.0/0"]
    destination_address_prefixes = ["10.0.0.10/32"]
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

  # zone corp -> group hosts:all: management access, topology line 30
  security_rule {
    name                       = "outbound-100-v4"
    description                = "topology:management"
    priority                   = 100
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefixes = ["10.20.0.0/16"]
    destination_application_security_group_ids = [azurerm_application_security_group.group_hosts_all_44b77471.id]
  }

  # zone corp -> host cp1: openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes.; and 3 more flows
  security_rule {
    name                       = "outbound-101-v4"
    description                = "openlm/node-22-tcp"
    priority                   = 101
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefixes = ["10.20.0.0/16"]
    destination_address_prefixes = ["10.0.0.10/31", "10.0.0.12/32", "10.0.0.20/32"]
  }

  # zone corp -> host cp1: openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS; openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.
  security_rule {
    name                       = "outbound-102-v4"
    description                = "openlm/control-plane-80-tcp openlm/ingress-80-tcp-nopeer"
    priority                   = 102
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "80"
    source_address_prefixes = ["10.20.0.0/16"]
    destination_address_prefixes = ["10.0.0.10/32"]
  }

  # zone corp -> host cp1: openlm/control-plane (inbound): HTTPS ingress for agents, UI and API; openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on en
  security_rule {
    name                       = "outbound-103-v4"
    description                = "openlm/control-plane-443-tcp openlm/ingress-443-tcp-broker openlm/ingress-443-tcp-directory-sync-agent openlm/ingress-443-tcp-nopeer openlm/"
    priority                   = 103
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefixes = ["10.20.0.0/16"]
    destination_address_prefixes = ["10.0.0.10/32"]
  }

  # zone corp -> host infra: openlm/infrastructure (inbound): PostgreSQL NodePort for Power BI and similar reporting tools
  security_rule {
    name                       = "outbound-104-v4"
    description                = "openlm/infrastructure-30432-tcp"
    priority                   = 104
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "30432"
    source_address_prefixes = ["10.20.0.0/16"]
    destination_address_prefixes = ["10.0.0.20/32"]
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

resource "azurerm_network_security_group" "zone_dmz" {
  name                = "portolan-dmz"
  location            = var.location
  resource_group_name = var.resource_group_name

  # zone corp -> group hosts:all: management access, topology line 30
  security_rule {
    name                       = "inbound-100-v4"
    description                = "topology:management"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefixes = ["10.20.0.0/16"]
    destination_address_prefixes = ["192.0.2.5/32"]
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

  # group hosts:all -> any: NTP to any address (the topology names no NTP egress)
  security_rule {
    name                       = "outbound-100-v4"
    description                = "topology:ntp"
    priority                   = 100
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Udp"
    source_port_range          = "*"
    destination_port_range     = "123"
    source_application_security_group_ids = [azurerm_application_security_group.group_hosts_all_44b77471.id]
    destination_address_prefix = "*"
  }

  # group hosts:all -> zone 10.20.0.53/32: egress, topology line 32
  security_rule {
    name                       = "outbound-101-v4"
    description                = "topology:egress"
    priority                   = 101
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "53"
    source_application_security_group_ids = [azurerm_application_security_group.group_hosts_all_44b77471.id]
    destination_address_prefixes = ["10.20.0.53/32"]
  }

  # group hosts:all -> zone 10.20.0.53/32: egress, topology line 32
  security_rule {
    name                       = "outbound-102-v4"
    description                = "topology:egress"
    priority                   = 102
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Udp"
    source_port_range          = "*"
    destination_port_range     = "53"
    source_application_security_group_ids = [azurerm_application_security_group.group_hosts_all_44b77471.id]
    destination_address_prefixes = ["10.20.0.53/32"]
  }

  # group openlm -> host cp1: openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS; openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.
  security_rule {
    name                       = "outbound-103-v4"
    description                = "openlm/control-plane-80-tcp openlm/ingress-80-tcp-nopeer"
    priority                   = 103
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "80"
    source_application_security_group_ids = [azurerm_application_security_group.group_openlm.id]
    destination_address_prefixes = ["10.0.0.10/32"]
  }

  # group openlm -> host cp1: openlm/control-plane (inbound): HTTPS ingress for agents, UI and API; openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on
  security_rule {
    name                       = "outbound-104-v4"
    description                = "openlm/control-plane-443-tcp openlm/ingress-443-tcp-broker openlm/ingress-443-tcp-directory-sync-agent openlm/ingress-443-tcp-nopeer openlm/"
    priority                   = 104
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_application_security_group_ids = [azurerm_application_security_group.group_openlm.id]
    destination_address_prefixes = ["10.0.0.10/32"]
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
    "portolan-zone" = "dmz"
  }
}

resource "azurerm_network_security_group" "zone_cluster" {
  name                = "portolan-cluster"
  location            = var.location
  resource_group_name = var.resource_group_name

  # zone corp -> group hosts:all: management access, topology line 30; and 4 more flows
  security_rule {
    name                       = "inbound-100-v4"
    description                = "openlm/node-22-tcp topology:management"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefixes = ["10.20.0.0/16"]
    destination_address_prefixes = ["10.0.0.10/31", "10.0.0.12/32", "10.0.0.20/32"]
  }

  # zone cluster -> host cp1: openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes.; and 3 more flows
  security_rule {
    name                       = "inbound-101-v4"
    description                = "openlm/node-22-tcp"
    priority                   = 101
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefixes = ["10.0.0.0/22"]
    destination_address_prefixes = ["10.0.0.10/31", "10.0.0.12/32", "10.0.0.20/32"]
  }

  # zone cluster -> host cp1: openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.; openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS
  security_rule {
    name                       = "inbound-102-v4"
    description                = "openlm/control-plane-80-tcp openlm/ingress-80-tcp-nopeer"
    priority                   = 102
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "80"
    source_address_prefixes = ["10.0.0.0/22"]
    destination_address_prefixes = ["10.0.0.10/32"]
  }

  # zone corp -> host cp1: openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS; openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.
  security_rule {
    name                       = "inbound-103-v4"
    description                = "openlm/control-plane-80-tcp openlm/ingress-80-tcp-nopeer"
    priority                   = 103
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "80"
    source_address_prefixes = ["10.20.0.0/16"]
    destination_address_prefixes = ["10.0.0.10/32"]
  }

  # zone corp -> host cp1: openlm/control-plane (inbound): HTTPS ingress for agents, UI and API; openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on en
  security_rule {
    name                       = "inbound-104-v4"
    description                = "openlm/control-plane-443-tcp openlm/ingress-443-tcp-broker openlm/ingress-443-tcp-directory-sync-agent openlm/ingress-443-tcp-nopeer openlm/"
    priority                   = 104
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefixes = ["10.20.0.0/16"]
    destination_address_prefixes = ["10.0.0.10/32"]
  }

  # zone internet -> host cp1: openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/ingress (inbound): Sends directory sc
  security_rule {
    name                       = "inbound-105-v4"
    description                = "openlm/ingress-443-tcp-broker openlm/ingress-443-tcp-directory-sync-agent openlm/ingress-443-tcp-nopeer openlm/ingress-443-tcp-web-ui openlm"
    priority                   = 105
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefixes = ["0.0.0.0/0"]
    destination_address_prefixes = ["10.0.0.10/32"]
  }

  # group openlm -> host cp1: openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS; openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.
  security_rule {
    name                       = "inbound-106-v4"
    description                = "openlm/control-plane-80-tcp openlm/ingress-80-tcp-nopeer"
    priority                   = 106
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "80"
    source_application_security_group_ids = [azurerm_application_security_group.group_openlm.id]
    destination_address_prefixes = ["10.0.0.10/32"]
  }

  # group openlm -> host cp1: openlm/control-plane (inbound): HTTPS ingress for agents, UI and API; openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on
  security_rule {
    name                       = "inbound-107-v4"
    description                = "openlm/control-plane-443-tcp openlm/ingress-443-tcp-broker openlm/ingress-443-tcp-directory-sync-agent openlm/ingress-443-tcp-nopeer openlm/"
    priority                   = 107
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_application_security_group_ids = [azurerm_application_security_group.group_openlm.id]
    destination_address_prefixes = ["10.0.0.10/32"]
  }

  # group openlm@cluster -> host cp1: openlm/node (internal): Kubernetes API server; and 3 more flows
  security_rule {
    name                       = "inbound-108-v4"
    description                = "openlm/node-6443-tcp"
    priority                   = 108
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "6443"
    source_application_security_group_ids = [azurerm_application_security_group.group_openlm_cluster_6bf12144.id]
    destination_address_prefixes = ["10.0.0.10/31", "10.0.0.12/32", "10.0.0.20/32"]
  }

  # group openlm@cluster -> host cp1: openlm/node (internal): Kubelet metrics; and 3 more flows
  security_rule {
    name                       = "inbound-109-v4"
    description                = "openlm/node-10250-tcp"
    priority                   = 109
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "10250"
    source_application_security_group_ids = [azurerm_application_security_group.group_openlm_cluster_6bf12144.id]
    destination_address_prefixes = ["10.0.0.10/31", "10.0.0.12/32", "10.0.0.20/32"]
  }

  # group openlm@cluster -> host cp1: openlm/node (internal): Flannel VXLAN overlay; and 3 more flows
  security_rule {
    name                       = "inbound-110-v4"
    description                = "openlm/node-8472-udp"
    priority                   = 110
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Udp"
    source_port_range          = "*"
    destination_port_range     = "8472"
    source_application_security_group_ids = [azurerm_application_security_group.group_openlm_cluster_6bf12144.id]
    destination_address_prefixes = ["10.0.0.10/31", "10.0.0.12/32", "10.0.0.20/32"]
  }

  # group openlm@cluster -> host cp1: openlm/node (internal): Flannel WireGuard backend (if enabled); and 3 more flows
  security_rule {
    name                       = "inbound-111-v4"
    description                = "openlm/node-51820-udp"
    priority                   = 111
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Udp"
    source_port_range          = "*"
    destination_port_range     = "51820"
    source_application_security_group_ids = [azurerm_application_security_group.group_openlm_cluster_6bf12144.id]
    destination_address_prefixes = ["10.0.0.10/31", "10.0.0.12/32", "10.0.0.20/32"]
  }

  # zone corp -> host infra: openlm/infrastructure (inbound): PostgreSQL NodePort for Power BI and similar reporting tools
  security_rule {
    name                       = "inbound-112-v4"
    description                = "openlm/infrastructure-30432-tcp"
    priority                   = 112
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "30432"
    source_address_prefixes = ["10.20.0.0/16"]
    destination_address_prefixes = ["10.0.0.20/32"]
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

  # group hosts:all -> any: NTP to any address (the topology names no NTP egress)
  security_rule {
    name                       = "outbound-100-v4"
    description                = "topology:ntp"
    priority                   = 100
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Udp"
    source_port_range          = "*"
    destination_port_range     = "123"
    source_application_security_group_ids = [azurerm_application_security_group.group_hosts_all_44b77471.id]
    destination_address_prefix = "*"
  }

  # group hosts:all -> zone 10.20.0.53/32: egress, topology line 32
  security_rule {
    name                       = "outbound-101-v4"
    description                = "topology:egress"
    priority                   = 101
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "53"
    source_application_security_group_ids = [azurerm_application_security_group.group_hosts_all_44b77471.id]
    destination_address_prefixes = ["10.20.0.53/32"]
  }

  # group hosts:all -> zone 10.20.0.53/32: egress, topology line 32
  security_rule {
    name                       = "outbound-102-v4"
    description                = "topology:egress"
    priority                   = 102
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Udp"
    source_port_range          = "*"
    destination_port_range     = "53"
    source_application_security_group_ids = [azurerm_application_security_group.group_hosts_all_44b77471.id]
    destination_address_prefixes = ["10.20.0.53/32"]
  }

  # group openlm/node -> zone internet: openlm/node (outbound): OpenLM container image registry
  security_rule {
    name                       = "outbound-103-v4"
    description                = "openlm/node-443-tcp"
    priority                   = 103
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_application_security_group_ids = [azurerm_application_security_group.group_openlm_node_4ade990b.id]
    destination_address_prefixes = ["0.0.0.0/0"]
  }

  # zone cluster -> host cp1: openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes.; and 3 more flows
  security_rule {
    name                       = "outbound-104-v4"
    description                = "openlm/node-22-tcp"
    priority                   = 104
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefixes = ["10.0.0.0/22"]
    destination_address_prefixes = ["10.0.0.10/31", "10.0.0.12/32", "10.0.0.20/32"]
  }

  # zone cluster -> host cp1: openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.; openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS
  security_rule {
    name                       = "outbound-105-v4"
    description                = "openlm/control-plane-80-tcp openlm/ingress-80-tcp-nopeer"
    priority                   = 105
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "80"
    source_address_prefixes = ["10.0.0.0/22"]
    destination_address_prefixes = ["10.0.0.10/32"]
  }

  # group openlm -> host cp1: openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS; openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.
  security_rule {
    name                       = "outbound-106-v4"
    description                = "openlm/control-plane-80-tcp openlm/ingress-80-tcp-nopeer"
    priority                   = 106
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "80"
    source_application_security_group_ids = [azurerm_application_security_group.group_openlm.id]
    destination_address_prefixes = ["10.0.0.10/32"]
  }

  # group openlm -> host cp1: openlm/control-plane (inbound): HTTPS ingress for agents, UI and API; openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on
  security_rule {
    name                       = "outbound-107-v4"
    description                = "openlm/control-plane-443-tcp openlm/ingress-443-tcp-broker openlm/ingress-443-tcp-directory-sync-agent openlm/ingress-443-tcp-nopeer openlm/"
    priority                   = 107
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_application_security_group_ids = [azurerm_application_security_group.group_openlm.id]
    destination_address_prefixes = ["10.0.0.10/32"]
  }

  # group openlm@cluster -> host cp1: openlm/node (internal): Kubernetes API server; and 3 more flows
  security_rule {
    name                       = "outbound-108-v4"
    description                = "openlm/node-6443-tcp"
    priority                   = 108
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "6443"
    source_application_security_group_ids = [azurerm_application_security_group.group_openlm_cluster_6bf12144.id]
    destination_address_prefixes = ["10.0.0.10/31", "10.0.0.12/32", "10.0.0.20/32"]
  }

  # group openlm@cluster -> host cp1: openlm/node (internal): Kubelet metrics; and 3 more flows
  security_rule {
    name                       = "outbound-109-v4"
    description                = "openlm/node-10250-tcp"
    priority                   = 109
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "10250"
    source_application_security_group_ids = [azurerm_application_security_group.group_openlm_cluster_6bf12144.id]
    destination_address_prefixes = ["10.0.0.10/31", "10.0.0.12/32", "10.0.0.20/32"]
  }

  # group openlm@cluster -> host cp1: openlm/node (internal): Flannel VXLAN overlay; and 3 more flows
  security_rule {
    name                       = "outbound-110-v4"
    description                = "openlm/node-8472-udp"
    priority                   = 110
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Udp"
    source_port_range          = "*"
    destination_port_range     = "8472"
    source_application_security_group_ids = [azurerm_application_security_group.group_openlm_cluster_6bf12144.id]
    destination_address_prefixes = ["10.0.0.10/31", "10.0.0.12/32", "10.0.0.20/32"]
  }

  # group openlm@cluster -> host cp1: openlm/node (internal): Flannel WireGuard backend (if enabled); and 3 more flows
  security_rule {
    name                       = "outbound-111-v4"
    description                = "openlm/node-51820-udp"
    priority                   = 111
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Udp"
    source_port_range          = "*"
    destination_port_range     = "51820"
    source_application_security_group_ids = [azurerm_application_security_group.group_openlm_cluster_6bf12144.id]
    destination_address_prefixes = ["10.0.0.10/31", "10.0.0.12/32", "10.0.0.20/32"]
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
    "portolan-zone" = "cluster"
  }
}

output "portolan_nic_application_security_groups" {
  description = "Per host: the application security groups to associate with its NIC"
  value = {
    "lb1" = [azurerm_application_security_group.group_hosts_all_44b77471.id, azurerm_application_security_group.group_openlm.id]
    "cp1" = [azurerm_application_security_group.group_hosts_all_44b77471.id, azurerm_application_security_group.group_openlm.id, azurerm_application_security_group.group_openlm_node_4ade990b.id, azurerm_application_security_group.group_openlm_cluster_6bf12144.id]
    "node2" = [azurerm_application_security_group.group_hosts_all_44b77471.id, azurerm_application_security_group.group_openlm.id, azurerm_application_security_group.group_openlm_node_4ade990b.id, azurerm_application_security_group.group_openlm_cluster_6bf12144.id]
    "node3" = [azurerm_application_security_group.group_hosts_all_44b77471.id, azurerm_application_security_group.group_openlm.id, azurerm_application_security_group.group_openlm_node_4ade990b.id, azurerm_application_security_group.group_openlm_cluster_6bf12144.id]
    "infra" = [azurerm_application_security_group.group_hosts_all_44b77471.id, azurerm_application_security_group.group_openlm.id, azurerm_application_security_group.group_openlm_node_4ade990b.id, azurerm_application_security_group.group_openlm_cluster_6bf12144.id]
  }
}

