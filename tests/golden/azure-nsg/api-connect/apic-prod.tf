# Portolan: Azure NSGs for topology apic-prod, one per zone (attach to the zone_s subnet)
# Applying this denies every flow, in and out, that no rule below allows.
# WARNING: the topology names no management access: applying this cuts SSH to every host. Name it in the topology:
# management: [{ from: <admin zone or host>, ports: [22/tcp] }]
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

resource "azurerm_application_security_group" "group_api_connect_gateway_0dd85845" {
  name                = "portolan-api-connect-gateway-0dd85845"
  location            = var.location
  resource_group_name = var.resource_group_name
  tags = {
    "managed-by" = "portolan"
    "portolan-group" = "api-connect/gateway"
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

resource "azurerm_network_security_group" "zone_public" {
  name                = "portolan-public"
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

  # zone public -> host gw1: api-connect/gateway (inbound): API request/response: consumers calling the published APIs.; and 2 more flows
  security_rule {
    name                       = "outbound-100-v4"
    description                = "api-connect/gateway-443-tcp api-connect/portal-443-tcp-in-public-zone"
    priority                   = 100
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefixes = ["0.0.0.0/0"]
    destination_address_prefixes = ["172.20.1.11/32", "172.20.1.12/32", "172.20.2.20/32"]
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
    "portolan-zone" = "public"
  }
}

resource "azurerm_network_security_group" "zone_protected" {
  name                = "portolan-protected"
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

  # zone protected -> host a7s: api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH; and 4 more flows
  security_rule {
    name                       = "outbound-100-v4"
    description                = "api-connect/analytics-22-tcp api-connect/gateway-22-tcp api-connect/management-22-tcp-both api-connect/management-22-tcp-in-cloud-manager-in"
    priority                   = 100
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefixes = ["10.100.0.0/16"]
    destination_address_prefixes = ["172.20.1.11/32", "172.20.1.12/32", "172.20.2.10/32", "172.20.2.20/32", "172.20.2.30/32"]
  }

  # zone protected -> host a7s: api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; and 2 more flows
  security_rule {
    name                       = "outbound-101-v4"
    description                = "api-connect/analytics-443-tcp-both api-connect/management-443-tcp-both-nopeer api-connect/management-443-tcp-in-protected-zone-api-manager-i"
    priority                   = 101
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefixes = ["10.100.0.0/16"]
    destination_address_prefixes = ["172.20.2.10/32", "172.20.2.20/32", "172.20.2.30/32"]
  }

  # zone protected -> host gw1: api-connect/gateway (inbound): 3000 (inbound) HTTPS, local endpoint of the Gateway Service (configurable); and 1 more flows
  security_rule {
    name                       = "outbound-102-v4"
    description                = "api-connect/gateway-3000-tcp"
    priority                   = 102
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "3000"
    source_address_prefixes = ["10.100.0.0/16"]
    destination_address_prefixes = ["172.20.1.11/32", "172.20.1.12/32"]
  }

  # zone protected -> host gw1: api-connect/gateway (inbound): DataPower administration: internal operators managing the Gateway servers.; and 1 more flows
  security_rule {
    name                       = "outbound-103-v4"
    description                = "api-connect/gateway-9090-tcp-protected-zone"
    priority                   = 103
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "9090"
    source_address_prefixes = ["10.100.0.0/16"]
    destination_address_prefixes = ["172.20.1.11/32", "172.20.1.12/32"]
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
    "portolan-zone" = "protected"
  }
}

resource "azurerm_network_security_group" "zone_gateway" {
  name                = "portolan-gateway"
  location            = var.location
  resource_group_name = var.resource_group_name

  # zone gateway -> host gw1: api-connect/gateway (inbound): 3000 (inbound) HTTPS, local endpoint of the Gateway Service (configurable); and 1 more flows
  security_rule {
    name                       = "inbound-100-v4"
    description                = "api-connect/gateway-3000-tcp"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "3000"
    source_address_prefixes = ["172.20.1.0/24"]
    destination_address_prefixes = ["172.20.1.11/32", "172.20.1.12/32"]
  }

  # zone management -> host gw1: api-connect/gateway (inbound): 3000 (inbound) HTTPS, local endpoint of the Gateway Service (configurable); api-connect/management (bidirectional): Configuration push: Management and Gateway servers talk in both directions.; and 1 more flows
  security_rule {
    name                       = "inbound-101-v4"
    description                = "api-connect/gateway-3000-tcp api-connect/management-3000-tcp"
    priority                   = 101
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "3000"
    source_address_prefixes = ["172.20.2.0/24"]
    destination_address_prefixes = ["172.20.1.11/32", "172.20.1.12/32"]
  }

  # zone protected -> host gw1: api-connect/gateway (inbound): DataPower administration: internal operators managing the Gateway servers.; and 1 more flows
  security_rule {
    name                       = "inbound-102-v4"
    description                = "api-connect/gateway-22-tcp"
    priority                   = 102
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefixes = ["10.100.0.0/16"]
    destination_address_prefixes = ["172.20.1.11/32", "172.20.1.12/32"]
  }

  # zone protected -> host gw1: api-connect/gateway (inbound): 3000 (inbound) HTTPS, local endpoint of the Gateway Service (configurable); and 1 more flows
  security_rule {
    name                       = "inbound-103-v4"
    description                = "api-connect/gateway-3000-tcp"
    priority                   = 103
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "3000"
    source_address_prefixes = ["10.100.0.0/16"]
    destination_address_prefixes = ["172.20.1.11/32", "172.20.1.12/32"]
  }

  # zone protected -> host gw1: api-connect/gateway (inbound): DataPower administration: internal operators managing the Gateway servers.; and 1 more flows
  security_rule {
    name                       = "inbound-104-v4"
    description                = "api-connect/gateway-9090-tcp-protected-zone"
    priority                   = 104
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "9090"
    source_address_prefixes = ["10.100.0.0/16"]
    destination_address_prefixes = ["172.20.1.11/32", "172.20.1.12/32"]
  }

  # zone public -> host gw1: api-connect/gateway (inbound): API request/response: consumers calling the published APIs.; and 1 more flows
  security_rule {
    name                       = "inbound-105-v4"
    description                = "api-connect/gateway-443-tcp"
    priority                   = 105
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefixes = ["0.0.0.0/0"]
    destination_address_prefixes = ["172.20.1.11/32", "172.20.1.12/32"]
  }

  # host mgmt -> host gw1: api-connect/management (bidirectional): Configuration push: Management and Gateway servers talk in both directions.; and 1 more flows
  security_rule {
    name                       = "inbound-106-v4"
    description                = "api-connect/management-443-tcp-both-gateway"
    priority                   = 106
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefixes = ["172.20.2.10/32"]
    destination_address_prefixes = ["172.20.1.11/32", "172.20.1.12/32"]
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

  # zone gateway -> host a7s: api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH; and 2 more flows
  security_rule {
    name                       = "outbound-103-v4"
    description                = "api-connect/analytics-22-tcp api-connect/management-22-tcp-both api-connect/portal-22-tcp"
    priority                   = 103
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefixes = ["172.20.1.0/24"]
    destination_address_prefixes = ["172.20.2.10/32", "172.20.2.20/32", "172.20.2.30/32"]
  }

  # zone gateway -> host a7s: api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; api-connect/analytics (inbound): Gateway servers send API event data to the Analytics service.; and 2 more flows
  security_rule {
    name                       = "outbound-104-v4"
    description                = "api-connect/analytics-443-tcp-both api-connect/analytics-443-tcp-in-gateway api-connect/management-443-tcp-both-gateway api-connect/manageme"
    priority                   = 104
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefixes = ["172.20.1.0/24"]
    destination_address_prefixes = ["172.20.2.10/32", "172.20.2.20/32", "172.20.2.30/32"]
  }

  # zone gateway -> host gw1: api-connect/gateway (inbound): 3000 (inbound) HTTPS, local endpoint of the Gateway Service (configurable); and 1 more flows
  security_rule {
    name                       = "outbound-105-v4"
    description                = "api-connect/gateway-3000-tcp"
    priority                   = 105
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "3000"
    source_address_prefixes = ["172.20.1.0/24"]
    destination_address_prefixes = ["172.20.1.11/32", "172.20.1.12/32"]
  }

  # group api-connect/gateway -> host mgmt: api-connect/management (bidirectional): Configuration push: Management and Gateway servers talk in both directions.
  security_rule {
    name                       = "outbound-106-v4"
    description                = "api-connect/management-3000-tcp"
    priority                   = 106
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "3000"
    source_application_security_group_ids = [azurerm_application_security_group.group_api_connect_gateway_0dd85845.id]
    destination_address_prefixes = ["172.20.2.10/32"]
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
    "portolan-zone" = "gateway"
  }
}

resource "azurerm_network_security_group" "zone_management" {
  name                = "portolan-management"
  location            = var.location
  resource_group_name = var.resource_group_name

  # zone gateway -> host a7s: api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH; and 2 more flows
  security_rule {
    name                       = "inbound-100-v4"
    description                = "api-connect/analytics-22-tcp api-connect/management-22-tcp-both api-connect/portal-22-tcp"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefixes = ["172.20.1.0/24"]
    destination_address_prefixes = ["172.20.2.10/32", "172.20.2.20/32", "172.20.2.30/32"]
  }

  # zone gateway -> host a7s: api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; api-connect/analytics (inbound): Gateway servers send API event data to the Analytics service.; and 2 more flows
  security_rule {
    name                       = "inbound-101-v4"
    description                = "api-connect/analytics-443-tcp-both api-connect/analytics-443-tcp-in-gateway api-connect/management-443-tcp-both-gateway api-connect/manageme"
    priority                   = 101
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefixes = ["172.20.1.0/24"]
    destination_address_prefixes = ["172.20.2.10/32", "172.20.2.20/32", "172.20.2.30/32"]
  }

  # zone management -> host a7s: api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH; api-connect/management (bidirectional): 22 (inbound and outbound) SSH; api-connect/portal (bidirectional): 22 (inbound and outbound) SSH; and 2 more flows
  security_rule {
    name                       = "inbound-102-v4"
    description                = "api-connect/analytics-22-tcp api-connect/management-22-tcp-both api-connect/portal-22-tcp"
    priority                   = 102
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefixes = ["172.20.2.0/24"]
    destination_address_prefixes = ["172.20.2.10/32", "172.20.2.20/32", "172.20.2.30/32"]
  }

  # zone management -> host a7s: api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; api-connect/management (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; api-connect/analytics (inbound): The Management service queries the Analytics service.; api-connect/portal (bidirectional): 443 (i
  security_rule {
    name                       = "inbound-103-v4"
    description                = "api-connect/analytics-443-tcp-both api-connect/analytics-443-tcp-in-management api-connect/analytics-443-tcp-in-portal api-connect/managemen"
    priority                   = 103
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefixes = ["172.20.2.0/24"]
    destination_address_prefixes = ["172.20.2.10/32", "172.20.2.20/32", "172.20.2.30/32"]
  }

  # zone protected -> host a7s: api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH; and 2 more flows
  security_rule {
    name                       = "inbound-104-v4"
    description                = "api-connect/analytics-22-tcp api-connect/management-22-tcp-both api-connect/management-22-tcp-in-cloud-manager-internal api-connect/manageme"
    priority                   = 104
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefixes = ["10.100.0.0/16"]
    destination_address_prefixes = ["172.20.2.10/32", "172.20.2.20/32", "172.20.2.30/32"]
  }

  # zone protected -> host a7s: api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; and 2 more flows
  security_rule {
    name                       = "inbound-105-v4"
    description                = "api-connect/analytics-443-tcp-both api-connect/management-443-tcp-both-nopeer api-connect/management-443-tcp-in-protected-zone-api-manager-i"
    priority                   = 105
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefixes = ["10.100.0.0/16"]
    destination_address_prefixes = ["172.20.2.10/32", "172.20.2.20/32", "172.20.2.30/32"]
  }

  # group api-connect/gateway -> host mgmt: api-connect/management (bidirectional): Configuration push: Management and Gateway servers talk in both directions.
  security_rule {
    name                       = "inbound-106-v4"
    description                = "api-connect/management-3000-tcp"
    priority                   = 106
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "3000"
    source_application_security_group_ids = [azurerm_application_security_group.group_api_connect_gateway_0dd85845.id]
    destination_address_prefixes = ["172.20.2.10/32"]
  }

  # zone public -> host ptl: api-connect/portal (inbound): Developer Portal: developers outside the organization using the portal.
  security_rule {
    name                       = "inbound-107-v4"
    description                = "api-connect/portal-443-tcp-in-public-zone"
    priority                   = 107
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefixes = ["0.0.0.0/0"]
    destination_address_prefixes = ["172.20.2.20/32"]
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

  # host a7s -> zone gateway: api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH; and 2 more flows
  security_rule {
    name                       = "outbound-103-v4"
    description                = "api-connect/analytics-22-tcp"
    priority                   = 103
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefixes = ["172.20.2.30/32"]
    destination_address_prefixes = ["10.100.0.0/16", "172.20.1.0/24", "172.20.2.0/24"]
  }

  # host a7s -> zone gateway: api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; and 2 more flows
  security_rule {
    name                       = "outbound-104-v4"
    description                = "api-connect/analytics-443-tcp-both"
    priority                   = 104
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefixes = ["172.20.2.30/32"]
    destination_address_prefixes = ["10.100.0.0/16", "172.20.1.0/24", "172.20.2.0/24"]
  }

  # host mgmt -> zone gateway: api-connect/management (bidirectional): 22 (inbound and outbound) SSH; and 2 more flows
  security_rule {
    name                       = "outbound-105-v4"
    description                = "api-connect/management-22-tcp-both"
    priority                   = 105
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefixes = ["172.20.2.10/32"]
    destination_address_prefixes = ["10.100.0.0/16", "172.20.1.0/24", "172.20.2.0/24"]
  }

  # host mgmt -> zone gateway: api-connect/management (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; and 4 more flows
  security_rule {
    name                       = "outbound-106-v4"
    description                = "api-connect/management-443-tcp-both-gateway api-connect/management-443-tcp-both-nopeer"
    priority                   = 106
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefixes = ["172.20.2.10/32"]
    destination_address_prefixes = ["10.100.0.0/16", "172.20.1.0/24", "172.20.2.0/24"]
  }

  # host ptl -> zone gateway: api-connect/portal (bidirectional): 22 (inbound and outbound) SSH; and 2 more flows
  security_rule {
    name                       = "outbound-107-v4"
    description                = "api-connect/portal-22-tcp"
    priority                   = 107
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefixes = ["172.20.2.20/32"]
    destination_address_prefixes = ["10.100.0.0/16", "172.20.1.0/24", "172.20.2.0/24"]
  }

  # host ptl -> zone gateway: api-connect/portal (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; and 2 more flows
  security_rule {
    name                       = "outbound-108-v4"
    description                = "api-connect/portal-443-tcp-both"
    priority                   = 108
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefixes = ["172.20.2.20/32"]
    destination_address_prefixes = ["10.100.0.0/16", "172.20.1.0/24", "172.20.2.0/24"]
  }

  # host a7s -> zone protected: api-connect/analytics (outbound): 123 (outbound) NTP
  security_rule {
    name                       = "outbound-109-v4"
    description                = "api-connect/analytics-123-udp"
    priority                   = 109
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Udp"
    source_port_range          = "*"
    destination_port_range     = "123"
    source_address_prefixes = ["172.20.2.30/32"]
    destination_address_prefixes = ["10.100.0.0/16"]
  }

  # host mgmt -> zone protected: api-connect/management (outbound): 123 (outbound) NTP
  security_rule {
    name                       = "outbound-110-v4"
    description                = "api-connect/management-123-udp"
    priority                   = 110
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Udp"
    source_port_range          = "*"
    destination_port_range     = "123"
    source_address_prefixes = ["172.20.2.10/32"]
    destination_address_prefixes = ["10.100.0.0/16"]
  }

  # host ptl -> zone protected: api-connect/portal (outbound): 123 (outbound) NTP
  security_rule {
    name                       = "outbound-111-v4"
    description                = "api-connect/portal-123-udp"
    priority                   = 111
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Udp"
    source_port_range          = "*"
    destination_port_range     = "123"
    source_address_prefixes = ["172.20.2.20/32"]
    destination_address_prefixes = ["10.100.0.0/16"]
  }

  # zone management -> host a7s: api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH; api-connect/management (bidirectional): 22 (inbound and outbound) SSH; api-connect/portal (bidirectional): 22 (inbound and outbound) SSH; and 2 more flows
  security_rule {
    name                       = "outbound-112-v4"
    description                = "api-connect/analytics-22-tcp api-connect/management-22-tcp-both api-connect/portal-22-tcp"
    priority                   = 112
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefixes = ["172.20.2.0/24"]
    destination_address_prefixes = ["172.20.2.10/32", "172.20.2.20/32", "172.20.2.30/32"]
  }

  # zone management -> host a7s: api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; api-connect/management (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; api-connect/analytics (inbound): The Management service queries the Analytics service.; api-connect/portal (bidirectional): 443 (i
  security_rule {
    name                       = "outbound-113-v4"
    description                = "api-connect/analytics-443-tcp-both api-connect/analytics-443-tcp-in-management api-connect/analytics-443-tcp-in-portal api-connect/managemen"
    priority                   = 113
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefixes = ["172.20.2.0/24"]
    destination_address_prefixes = ["172.20.2.10/32", "172.20.2.20/32", "172.20.2.30/32"]
  }

  # zone management -> host gw1: api-connect/gateway (inbound): 3000 (inbound) HTTPS, local endpoint of the Gateway Service (configurable); api-connect/management (bidirectional): Configuration push: Management and Gateway servers talk in both directions.; and 1 more flows
  security_rule {
    name                       = "outbound-114-v4"
    description                = "api-connect/gateway-3000-tcp api-connect/management-3000-tcp"
    priority                   = 114
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "3000"
    source_address_prefixes = ["172.20.2.0/24"]
    destination_address_prefixes = ["172.20.1.11/32", "172.20.1.12/32"]
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
    "portolan-zone" = "management"
  }
}

output "portolan_nic_application_security_groups" {
  description = "Per host: the application security groups to associate with its NIC"
  value = {
    "gw1" = [azurerm_application_security_group.group_api_connect_gateway_0dd85845.id, azurerm_application_security_group.group_hosts_all_44b77471.id]
    "gw2" = [azurerm_application_security_group.group_api_connect_gateway_0dd85845.id, azurerm_application_security_group.group_hosts_all_44b77471.id]
    "mgmt" = [azurerm_application_security_group.group_hosts_all_44b77471.id]
    "ptl" = [azurerm_application_security_group.group_hosts_all_44b77471.id]
    "a7s" = [azurerm_application_security_group.group_hosts_all_44b77471.id]
  }
}

