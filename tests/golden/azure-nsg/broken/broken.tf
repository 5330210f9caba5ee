# Portolan: Azure NSGs for topology broken, one per zone (attach to the zone_s subnet)
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

resource "azurerm_application_security_group" "group_omero_k8s_cluster_aa7ca200" {
  name                = "portolan-omero-k8s-cluster-aa7ca200"
  location            = var.location
  resource_group_name = var.resource_group_name
  tags = {
    "managed-by" = "portolan"
    "portolan-group" = "omero-k8s@cluster"
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

  # zone internet -> host w5: openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/ingress (inbound): Sends directory scan and sync events; runs on a machine that can read the directory.; openlm/ingress (inbound): Users working with administration, dashboards a
  security_rule {
    name                       = "outbound-100-v4"
    description                = "openlm/ingress-443-tcp-broker openlm/ingress-443-tcp-directory-sync-agent openlm/ingress-443-tcp-web-ui openlm/ingress-443-tcp-workstation-a"
    priority                   = 100
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefixes = ["0.0.0.0/0"]
    destination_address_prefixes = ["10.0.0.11/32"]
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

  # zone corp -> host m1: omero-k8s/worker (inbound): Flannel VXLAN overlay; and 2 more flows
  security_rule {
    name                       = "outbound-100-v4"
    description                = "omero-k8s/worker-8472-udp"
    priority                   = 100
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Udp"
    source_port_range          = "*"
    destination_port_range     = "8472"
    source_address_prefixes = ["10.20.0.0/16"]
    destination_address_prefixes = ["10.0.0.10/32", "10.0.0.12/32", "10.0.9.13/32"]
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

resource "azurerm_network_security_group" "zone_cluster" {
  name                = "portolan-cluster"
  location            = var.location
  resource_group_name = var.resource_group_name

  # zone corp -> host m1: omero-k8s/worker (inbound): Flannel VXLAN overlay; and 1 more flows
  security_rule {
    name                       = "inbound-100-v4"
    description                = "omero-k8s/worker-8472-udp"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Udp"
    source_port_range          = "*"
    destination_port_range     = "8472"
    source_address_prefixes = ["10.20.0.0/16"]
    destination_address_prefixes = ["10.0.0.10/32", "10.0.9.13/32"]
  }

  # group omero-k8s@cluster -> host m1: omero-k8s/control-plane (inbound): etcd client and peer API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
  security_rule {
    name                       = "inbound-101-v4"
    description                = "omero-k8s/control-plane-2379-2380-tcp"
    priority                   = 101
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "2379-2380"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_cluster_aa7ca200.id]
    destination_address_prefixes = ["10.0.0.10/32"]
  }

  # group omero-k8s@cluster -> host m1: omero-k8s/postgresql (internal): PostgreSQL database; omero-k8s/postgresql (inbound): PostgreSQL should not be exposed externally on TCP port 5432; only clients inside the internal network should use it. [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
  security_rule {
    name                       = "inbound-102-v4"
    description                = "omero-k8s/postgresql-5432-tcp-int omero-k8s/postgresql-5432-tcp-nodir"
    priority                   = 102
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "5432"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_cluster_aa7ca200.id]
    destination_address_prefixes = ["10.0.0.10/32"]
  }

  # group omero-k8s@cluster -> host m1: omero-k8s/control-plane (inbound): Kubernetes API server [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
  security_rule {
    name                       = "inbound-103-v4"
    description                = "omero-k8s/control-plane-6443-tcp"
    priority                   = 103
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "6443"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_cluster_aa7ca200.id]
    destination_address_prefixes = ["10.0.0.10/32"]
  }

  # group omero-k8s@cluster -> host m1: omero-k8s/keycloak (inbound): HTTP, including the admin console [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/keycloak (inbound): Keycloak serves HTTP on port 8080 and HTTPS on port 8443. [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
  security_rule {
    name                       = "inbound-104-v4"
    description                = "omero-k8s/keycloak-8080-tcp-http-including-the omero-k8s/keycloak-8080-tcp-keycloak-serves-http"
    priority                   = 104
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "8080"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_cluster_aa7ca200.id]
    destination_address_prefixes = ["10.0.0.10/32"]
  }

  # group omero-k8s@cluster -> host m1: omero-k8s/keycloak (inbound): HTTPS [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/keycloak (inbound): Keycloak serves HTTP on port 8080 and HTTPS on port 8443. [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
  security_rule {
    name                       = "inbound-105-v4"
    description                = "omero-k8s/keycloak-8443-tcp-https omero-k8s/keycloak-8443-tcp-keycloak-serves-http"
    priority                   = 105
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "8443"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_cluster_aa7ca200.id]
    destination_address_prefixes = ["10.0.0.10/32"]
  }

  # group omero-k8s@cluster -> host m1: omero-k8s/control-plane (inbound): Kubelet API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/worker (inbound): Kubelet API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/control-plane (inbound): kube-scheduler [ASSUMED: the document st
  security_rule {
    name                       = "inbound-106-v4"
    description                = "omero-k8s/control-plane-10250-tcp omero-k8s/control-plane-10251-tcp omero-k8s/control-plane-10252-tcp omero-k8s/worker-10250-tcp"
    priority                   = 106
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "10250-10252"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_cluster_aa7ca200.id]
    destination_address_prefixes = ["10.0.0.10/32"]
  }

  # group omero-k8s@cluster -> host m1: omero-k8s/worker (inbound): Range for NodePort services [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; and 1 more flows
  security_rule {
    name                       = "inbound-107-v4"
    description                = "omero-k8s/worker-30000-32767-tcp"
    priority                   = 107
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "30000-32767"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_cluster_aa7ca200.id]
    destination_address_prefixes = ["10.0.0.10/32", "10.0.9.13/32"]
  }

  # group omero-k8s@cluster -> host m1: omero-k8s/control-plane (inbound): Flannel VXLAN overlay [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/control-plane (inbound): Flannel VXLAN overlay networking between the cluster nodes uses UDP port 8472. [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-a
  security_rule {
    name                       = "inbound-108-v4"
    description                = "omero-k8s/control-plane-8472-udp-h1d7f omero-k8s/control-plane-8472-udp-h84d7"
    priority                   = 108
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Udp"
    source_port_range          = "*"
    destination_port_range     = "8472"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_cluster_aa7ca200.id]
    destination_address_prefixes = ["10.0.0.10/32"]
  }

  # host w2 -> host m1: omero-k8s/worker (inbound): Kubelet API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; and 1 more flows
  security_rule {
    name                       = "inbound-109-v4"
    description                = "omero-k8s/worker-10250-tcp"
    priority                   = 109
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "10250"
    source_address_prefixes = ["10.0.0.12/32"]
    destination_address_prefixes = ["10.0.0.10/32", "10.0.9.13/32"]
  }

  # host w2 -> host m1: omero-k8s/worker (inbound): Range for NodePort services [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; and 1 more flows
  security_rule {
    name                       = "inbound-110-v4"
    description                = "omero-k8s/worker-30000-32767-tcp"
    priority                   = 110
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "30000-32767"
    source_address_prefixes = ["10.0.0.12/32"]
    destination_address_prefixes = ["10.0.0.10/32", "10.0.9.13/32"]
  }

  # group omero-k8s@cluster -> host w3: omero-k8s/worker (inbound): Kubelet API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
  security_rule {
    name                       = "inbound-111-v4"
    description                = "omero-k8s/worker-10250-tcp"
    priority                   = 111
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "10250"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_cluster_aa7ca200.id]
    destination_address_prefixes = ["10.0.9.13/32"]
  }

  # group omero-k8s@cluster -> host w4: omero-k8s/worker (inbound): Kubelet API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
  security_rule {
    name                       = "inbound-112-v6"
    description                = "omero-k8s/worker-10250-tcp"
    priority                   = 112
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "10250"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_cluster_aa7ca200.id]
    destination_address_prefixes = ["fd00::14/128"]
  }

  # group omero-k8s@cluster -> host w4: omero-k8s/worker (inbound): Range for NodePort services [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
  security_rule {
    name                       = "inbound-113-v6"
    description                = "omero-k8s/worker-30000-32767-tcp"
    priority                   = 113
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "30000-32767"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_cluster_aa7ca200.id]
    destination_address_prefixes = ["fd00::14/128"]
  }

  # zone internet -> host w5: openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/ingress (inbound): Sends directory scan and sync events; runs on a machine that can read the directory.; openlm/ingress (inbound): Users working with administration, dashboards a
  security_rule {
    name                       = "inbound-114-v4"
    description                = "openlm/ingress-443-tcp-broker openlm/ingress-443-tcp-directory-sync-agent openlm/ingress-443-tcp-web-ui openlm/ingress-443-tcp-workstation-a"
    priority                   = 114
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "443"
    source_address_prefixes = ["0.0.0.0/0"]
    destination_address_prefixes = ["10.0.0.11/32"]
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

  # group omero-k8s@cluster -> host m1: omero-k8s/control-plane (inbound): etcd client and peer API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
  security_rule {
    name                       = "outbound-106-v4"
    description                = "omero-k8s/control-plane-2379-2380-tcp"
    priority                   = 106
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "2379-2380"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_cluster_aa7ca200.id]
    destination_address_prefixes = ["10.0.0.10/32"]
  }

  # group omero-k8s@cluster -> host m1: omero-k8s/postgresql (internal): PostgreSQL database; omero-k8s/postgresql (inbound): PostgreSQL should not be exposed externally on TCP port 5432; only clients inside the internal network should use it. [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
  security_rule {
    name                       = "outbound-107-v4"
    description                = "omero-k8s/postgresql-5432-tcp-int omero-k8s/postgresql-5432-tcp-nodir"
    priority                   = 107
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "5432"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_cluster_aa7ca200.id]
    destination_address_prefixes = ["10.0.0.10/32"]
  }

  # group omero-k8s@cluster -> host m1: omero-k8s/control-plane (inbound): Kubernetes API server [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
  security_rule {
    name                       = "outbound-108-v4"
    description                = "omero-k8s/control-plane-6443-tcp"
    priority                   = 108
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "6443"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_cluster_aa7ca200.id]
    destination_address_prefixes = ["10.0.0.10/32"]
  }

  # group omero-k8s@cluster -> host m1: omero-k8s/keycloak (inbound): HTTP, including the admin console [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/keycloak (inbound): Keycloak serves HTTP on port 8080 and HTTPS on port 8443. [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
  security_rule {
    name                       = "outbound-109-v4"
    description                = "omero-k8s/keycloak-8080-tcp-http-including-the omero-k8s/keycloak-8080-tcp-keycloak-serves-http"
    priority                   = 109
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "8080"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_cluster_aa7ca200.id]
    destination_address_prefixes = ["10.0.0.10/32"]
  }

  # group omero-k8s@cluster -> host m1: omero-k8s/keycloak (inbound): HTTPS [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/keycloak (inbound): Keycloak serves HTTP on port 8080 and HTTPS on port 8443. [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
  security_rule {
    name                       = "outbound-110-v4"
    description                = "omero-k8s/keycloak-8443-tcp-https omero-k8s/keycloak-8443-tcp-keycloak-serves-http"
    priority                   = 110
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "8443"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_cluster_aa7ca200.id]
    destination_address_prefixes = ["10.0.0.10/32"]
  }

  # group omero-k8s@cluster -> host m1: omero-k8s/control-plane (inbound): Kubelet API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/worker (inbound): Kubelet API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/control-plane (inbound): kube-scheduler [ASSUMED: the document st
  security_rule {
    name                       = "outbound-111-v4"
    description                = "omero-k8s/control-plane-10250-tcp omero-k8s/control-plane-10251-tcp omero-k8s/control-plane-10252-tcp omero-k8s/worker-10250-tcp"
    priority                   = 111
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "10250-10252"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_cluster_aa7ca200.id]
    destination_address_prefixes = ["10.0.0.10/32"]
  }

  # group omero-k8s@cluster -> host m1: omero-k8s/worker (inbound): Range for NodePort services [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; and 1 more flows
  security_rule {
    name                       = "outbound-112-v4"
    description                = "omero-k8s/worker-30000-32767-tcp"
    priority                   = 112
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "30000-32767"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_cluster_aa7ca200.id]
    destination_address_prefixes = ["10.0.0.10/32", "10.0.9.13/32"]
  }

  # group omero-k8s@cluster -> host m1: omero-k8s/control-plane (inbound): Flannel VXLAN overlay [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/control-plane (inbound): Flannel VXLAN overlay networking between the cluster nodes uses UDP port 8472. [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-a
  security_rule {
    name                       = "outbound-113-v4"
    description                = "omero-k8s/control-plane-8472-udp-h1d7f omero-k8s/control-plane-8472-udp-h84d7"
    priority                   = 113
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Udp"
    source_port_range          = "*"
    destination_port_range     = "8472"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_cluster_aa7ca200.id]
    destination_address_prefixes = ["10.0.0.10/32"]
  }

  # group omero-k8s -> host w2: omero-k8s/worker (inbound): Kubelet API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
  security_rule {
    name                       = "outbound-114-v4"
    description                = "omero-k8s/worker-10250-tcp"
    priority                   = 114
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "10250"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_0e08ec82.id]
    destination_address_prefixes = ["10.0.0.12/32"]
  }

  # group omero-k8s -> host w2: omero-k8s/worker (inbound): Range for NodePort services [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
  security_rule {
    name                       = "outbound-115-v4"
    description                = "omero-k8s/worker-30000-32767-tcp"
    priority                   = 115
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "30000-32767"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_0e08ec82.id]
    destination_address_prefixes = ["10.0.0.12/32"]
  }

  # group omero-k8s@cluster -> host w3: omero-k8s/worker (inbound): Kubelet API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
  security_rule {
    name                       = "outbound-116-v4"
    description                = "omero-k8s/worker-10250-tcp"
    priority                   = 116
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "10250"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_cluster_aa7ca200.id]
    destination_address_prefixes = ["10.0.9.13/32"]
  }

  # group omero-k8s@cluster -> host w4: omero-k8s/worker (inbound): Kubelet API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
  security_rule {
    name                       = "outbound-117-v6"
    description                = "omero-k8s/worker-10250-tcp"
    priority                   = 117
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "10250"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_cluster_aa7ca200.id]
    destination_address_prefixes = ["fd00::14/128"]
  }

  # group omero-k8s@cluster -> host w4: omero-k8s/worker (inbound): Range for NodePort services [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
  security_rule {
    name                       = "outbound-118-v6"
    description                = "omero-k8s/worker-30000-32767-tcp"
    priority                   = 118
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "30000-32767"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_cluster_aa7ca200.id]
    destination_address_prefixes = ["fd00::14/128"]
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

