#!/bin/sh
# Portolan firewall for host mgmt (zone management), topology apic-prod
# Generated from the flow plan: default deny in, out and routed; each rule names the
# requirement ids it implements. Check without applying: UFW="ufw --dry-run" sh <this file>
set -eu
UFW="${UFW:-ufw}"
$UFW --force reset
$UFW default deny incoming
$UFW default deny outgoing
$UFW default deny routed
# host mgmt -> any 123/udp (out): api-connect/management (outbound): 123 (outbound) NTP
$UFW allow out proto udp from 172.20.2.10/32 to any port 123 comment 'api-connect/r-69'
# host mgmt -> zone gateway 22/tcp (out): api-connect/management (bidirectional): 22 (inbound and outbound) SSH
$UFW allow out proto tcp from 172.20.2.10/32 to 172.20.1.0/24 port 22 comment 'api-connect/r-67'
# host mgmt -> zone gateway 443/tcp (out): api-connect/management (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others
$UFW allow out proto tcp from 172.20.2.10/32 to 172.20.1.0/24 port 443 comment 'api-connect/r-70'
# host mgmt -> zone management 22/tcp (out): api-connect/management (bidirectional): 22 (inbound and outbound) SSH
$UFW allow out proto tcp from 172.20.2.10/32 to 172.20.2.0/24 port 22 comment 'api-connect/r-67'
# host mgmt -> zone management 443/tcp (out): api-connect/management (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others
$UFW allow out proto tcp from 172.20.2.10/32 to 172.20.2.0/24 port 443 comment 'api-connect/r-70'
# host mgmt -> zone protected 22/tcp (out): api-connect/management (bidirectional): 22 (inbound and outbound) SSH
$UFW allow out proto tcp from 172.20.2.10/32 to 10.100.0.0/16 port 22 comment 'api-connect/r-67'
# host mgmt -> zone protected 443/tcp (out): api-connect/management (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others
$UFW allow out proto tcp from 172.20.2.10/32 to 10.100.0.0/16 port 443 comment 'api-connect/r-70'
# zone management -> host a7s 22/tcp (out): api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH
$UFW allow out proto tcp from 172.20.2.10/32 to 172.20.2.30/32 port 22 comment 'api-connect/r-67.2'
# zone management -> host a7s 443/tcp (out): api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others
$UFW allow out proto tcp from 172.20.2.10/32 to 172.20.2.30/32 port 443 comment 'api-connect/r-70.2'
# host mgmt -> host a7s 443/tcp (out): api-connect/analytics (inbound): (15) The Management service queries the Analytics service.
$UFW allow out proto tcp from 172.20.2.10/32 to 172.20.2.30/32 port 443 comment 'api-connect/r-52'
# zone management -> host gw1 3000/tcp (out): api-connect/gateway (inbound): 3000 (inbound) HTTPS, local endpoint of the Gateway Service (configurable)
$UFW allow out proto tcp from 172.20.2.10/32 to 172.20.1.11/32 port 3000 comment 'api-connect/r-103'
# host mgmt -> host gw1 443/tcp (out): api-connect/management (bidirectional): (7) Configuration push: Management and Gateway servers talk in both directions.
$UFW allow out proto tcp from 172.20.2.10/32 to 172.20.1.11/32 port 443 comment 'api-connect/r-44.2'
# host mgmt -> host gw1 3000/tcp (out): api-connect/management (bidirectional): (7) Configuration push: Management and Gateway servers talk in both directions.
$UFW allow out proto tcp from 172.20.2.10/32 to 172.20.1.11/32 port 3000 comment 'api-connect/r-44'
# zone management -> host gw2 3000/tcp (out): api-connect/gateway (inbound): 3000 (inbound) HTTPS, local endpoint of the Gateway Service (configurable)
$UFW allow out proto tcp from 172.20.2.10/32 to 172.20.1.12/32 port 3000 comment 'api-connect/r-103'
# host mgmt -> host gw2 443/tcp (out): api-connect/management (bidirectional): (7) Configuration push: Management and Gateway servers talk in both directions.
$UFW allow out proto tcp from 172.20.2.10/32 to 172.20.1.12/32 port 443 comment 'api-connect/r-44.2'
# host mgmt -> host gw2 3000/tcp (out): api-connect/management (bidirectional): (7) Configuration push: Management and Gateway servers talk in both directions.
$UFW allow out proto tcp from 172.20.2.10/32 to 172.20.1.12/32 port 3000 comment 'api-connect/r-44'
# zone gateway -> host mgmt 22/tcp (in): api-connect/management (bidirectional): 22 (inbound and outbound) SSH
$UFW allow in proto tcp from 172.20.1.0/24 to 172.20.2.10/32 port 22 comment 'api-connect/r-67'
# zone gateway -> host mgmt 443/tcp (in): api-connect/management (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others
$UFW allow in proto tcp from 172.20.1.0/24 to 172.20.2.10/32 port 443 comment 'api-connect/r-70'
# zone management -> host mgmt 22/tcp (in): api-connect/management (bidirectional): 22 (inbound and outbound) SSH
$UFW allow in proto tcp from 172.20.2.0/24 to 172.20.2.10/32 port 22 comment 'api-connect/r-67'
# zone management -> host mgmt 443/tcp (in): api-connect/management (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others
$UFW allow in proto tcp from 172.20.2.0/24 to 172.20.2.10/32 port 443 comment 'api-connect/r-70'
# zone protected -> host mgmt 22/tcp (in): api-connect/management (bidirectional): 22 (inbound and outbound) SSH
$UFW allow in proto tcp from 10.100.0.0/16 to 172.20.2.10/32 port 22 comment 'api-connect/r-67'
# zone protected -> host mgmt 443/tcp (in): api-connect/management (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others
$UFW allow in proto tcp from 10.100.0.0/16 to 172.20.2.10/32 port 443 comment 'api-connect/r-70'
# zone public -> host mgmt 22/tcp (in): api-connect/management (inbound): (4) Cloud Manager: internal operators who administer the cloud.; api-connect/management (inbound): (5) Developer Portal administration: internal operators managing the Portal servers.
$UFW allow in proto tcp from 0.0.0.0/0 to 172.20.2.10/32 port 22 comment 'api-connect/r-41 api-connect/r-42'
# zone public -> host mgmt 443/tcp (in): api-connect/management (inbound): (3) API Manager: internal business users who define and monitor APIs.; api-connect/management (inbound): (4) Cloud Manager: internal operators who administer the cloud.; api-connect/management (inbound): (5) Developer Portal administration: internal operators managing the Portal servers.; api-connect/management (inbound): (11
$UFW allow in proto tcp from 0.0.0.0/0 to 172.20.2.10/32 port 443 comment 'api-connect/r-40 api-connect/r-41.2 api-connect/r-42.2 api-connect/r-48'
# group api-connect/gateway -> host mgmt 443/tcp (in): api-connect/management (bidirectional): (7) Configuration push: Management and Gateway servers talk in both directions.
$UFW allow in proto tcp from 172.20.1.11/32 to 172.20.2.10/32 port 443 comment 'api-connect/r-44.2'
$UFW allow in proto tcp from 172.20.1.12/32 to 172.20.2.10/32 port 443 comment 'api-connect/r-44.2'
# group api-connect/gateway -> host mgmt 3000/tcp (in): api-connect/management (bidirectional): (7) Configuration push: Management and Gateway servers talk in both directions.
$UFW allow in proto tcp from 172.20.1.11/32 to 172.20.2.10/32 port 3000 comment 'api-connect/r-44'
$UFW allow in proto tcp from 172.20.1.12/32 to 172.20.2.10/32 port 3000 comment 'api-connect/r-44'
# host ptl -> host mgmt 443/tcp (in): api-connect/management (inbound): (9) Configuration pull and API calls: Developer Portal servers fetch configuration and call the REST APIs.
$UFW allow in proto tcp from 172.20.2.20/32 to 172.20.2.10/32 port 443 comment 'api-connect/r-46'
# zone management -> host ptl 22/tcp (out): api-connect/portal (bidirectional): 22 (inbound and outbound) SSH
$UFW allow out proto tcp from 172.20.2.10/32 to 172.20.2.20/32 port 22 comment 'api-connect/r-67.3'
# zone management -> host ptl 443/tcp (out): api-connect/portal (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others
$UFW allow out proto tcp from 172.20.2.10/32 to 172.20.2.20/32 port 443 comment 'api-connect/r-70.3'
# host mgmt -> host ptl 443/tcp (out): api-connect/portal (inbound): (8) Configuration and webhook push: Management servers send configuration and webhooks to the Developer Portal.
$UFW allow out proto tcp from 172.20.2.10/32 to 172.20.2.20/32 port 443 comment 'api-connect/r-45'
$UFW --force enable
