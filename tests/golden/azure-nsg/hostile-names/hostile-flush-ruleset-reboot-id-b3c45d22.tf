# Portolan: Azure NSGs for topology hostile_; flush ruleset # _(reboot) _id_, one per zone (attach to the zone_s subnet)
# Applying this denies every flow, in and out, that no rule below allows.
# Stays open for management: 22/tcp from zone corp__(touch /tmp/pwned)_ COMMIT to group hosts:all.
# Stays open outbound (DNS, NTP, topology egress): 123/udp to any, 53/udp to host infra --comment _x_ -j ACCEPT; drop table inet portolan.
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

resource "azurerm_application_security_group" "group_openlm_cl_ster_var_if_x_b_b_fd38bd9e" {
  name                = "portolan-openlm-cl-ster-var-if-x-b-b-fd38bd9e"
  location            = var.location
  resource_group_name = var.resource_group_name
  tags = {
    "managed-by" = "portolan"
    "portolan-group" = "openlm@cl?ster _{var} %%{if x} <b>|</b>"
  }
}

resource "azurerm_network_security_group" "zone_internet_accept_5326bdbc" {
  name                = "portolan-internet-accept-5326bdbc"
  location            = var.location
  resource_group_name = var.resource_group_name

  # zone corp__(touch /tmp/pwned)_ COMMIT -> group hosts:all: management access, topology line 33
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

  # group hosts:all -> any: NTP to any address (the topology names no NTP egress)
  security_rule {
    name                       = "outbound-101-v6"
    description                = "topology:ntp"
    priority                   = 101
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Udp"
    source_port_range          = "*"
    destination_port_range     = "123"
    source_application_security_group_ids = [azurerm_application_security_group.group_hosts_all_44b77471.id]
    destination_address_prefix = "*"
  }

  # zone internet_; accept # -> host cp1_id_; -A INPUT -j ACCEPT: openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/in
  security_rule {
    name                       = "outbound-102-v4"
    description                = "openlm/ingress-443-tcp-broker openlm/ingress-443-tcp-directory-sync-agent openlm/ingress-443-tcp-nopeer openlm/ingress-443-tcp-web-ui openlm"
    priority                   = 102
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefixes = ["0.0.0.0/0"]
    destination_address_prefixes = ["10.0.0.10/32"]
  }

  # zone internet_; accept # -> host cp1_id_; -A INPUT -j ACCEPT: openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/in
  security_rule {
    name                       = "outbound-103-v6"
    description                = "openlm/ingress-443-tcp-broker openlm/ingress-443-tcp-directory-sync-agent openlm/ingress-443-tcp-nopeer openlm/ingress-443-tcp-web-ui openlm"
    priority                   = 103
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefixes = ["::/0"]
    destination_address_prefixes = ["fd00::10/128"]
  }

  # group openlm -> host cp1_id_; -A INPUT -j ACCEPT: openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS; openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.
  security_rule {
    name                       = "outbound-104-v4"
    description                = "openlm/control-plane-80-tcp openlm/ingress-80-tcp-nopeer"
    priority                   = 104
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "80"
    source_application_security_group_ids = [azurerm_application_security_group.group_openlm.id]
    destination_address_prefixes = ["10.0.0.10/32"]
  }

  # group openlm -> host cp1_id_; -A INPUT -j ACCEPT: openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS; openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.
  security_rule {
    name                       = "outbound-105-v6"
    description                = "openlm/control-plane-80-tcp openlm/ingress-80-tcp-nopeer"
    priority                   = 105
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "80"
    source_application_security_group_ids = [azurerm_application_security_group.group_openlm.id]
    destination_address_prefixes = ["fd00::10/128"]
  }

  # group openlm -> host cp1_id_; -A INPUT -j ACCEPT: openlm/control-plane (inbound): HTTPS ingress for agents, UI and API; openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.
  security_rule {
    name                       = "outbound-106-v4"
    description                = "openlm/control-plane-443-tcp openlm/ingress-443-tcp-nopeer"
    priority                   = 106
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_application_security_group_ids = [azurerm_application_security_group.group_openlm.id]
    destination_address_prefixes = ["10.0.0.10/32"]
  }

  # group openlm -> host cp1_id_; -A INPUT -j ACCEPT: openlm/control-plane (inbound): HTTPS ingress for agents, UI and API; openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.
  security_rule {
    name                       = "outbound-107-v6"
    description                = "openlm/control-plane-443-tcp openlm/ingress-443-tcp-nopeer"
    priority                   = 107
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_application_security_group_ids = [azurerm_application_security_group.group_openlm.id]
    destination_address_prefixes = ["fd00::10/128"]
  }

  # group hosts:all -> host infra --comment _x_ -j ACCEPT; drop table inet portolan: egress, topology line 34
  security_rule {
    name                       = "outbound-108-v4"
    description                = "topology:egress"
    priority                   = 108
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Udp"
    source_port_range          = "*"
    destination_port_range     = "53"
    source_application_security_group_ids = [azurerm_application_security_group.group_hosts_all_44b77471.id]
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
    "portolan-zone" = "internet_; accept #"
  }
}

