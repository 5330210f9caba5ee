# Portolan: AWS security groups for topology apic-prod
# One group per host (attach it to the host's instance) and one membership group per plan
# group (attach it to every member). Each rule's description names its requirement ids.

variable "vpc_id" {
  type        = string
  description = "VPC of the instances"
}

resource "aws_security_group" "host_gw1" {
  name        = "portolan-apic-prod-host-gw1"
  description = "Portolan rules for host gw1, topology apic-prod"
  vpc_id      = var.vpc_id

  # zone gateway -> host gw1
  ingress {
    description      = "api-connect/r-103 api-connect/gateway (inbound): 3000 (inbound) HTTPS, local endpoint of the Gateway Service (configurable)"
    protocol         = "tcp"
    from_port        = 3000
    to_port          = 3000
    cidr_blocks      = ["172.20.1.0/24"]
  }

  # zone management -> host gw1
  ingress {
    description      = "api-connect/r-103 api-connect/gateway (inbound): 3000 (inbound) HTTPS, local endpoint of the Gateway Service (configurable)"
    protocol         = "tcp"
    from_port        = 3000
    to_port          = 3000
    cidr_blocks      = ["172.20.2.0/24"]
  }

  # zone protected -> host gw1
  ingress {
    description      = "api-connect/r-103 api-connect/gateway (inbound): 3000 (inbound) HTTPS, local endpoint of the Gateway Service (configurable)"
    protocol         = "tcp"
    from_port        = 3000
    to_port          = 3000
    cidr_blocks      = ["10.100.0.0/16"]
  }

  # zone public -> host gw1
  ingress {
    description      = "api-connect/r-39 api-connect/gateway (inbound): (2) DataPower administration: internal operators managing the Gateway servers."
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["0.0.0.0/0"]
  }

  # zone public -> host gw1
  ingress {
    description      = "api-connect/r-38 api-connect/gateway (inbound): (1) API request/response: consumers calling the published APIs."
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["0.0.0.0/0"]
  }

  # zone public -> host gw1
  ingress {
    description      = "api-connect/r-39.2 api-connect/gateway (inbound): (2) DataPower administration: internal operators managing the Gateway servers."
    protocol         = "tcp"
    from_port        = 9090
    to_port          = 9090
    cidr_blocks      = ["0.0.0.0/0"]
  }

  # host mgmt -> host gw1
  ingress {
    description      = "api-connect/r-44.2 api-connect/management (bidirectional): (7) Configuration push: Management and Gateway servers talk in both directions."
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.2.10/32"]
  }

  # host mgmt -> host gw1
  ingress {
    description      = "api-connect/r-44 api-connect/management (bidirectional): (7) Configuration push: Management and Gateway servers talk in both directions."
    protocol         = "tcp"
    from_port        = 3000
    to_port          = 3000
    cidr_blocks      = ["172.20.2.10/32"]
  }

  # zone gateway -> host a7s
  egress {
    description      = "api-connect/r-67.2 api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["172.20.2.30/32"]
  }

  # zone gateway -> host a7s
  egress {
    description      = "api-connect/r-70.2 api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.2.30/32"]
  }

  # group api-connect/gateway -> host a7s
  egress {
    description      = "api-connect/r-43 api-connect/analytics (inbound): (6) Gateway servers send API event data to the Analytics service."
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.2.30/32"]
  }

  # zone gateway -> host gw2
  egress {
    description      = "api-connect/r-103 api-connect/gateway (inbound): 3000 (inbound) HTTPS, local endpoint of the Gateway Service (configurable)"
    protocol         = "tcp"
    from_port        = 3000
    to_port          = 3000
    cidr_blocks      = ["172.20.1.12/32"]
  }

  # zone public -> host gw2
  egress {
    description      = "api-connect/r-39 api-connect/gateway (inbound): (2) DataPower administration: internal operators managing the Gateway servers."
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["172.20.1.12/32"]
  }

  # zone public -> host gw2
  egress {
    description      = "api-connect/r-38 api-connect/gateway (inbound): (1) API request/response: consumers calling the published APIs."
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.1.12/32"]
  }

  # zone public -> host gw2
  egress {
    description      = "api-connect/r-39.2 api-connect/gateway (inbound): (2) DataPower administration: internal operators managing the Gateway servers."
    protocol         = "tcp"
    from_port        = 9090
    to_port          = 9090
    cidr_blocks      = ["172.20.1.12/32"]
  }

  # zone gateway -> host mgmt
  egress {
    description      = "api-connect/r-67 api-connect/management (bidirectional): 22 (inbound and outbound) SSH"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["172.20.2.10/32"]
  }

  # zone gateway -> host mgmt
  egress {
    description      = "api-connect/r-70 api-connect/management (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.2.10/32"]
  }

  # zone public -> host mgmt
  egress {
    description      = "api-connect/r-41 api-connect/r-42 api-connect/management (inbound): (4) Cloud Manager: internal operators who administer the cloud.; api-connect/management (inbound): (5) Developer Portal administration: internal operators managing the Portal servers."
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["172.20.2.10/32"]
  }

  # zone public -> host mgmt
  egress {
    description      = "api-connect/r-40 api-connect/r-41.2 api-connect/r-42.2 api-connect/r-48 api-connect/management (inbound): (3) API Manager: internal business users who define and monitor APIs.; api-connect/management (inbound): (4) Cloud Manager: internal operators who ad"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.2.10/32"]
  }

  # group api-connect/gateway -> host mgmt
  egress {
    description      = "api-connect/r-44.2 api-connect/management (bidirectional): (7) Configuration push: Management and Gateway servers talk in both directions."
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.2.10/32"]
  }

  # group api-connect/gateway -> host mgmt
  egress {
    description      = "api-connect/r-44 api-connect/management (bidirectional): (7) Configuration push: Management and Gateway servers talk in both directions."
    protocol         = "tcp"
    from_port        = 3000
    to_port          = 3000
    cidr_blocks      = ["172.20.2.10/32"]
  }

  # zone gateway -> host ptl
  egress {
    description      = "api-connect/r-67.3 api-connect/portal (bidirectional): 22 (inbound and outbound) SSH"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["172.20.2.20/32"]
  }

  # zone gateway -> host ptl
  egress {
    description      = "api-connect/r-70.3 api-connect/portal (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.2.20/32"]
  }

  # zone public -> host ptl
  egress {
    description      = "api-connect/r-47 api-connect/portal (inbound): (10) Developer Portal: developers outside the organization using the portal."
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.2.20/32"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "gw1"
  }
}

