#!/bin/sh
# Portolan firewall for host a7s (zone management), topology apic-prod
# Generated from the flow plan: default deny in, out and routed; each rule names the
# requirement ids it implements. Check without applying: UFW="ufw --dry-run" sh <this file>
set -eu
UFW="${UFW:-ufw}"
$UFW --force reset
$UFW default deny incoming
$UFW default deny outgoing
$UFW default deny routed
# host a7s -> any 123/udp (out): api-connect/analytics (outbound): 123 (outbound) NTP
$UFW allow out proto udp from 172.20.2.30/32 to any port 123 comment 'api-connect/r-69.2'
# host a7s -> zone gateway 22/tcp (out): api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH
$UFW allow out proto tcp from 172.20.2.30/32 to 172.20.1.0/24 port 22 comment 'api-connect/r-67.2'
# host a7s -> zone gateway 443/tcp (out): api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others
$UFW allow out proto tcp from 172.20.2.30/32 to 172.20.1.0/24 port 443 comment 'api-connect/r-70.2'
# host a7s -> zone management 22/tcp (out): api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH
$UFW allow out proto tcp from 172.20.2.30/32 to 172.20.2.0/24 port 22 comment 'api-connect/r-67.2'
# host a7s -> zone management 443/tcp (out): api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others
$UFW allow out proto tcp from 172.20.2.30/32 to 172.20.2.0/24 port 443 comment 'api-connect/r-70.2'
# host a7s -> zone protected 22/tcp (out): api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH
$UFW allow out proto tcp from 172.20.2.30/32 to 10.100.0.0/16 port 22 comment 'api-connect/r-67.2'
# host a7s -> zone protected 443/tcp (out): api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others
$UFW allow out proto tcp from 172.20.2.30/32 to 10.100.0.0/16 port 443 comment 'api-connect/r-70.2'
# zone gateway -> host a7s 22/tcp (in): api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH
$UFW allow in proto tcp from 172.20.1.0/24 to 172.20.2.30/32 port 22 comment 'api-connect/r-67.2'
# zone gateway -> host a7s 443/tcp (in): api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others
$UFW allow in proto tcp from 172.20.1.0/24 to 172.20.2.30/32 port 443 comment 'api-connect/r-70.2'
# zone management -> host a7s 22/tcp (in): api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH
$UFW allow in proto tcp from 172.20.2.0/24 to 172.20.2.30/32 port 22 comment 'api-connect/r-67.2'
# zone management -> host a7s 443/tcp (in): api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others
$UFW allow in proto tcp from 172.20.2.0/24 to 172.20.2.30/32 port 443 comment 'api-connect/r-70.2'
# zone protected -> host a7s 22/tcp (in): api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH
$UFW allow in proto tcp from 10.100.0.0/16 to 172.20.2.30/32 port 22 comment 'api-connect/r-67.2'
# zone protected -> host a7s 443/tcp (in): api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others
$UFW allow in proto tcp from 10.100.0.0/16 to 172.20.2.30/32 port 443 comment 'api-connect/r-70.2'
# group api-connect/gateway -> host a7s 443/tcp (in): api-connect/analytics (inbound): (6) Gateway servers send API event data to the Analytics service.
$UFW allow in proto tcp from 172.20.1.11/32 to 172.20.2.30/32 port 443 comment 'api-connect/r-43'
$UFW allow in proto tcp from 172.20.1.12/32 to 172.20.2.30/32 port 443 comment 'api-connect/r-43'
# host mgmt -> host a7s 443/tcp (in): api-connect/analytics (inbound): (15) The Management service queries the Analytics service.
$UFW allow in proto tcp from 172.20.2.10/32 to 172.20.2.30/32 port 443 comment 'api-connect/r-52'
# host ptl -> host a7s 443/tcp (in): api-connect/analytics (inbound): (16) The Portal service reads data from the Analytics service with an API call (GET).
$UFW allow in proto tcp from 172.20.2.20/32 to 172.20.2.30/32 port 443 comment 'api-connect/r-53'
# zone management -> host gw1 3000/tcp (out): api-connect/gateway (inbound): 3000 (inbound) HTTPS, local endpoint of the Gateway Service (configurable)
$UFW allow out proto tcp from 172.20.2.30/32 to 172.20.1.11/32 port 3000 comment 'api-connect/r-103'
# zone management -> host gw2 3000/tcp (out): api-connect/gateway (inbound): 3000 (inbound) HTTPS, local endpoint of the Gateway Service (configurable)
$UFW allow out proto tcp from 172.20.2.30/32 to 172.20.1.12/32 port 3000 comment 'api-connect/r-103'
# zone management -> host mgmt 22/tcp (out): api-connect/management (bidirectional): 22 (inbound and outbound) SSH
$UFW allow out proto tcp from 172.20.2.30/32 to 172.20.2.10/32 port 22 comment 'api-connect/r-67'
# zone management -> host mgmt 443/tcp (out): api-connect/management (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others
$UFW allow out proto tcp from 172.20.2.30/32 to 172.20.2.10/32 port 443 comment 'api-connect/r-70'
# zone management -> host ptl 22/tcp (out): api-connect/portal (bidirectional): 22 (inbound and outbound) SSH
$UFW allow out proto tcp from 172.20.2.30/32 to 172.20.2.20/32 port 22 comment 'api-connect/r-67.3'
# zone management -> host ptl 443/tcp (out): api-connect/portal (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others
$UFW allow out proto tcp from 172.20.2.30/32 to 172.20.2.20/32 port 443 comment 'api-connect/r-70.3'
$UFW --force enable