resource "azurerm_network_security_group" "zone_corp_touch_tmp_pwned_commit_1852a039" {
  name                = "portolan-corp-touch-tmp-pwned-commit-1852a039"
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

  # zone corp__(touch /tmp/pwned)_ COMMIT -> group hosts:all: management access, topology line 33
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

  # zone corp__(touch /tmp/pwned)_ COMMIT -> group hosts:all: management access, topology line 33
  security_rule {
    name                       = "outbound-101-v6"
    description                = "topology:management"
    priority                   = 101
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefixes = ["fd20::/48"]
    destination_application_security_group_ids = [azurerm_application_security_group.group_hosts_all_44b77471.id]
  }

  # zone corp__(touch /tmp/pwned)_ COMMIT -> host =cmd|_ /C calc_!A0 ?? ???: openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes.; and 2 more flows
  security_rule {
    name                       = "outbound-102-v4"
    description                = "openlm/node-22-tcp"
    priority                   = 102
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefixes = ["10.20.0.0/16"]
    destination_address_prefixes = ["10.0.0.10/31", "10.0.0.20/32"]
  }

  # zone corp__(touch /tmp/pwned)_ COMMIT -> host =cmd|_ /C calc_!A0 ?? ???: openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes.; and 1 more flows
  security_rule {
    name                       = "outbound-103-v6"
    description                = "openlm/node-22-tcp"
    priority                   = 103
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefixes = ["fd20::/48"]
    destination_address_prefixes = ["fd00::10/127"]
  }

  # zone corp__(touch /tmp/pwned)_ COMMIT -> host cp1_id_; -A INPUT -j ACCEPT: openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS; openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.
  security_rule {
    name                       = "outbound-104-v4"
    description                = "openlm/control-plane-80-tcp openlm/ingress-80-tcp-nopeer"
    priority                   = 104
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "80"
    source_address_prefixes = ["10.20.0.0/16"]
    destination_address_prefixes = ["10.0.0.10/32"]
  }

  # zone corp__(touch /tmp/pwned)_ COMMIT -> host cp1_id_; -A INPUT -j ACCEPT: openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS; openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.
  security_rule {
    name                       = "outbound-105-v6"
    description                = "openlm/control-plane-80-tcp openlm/ingress-80-tcp-nopeer"
    priority                   = 105
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "80"
    source_address_prefixes = ["fd20::/48"]
    destination_address_prefixes = ["fd00::10/128"]
  }

  # zone corp__(touch /tmp/pwned)_ COMMIT -> host cp1_id_; -A INPUT -j ACCEPT: openlm/control-plane (inbound): HTTPS ingress for agents, UI and API; openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inb
  security_rule {
    name                       = "outbound-106-v4"
    description                = "openlm/control-plane-443-tcp openlm/ingress-443-tcp-broker openlm/ingress-443-tcp-directory-sync-agent openlm/ingress-443-tcp-nopeer openlm/"
    priority                   = 106
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefixes = ["10.20.0.0/16"]
    destination_address_prefixes = ["10.0.0.10/32"]
  }

  # zone corp__(touch /tmp/pwned)_ COMMIT -> host cp1_id_; -A INPUT -j ACCEPT: openlm/control-plane (inbound): HTTPS ingress for agents, UI and API; openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inb
  security_rule {
    name                       = "outbound-107-v6"
    description                = "openlm/control-plane-443-tcp openlm/ingress-443-tcp-broker openlm/ingress-443-tcp-directory-sync-agent openlm/ingress-443-tcp-nopeer openlm/"
    priority                   = 107
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefixes = ["fd20::/48"]
    destination_address_prefixes = ["fd00::10/128"]
  }

  # zone corp__(touch /tmp/pwned)_ COMMIT -> host infra --comment _x_ -j ACCEPT; drop table inet portolan: openlm/infrastructure (inbound): PostgreSQL NodePort for Power BI and similar reporting tools
  security_rule {
    name                       = "outbound-108-v4"
    description                = "openlm/infrastructure-30432-tcp"
    priority                   = 108
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
    "portolan-zone" = "corp__(touch /tmp/pwned)_ COMMIT"
  }
}