resource "aws_security_group" "host_gw2" {
  name        = "portolan-apic-prod-host-gw2"
  description = "Portolan rules for host gw2, topology apic-prod"
  vpc_id      = var.vpc_id

  # zone gateway -> host gw2
  ingress {
    description      = "api-connect/r-103 api-connect/gateway (inbound): 3000 (inbound) HTTPS, local endpoint of the Gateway Service (configurable)"
    protocol         = "tcp"
    from_port        = 3000
    to_port          = 3000
    cidr_blocks      = ["172.20.1.0/24"]
  }

  # zone management -> host gw2
  ingress {
    description      = "api-connect/r-103 api-connect/gateway (inbound): 3000 (inbound) HTTPS, local endpoint of the Gateway Service (configurable)"
    protocol         = "tcp"
    from_port        = 3000
    to_port          = 3000
    cidr_blocks      = ["172.20.2.0/24"]
  }

  # zone protected -> host gw2
  ingress {
    description      = "api-connect/r-103 api-connect/gateway (inbound): 3000 (inbound) HTTPS, local endpoint of the Gateway Service (configurable)"
    protocol         = "tcp"
    from_port        = 3000
    to_port          = 3000
    cidr_blocks      = ["10.100.0.0/16"]
  }

  # zone public -> host gw2
  ingress {
    description      = "api-connect/r-39 api-connect/gateway (inbound): (2) DataPower administration: internal operators managing the Gateway servers."
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["0.0.0.0/0"]
  }

  # zone public -> host gw2
  ingress {
    description      = "api-connect/r-38 api-connect/gateway (inbound): (1) API request/response: consumers calling the published APIs."
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["0.0.0.0/0"]
  }

  # zone public -> host gw2
  ingress {
    description      = "api-connect/r-39.2 api-connect/gateway (inbound): (2) DataPower administration: internal operators managing the Gateway servers."
    protocol         = "tcp"
    from_port        = 9090
    to_port          = 9090
    cidr_blocks      = ["0.0.0.0/0"]
  }

  # host mgmt -> host gw2
  ingress {
    description      = "api-connect/r-44.2 api-connect/management (bidirectional): (7) Configuration push: Management and Gateway servers talk in both directions."
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.2.10/32"]
  }

  # host mgmt -> host gw2
  ingress {
    description      = "api-connect/r-44 api-connect/management (bidirectional): (7) Configuration push: Management and Gateway servers talk in both directions."
    protocol         = "tcp"
    from_port        = 3000
    to_port          = 3000
    cidr_blocks      = ["172.20.2.10/32"]
  }

  # zone gateway -> host a7s
  egress {
    description      = "api-connect/r-67.2 api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["172.20.2.30/32"]
  }

  # zone gateway -> host a7s
  egress {
    description      = "api-connect/r-70.2 api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.2.30/32"]
  }

  # group api-connect/gateway -> host a7s
  egress {
    description      = "api-connect/r-43 api-connect/analytics (inbound): (6) Gateway servers send API event data to the Analytics service."
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.2.30/32"]
  }

  # zone gateway -> host gw1
  egress {
    description      = "api-connect/r-103 api-connect/gateway (inbound): 3000 (inbound) HTTPS, local endpoint of the Gateway Service (configurable)"
    protocol         = "tcp"
    from_port        = 3000
    to_port          = 3000
    cidr_blocks      = ["172.20.1.11/32"]
  }

  # zone public -> host gw1
  egress {
    description      = "api-connect/r-39 api-connect/gateway (inbound): (2) DataPower administration: internal operators managing the Gateway servers."
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["172.20.1.11/32"]
  }

  # zone public -> host gw1
  egress {
    description      = "api-connect/r-38 api-connect/gateway (inbound): (1) API request/response: consumers calling the published APIs."
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.1.11/32"]
  }

  # zone public -> host gw1
  egress {
    description      = "api-connect/r-39.2 api-connect/gateway (inbound): (2) DataPower administration: internal operators managing the Gateway servers."
    protocol         = "tcp"
    from_port        = 9090
    to_port          = 9090
    cidr_blocks      = ["172.20.1.11/32"]
  }

  # zone gateway -> host mgmt
  egress {
    description      = "api-connect/r-67 api-connect/management (bidirectional): 22 (inbound and outbound) SSH"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["172.20.2.10/32"]
  }

  # zone gateway -> host mgmt
  egress {
    description      = "api-connect/r-70 api-connect/management (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.2.10/32"]
  }

  # zone public -> host mgmt
  egress {
    description      = "api-connect/r-41 api-connect/r-42 api-connect/management (inbound): (4) Cloud Manager: internal operators who administer the cloud.; api-connect/management (inbound): (5) Developer Portal administration: internal operators managing the Portal servers."
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["172.20.2.10/32"]
  }

  # zone public -> host mgmt
  egress {
    description      = "api-connect/r-40 api-connect/r-41.2 api-connect/r-42.2 api-connect/r-48 api-connect/management (inbound): (3) API Manager: internal business users who define and monitor APIs.; api-connect/management (inbound): (4) Cloud Manager: internal operators who ad"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.2.10/32"]
  }

  # group api-connect/gateway -> host mgmt
  egress {
    description      = "api-connect/r-44.2 api-connect/management (bidirectional): (7) Configuration push: Management and Gateway servers talk in both directions."
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.2.10/32"]
  }

  # group api-connect/gateway -> host mgmt
  egress {
    description      = "api-connect/r-44 api-connect/management (bidirectional): (7) Configuration push: Management and Gateway servers talk in both directions."
    protocol         = "tcp"
    from_port        = 3000
    to_port          = 3000
    cidr_blocks      = ["172.20.2.10/32"]
  }

  # zone gateway -> host ptl
  egress {
    description      = "api-connect/r-67.3 api-connect/portal (bidirectional): 22 (inbound and outbound) SSH"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["172.20.2.20/32"]
  }

  # zone gateway -> host ptl
  egress {
    description      = "api-connect/r-70.3 api-connect/portal (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.2.20/32"]
  }

  # zone public -> host ptl
  egress {
    description      = "api-connect/r-47 api-connect/portal (inbound): (10) Developer Portal: developers outside the organization using the portal."
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.2.20/32"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "gw2"
  }
}

