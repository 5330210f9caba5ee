# Portolan: Azure NSGs for topology palette-selfhosted, one per zone (attach to the zone_s subnet)
# Applying this denies every flow, in and out, that no rule below allows.
# Stays open for management: 22/tcp from zone ops to group hosts:all.
# Stays open outbound (DNS, NTP, topology egress): 53/tcp to any, 53/udp to any, 123/udp to any, 443/tcp to zone internet.
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

resource "azurerm_application_security_group" "group_hosts_workload_0fa5bea7" {
  name                = "portolan-hosts-workload-0fa5bea7"
  location            = var.location
  resource_group_name = var.resource_group_name
  tags = {
    "managed-by" = "portolan"
    "portolan-group" = "hosts:workload"
  }
}

resource "azurerm_application_security_group" "group_palette_management_platform_4c942a4e" {
  name                = "portolan-palette-management-platform-4c942a4e"
  location            = var.location
  resource_group_name = var.resource_group_name
  tags = {
    "managed-by" = "portolan"
    "portolan-group" = "palette/management-platform"
  }
}

resource "azurerm_application_security_group" "group_palette_workload_cluster_19bed513" {
  name                = "portolan-palette-workload-cluster-19bed513"
  location            = var.location
  resource_group_name = var.resource_group_name
  tags = {
    "managed-by" = "portolan"
    "portolan-group" = "palette/workload-cluster"
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

resource "azurerm_network_security_group" "zone_mgmt" {
  name                = "portolan-mgmt"
  location            = var.location
  resource_group_name = var.resource_group_name

  # zone ops -> group hosts:all: management access, topology line 34
  security_rule {
    name                       = "inbound-100-v4"
    description                = "topology:management"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefixes = ["10.40.0.0/24"]
    destination_address_prefixes = ["10.10.0.11/32", "10.10.0.12/31"]
  }

  # zone mgmt -> host palette1: palette/management-platform (inbound): Browser and API access to the management platform; and 2 more flows
  security_rule {
    name                       = "inbound-101-v4"
    description                = "palette/management-platform-443-tcp-in palette/management-platform-443-tcp-in-2"
    priority                   = 101
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefixes = ["10.10.0.0/24"]
    destination_address_prefixes = ["10.10.0.11/32", "10.10.0.12/31"]
  }

  # zone mgmt -> host palette1: palette/management-platform (inbound): Browser and API access to the management platform; and 2 more flows
  security_rule {
    name                       = "inbound-102-v6"
    description                = "palette/management-platform-443-tcp-in palette/management-platform-443-tcp-in-2"
    priority                   = 102
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefixes = ["fd10::/64"]
    destination_address_prefixes = ["fd10::11/128", "fd10::12/127"]
  }

  # zone mgmt -> host palette1: palette/management-platform (inbound): Agents inside the workload clusters connecting to the platform; palette/management-platform (inbound): Message bus for the workload clusters; and 2 more flows
  security_rule {
    name                       = "inbound-103-v4"
    description                = "palette/management-platform-4222-tcp-agents-inside-the palette/management-platform-4222-tcp-message-bus-for"
    priority                   = 103
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "4222"
    source_address_prefixes = ["10.10.0.0/24"]
    destination_address_prefixes = ["10.10.0.11/32", "10.10.0.12/31"]
  }

  # zone mgmt -> host palette1: palette/management-platform (inbound): Agents inside the workload clusters connecting to the platform; palette/management-platform (inbound): Message bus for the workload clusters; and 2 more flows
  security_rule {
    name                       = "inbound-104-v6"
    description                = "palette/management-platform-4222-tcp-agents-inside-the palette/management-platform-4222-tcp-message-bus-for"
    priority                   = 104
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "4222"
    source_address_prefixes = ["fd10::/64"]
    destination_address_prefixes = ["fd10::11/128", "fd10::12/127"]
  }

  # zone ops -> host palette1: palette/management-platform (inbound): Browser and API access to the management platform; and 2 more flows
  security_rule {
    name                       = "inbound-105-v4"
    description                = "palette/management-platform-443-tcp-in palette/management-platform-443-tcp-in-2"
    priority                   = 105
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefixes = ["10.40.0.0/24"]
    destination_address_prefixes = ["10.10.0.11/32", "10.10.0.12/31"]
  }

  # zone ops -> host palette1: palette/management-platform (inbound): Agents inside the workload clusters connecting to the platform; palette/management-platform (inbound): Message bus for the workload clusters; and 2 more flows
  security_rule {
    name                       = "inbound-106-v4"
    description                = "palette/management-platform-4222-tcp-agents-inside-the palette/management-platform-4222-tcp-message-bus-for"
    priority                   = 106
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "4222"
    source_address_prefixes = ["10.40.0.0/24"]
    destination_address_prefixes = ["10.10.0.11/32", "10.10.0.12/31"]
  }

  # zone workload -> host palette1: palette/management-platform (inbound): Browser and API access to the management platform; palette/workload-cluster (outbound): API access to the management platform; and 2 more flows
  security_rule {
    name                       = "inbound-107-v4"
    description                = "palette/management-platform-443-tcp-in palette/management-platform-443-tcp-in-2 palette/workload-cluster-443-tcp-management-platform palette"
    priority                   = 107
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefixes = ["10.30.0.0/16"]
    destination_address_prefixes = ["10.10.0.11/32", "10.10.0.12/31"]
  }

  # zone workload -> host palette1: palette/management-platform (inbound): Agents inside the workload clusters connecting to the platform; palette/management-platform (inbound): Message bus for the workload clusters; palette/workload-cluster (outbound): Agent communication over the message bus; and 2 more flows
  security_rule {
    name                       = "inbound-108-v4"
    description                = "palette/management-platform-4222-tcp-agents-inside-the palette/management-platform-4222-tcp-message-bus-for palette/workload-cluster-4222-tc"
    priority                   = 108
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "4222"
    source_address_prefixes = ["10.30.0.0/16"]
    destination_address_prefixes = ["10.10.0.11/32", "10.10.0.12/31"]
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
    name                       = "outbound-101-v6"
    description                = "topology:dns"
    priority                   = 101
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
    name                       = "outbound-102-v4"
    description                = "topology:dns"
    priority                   = 102
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Udp"
    source_port_range          = "*"
    destination_port_range     = "53"
    source_application_security_group_ids = [azurerm_application_security_group.group_hosts_all_44b77471.id]
    destination_address_prefix = "*"
  }

  # group hosts:all -> any: DNS to any address (the topology names no DNS egress)
  security_rule {
    name                       = "outbound-103-v6"
    description                = "topology:dns"
    priority                   = 103
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
    name                       = "outbound-104-v4"
    description                = "topology:ntp"
    priority                   = 104
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Udp"
    source_port_range          = "*"
    destination_port_range     = "123"
    source_application_security_group_ids = [azurerm_application_security_group.group_hosts_all_44b77471.id]
    destination_address_prefix = "*"
  }

  # group hosts:all -> any: NTP to any address (the topology names no NTP egress)
  security_rule {
    name                       = "outbound-105-v6"
    description                = "topology:ntp"
    priority                   = 105
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Udp"
    source_port_range          = "*"
    destination_port_range     = "123"
    source_application_security_group_ids = [azurerm_application_security_group.group_hosts_all_44b77471.id]
    destination_address_prefix = "*"
  }

  # group palette/management-platform -> zone internet: palette/management-platform (outbound): vSphere vCenter API, registry (packs, integrations), pack containers, app updates
  security_rule {
    name                       = "outbound-106-v4"
    description                = "palette/management-platform-443-tcp-out"
    priority                   = 106
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_application_security_group_ids = [azurerm_application_security_group.group_palette_management_platform_4c942a4e.id]
    destination_address_prefixes = ["0.0.0.0/0"]
  }

  # group palette/management-platform -> zone internet: palette/management-platform (outbound): vSphere vCenter API, registry (packs, integrations), pack containers, app updates
  security_rule {
    name                       = "outbound-107-v6"
    description                = "palette/management-platform-443-tcp-out"
    priority                   = 107
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_application_security_group_ids = [azurerm_application_security_group.group_palette_management_platform_4c942a4e.id]
    destination_address_prefixes = ["::/0"]
  }

  # group palette/management-platform -> zone internet: palette/management-platform (outbound): API server of the workload Kubernetes clusters
  security_rule {
    name                       = "outbound-108-v4"
    description                = "palette/management-platform-6443-tcp"
    priority                   = 108
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "6443"
    source_application_security_group_ids = [azurerm_application_security_group.group_palette_management_platform_4c942a4e.id]
    destination_address_prefixes = ["0.0.0.0/0"]
  }

  # group palette/management-platform -> zone internet: palette/management-platform (outbound): API server of the workload Kubernetes clusters
  security_rule {
    name                       = "outbound-109-v6"
    description                = "palette/management-platform-6443-tcp"
    priority                   = 109
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "6443"
    source_application_security_group_ids = [azurerm_application_security_group.group_palette_management_platform_4c942a4e.id]
    destination_address_prefixes = ["::/0"]
  }

  # zone mgmt -> host palette1: palette/management-platform (inbound): Browser and API access to the management platform; and 2 more flows
  security_rule {
    name                       = "outbound-110-v4"
    description                = "palette/management-platform-443-tcp-in palette/management-platform-443-tcp-in-2"
    priority                   = 110
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefixes = ["10.10.0.0/24"]
    destination_address_prefixes = ["10.10.0.11/32", "10.10.0.12/31"]
  }

  # zone mgmt -> host palette1: palette/management-platform (inbound): Browser and API access to the management platform; and 2 more flows
  security_rule {
    name                       = "outbound-111-v6"
    description                = "palette/management-platform-443-tcp-in palette/management-platform-443-tcp-in-2"
    priority                   = 111
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefixes = ["fd10::/64"]
    destination_address_prefixes = ["fd10::11/128", "fd10::12/127"]
  }

  # zone mgmt -> host palette1: palette/management-platform (inbound): Agents inside the workload clusters connecting to the platform; palette/management-platform (inbound): Message bus for the workload clusters; and 2 more flows
  security_rule {
    name                       = "outbound-112-v4"
    description                = "palette/management-platform-4222-tcp-agents-inside-the palette/management-platform-4222-tcp-message-bus-for"
    priority                   = 112
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "4222"
    source_address_prefixes = ["10.10.0.0/24"]
    destination_address_prefixes = ["10.10.0.11/32", "10.10.0.12/31"]
  }

  # zone mgmt -> host palette1: palette/management-platform (inbound): Agents inside the workload clusters connecting to the platform; palette/management-platform (inbound): Message bus for the workload clusters; and 2 more flows
  security_rule {
    name                       = "outbound-113-v6"
    description                = "palette/management-platform-4222-tcp-agents-inside-the palette/management-platform-4222-tcp-message-bus-for"
    priority                   = 113
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "4222"
    source_address_prefixes = ["fd10::/64"]
    destination_address_prefixes = ["fd10::11/128", "fd10::12/127"]
  }

  # zone mgmt -> host wl-a-cp: palette/workload-cluster (inbound): To troubleshoot cluster nodes remotely, you can open inbound port 22 for SSH.; and 2 more flows
  security_rule {
    name                       = "outbound-114-v4"
    description                = "palette/workload-cluster-22-tcp"
    priority                   = 114
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefixes = ["10.10.0.0/24"]
    destination_address_prefixes = ["10.30.1.10/31", "10.30.2.10/32"]
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
    "portolan-zone" = "mgmt"
  }
}

resource "azurerm_network_security_group" "zone_workload" {
  name                = "portolan-workload"
  location            = var.location
  resource_group_name = var.resource_group_name

  # zone ops -> group hosts:all: management access, topology line 34; and 3 more flows
  security_rule {
    name                       = "inbound-100-v4"
    description                = "palette/workload-cluster-22-tcp topology:management"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefixes = ["10.40.0.0/24"]
    destination_address_prefixes = ["10.30.1.10/31", "10.30.2.10/32"]
  }

  # zone mgmt -> host wl-a-cp: palette/workload-cluster (inbound): To troubleshoot cluster nodes remotely, you can open inbound port 22 for SSH.; and 2 more flows
  security_rule {
    name                       = "inbound-101-v4"
    description                = "palette/workload-cluster-22-tcp"
    priority                   = 101
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefixes = ["10.10.0.0/24"]
    destination_address_prefixes = ["10.30.1.10/31", "10.30.2.10/32"]
  }

  # zone workload -> host wl-a-cp: palette/workload-cluster (inbound): To troubleshoot cluster nodes remotely, you can open inbound port 22 for SSH.; and 2 more flows
  security_rule {
    name                       = "inbound-102-v4"
    description                = "palette/workload-cluster-22-tcp"
    priority                   = 102
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefixes = ["10.30.0.0/16"]
    destination_address_prefixes = ["10.30.1.10/31", "10.30.2.10/32"]
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

  # group hosts:workload -> zone internet: egress, topology line 36; palette/workload-cluster (outbound): vSphere vCenter API, registry (packs, integrations), pack containers, application updates
  security_rule {
    name                       = "outbound-103-v4"
    description                = "palette/workload-cluster-443-tcp-nopeer topology:egress"
    priority                   = 103
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_application_security_group_ids = [azurerm_application_security_group.group_hosts_workload_0fa5bea7.id]
    destination_address_prefixes = ["0.0.0.0/0"]
  }

  # group palette/workload-cluster -> zone internet: palette/workload-cluster (outbound): Registry (packs, integrations), pack containers, application updates
  security_rule {
    name                       = "outbound-104-v4"
    description                = "palette/workload-cluster-4222-tcp-nopeer palette/workload-cluster-4222-tcp-nopeer-2"
    priority                   = 104
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "4222"
    source_application_security_group_ids = [azurerm_application_security_group.group_palette_workload_cluster_19bed513.id]
    destination_address_prefixes = ["0.0.0.0/0"]
  }

  # zone workload -> host palette1: palette/management-platform (inbound): Browser and API access to the management platform; palette/workload-cluster (outbound): API access to the management platform; and 2 more flows
  security_rule {
    name                       = "outbound-105-v4"
    description                = "palette/management-platform-443-tcp-in palette/management-platform-443-tcp-in-2 palette/workload-cluster-443-tcp-management-platform palette"
    priority                   = 105
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefixes = ["10.30.0.0/16"]
    destination_address_prefixes = ["10.10.0.11/32", "10.10.0.12/31"]
  }

  # zone workload -> host palette1: palette/management-platform (inbound): Agents inside the workload clusters connecting to the platform; palette/management-platform (inbound): Message bus for the workload clusters; palette/workload-cluster (outbound): Agent communication over the message bus; and 2 more flows
  security_rule {
    name                       = "outbound-106-v4"
    description                = "palette/management-platform-4222-tcp-agents-inside-the palette/management-platform-4222-tcp-message-bus-for palette/workload-cluster-4222-tc"
    priority                   = 106
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "4222"
    source_address_prefixes = ["10.30.0.0/16"]
    destination_address_prefixes = ["10.10.0.11/32", "10.10.0.12/31"]
  }

  # zone workload -> host wl-a-cp: palette/workload-cluster (inbound): To troubleshoot cluster nodes remotely, you can open inbound port 22 for SSH.; and 2 more flows
  security_rule {
    name                       = "outbound-107-v4"
    description                = "palette/workload-cluster-22-tcp"
    priority                   = 107
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefixes = ["10.30.0.0/16"]
    destination_address_prefixes = ["10.30.1.10/31", "10.30.2.10/32"]
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
    "portolan-zone" = "workload"
  }
}

resource "azurerm_network_security_group" "zone_ops" {
  name                = "portolan-ops"
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

  # zone ops -> group hosts:all: management access, topology line 34
  security_rule {
    name                       = "outbound-100-v4"
    description                = "topology:management"
    priority                   = 100
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefixes = ["10.40.0.0/24"]
    destination_application_security_group_ids = [azurerm_application_security_group.group_hosts_all_44b77471.id]
  }

  # zone ops -> host palette1: palette/management-platform (inbound): Browser and API access to the management platform; and 2 more flows
  security_rule {
    name                       = "outbound-101-v4"
    description                = "palette/management-platform-443-tcp-in palette/management-platform-443-tcp-in-2"
    priority                   = 101
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefixes = ["10.40.0.0/24"]
    destination_address_prefixes = ["10.10.0.11/32", "10.10.0.12/31"]
  }

  # zone ops -> host palette1: palette/management-platform (inbound): Agents inside the workload clusters connecting to the platform; palette/management-platform (inbound): Message bus for the workload clusters; and 2 more flows
  security_rule {
    name                       = "outbound-102-v4"
    description                = "palette/management-platform-4222-tcp-agents-inside-the palette/management-platform-4222-tcp-message-bus-for"
    priority                   = 102
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "4222"
    source_address_prefixes = ["10.40.0.0/24"]
    destination_address_prefixes = ["10.10.0.11/32", "10.10.0.12/31"]
  }

  # zone ops -> host wl-a-cp: palette/workload-cluster (inbound): To troubleshoot cluster nodes remotely, you can open inbound port 22 for SSH.; and 2 more flows
  security_rule {
    name                       = "outbound-103-v4"
    description                = "palette/workload-cluster-22-tcp"
    priority                   = 103
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefixes = ["10.40.0.0/24"]
    destination_address_prefixes = ["10.30.1.10/31", "10.30.2.10/32"]
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
    "portolan-zone" = "ops"
  }
}

output "portolan_nic_application_security_groups" {
  description = "Per host: the application security groups to associate with its NIC"
  value = {
    "palette1" = [azurerm_application_security_group.group_hosts_all_44b77471.id, azurerm_application_security_group.group_palette_management_platform_4c942a4e.id]
    "palette2" = [azurerm_application_security_group.group_hosts_all_44b77471.id, azurerm_application_security_group.group_palette_management_platform_4c942a4e.id]
    "palette3" = [azurerm_application_security_group.group_hosts_all_44b77471.id, azurerm_application_security_group.group_palette_management_platform_4c942a4e.id]
    "wl-a-cp" = [azurerm_application_security_group.group_hosts_all_44b77471.id, azurerm_application_security_group.group_hosts_workload_0fa5bea7.id, azurerm_application_security_group.group_palette_workload_cluster_19bed513.id]
    "wl-a-w1" = [azurerm_application_security_group.group_hosts_all_44b77471.id, azurerm_application_security_group.group_hosts_workload_0fa5bea7.id, azurerm_application_security_group.group_palette_workload_cluster_19bed513.id]
    "wl-b-cp" = [azurerm_application_security_group.group_hosts_all_44b77471.id, azurerm_application_security_group.group_hosts_workload_0fa5bea7.id, azurerm_application_security_group.group_palette_workload_cluster_19bed513.id]
  }
}