resource "azurerm_network_security_group" "zone_cl_ster_var_if_x_b_b_1b4516d9" {
  name                = "portolan-cl-ster-var-if-x-b-b-1b4516d9"
  location            = var.location
  resource_group_name = var.resource_group_name

  # zone corp__(touch /tmp/pwned)_ COMMIT -> group hosts:all: management access, topology line 33; and 3 more flows
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
    destination_address_prefixes = ["10.0.0.10/31", "10.0.0.20/32"]
  }

  # zone corp__(touch /tmp/pwned)_ COMMIT -> group hosts:all: management access, topology line 33; and 2 more flows
  security_rule {
    name                       = "inbound-101-v6"
    description                = "openlm/node-22-tcp topology:management"
    priority                   = 101
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefixes = ["fd20::/48"]
    destination_address_prefixes = ["fd00::10/127"]
  }

  # zone cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ???: openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes.; and 2 more flows
  security_rule {
    name                       = "inbound-102-v4"
    description                = "openlm/node-22-tcp"
    priority                   = 102
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefixes = ["10.0.0.0/22"]
    destination_address_prefixes = ["10.0.0.10/31", "10.0.0.20/32"]
  }

  # zone cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ???: openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes.; and 1 more flows
  security_rule {
    name                       = "inbound-103-v6"
    description                = "openlm/node-22-tcp"
    priority                   = 103
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefixes = ["fd00::/64"]
    destination_address_prefixes = ["fd00::10/127"]
  }

  # group openlm@cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ???: openlm/node (internal): Kubernetes API server; and 2 more flows
  security_rule {
    name                       = "inbound-104-v4"
    description                = "openlm/node-6443-tcp"
    priority                   = 104
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "6443"
    source_application_security_group_ids = [azurerm_application_security_group.group_openlm_cl_ster_var_if_x_b_b_fd38bd9e.id]
    destination_address_prefixes = ["10.0.0.10/31", "10.0.0.20/32"]
  }

  # group openlm@cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ???: openlm/node (internal): Kubernetes API server; and 1 more flows
  security_rule {
    name                       = "inbound-105-v6"
    description                = "openlm/node-6443-tcp"
    priority                   = 105
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "6443"
    source_application_security_group_ids = [azurerm_application_security_group.group_openlm_cl_ster_var_if_x_b_b_fd38bd9e.id]
    destination_address_prefixes = ["fd00::10/127"]
  }

  # group openlm@cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ???: openlm/node (internal): Kubelet metrics; and 2 more flows
  security_rule {
    name                       = "inbound-106-v4"
    description                = "openlm/node-10250-tcp"
    priority                   = 106
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "10250"
    source_application_security_group_ids = [azurerm_application_security_group.group_openlm_cl_ster_var_if_x_b_b_fd38bd9e.id]
    destination_address_prefixes = ["10.0.0.10/31", "10.0.0.20/32"]
  }

  # group openlm@cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ???: openlm/node (internal): Kubelet metrics; and 1 more flows
  security_rule {
    name                       = "inbound-107-v6"
    description                = "openlm/node-10250-tcp"
    priority                   = 107
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "10250"
    source_application_security_group_ids = [azurerm_application_security_group.group_openlm_cl_ster_var_if_x_b_b_fd38bd9e.id]
    destination_address_prefixes = ["fd00::10/127"]
  }

  # group openlm@cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ???: openlm/node (internal): Flannel VXLAN overlay; and 2 more flows
  security_rule {
    name                       = "inbound-108-v4"
    description                = "openlm/node-8472-udp"
    priority                   = 108
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Udp"
    source_port_range          = "*"
    destination_port_range     = "8472"
    source_application_security_group_ids = [azurerm_application_security_group.group_openlm_cl_ster_var_if_x_b_b_fd38bd9e.id]
    destination_address_prefixes = ["10.0.0.10/31", "10.0.0.20/32"]
  }

  # group openlm@cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ???: openlm/node (internal): Flannel VXLAN overlay; and 1 more flows
  security_rule {
    name                       = "inbound-109-v6"
    description                = "openlm/node-8472-udp"
    priority                   = 109
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Udp"
    source_port_range          = "*"
    destination_port_range     = "8472"
    source_application_security_group_ids = [azurerm_application_security_group.group_openlm_cl_ster_var_if_x_b_b_fd38bd9e.id]
    destination_address_prefixes = ["fd00::10/127"]
  }

  # group openlm@cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ???: openlm/node (internal): Flannel WireGuard backend (if enabled); and 2 more flows
  security_rule {
    name                       = "inbound-110-v4"
    description                = "openlm/node-51820-udp"
    priority                   = 110
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Udp"
    source_port_range          = "*"
    destination_port_range     = "51820"
    source_application_security_group_ids = [azurerm_application_security_group.group_openlm_cl_ster_var_if_x_b_b_fd38bd9e.id]
    destination_address_prefixes = ["10.0.0.10/31", "10.0.0.20/32"]
  }

  # group openlm@cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ???: openlm/node (internal): Flannel WireGuard backend (if enabled); and 1 more flows
  security_rule {
    name                       = "inbound-111-v6"
    description                = "openlm/node-51820-udp"
    priority                   = 111
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Udp"
    source_port_range          = "*"
    destination_port_range     = "51820"
    source_application_security_group_ids = [azurerm_application_security_group.group_openlm_cl_ster_var_if_x_b_b_fd38bd9e.id]
    destination_address_prefixes = ["fd00::10/127"]
  }

  # zone cl?ster _{var} %{if x} <b>|</b> -> host cp1_id_; -A INPUT -j ACCEPT: openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.; openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS
  security_rule {
    name                       = "inbound-112-v4"
    description                = "openlm/control-plane-80-tcp openlm/ingress-80-tcp-nopeer"
    priority                   = 112
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "80"
    source_address_prefixes = ["10.0.0.0/22"]
    destination_address_prefixes = ["10.0.0.10/32"]
  }

  # zone cl?ster _{var} %{if x} <b>|</b> -> host cp1_id_; -A INPUT -j ACCEPT: openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.; openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS
  security_rule {
    name                       = "inbound-113-v6"
    description                = "openlm/control-plane-80-tcp openlm/ingress-80-tcp-nopeer"
    priority                   = 113
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "80"
    source_address_prefixes = ["fd00::/64"]
    destination_address_prefixes = ["fd00::10/128"]
  }

  # zone corp__(touch /tmp/pwned)_ COMMIT -> host cp1_id_; -A INPUT -j ACCEPT: openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS; openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.
  security_rule {
    name                       = "inbound-114-v4"
    description                = "openlm/control-plane-80-tcp openlm/ingress-80-tcp-nopeer"
    priority                   = 114
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "80"
    source_address_prefixes = ["10.20.0.0/16"]
    destination_address_prefixes = ["10.0.0.10/32"]
  }

  # zone corp__(touch /tmp/pwned)_ COMMIT -> host cp1_id_; -A INPUT -j ACCEPT: openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS; openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.
  security_rule {
    name                       = "inbound-115-v6"
    description                = "openlm/control-plane-80-tcp openlm/ingress-80-tcp-nopeer"
    priority                   = 115
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "80"
    source_address_prefixes = ["fd20::/48"]
    destination_address_prefixes = ["fd00::10/128"]
  }

  # zone corp__(touch /tmp/pwned)_ COMMIT -> host cp1_id_; -A INPUT -j ACCEPT: openlm/control-plane (inbound): HTTPS ingress for agents, UI and API; openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inb
  security_rule {
    name                       = "inbound-116-v4"
    description                = "openlm/control-plane-443-tcp openlm/ingress-443-tcp-broker openlm/ingress-443-tcp-directory-sync-agent openlm/ingress-443-tcp-nopeer openlm/"
    priority                   = 116
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefixes = ["10.20.0.0/16"]
    destination_address_prefixes = ["10.0.0.10/32"]
  }

  # zone corp__(touch /tmp/pwned)_ COMMIT -> host cp1_id_; -A INPUT -j ACCEPT: openlm/control-plane (inbound): HTTPS ingress for agents, UI and API; openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inb
  security_rule {
    name                       = "inbound-117-v6"
    description                = "openlm/control-plane-443-tcp openlm/ingress-443-tcp-broker openlm/ingress-443-tcp-directory-sync-agent openlm/ingress-443-tcp-nopeer openlm/"
    priority                   = 117
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefixes = ["fd20::/48"]
    destination_address_prefixes = ["fd00::10/128"]
  }

  # zone internet_; accept # -> host cp1_id_; -A INPUT -j ACCEPT: openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/in
  security_rule {
    name                       = "inbound-118-v4"
    description                = "openlm/ingress-443-tcp-broker openlm/ingress-443-tcp-directory-sync-agent openlm/ingress-443-tcp-nopeer openlm/ingress-443-tcp-web-ui openlm"
    priority                   = 118
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefixes = ["0.0.0.0/0"]
    destination_address_prefixes = ["10.0.0.10/32"]
  }

  # zone internet_; accept # -> host cp1_id_; -A INPUT -j ACCEPT: openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/in
  security_rule {
    name                       = "inbound-119-v6"
    description                = "openlm/ingress-443-tcp-broker openlm/ingress-443-tcp-directory-sync-agent openlm/ingress-443-tcp-nopeer openlm/ingress-443-tcp-web-ui openlm"
    priority                   = 119
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefixes = ["::/0"]
    destination_address_prefixes = ["fd00::10/128"]
  }

  # group openlm -> host cp1_id_; -A INPUT -j ACCEPT: openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS; openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.
  security_rule {
    name                       = "inbound-120-v4"
    description                = "openlm/control-plane-80-tcp openlm/ingress-80-tcp-nopeer"
    priority                   = 120
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "80"
    source_application_security_group_ids = [azurerm_application_security_group.group_openlm.id]
    destination_address_prefixes = ["10.0.0.10/32"]
  }

  # group openlm -> host cp1_id_; -A INPUT -j ACCEPT: openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS; openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.
  security_rule {
    name                       = "inbound-121-v6"
    description                = "openlm/control-plane-80-tcp openlm/ingress-80-tcp-nopeer"
    priority                   = 121
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "80"
    source_application_security_group_ids = [azurerm_application_security_group.group_openlm.id]
    destination_address_prefixes = ["fd00::10/128"]
  }

  # group openlm -> host cp1_id_; -A INPUT -j ACCEPT: openlm/control-plane (inbound): HTTPS ingress for agents, UI and API; openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.
  security_rule {
    name                       = "inbound-122-v4"
    description                = "openlm/control-plane-443-tcp openlm/ingress-443-tcp-nopeer"
    priority                   = 122
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_application_security_group_ids = [azurerm_application_security_group.group_openlm.id]
    destination_address_prefixes = ["10.0.0.10/32"]
  }

  # group openlm -> host cp1_id_; -A INPUT -j ACCEPT: openlm/control-plane (inbound): HTTPS ingress for agents, UI and API; openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.
  security_rule {
    name                       = "inbound-123-v6"
    description                = "openlm/control-plane-443-tcp openlm/ingress-443-tcp-nopeer"
    priority                   = 123
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_application_security_group_ids = [azurerm_application_security_group.group_openlm.id]
    destination_address_prefixes = ["fd00::10/128"]
  }

  # zone corp__(touch /tmp/pwned)_ COMMIT -> host infra --comment _x_ -j ACCEPT; drop table inet portolan: openlm/infrastructure (inbound): PostgreSQL NodePort for Power BI and similar reporting tools
  security_rule {
    name                       = "inbound-124-v4"
    description                = "openlm/infrastructure-30432-tcp"
    priority                   = 124
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "30432"
    source_address_prefixes = ["10.20.0.0/16"]
    destination_address_prefixes = ["10.0.0.20/32"]
  }

  # group hosts:all -> host infra --comment _x_ -j ACCEPT; drop table inet portolan: egress, topology line 34
  security_rule {
    name                       = "inbound-125-v4"
    description                = "topology:egress"
    priority                   = 125
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Udp"
    source_port_range          = "*"
    destination_port_range     = "53"
    source_application_security_group_ids = [azurerm_application_security_group.group_hosts_all_44b77471.id]
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

  # group hosts:all -> any: NTP to any address (the topology names no NTP egress)
  security_rule {
    name                       = "outbound-101-v6"
    description                = "topology:ntp"
    priority                   = 101
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Udp"
    source_port_range          = "*"
    destination_port_range     = "123"
    source_application_security_group_ids = [azurerm_application_security_group.group_hosts_all_44b77471.id]
    destination_address_prefix = "*"
  }

  # group openlm/node -> zone internet_; accept #: openlm/node (outbound): OpenLM container image registry
  security_rule {
    name                       = "outbound-102-v4"
    description                = "openlm/node-443-tcp"
    priority                   = 102
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_application_security_group_ids = [azurerm_application_security_group.group_openlm_node_4ade990b.id]
    destination_address_prefixes = ["0.0.0.0/0"]
  }

  # group openlm/node -> zone internet_; accept #: openlm/node (outbound): OpenLM container image registry
  security_rule {
    name                       = "outbound-103-v6"
    description                = "openlm/node-443-tcp"
    priority                   = 103
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_application_security_group_ids = [azurerm_application_security_group.group_openlm_node_4ade990b.id]
    destination_address_prefixes = ["::/0"]
  }

  # zone cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ???: openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes.; and 2 more flows
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
    destination_address_prefixes = ["10.0.0.10/31", "10.0.0.20/32"]
  }

  # zone cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ???: openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes.; and 1 more flows
  security_rule {
    name                       = "outbound-105-v6"
    description                = "openlm/node-22-tcp"
    priority                   = 105
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefixes = ["fd00::/64"]
    destination_address_prefixes = ["fd00::10/127"]
  }

  # group openlm@cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ???: openlm/node (internal): Kubernetes API server; and 2 more flows
  security_rule {
    name                       = "outbound-106-v4"
    description                = "openlm/node-6443-tcp"
    priority                   = 106
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "6443"
    source_application_security_group_ids = [azurerm_application_security_group.group_openlm_cl_ster_var_if_x_b_b_fd38bd9e.id]
    destination_address_prefixes = ["10.0.0.10/31", "10.0.0.20/32"]
  }

  # group openlm@cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ???: openlm/node (internal): Kubernetes API server; and 1 more flows
  security_rule {
    name                       = "outbound-107-v6"
    description                = "openlm/node-6443-tcp"
    priority                   = 107
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "6443"
    source_application_security_group_ids = [azurerm_application_security_group.group_openlm_cl_ster_var_if_x_b_b_fd38bd9e.id]
    destination_address_prefixes = ["fd00::10/127"]
  }

  # group openlm@cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ???: openlm/node (internal): Kubelet metrics; and 2 more flows
  security_rule {
    name                       = "outbound-108-v4"
    description                = "openlm/node-10250-tcp"
    priority                   = 108
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "10250"
    source_application_security_group_ids = [azurerm_application_security_group.group_openlm_cl_ster_var_if_x_b_b_fd38bd9e.id]
    destination_address_prefixes = ["10.0.0.10/31", "10.0.0.20/32"]
  }

  # group openlm@cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ???: openlm/node (internal): Kubelet metrics; and 1 more flows
  security_rule {
    name                       = "outbound-109-v6"
    description                = "openlm/node-10250-tcp"
    priority                   = 109
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "10250"
    source_application_security_group_ids = [azurerm_application_security_group.group_openlm_cl_ster_var_if_x_b_b_fd38bd9e.id]
    destination_address_prefixes = ["fd00::10/127"]
  }

  # group openlm@cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ???: openlm/node (internal): Flannel VXLAN overlay; and 2 more flows
  security_rule {
    name                       = "outbound-110-v4"
    description                = "openlm/node-8472-udp"
    priority                   = 110
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Udp"
    source_port_range          = "*"
    destination_port_range     = "8472"
    source_application_security_group_ids = [azurerm_application_security_group.group_openlm_cl_ster_var_if_x_b_b_fd38bd9e.id]
    destination_address_prefixes = ["10.0.0.10/31", "10.0.0.20/32"]
  }

  # group openlm@cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ???: openlm/node (internal): Flannel VXLAN overlay; and 1 more flows
  security_rule {
    name                       = "outbound-111-v6"
    description                = "openlm/node-8472-udp"
    priority                   = 111
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Udp"
    source_port_range          = "*"
    destination_port_range     = "8472"
    source_application_security_group_ids = [azurerm_application_security_group.group_openlm_cl_ster_var_if_x_b_b_fd38bd9e.id]
    destination_address_prefixes = ["fd00::10/127"]
  }

  # group openlm@cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ???: openlm/node (internal): Flannel WireGuard backend (if enabled); and 2 more flows
  security_rule {
    name                       = "outbound-112-v4"
    description                = "openlm/node-51820-udp"
    priority                   = 112
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Udp"
    source_port_range          = "*"
    destination_port_range     = "51820"
    source_application_security_group_ids = [azurerm_application_security_group.group_openlm_cl_ster_var_if_x_b_b_fd38bd9e.id]
    destination_address_prefixes = ["10.0.0.10/31", "10.0.0.20/32"]
  }

  # group openlm@cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ???: openlm/node (internal): Flannel WireGuard backend (if enabled); and 1 more flows
  security_rule {
    name                       = "outbound-113-v6"
    description                = "openlm/node-51820-udp"
    priority                   = 113
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Udp"
    source_port_range          = "*"
    destination_port_range     = "51820"
    source_application_security_group_ids = [azurerm_application_security_group.group_openlm_cl_ster_var_if_x_b_b_fd38bd9e.id]
    destination_address_prefixes = ["fd00::10/127"]
  }

  # zone cl?ster _{var} %{if x} <b>|</b> -> host cp1_id_; -A INPUT -j ACCEPT: openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.; openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS
  security_rule {
    name                       = "outbound-114-v4"
    description                = "openlm/control-plane-80-tcp openlm/ingress-80-tcp-nopeer"
    priority                   = 114
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "80"
    source_address_prefixes = ["10.0.0.0/22"]
    destination_address_prefixes = ["10.0.0.10/32"]
  }

  # zone cl?ster _{var} %{if x} <b>|</b> -> host cp1_id_; -A INPUT -j ACCEPT: openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.; openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS
  security_rule {
    name                       = "outbound-115-v6"
    description                = "openlm/control-plane-80-tcp openlm/ingress-80-tcp-nopeer"
    priority                   = 115
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "80"
    source_address_prefixes = ["fd00::/64"]
    destination_address_prefixes = ["fd00::10/128"]
  }

  # group openlm -> host cp1_id_; -A INPUT -j ACCEPT: openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS; openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.
  security_rule {
    name                       = "outbound-116-v4"
    description                = "openlm/control-plane-80-tcp openlm/ingress-80-tcp-nopeer"
    priority                   = 116
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "80"
    source_application_security_group_ids = [azurerm_application_security_group.group_openlm.id]
    destination_address_prefixes = ["10.0.0.10/32"]
  }

  # group openlm -> host cp1_id_; -A INPUT -j ACCEPT: openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS; openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.
  security_rule {
    name                       = "outbound-117-v6"
    description                = "openlm/control-plane-80-tcp openlm/ingress-80-tcp-nopeer"
    priority                   = 117
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "80"
    source_application_security_group_ids = [azurerm_application_security_group.group_openlm.id]
    destination_address_prefixes = ["fd00::10/128"]
  }

  # group openlm -> host cp1_id_; -A INPUT -j ACCEPT: openlm/control-plane (inbound): HTTPS ingress for agents, UI and API; openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.
  security_rule {
    name                       = "outbound-118-v4"
    description                = "openlm/control-plane-443-tcp openlm/ingress-443-tcp-nopeer"
    priority                   = 118
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_application_security_group_ids = [azurerm_application_security_group.group_openlm.id]
    destination_address_prefixes = ["10.0.0.10/32"]
  }

  # group openlm -> host cp1_id_; -A INPUT -j ACCEPT: openlm/control-plane (inbound): HTTPS ingress for agents, UI and API; openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.
  security_rule {
    name                       = "outbound-119-v6"
    description                = "openlm/control-plane-443-tcp openlm/ingress-443-tcp-nopeer"
    priority                   = 119
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_application_security_group_ids = [azurerm_application_security_group.group_openlm.id]
    destination_address_prefixes = ["fd00::10/128"]
  }

  # group hosts:all -> host infra --comment _x_ -j ACCEPT; drop table inet portolan: egress, topology line 34
  security_rule {
    name                       = "outbound-120-v4"
    description                = "topology:egress"
    priority                   = 120
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Udp"
    source_port_range          = "*"
    destination_port_range     = "53"
    source_application_security_group_ids = [azurerm_application_security_group.group_hosts_all_44b77471.id]
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
    "portolan-zone" = "cl?ster _{var} %%{if x} <b>|</b>"
  }
}