resource "aws_security_group" "host_mgmt" {
  name        = "portolan-apic-prod-host-mgmt"
  description = "Portolan rules for host mgmt, topology apic-prod"
  vpc_id      = var.vpc_id

  # zone gateway -> host mgmt
  ingress {
    description      = "api-connect/r-67 api-connect/management (bidirectional): 22 (inbound and outbound) SSH"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["172.20.1.0/24"]
  }

  # zone gateway -> host mgmt
  ingress {
    description      = "api-connect/r-70 api-connect/management (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.1.0/24"]
  }

  # zone management -> host mgmt
  ingress {
    description      = "api-connect/r-67 api-connect/management (bidirectional): 22 (inbound and outbound) SSH"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["172.20.2.0/24"]
  }

  # zone management -> host mgmt
  ingress {
    description      = "api-connect/r-70 api-connect/management (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.2.0/24"]
  }

  # zone protected -> host mgmt
  ingress {
    description      = "api-connect/r-67 api-connect/management (bidirectional): 22 (inbound and outbound) SSH"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["10.100.0.0/16"]
  }

  # zone protected -> host mgmt
  ingress {
    description      = "api-connect/r-70 api-connect/management (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["10.100.0.0/16"]
  }

  # zone public -> host mgmt
  ingress {
    description      = "api-connect/r-41 api-connect/r-42 api-connect/management (inbound): (4) Cloud Manager: internal operators who administer the cloud.; api-connect/management (inbound): (5) Developer Portal administration: internal operators managing the Portal servers."
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["0.0.0.0/0"]
  }

  # zone public -> host mgmt
  ingress {
    description      = "api-connect/r-40 api-connect/r-41.2 api-connect/r-42.2 api-connect/r-48 api-connect/management (inbound): (3) API Manager: internal business users who define and monitor APIs.; api-connect/management (inbound): (4) Cloud Manager: internal operators who ad"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["0.0.0.0/0"]
  }

  # group api-connect/gateway -> host mgmt
  ingress {
    description      = "api-connect/r-44.2 api-connect/management (bidirectional): (7) Configuration push: Management and Gateway servers talk in both directions."
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    security_groups  = [aws_security_group.group_api_connect_gateway_0dd85845.id]
  }

  # group api-connect/gateway -> host mgmt
  ingress {
    description      = "api-connect/r-44 api-connect/management (bidirectional): (7) Configuration push: Management and Gateway servers talk in both directions."
    protocol         = "tcp"
    from_port        = 3000
    to_port          = 3000
    security_groups  = [aws_security_group.group_api_connect_gateway_0dd85845.id]
  }

  # host ptl -> host mgmt
  ingress {
    description      = "api-connect/r-46 api-connect/management (inbound): (9) Configuration pull and API calls: Developer Portal servers fetch configuration and call the REST APIs."
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.2.20/32"]
  }

  # host mgmt -> any
  egress {
    description      = "api-connect/r-69 api-connect/management (outbound): 123 (outbound) NTP"
    protocol         = "udp"
    from_port        = 123
    to_port          = 123
    cidr_blocks      = ["0.0.0.0/0"]
  }

  # host mgmt -> zone gateway
  egress {
    description      = "api-connect/r-67 api-connect/management (bidirectional): 22 (inbound and outbound) SSH"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["172.20.1.0/24"]
  }

  # host mgmt -> zone gateway
  egress {
    description      = "api-connect/r-70 api-connect/management (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.1.0/24"]
  }

  # host mgmt -> zone management
  egress {
    description      = "api-connect/r-67 api-connect/management (bidirectional): 22 (inbound and outbound) SSH"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["172.20.2.0/24"]
  }

  # host mgmt -> zone management
  egress {
    description      = "api-connect/r-70 api-connect/management (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.2.0/24"]
  }

  # host mgmt -> zone protected
  egress {
    description      = "api-connect/r-67 api-connect/management (bidirectional): 22 (inbound and outbound) SSH"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["10.100.0.0/16"]
  }

  # host mgmt -> zone protected
  egress {
    description      = "api-connect/r-70 api-connect/management (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["10.100.0.0/16"]
  }

  # zone management -> host a7s
  egress {
    description      = "api-connect/r-67.2 api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["172.20.2.30/32"]
  }

  # zone management -> host a7s
  egress {
    description      = "api-connect/r-70.2 api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.2.30/32"]
  }

  # host mgmt -> host a7s
  egress {
    description      = "api-connect/r-52 api-connect/analytics (inbound): (15) The Management service queries the Analytics service."
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.2.30/32"]
  }

  # zone management -> host gw1
  egress {
    description      = "api-connect/r-103 api-connect/gateway (inbound): 3000 (inbound) HTTPS, local endpoint of the Gateway Service (configurable)"
    protocol         = "tcp"
    from_port        = 3000
    to_port          = 3000
    cidr_blocks      = ["172.20.1.11/32"]
  }

  # zone public -> host gw1
  egress {
    description      = "api-connect/r-39 api-connect/gateway (inbound): (2) DataPower administration: internal operators managing the Gateway servers."
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["172.20.1.11/32"]
  }

  # zone public -> host gw1
  egress {
    description      = "api-connect/r-38 api-connect/gateway (inbound): (1) API request/response: consumers calling the published APIs."
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.1.11/32"]
  }

  # zone public -> host gw1
  egress {
    description      = "api-connect/r-39.2 api-connect/gateway (inbound): (2) DataPower administration: internal operators managing the Gateway servers."
    protocol         = "tcp"
    from_port        = 9090
    to_port          = 9090
    cidr_blocks      = ["172.20.1.11/32"]
  }

  # host mgmt -> host gw1
  egress {
    description      = "api-connect/r-44.2 api-connect/management (bidirectional): (7) Configuration push: Management and Gateway servers talk in both directions."
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.1.11/32"]
  }

  # host mgmt -> host gw1
  egress {
    description      = "api-connect/r-44 api-connect/management (bidirectional): (7) Configuration push: Management and Gateway servers talk in both directions."
    protocol         = "tcp"
    from_port        = 3000
    to_port          = 3000
    cidr_blocks      = ["172.20.1.11/32"]
  }

  # zone management -> host gw2
  egress {
    description      = "api-connect/r-103 api-connect/gateway (inbound): 3000 (inbound) HTTPS, local endpoint of the Gateway Service (configurable)"
    protocol         = "tcp"
    from_port        = 3000
    to_port          = 3000
    cidr_blocks      = ["172.20.1.12/32"]
  }

  # zone public -> host gw2
  egress {
    description      = "api-connect/r-39 api-connect/gateway (inbound): (2) DataPower administration: internal operators managing the Gateway servers."
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["172.20.1.12/32"]
  }

  # zone public -> host gw2
  egress {
    description      = "api-connect/r-38 api-connect/gateway (inbound): (1) API request/response: consumers calling the published APIs."
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.1.12/32"]
  }

  # zone public -> host gw2
  egress {
    description      = "api-connect/r-39.2 api-connect/gateway (inbound): (2) DataPower administration: internal operators managing the Gateway servers."
    protocol         = "tcp"
    from_port        = 9090
    to_port          = 9090
    cidr_blocks      = ["172.20.1.12/32"]
  }

  # host mgmt -> host gw2
  egress {
    description      = "api-connect/r-44.2 api-connect/management (bidirectional): (7) Configuration push: Management and Gateway servers talk in both directions."
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.1.12/32"]
  }

  # host mgmt -> host gw2
  egress {
    description      = "api-connect/r-44 api-connect/management (bidirectional): (7) Configuration push: Management and Gateway servers talk in both directions."
    protocol         = "tcp"
    from_port        = 3000
    to_port          = 3000
    cidr_blocks      = ["172.20.1.12/32"]
  }

  # zone management -> host ptl
  egress {
    description      = "api-connect/r-67.3 api-connect/portal (bidirectional): 22 (inbound and outbound) SSH"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["172.20.2.20/32"]
  }

  # zone management -> host ptl
  egress {
    description      = "api-connect/r-70.3 api-connect/portal (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.2.20/32"]
  }

  # zone public -> host ptl
  egress {
    description      = "api-connect/r-47 api-connect/portal (inbound): (10) Developer Portal: developers outside the organization using the portal."
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.2.20/32"]
  }

  # host mgmt -> host ptl
  egress {
    description      = "api-connect/r-45 api-connect/portal (inbound): (8) Configuration and webhook push: Management servers send configuration and webhooks to the Developer Portal."
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.2.20/32"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "mgmt"
  }
}