resource "azurerm_network_security_group" "zone_clustr" {
  name                = "portolan-clustr"
  location            = var.location
  resource_group_name = var.resource_group_name

  # zone corp -> host w2: omero-k8s/worker (inbound): Flannel VXLAN overlay
  security_rule {
    name                       = "inbound-100-v4"
    description                = "omero-k8s/worker-8472-udp"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Udp"
    source_port_range          = "*"
    destination_port_range     = "8472"
    source_address_prefixes = ["10.20.0.0/16"]
    destination_address_prefixes = ["10.0.0.12/32"]
  }

  # group omero-k8s -> host w2: omero-k8s/worker (inbound): Kubelet API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
  security_rule {
    name                       = "inbound-101-v4"
    description                = "omero-k8s/worker-10250-tcp"
    priority                   = 101
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "10250"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_0e08ec82.id]
    destination_address_prefixes = ["10.0.0.12/32"]
  }

  # group omero-k8s -> host w2: omero-k8s/worker (inbound): Range for NodePort services [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
  security_rule {
    name                       = "inbound-102-v4"
    description                = "omero-k8s/worker-30000-32767-tcp"
    priority                   = 102
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "30000-32767"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_0e08ec82.id]
    destination_address_prefixes = ["10.0.0.12/32"]
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

  # host w2 -> host m1: omero-k8s/worker (inbound): Kubelet API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; and 1 more flows
  security_rule {
    name                       = "outbound-103-v4"
    description                = "omero-k8s/worker-10250-tcp"
    priority                   = 103
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "10250"
    source_address_prefixes = ["10.0.0.12/32"]
    destination_address_prefixes = ["10.0.0.10/32", "10.0.9.13/32"]
  }

  # host w2 -> host m1: omero-k8s/worker (inbound): Range for NodePort services [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; and 1 more flows
  security_rule {
    name                       = "outbound-104-v4"
    description                = "omero-k8s/worker-30000-32767-tcp"
    priority                   = 104
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "30000-32767"
    source_address_prefixes = ["10.0.0.12/32"]
    destination_address_prefixes = ["10.0.0.10/32", "10.0.9.13/32"]
  }

  # group omero-k8s -> host w2: omero-k8s/worker (inbound): Kubelet API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
  security_rule {
    name                       = "outbound-105-v4"
    description                = "omero-k8s/worker-10250-tcp"
    priority                   = 105
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "10250"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_0e08ec82.id]
    destination_address_prefixes = ["10.0.0.12/32"]
  }

  # group omero-k8s -> host w2: omero-k8s/worker (inbound): Range for NodePort services [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
  security_rule {
    name                       = "outbound-106-v4"
    description                = "omero-k8s/worker-30000-32767-tcp"
    priority                   = 106
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "30000-32767"
    source_application_security_group_ids = [azurerm_application_security_group.group_omero_k8s_0e08ec82.id]
    destination_address_prefixes = ["10.0.0.12/32"]
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
    "portolan-zone" = "clustr"
  }
}

output "portolan_nic_application_security_groups" {
  description = "Per host: the application security groups to associate with its NIC"
  value = {
    "m1" = [azurerm_application_security_group.group_hosts_all_44b77471.id, azurerm_application_security_group.group_omero_k8s_0e08ec82.id, azurerm_application_security_group.group_omero_k8s_cluster_aa7ca200.id]
    "w1" = [azurerm_application_security_group.group_hosts_all_44b77471.id]
    "w2" = [azurerm_application_security_group.group_hosts_all_44b77471.id, azurerm_application_security_group.group_omero_k8s_0e08ec82.id]
    "w3" = [azurerm_application_security_group.group_hosts_all_44b77471.id, azurerm_application_security_group.group_omero_k8s_0e08ec82.id, azurerm_application_security_group.group_omero_k8s_cluster_aa7ca200.id]
    "w4" = [azurerm_application_security_group.group_hosts_all_44b77471.id, azurerm_application_security_group.group_omero_k8s_0e08ec82.id, azurerm_application_security_group.group_omero_k8s_cluster_aa7ca200.id]
    "w5" = [azurerm_application_security_group.group_hosts_all_44b77471.id]
  }
}