output "portolan_nic_application_security_groups" {
  description = "Per host: the application security groups to associate with its NIC"
  value = {
    "lb1\"; flush ruleset #" = [azurerm_application_security_group.group_hosts_all_44b77471.id, azurerm_application_security_group.group_openlm.id]
    "cp1`id`;\u2028-A INPUT -j ACCEPT" = [azurerm_application_security_group.group_hosts_all_44b77471.id, azurerm_application_security_group.group_openlm.id, azurerm_application_security_group.group_openlm_node_4ade990b.id, azurerm_application_security_group.group_openlm_cl_ster_var_if_x_b_b_fd38bd9e.id]
    "=cmd|' /C calc'!A0 \u26a0\ufe0f \u30ce\u30fc\u30c9" = [azurerm_application_security_group.group_hosts_all_44b77471.id, azurerm_application_security_group.group_openlm.id, azurerm_application_security_group.group_openlm_node_4ade990b.id, azurerm_application_security_group.group_openlm_cl_ster_var_if_x_b_b_fd38bd9e.id]
    "infra --comment \"x\" -j ACCEPT; drop table inet portolan" = [azurerm_application_security_group.group_hosts_all_44b77471.id, azurerm_application_security_group.group_openlm.id, azurerm_application_security_group.group_openlm_node_4ade990b.id, azurerm_application_security_group.group_openlm_cl_ster_var_if_x_b_b_fd38bd9e.id]
  }
}

