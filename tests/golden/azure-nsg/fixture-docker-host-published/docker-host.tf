# Portolan: Azure NSGs for topology docker-host, one per zone (attach to the zone_s subnet)
# Applying this denies every flow, in and out, that no rule below allows.
# Stays open for management: 22/tcp from zone vpn to group hosts:all.
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

resource "azurerm_application_security_group" "group_hosts_all_44b77471" {
  name                = "portolan-hosts-all-44b77471"
  location            = var.location
  resource_group_name = var.resource_group_name
  tags = {
    "managed-by" = "portolan"
    "portolan-group" = "hosts:all"
  }
}

resource "azurerm_network_security_group" "zone_vpn" {
  name                = "portolan-vpn"
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

  # zone vpn -> group hosts:all: management access, topology line 12
  security_rule {
    name                       = "outbound-100-v4"
    description                = "topology:management"
    priority                   = 100
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefixes = ["10.9.0.0/24"]
    destination_application_security_group_ids = [azurerm_application_security_group.group_hosts_all_44b77471.id]
  }

  # zone vpn -> group hosts:all: management access, topology line 12
  security_rule {
    name                       = "outbound-101-v6"
    description                = "topology:management"
    priority                   = 101
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefixes = ["fd00:9::/64"]
    destination_application_security_group_ids = [azurerm_application_security_group.group_hosts_all_44b77471.id]
  }

  # zone vpn -> host tools: service dashboard, topology line 14
  security_rule {
    name                       = "outbound-102-v4"
    description                = "topology:service"
    priority                   = 102
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "8443"
    source_address_prefixes = ["10.9.0.0/24"]
    destination_address_prefixes = ["10.0.0.5/32"]
  }

  # zone vpn -> host tools: service dashboard, topology line 14
  security_rule {
    name                       = "outbound-103-v6"
    description                = "topology:service"
    priority                   = 103
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "8443"
    source_address_prefixes = ["fd00:9::/64"]
    destination_address_prefixes = ["fd00:1::5/128"]
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
    "portolan-zone" = "vpn"
  }
}

resource "azurerm_network_security_group" "zone_srv" {
  name                = "portolan-srv"
  location            = var.location
  resource_group_name = var.resource_group_name

  # zone vpn -> group hosts:all: management access, topology line 12
  security_rule {
    name                       = "inbound-100-v4"
    description                = "topology:management"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefixes = ["10.9.0.0/24"]
    destination_address_prefixes = ["10.0.0.5/32", "10.0.0.6/32"]
  }

  # zone vpn -> group hosts:all: management access, topology line 12
  security_rule {
    name                       = "inbound-101-v6"
    description                = "topology:management"
    priority                   = 101
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefixes = ["fd00:9::/64"]
    destination_address_prefixes = ["fd00:1::5/128"]
  }

  # host tools -> host db: service postgres, topology line 16
  security_rule {
    name                       = "inbound-102-v4"
    description                = "topology:service"
    priority                   = 102
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "5432"
    source_address_prefixes = ["10.0.0.5/32"]
    destination_address_prefixes = ["10.0.0.6/32"]
  }

  # zone srv -> host tools: service metrics relay, topology line 15
  security_rule {
    name                       = "inbound-103-v4"
    description                = "topology:service"
    priority                   = 103
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Udp"
    source_port_range          = "*"
    destination_port_range     = "8125-8126"
    source_address_prefixes = ["10.0.0.0/24"]
    destination_address_prefixes = ["10.0.0.5/32"]
  }

  # zone srv -> host tools: service metrics relay, topology line 15
  security_rule {
    name                       = "inbound-104-v6"
    description                = "topology:service"
    priority                   = 104
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Udp"
    source_port_range          = "*"
    destination_port_range     = "8125-8126"
    source_address_prefixes = ["fd00:1::/64"]
    destination_address_prefixes = ["fd00:1::5/128"]
  }

  # zone vpn -> host tools: service dashboard, topology line 14
  security_rule {
    name                       = "inbound-105-v4"
    description                = "topology:service"
    priority                   = 105
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "8443"
    source_address_prefixes = ["10.9.0.0/24"]
    destination_address_prefixes = ["10.0.0.5/32"]
  }

  # zone vpn -> host tools: service dashboard, topology line 14
  security_rule {
    name                       = "inbound-106-v6"
    description                = "topology:service"
    priority                   = 106
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "8443"
    source_address_prefixes = ["fd00:9::/64"]
    destination_address_prefixes = ["fd00:1::5/128"]
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

  # host tools -> host db: service postgres, topology line 16
  security_rule {
    name                       = "outbound-106-v4"
    description                = "topology:service"
    priority                   = 106
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "5432"
    source_address_prefixes = ["10.0.0.5/32"]
    destination_address_prefixes = ["10.0.0.6/32"]
  }

  # zone srv -> host tools: service metrics relay, topology line 15
  security_rule {
    name                       = "outbound-107-v4"
    description                = "topology:service"
    priority                   = 107
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Udp"
    source_port_range          = "*"
    destination_port_range     = "8125-8126"
    source_address_prefixes = ["10.0.0.0/24"]
    destination_address_prefixes = ["10.0.0.5/32"]
  }

  # zone srv -> host tools: service metrics relay, topology line 15
  security_rule {
    name                       = "outbound-108-v6"
    description                = "topology:service"
    priority                   = 108
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Udp"
    source_port_range          = "*"
    destination_port_range     = "8125-8126"
    source_address_prefixes = ["fd00:1::/64"]
    destination_address_prefixes = ["fd00:1::5/128"]
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
    "portolan-zone" = "srv"
  }
}

output "portolan_nic_application_security_groups" {
  description = "Per host: the application security groups to associate with its NIC"
  value = {
    "tools" = [azurerm_application_security_group.group_hosts_all_44b77471.id]
    "db" = [azurerm_application_security_group.group_hosts_all_44b77471.id]
  }
}