resource "aws_security_group" "host_ptl" {
  name        = "portolan-apic-prod-host-ptl"
  description = "Portolan rules for host ptl, topology apic-prod"
  vpc_id      = var.vpc_id

  # zone gateway -> host ptl
  ingress {
    description      = "api-connect/r-67.3 api-connect/portal (bidirectional): 22 (inbound and outbound) SSH"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["172.20.1.0/24"]
  }

  # zone gateway -> host ptl
  ingress {
    description      = "api-connect/r-70.3 api-connect/portal (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.1.0/24"]
  }

  # zone management -> host ptl
  ingress {
    description      = "api-connect/r-67.3 api-connect/portal (bidirectional): 22 (inbound and outbound) SSH"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["172.20.2.0/24"]
  }

  # zone management -> host ptl
  ingress {
    description      = "api-connect/r-70.3 api-connect/portal (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.2.0/24"]
  }

  # zone protected -> host ptl
  ingress {
    description      = "api-connect/r-67.3 api-connect/portal (bidirectional): 22 (inbound and outbound) SSH"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["10.100.0.0/16"]
  }

  # zone protected -> host ptl
  ingress {
    description      = "api-connect/r-70.3 api-connect/portal (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["10.100.0.0/16"]
  }

  # zone public -> host ptl
  ingress {
    description      = "api-connect/r-47 api-connect/portal (inbound): (10) Developer Portal: developers outside the organization using the portal."
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["0.0.0.0/0"]
  }

  # host mgmt -> host ptl
  ingress {
    description      = "api-connect/r-45 api-connect/portal (inbound): (8) Configuration and webhook push: Management servers send configuration and webhooks to the Developer Portal."
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.2.10/32"]
  }

  # host ptl -> any
  egress {
    description      = "api-connect/r-69.3 api-connect/portal (outbound): 123 (outbound) NTP"
    protocol         = "udp"
    from_port        = 123
    to_port          = 123
    cidr_blocks      = ["0.0.0.0/0"]
  }

  # host ptl -> zone gateway
  egress {
    description      = "api-connect/r-67.3 api-connect/portal (bidirectional): 22 (inbound and outbound) SSH"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["172.20.1.0/24"]
  }

  # host ptl -> zone gateway
  egress {
    description      = "api-connect/r-70.3 api-connect/portal (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.1.0/24"]
  }

  # host ptl -> zone management
  egress {
    description      = "api-connect/r-67.3 api-connect/portal (bidirectional): 22 (inbound and outbound) SSH"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["172.20.2.0/24"]
  }

  # host ptl -> zone management
  egress {
    description      = "api-connect/r-70.3 api-connect/portal (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.2.0/24"]
  }

  # host ptl -> zone protected
  egress {
    description      = "api-connect/r-67.3 api-connect/portal (bidirectional): 22 (inbound and outbound) SSH"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["10.100.0.0/16"]
  }

  # host ptl -> zone protected
  egress {
    description      = "api-connect/r-70.3 api-connect/portal (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["10.100.0.0/16"]
  }

  # zone management -> host a7s
  egress {
    description      = "api-connect/r-67.2 api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["172.20.2.30/32"]
  }

  # zone management -> host a7s
  egress {
    description      = "api-connect/r-70.2 api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.2.30/32"]
  }

  # host ptl -> host a7s
  egress {
    description      = "api-connect/r-53 api-connect/analytics (inbound): (16) The Portal service reads data from the Analytics service with an API call (GET)."
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.2.30/32"]
  }

  # zone management -> host gw1
  egress {
    description      = "api-connect/r-103 api-connect/gateway (inbound): 3000 (inbound) HTTPS, local endpoint of the Gateway Service (configurable)"
    protocol         = "tcp"
    from_port        = 3000
    to_port          = 3000
    cidr_blocks      = ["172.20.1.11/32"]
  }

  # zone public -> host gw1
  egress {
    description      = "api-connect/r-39 api-connect/gateway (inbound): (2) DataPower administration: internal operators managing the Gateway servers."
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["172.20.1.11/32"]
  }

  # zone public -> host gw1
  egress {
    description      = "api-connect/r-38 api-connect/gateway (inbound): (1) API request/response: consumers calling the published APIs."
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.1.11/32"]
  }

  # zone public -> host gw1
  egress {
    description      = "api-connect/r-39.2 api-connect/gateway (inbound): (2) DataPower administration: internal operators managing the Gateway servers."
    protocol         = "tcp"
    from_port        = 9090
    to_port          = 9090
    cidr_blocks      = ["172.20.1.11/32"]
  }

  # zone management -> host gw2
  egress {
    description      = "api-connect/r-103 api-connect/gateway (inbound): 3000 (inbound) HTTPS, local endpoint of the Gateway Service (configurable)"
    protocol         = "tcp"
    from_port        = 3000
    to_port          = 3000
    cidr_blocks      = ["172.20.1.12/32"]
  }

  # zone public -> host gw2
  egress {
    description      = "api-connect/r-39 api-connect/gateway (inbound): (2) DataPower administration: internal operators managing the Gateway servers."
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["172.20.1.12/32"]
  }

  # zone public -> host gw2
  egress {
    description      = "api-connect/r-38 api-connect/gateway (inbound): (1) API request/response: consumers calling the published APIs."
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.1.12/32"]
  }

  # zone public -> host gw2
  egress {
    description      = "api-connect/r-39.2 api-connect/gateway (inbound): (2) DataPower administration: internal operators managing the Gateway servers."
    protocol         = "tcp"
    from_port        = 9090
    to_port          = 9090
    cidr_blocks      = ["172.20.1.12/32"]
  }

  # zone management -> host mgmt
  egress {
    description      = "api-connect/r-67 api-connect/management (bidirectional): 22 (inbound and outbound) SSH"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["172.20.2.10/32"]
  }

  # zone management -> host mgmt
  egress {
    description      = "api-connect/r-70 api-connect/management (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.2.10/32"]
  }

  # zone public -> host mgmt
  egress {
    description      = "api-connect/r-41 api-connect/r-42 api-connect/management (inbound): (4) Cloud Manager: internal operators who administer the cloud.; api-connect/management (inbound): (5) Developer Portal administration: internal operators managing the Portal servers."
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["172.20.2.10/32"]
  }

  # zone public -> host mgmt
  egress {
    description      = "api-connect/r-40 api-connect/r-41.2 api-connect/r-42.2 api-connect/r-48 api-connect/management (inbound): (3) API Manager: internal business users who define and monitor APIs.; api-connect/management (inbound): (4) Cloud Manager: internal operators who ad"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.2.10/32"]
  }

  # host ptl -> host mgmt
  egress {
    description      = "api-connect/r-46 api-connect/management (inbound): (9) Configuration pull and API calls: Developer Portal servers fetch configuration and call the REST APIs."
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.2.10/32"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "ptl"
  }
}

