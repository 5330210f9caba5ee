# Portolan: Azure NSGs for topology omero-imaging, one per zone (attach to the zone_s subnet)
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

resource "azurerm_application_security_group" "group_hosts_all_44b77471" {
  name                = "portolan-hosts-all-44b77471"
  location            = var.location
  resource_group_name = var.resource_group_name
  tags = {
    "managed-by" = "portolan"
    "portolan-group" = "hosts:all"
  }
}

resource "azurerm_application_security_group" "group_omero_k8s_0e08ec82" {
  name                = "portolan-omero-k8s"
  location            = var.location
  resource_group_name = var.resource_group_name
  tags = {
    "managed-by" = "portolan"
    "portolan-group" = "omero-k8s"
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

resource "azurerm_network_security_group" "zone_lab" {
  name                = "portolan-lab"
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

  # zone lab -> host master: omero-k8s/server (inbound): SSH logins for administrators [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/server (inbound): Server access works over SSH (port 22) and HTTPS (port 443). [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
  security_rule {
    name                       = "outbound-100-v4"
    description                = "omero-k8s/server-22-tcp-in omero-k8s/server-22-tcp-nodir"
    priority                   = 100
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefixes = ["172.16.0.0/16"]
    destination_address_prefixes = ["10.1.0.10/32"]
  }

  # zone lab -> host master: omero-k8s/server (inbound): HTTPS access for users (web front end) [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/server (inbound): Server access works over SSH (port 22) and HTTPS (port 443). [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
  security_rule {
    name                       = "outbound-101-v4"
    description                = "omero-k8s/server-443-tcp-in omero-k8s/server-443-tcp-nodir"
    priority                   = 101
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefixes = ["172.16.0.0/16"]
    destination_address_prefixes = ["10.1.0.10/32"]
  }

  # zone lab -> host master: omero-k8s/control-plane (inbound): Kubernetes API server
  security_rule {
    name                       = "outbound-102-v4"
    description                = "omero-k8s/control-plane-6443-tcp"
    priority                   = 102
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "6443"
    source_address_prefixes = ["172.16.0.0/16"]
    destination_address_prefixes = ["10.1.0.10/32"]
  }

  # zone lab -> host worker1: omero-k8s/omero-server (inbound): Binary data transfer [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/omero-server (inbound): Omero Web and Omero Server need TCP ports 4061-4064; they are required for binary data transfer and the web services. [ASSUMED: the document states no usable peer or direction; planned
  security_rule {
    name                       = "outbound-103-v4"
    description                = "omero-k8s/omero-server-4061-4064-tcp omero-k8s/omero-server-4061-tcp omero-k8s/omero-server-4062-tcp"
    priority                   = 103
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "4061-4064"
    source_address_prefixes = ["172.16.0.0/16"]
    destination_address_prefixes = ["10.1.0.21/32"]
  }

  # zone lab -> host worker1: omero-k8s/worker (inbound): Range for NodePort services; and 1 more flows
  security_rule {
    name                       = "outbound-104-v4"
    description                = "omero-k8s/worker-30000-32767-tcp"
    priority                   = 104
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "30000-32767"
    source_address_prefixes = ["172.16.0.0/16"]
    destination_address_prefixes = ["10.1.0.21/32", "10.1.0.22/32"]
  }

  # zone lab -> host worker2: omero-k8s/omero-web (inbound): OMERO.web service [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/omero-web (inbound): OMERO gateway [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
  security_rule {
    name                       = "outbound-105-v4"
    description                = "omero-k8s/omero-web-4063-tcp omero-k8s/omero-web-4064-tcp"
    priority                   = 105
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "4063-4064"
    source_address_prefixes = ["172.16.0.0/16"]
    destination_address_prefixes = ["10.1.0.22/32"]
  }

  # zone lab -> host worker2: omero-k8s/keycloak (inbound): HTTP, including the admin console [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/keycloak (inbound): Keycloak serves HTTP on port 8080 and HTTPS on port 8443. [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
  security_rule {
    name                       = "outbound-106-v4"
    description                = "omero-k8s/keycloak-8080-tcp-http-including-the omero-k8s/keycloak-8080-tcp-keycloak-serves-http"
    priority                   = 106
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "8080"
    source_address_prefixes = ["172.16.0.0/16"]
    destination_address_prefixes = ["10.1.0.22/32"]
  }

  # zone lab -> host worker2: omero-k8s/keycloak (inbound): HTTPS [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/keycloak (inbound): Keycloak serves HTTP on port 8080 and HTTPS on port 8443. [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
  security_rule {
    name                       = "outbound-107-v4"
    description                = "omero-k8s/keycloak-8443-tcp-https omero-k8s/keycloak-8443-tcp-keycloak-serves-http"
    priority                   = 107
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "8443"
    source_address_prefixes = ["172.16.0.0/16"]
    destination_address_prefixes = ["10.1.0.22/32"]
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
    "portolan-zone" = "lab"
  }
}

resource "azurerm_network_security_group" "zone_k8s" {
  name                = "portolan-k8s"
  location            = var.location
  resource_group_name = var.resource_group_name

  # group omero-k8s -> host db: omero-k8s/postgresql (internal): PostgreSQL database; omero-k8s/postgresql (inbound): PostgreSQL should not be exposed externally on TCP port 5432; only clients inside the internal network should use it.
  security_rule {
    name                       = "inbound-100-v4"
    description                = "omero-k8s/postgresql-5432-tcp-int omero-k8s/postgresql-5432-tcp-nodir"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "5432"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_0e08ec82.id]
    destination_address_prefixes = ["10.1.0.30/32"]
  }

  # zone lab -> host master: omero-k8s/server (inbound): SSH logins for administrators [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/server (inbound): Server access works over SSH (port 22) and HTTPS (port 443). [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
  security_rule {
    name                       = "inbound-101-v4"
    description                = "omero-k8s/server-22-tcp-in omero-k8s/server-22-tcp-nodir"
    priority                   = 101
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefixes = ["172.16.0.0/16"]
    destination_address_prefixes = ["10.1.0.10/32"]
  }

  # zone lab -> host master: omero-k8s/server (inbound): HTTPS access for users (web front end) [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/server (inbound): Server access works over SSH (port 22) and HTTPS (port 443). [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
  security_rule {
    name                       = "inbound-102-v4"
    description                = "omero-k8s/server-443-tcp-in omero-k8s/server-443-tcp-nodir"
    priority                   = 102
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefixes = ["172.16.0.0/16"]
    destination_address_prefixes = ["10.1.0.10/32"]
  }

  # zone lab -> host master: omero-k8s/control-plane (inbound): Kubernetes API server
  security_rule {
    name                       = "inbound-103-v4"
    description                = "omero-k8s/control-plane-6443-tcp"
    priority                   = 103
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "6443"
    source_address_prefixes = ["172.16.0.0/16"]
    destination_address_prefixes = ["10.1.0.10/32"]
  }

  # group omero-k8s -> host master: omero-k8s/server (inbound): SSH logins for administrators [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/server (inbound): Server access works over SSH (port 22) and HTTPS (port 443). [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
  security_rule {
    name                       = "inbound-104-v4"
    description                = "omero-k8s/server-22-tcp-in omero-k8s/server-22-tcp-nodir"
    priority                   = 104
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_0e08ec82.id]
    destination_address_prefixes = ["10.1.0.10/32"]
  }

  # group omero-k8s -> host master: omero-k8s/server (inbound): HTTPS access for users (web front end) [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/server (inbound): Server access works over SSH (port 22) and HTTPS (port 443). [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
  security_rule {
    name                       = "inbound-105-v4"
    description                = "omero-k8s/server-443-tcp-in omero-k8s/server-443-tcp-nodir"
    priority                   = 105
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_0e08ec82.id]
    destination_address_prefixes = ["10.1.0.10/32"]
  }

  # group omero-k8s -> host master: omero-k8s/control-plane (inbound): etcd client and peer API
  security_rule {
    name                       = "inbound-106-v4"
    description                = "omero-k8s/control-plane-2379-2380-tcp"
    priority                   = 106
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "2379-2380"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_0e08ec82.id]
    destination_address_prefixes = ["10.1.0.10/32"]
  }

  # group omero-k8s -> host master: omero-k8s/control-plane (inbound): Kubernetes API server
  security_rule {
    name                       = "inbound-107-v4"
    description                = "omero-k8s/control-plane-6443-tcp"
    priority                   = 107
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "6443"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_0e08ec82.id]
    destination_address_prefixes = ["10.1.0.10/32"]
  }

  # group omero-k8s -> host master: omero-k8s/control-plane (inbound): Kubelet API; omero-k8s/control-plane (inbound): kube-scheduler; omero-k8s/control-plane (inbound): kube-controller-manager
  security_rule {
    name                       = "inbound-108-v4"
    description                = "omero-k8s/control-plane-10250-tcp omero-k8s/control-plane-10251-tcp omero-k8s/control-plane-10252-tcp"
    priority                   = 108
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "10250-10252"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_0e08ec82.id]
    destination_address_prefixes = ["10.1.0.10/32"]
  }

  # group omero-k8s -> host master: omero-k8s/control-plane (inbound): Flannel VXLAN overlay; omero-k8s/control-plane (inbound): Flannel VXLAN overlay networking between the cluster nodes uses UDP port 8472.; and 2 more flows
  security_rule {
    name                       = "inbound-109-v4"
    description                = "omero-k8s/control-plane-8472-udp-h1d7f omero-k8s/control-plane-8472-udp-h84d7 omero-k8s/worker-8472-udp"
    priority                   = 109
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Udp"
    source_port_range          = "*"
    destination_port_range     = "8472"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_0e08ec82.id]
    destination_address_prefixes = ["10.1.0.10/32", "10.1.0.21/32", "10.1.0.22/32"]
  }

  # zone lab -> host worker1: omero-k8s/omero-server (inbound): Binary data transfer [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/omero-server (inbound): Omero Web and Omero Server need TCP ports 4061-4064; they are required for binary data transfer and the web services. [ASSUMED: the document states no usable peer or direction; planned
  security_rule {
    name                       = "inbound-110-v4"
    description                = "omero-k8s/omero-server-4061-4064-tcp omero-k8s/omero-server-4061-tcp omero-k8s/omero-server-4062-tcp"
    priority                   = 110
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "4061-4064"
    source_address_prefixes = ["172.16.0.0/16"]
    destination_address_prefixes = ["10.1.0.21/32"]
  }

  # zone lab -> host worker1: omero-k8s/worker (inbound): Range for NodePort services; and 1 more flows
  security_rule {
    name                       = "inbound-111-v4"
    description                = "omero-k8s/worker-30000-32767-tcp"
    priority                   = 111
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "30000-32767"
    source_address_prefixes = ["172.16.0.0/16"]
    destination_address_prefixes = ["10.1.0.21/32", "10.1.0.22/32"]
  }

  # group omero-k8s -> host worker1: omero-k8s/omero-server (inbound): Binary data transfer [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/omero-server (inbound): Omero Web and Omero Server need TCP ports 4061-4064; they are required for binary data transfer and the web services. [ASSUMED: the document states no usable peer or direction;
  security_rule {
    name                       = "inbound-112-v4"
    description                = "omero-k8s/omero-server-4061-4064-tcp omero-k8s/omero-server-4061-tcp omero-k8s/omero-server-4062-tcp"
    priority                   = 112
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "4061-4064"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_0e08ec82.id]
    destination_address_prefixes = ["10.1.0.21/32"]
  }

  # group omero-k8s -> host worker1: omero-k8s/worker (inbound): Kubelet API; and 1 more flows
  security_rule {
    name                       = "inbound-113-v4"
    description                = "omero-k8s/worker-10250-tcp"
    priority                   = 113
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "10250"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_0e08ec82.id]
    destination_address_prefixes = ["10.1.0.21/32", "10.1.0.22/32"]
  }

  # group omero-k8s -> host worker1: omero-k8s/worker (inbound): Range for NodePort services; and 1 more flows
  security_rule {
    name                       = "inbound-114-v4"
    description                = "omero-k8s/worker-30000-32767-tcp"
    priority                   = 114
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "30000-32767"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_0e08ec82.id]
    destination_address_prefixes = ["10.1.0.21/32", "10.1.0.22/32"]
  }

  # zone lab -> host worker2: omero-k8s/omero-web (inbound): OMERO.web service [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/omero-web (inbound): OMERO gateway [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
  security_rule {
    name                       = "inbound-115-v4"
    description                = "omero-k8s/omero-web-4063-tcp omero-k8s/omero-web-4064-tcp"
    priority                   = 115
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "4063-4064"
    source_address_prefixes = ["172.16.0.0/16"]
    destination_address_prefixes = ["10.1.0.22/32"]
  }

  # zone lab -> host worker2: omero-k8s/keycloak (inbound): HTTP, including the admin console [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/keycloak (inbound): Keycloak serves HTTP on port 8080 and HTTPS on port 8443. [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
  security_rule {
    name                       = "inbound-116-v4"
    description                = "omero-k8s/keycloak-8080-tcp-http-including-the omero-k8s/keycloak-8080-tcp-keycloak-serves-http"
    priority                   = 116
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "8080"
    source_address_prefixes = ["172.16.0.0/16"]
    destination_address_prefixes = ["10.1.0.22/32"]
  }

  # zone lab -> host worker2: omero-k8s/keycloak (inbound): HTTPS [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/keycloak (inbound): Keycloak serves HTTP on port 8080 and HTTPS on port 8443. [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
  security_rule {
    name                       = "inbound-117-v4"
    description                = "omero-k8s/keycloak-8443-tcp-https omero-k8s/keycloak-8443-tcp-keycloak-serves-http"
    priority                   = 117
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "8443"
    source_address_prefixes = ["172.16.0.0/16"]
    destination_address_prefixes = ["10.1.0.22/32"]
  }

  # group omero-k8s -> host worker2: omero-k8s/openldap (inbound): LDAP (Lightweight Directory Access Protocol); omero-k8s/openldap (inbound): OpenLDAP listens on the standard ports 389 (LDAP) and 636 (LDAPS).
  security_rule {
    name                       = "inbound-118-v4"
    description                = "omero-k8s/openldap-389-tcp-in omero-k8s/openldap-389-tcp-nodir"
    priority                   = 118
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "389"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_0e08ec82.id]
    destination_address_prefixes = ["10.1.0.22/32"]
  }

  # group omero-k8s -> host worker2: omero-k8s/openldap (inbound): LDAPS (LDAP over TLS); omero-k8s/openldap (inbound): OpenLDAP listens on the standard ports 389 (LDAP) and 636 (LDAPS).
  security_rule {
    name                       = "inbound-119-v4"
    description                = "omero-k8s/openldap-636-tcp-in omero-k8s/openldap-636-tcp-nodir"
    priority                   = 119
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "636"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_0e08ec82.id]
    destination_address_prefixes = ["10.1.0.22/32"]
  }

  # group omero-k8s -> host worker2: omero-k8s/omero-web (inbound): OMERO.web service [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/omero-web (inbound): OMERO gateway [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
  security_rule {
    name                       = "inbound-120-v4"
    description                = "omero-k8s/omero-web-4063-tcp omero-k8s/omero-web-4064-tcp"
    priority                   = 120
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "4063-4064"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_0e08ec82.id]
    destination_address_prefixes = ["10.1.0.22/32"]
  }

  # group omero-k8s -> host worker2: omero-k8s/keycloak (inbound): HTTP, including the admin console [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/keycloak (inbound): Keycloak serves HTTP on port 8080 and HTTPS on port 8443. [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
  security_rule {
    name                       = "inbound-121-v4"
    description                = "omero-k8s/keycloak-8080-tcp-http-including-the omero-k8s/keycloak-8080-tcp-keycloak-serves-http"
    priority                   = 121
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "8080"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_0e08ec82.id]
    destination_address_prefixes = ["10.1.0.22/32"]
  }

  # group omero-k8s -> host worker2: omero-k8s/keycloak (inbound): HTTPS [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/keycloak (inbound): Keycloak serves HTTP on port 8080 and HTTPS on port 8443. [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
  security_rule {
    name                       = "inbound-122-v4"
    description                = "omero-k8s/keycloak-8443-tcp-https omero-k8s/keycloak-8443-tcp-keycloak-serves-http"
    priority                   = 122
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "8443"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_0e08ec82.id]
    destination_address_prefixes = ["10.1.0.22/32"]
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

  # group omero-k8s -> host db: omero-k8s/postgresql (internal): PostgreSQL database; omero-k8s/postgresql (inbound): PostgreSQL should not be exposed externally on TCP port 5432; only clients inside the internal network should use it.
  security_rule {
    name                       = "outbound-103-v4"
    description                = "omero-k8s/postgresql-5432-tcp-int omero-k8s/postgresql-5432-tcp-nodir"
    priority                   = 103
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "5432"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_0e08ec82.id]
    destination_address_prefixes = ["10.1.0.30/32"]
  }

  # group omero-k8s -> host master: omero-k8s/server (inbound): SSH logins for administrators [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/server (inbound): Server access works over SSH (port 22) and HTTPS (port 443). [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
  security_rule {
    name                       = "outbound-104-v4"
    description                = "omero-k8s/server-22-tcp-in omero-k8s/server-22-tcp-nodir"
    priority                   = 104
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_0e08ec82.id]
    destination_address_prefixes = ["10.1.0.10/32"]
  }

  # group omero-k8s -> host master: omero-k8s/server (inbound): HTTPS access for users (web front end) [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/server (inbound): Server access works over SSH (port 22) and HTTPS (port 443). [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
  security_rule {
    name                       = "outbound-105-v4"
    description                = "omero-k8s/server-443-tcp-in omero-k8s/server-443-tcp-nodir"
    priority                   = 105
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_0e08ec82.id]
    destination_address_prefixes = ["10.1.0.10/32"]
  }

  # group omero-k8s -> host master: omero-k8s/control-plane (inbound): etcd client and peer API
  security_rule {
    name                       = "outbound-106-v4"
    description                = "omero-k8s/control-plane-2379-2380-tcp"
    priority                   = 106
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "2379-2380"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_0e08ec82.id]
    destination_address_prefixes = ["10.1.0.10/32"]
  }

  # group omero-k8s -> host master: omero-k8s/control-plane (inbound): Kubernetes API server
  security_rule {
    name                       = "outbound-107-v4"
    description                = "omero-k8s/control-plane-6443-tcp"
    priority                   = 107
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "6443"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_0e08ec82.id]
    destination_address_prefixes = ["10.1.0.10/32"]
  }

  # group omero-k8s -> host master: omero-k8s/control-plane (inbound): Kubelet API; omero-k8s/control-plane (inbound): kube-scheduler; omero-k8s/control-plane (inbound): kube-controller-manager
  security_rule {
    name                       = "outbound-108-v4"
    description                = "omero-k8s/control-plane-10250-tcp omero-k8s/control-plane-10251-tcp omero-k8s/control-plane-10252-tcp"
    priority                   = 108
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "10250-10252"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_0e08ec82.id]
    destination_address_prefixes = ["10.1.0.10/32"]
  }

  # group omero-k8s -> host master: omero-k8s/control-plane (inbound): Flannel VXLAN overlay; omero-k8s/control-plane (inbound): Flannel VXLAN overlay networking between the cluster nodes uses UDP port 8472.; and 2 more flows
  security_rule {
    name                       = "outbound-109-v4"
    description                = "omero-k8s/control-plane-8472-udp-h1d7f omero-k8s/control-plane-8472-udp-h84d7 omero-k8s/worker-8472-udp"
    priority                   = 109
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Udp"
    source_port_range          = "*"
    destination_port_range     = "8472"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_0e08ec82.id]
    destination_address_prefixes = ["10.1.0.10/32", "10.1.0.21/32", "10.1.0.22/32"]
  }

  # group omero-k8s -> host worker1: omero-k8s/omero-server (inbound): Binary data transfer [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/omero-server (inbound): Omero Web and Omero Server need TCP ports 4061-4064; they are required for binary data transfer and the web services. [ASSUMED: the document states no usable peer or direction;
  security_rule {
    name                       = "outbound-110-v4"
    description                = "omero-k8s/omero-server-4061-4064-tcp omero-k8s/omero-server-4061-tcp omero-k8s/omero-server-4062-tcp"
    priority                   = 110
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "4061-4064"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_0e08ec82.id]
    destination_address_prefixes = ["10.1.0.21/32"]
  }

  # group omero-k8s -> host worker1: omero-k8s/worker (inbound): Kubelet API; and 1 more flows
  security_rule {
    name                       = "outbound-111-v4"
    description                = "omero-k8s/worker-10250-tcp"
    priority                   = 111
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "10250"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_0e08ec82.id]
    destination_address_prefixes = ["10.1.0.21/32", "10.1.0.22/32"]
  }

  # group omero-k8s -> host worker1: omero-k8s/worker (inbound): Range for NodePort services; and 1 more flows
  security_rule {
    name                       = "outbound-112-v4"
    description                = "omero-k8s/worker-30000-32767-tcp"
    priority                   = 112
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "30000-32767"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_0e08ec82.id]
    destination_address_prefixes = ["10.1.0.21/32", "10.1.0.22/32"]
  }

  # group omero-k8s -> host worker2: omero-k8s/openldap (inbound): LDAP (Lightweight Directory Access Protocol); omero-k8s/openldap (inbound): OpenLDAP listens on the standard ports 389 (LDAP) and 636 (LDAPS).
  security_rule {
    name                       = "outbound-113-v4"
    description                = "omero-k8s/openldap-389-tcp-in omero-k8s/openldap-389-tcp-nodir"
    priority                   = 113
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "389"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_0e08ec82.id]
    destination_address_prefixes = ["10.1.0.22/32"]
  }

  # group omero-k8s -> host worker2: omero-k8s/openldap (inbound): LDAPS (LDAP over TLS); omero-k8s/openldap (inbound): OpenLDAP listens on the standard ports 389 (LDAP) and 636 (LDAPS).
  security_rule {
    name                       = "outbound-114-v4"
    description                = "omero-k8s/openldap-636-tcp-in omero-k8s/openldap-636-tcp-nodir"
    priority                   = 114
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "636"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_0e08ec82.id]
    destination_address_prefixes = ["10.1.0.22/32"]
  }

  # group omero-k8s -> host worker2: omero-k8s/omero-web (inbound): OMERO.web service [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/omero-web (inbound): OMERO gateway [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
  security_rule {
    name                       = "outbound-115-v4"
    description                = "omero-k8s/omero-web-4063-tcp omero-k8s/omero-web-4064-tcp"
    priority                   = 115
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "4063-4064"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_0e08ec82.id]
    destination_address_prefixes = ["10.1.0.22/32"]
  }

  # group omero-k8s -> host worker2: omero-k8s/keycloak (inbound): HTTP, including the admin console [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/keycloak (inbound): Keycloak serves HTTP on port 8080 and HTTPS on port 8443. [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
  security_rule {
    name                       = "outbound-116-v4"
    description                = "omero-k8s/keycloak-8080-tcp-http-including-the omero-k8s/keycloak-8080-tcp-keycloak-serves-http"
    priority                   = 116
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "8080"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_0e08ec82.id]
    destination_address_prefixes = ["10.1.0.22/32"]
  }

  # group omero-k8s -> host worker2: omero-k8s/keycloak (inbound): HTTPS [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/keycloak (inbound): Keycloak serves HTTP on port 8080 and HTTPS on port 8443. [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
  security_rule {
    name                       = "outbound-117-v4"
    description                = "omero-k8s/keycloak-8443-tcp-https omero-k8s/keycloak-8443-tcp-keycloak-serves-http"
    priority                   = 117
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "8443"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_0e08ec82.id]
    destination_address_prefixes = ["10.1.0.22/32"]
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
    "portolan-zone" = "k8s"
  }
}

output "portolan_nic_application_security_groups" {
  description = "Per host: the application security groups to associate with its NIC"
  value = {
    "master" = [azurerm_application_security_group.group_hosts_all_44b77471.id, azurerm_application_security_group.group_omero_k8s_0e08ec82.id]
    "worker1" = [azurerm_application_security_group.group_hosts_all_44b77471.id, azurerm_application_security_group.group_omero_k8s_0e08ec82.id]
    "worker2" = [azurerm_application_security_group.group_hosts_all_44b77471.id, azurerm_application_security_group.group_omero_k8s_0e08ec82.id]
    "db" = [azurerm_application_security_group.group_hosts_all_44b77471.id, azurerm_application_security_group.group_omero_k8s_0e08ec82.id]
  }
}