resource "aws_security_group" "host_a7s" {
  name        = "portolan-apic-prod-host-a7s"
  description = "Portolan rules for host a7s, topology apic-prod"
  vpc_id      = var.vpc_id

  # zone gateway -> host a7s
  ingress {
    description      = "api-connect/r-67.2 api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["172.20.1.0/24"]
  }

  # zone gateway -> host a7s
  ingress {
    description      = "api-connect/r-70.2 api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.1.0/24"]
  }

  # zone management -> host a7s
  ingress {
    description      = "api-connect/r-67.2 api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["172.20.2.0/24"]
  }

  # zone management -> host a7s
  ingress {
    description      = "api-connect/r-70.2 api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.2.0/24"]
  }

  # zone protected -> host a7s
  ingress {
    description      = "api-connect/r-67.2 api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["10.100.0.0/16"]
  }

  # zone protected -> host a7s
  ingress {
    description      = "api-connect/r-70.2 api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["10.100.0.0/16"]
  }

  # group api-connect/gateway -> host a7s
  ingress {
    description      = "api-connect/r-43 api-connect/analytics (inbound): (6) Gateway servers send API event data to the Analytics service."
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    security_groups  = [aws_security_group.group_api_connect_gateway_0dd85845.id]
  }

  # host mgmt -> host a7s
  ingress {
    description      = "api-connect/r-52 api-connect/analytics (inbound): (15) The Management service queries the Analytics service."
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.2.10/32"]
  }

  # host ptl -> host a7s
  ingress {
    description      = "api-connect/r-53 api-connect/analytics (inbound): (16) The Portal service reads data from the Analytics service with an API call (GET)."
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.2.20/32"]
  }

  # host a7s -> any
  egress {
    description      = "api-connect/r-69.2 api-connect/analytics (outbound): 123 (outbound) NTP"
    protocol         = "udp"
    from_port        = 123
    to_port          = 123
    cidr_blocks      = ["0.0.0.0/0"]
  }

  # host a7s -> zone gateway
  egress {
    description      = "api-connect/r-67.2 api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["172.20.1.0/24"]
  }

  # host a7s -> zone gateway
  egress {
    description      = "api-connect/r-70.2 api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.1.0/24"]
  }

  # host a7s -> zone management
  egress {
    description      = "api-connect/r-67.2 api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["172.20.2.0/24"]
  }

  # host a7s -> zone management
  egress {
    description      = "api-connect/r-70.2 api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.2.0/24"]
  }

  # host a7s -> zone protected
  egress {
    description      = "api-connect/r-67.2 api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["10.100.0.0/16"]
  }

  # host a7s -> zone protected
  egress {
    description      = "api-connect/r-70.2 api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["10.100.0.0/16"]
  }

  # zone management -> host gw1
  egress {
    description      = "api-connect/r-103 api-connect/gateway (inbound): 3000 (inbound) HTTPS, local endpoint of the Gateway Service (configurable)"
    protocol         = "tcp"
    from_port        = 3000
    to_port          = 3000
    cidr_blocks      = ["172.20.1.11/32"]
  }

  # zone public -> host gw1
  egress {
    description      = "api-connect/r-39 api-connect/gateway (inbound): (2) DataPower administration: internal operators managing the Gateway servers."
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["172.20.1.11/32"]
  }

  # zone public -> host gw1
  egress {
    description      = "api-connect/r-38 api-connect/gateway (inbound): (1) API request/response: consumers calling the published APIs."
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.1.11/32"]
  }

  # zone public -> host gw1
  egress {
    description      = "api-connect/r-39.2 api-connect/gateway (inbound): (2) DataPower administration: internal operators managing the Gateway servers."
    protocol         = "tcp"
    from_port        = 9090
    to_port          = 9090
    cidr_blocks      = ["172.20.1.11/32"]
  }

  # zone management -> host gw2
  egress {
    description      = "api-connect/r-103 api-connect/gateway (inbound): 3000 (inbound) HTTPS, local endpoint of the Gateway Service (configurable)"
    protocol         = "tcp"
    from_port        = 3000
    to_port          = 3000
    cidr_blocks      = ["172.20.1.12/32"]
  }

  # zone public -> host gw2
  egress {
    description      = "api-connect/r-39 api-connect/gateway (inbound): (2) DataPower administration: internal operators managing the Gateway servers."
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["172.20.1.12/32"]
  }

  # zone public -> host gw2
  egress {
    description      = "api-connect/r-38 api-connect/gateway (inbound): (1) API request/response: consumers calling the published APIs."
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.1.12/32"]
  }

  # zone public -> host gw2
  egress {
    description      = "api-connect/r-39.2 api-connect/gateway (inbound): (2) DataPower administration: internal operators managing the Gateway servers."
    protocol         = "tcp"
    from_port        = 9090
    to_port          = 9090
    cidr_blocks      = ["172.20.1.12/32"]
  }

  # zone management -> host mgmt
  egress {
    description      = "api-connect/r-67 api-connect/management (bidirectional): 22 (inbound and outbound) SSH"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["172.20.2.10/32"]
  }

  # zone management -> host mgmt
  egress {
    description      = "api-connect/r-70 api-connect/management (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.2.10/32"]
  }

  # zone public -> host mgmt
  egress {
    description      = "api-connect/r-41 api-connect/r-42 api-connect/management (inbound): (4) Cloud Manager: internal operators who administer the cloud.; api-connect/management (inbound): (5) Developer Portal administration: internal operators managing the Portal servers."
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["172.20.2.10/32"]
  }

  # zone public -> host mgmt
  egress {
    description      = "api-connect/r-40 api-connect/r-41.2 api-connect/r-42.2 api-connect/r-48 api-connect/management (inbound): (3) API Manager: internal business users who define and monitor APIs.; api-connect/management (inbound): (4) Cloud Manager: internal operators who ad"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.2.10/32"]
  }

  # zone management -> host ptl
  egress {
    description      = "api-connect/r-67.3 api-connect/portal (bidirectional): 22 (inbound and outbound) SSH"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["172.20.2.20/32"]
  }

  # zone management -> host ptl
  egress {
    description      = "api-connect/r-70.3 api-connect/portal (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.2.20/32"]
  }

  # zone public -> host ptl
  egress {
    description      = "api-connect/r-47 api-connect/portal (inbound): (10) Developer Portal: developers outside the organization using the portal."
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["172.20.2.20/32"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "a7s"
  }
}

resource "aws_security_group" "group_api_connect_gateway_0dd85845" {
  name        = "portolan-apic-prod-group-api-connect-gateway-0dd85845"
  description = "Portolan membership group api-connect/gateway (attach to every member), topology apic-prod"
  vpc_id      = var.vpc_id

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "api-connect/gateway"
  }
}

output "portolan_instance_security_groups" {
  description = "Per host: the security groups to attach to its instance"
  value = {
    "gw1" = [aws_security_group.host_gw1.id, aws_security_group.group_api_connect_gateway_0dd85845.id]
    "gw2" = [aws_security_group.host_gw2.id, aws_security_group.group_api_connect_gateway_0dd85845.id]
    "mgmt" = [aws_security_group.host_mgmt.id]
    "ptl" = [aws_security_group.host_ptl.id]
    "a7s" = [aws_security_group.host_a7s.id]
  }
}
