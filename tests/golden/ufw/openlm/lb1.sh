#!/bin/sh
# Portolan firewall for host lb1 (zone dmz), topology openlm-prod
# Generated from the flow plan: default deny in, out and routed; each rule names the
# requirement ids it implements. Check without applying: UFW="ufw --dry-run" sh <this file>
set -eu
UFW="${UFW:-ufw}"
$UFW --force reset
$UFW default deny incoming
$UFW default deny outgoing
$UFW default deny routed
# zone dmz -> host cp1 443/tcp (out): openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/ingress (inbound): Sends directory scan and sync events; runs on a machine that can read the directory.; openlm/ingress (inbound): Users working with administration, da
$UFW allow out proto tcp from 192.0.2.5/32 to 10.0.0.10/32 port 443 comment 'openlm/r-57 openlm/r-58 openlm/r-59 openlm/r-60'
# group openlm -> host cp1 80/tcp (out): openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS
$UFW allow out proto tcp from 192.0.2.5/32 to 10.0.0.10/32 port 80 comment 'openlm/r-115'
# group openlm -> host cp1 443/tcp (out): openlm/control-plane (inbound): HTTPS ingress for agents, UI and API
$UFW allow out proto tcp from 192.0.2.5/32 to 10.0.0.10/32 port 443 comment 'openlm/r-116'
# host lb1 -> host cp1 80/tcp (out): openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.; openlm/ingress (inbound): Inbound external traffic from agents and users arrives at an AWS load balancer in the public subnets, which forwards it to the ingress controller in the private subnets on ports 443 (HTTPS) and 80 (HTTP).
$UFW allow out proto tcp from 192.0.2.5/32 to 10.0.0.10/32 port 80 comment 'openlm/r-167.2 openlm/r-42'
# host lb1 -> host cp1 443/tcp (out): openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.; openlm/ingress (inbound): Inbound external traffic from agents and users arrives at an AWS load balancer in the public subnets, which forwards it to the ingress controller in the private subnets on ports 443 (HTTPS) and 80 (
$UFW allow out proto tcp from 192.0.2.5/32 to 10.0.0.10/32 port 443 comment 'openlm/r-167 openlm/r-38'
# host cp1 -> host lb1 80/tcp (in): openlm/load-balancer (inbound): Inbound external traffic enters through an Azure load balancer or Application Gateway on ports 443 (HTTPS) and 80 (HTTP), which hands it to the AKS ingress controller.
$UFW allow in proto tcp from 10.0.0.10/32 to 192.0.2.5/32 port 80 comment 'openlm/r-198.2'
# host cp1 -> host lb1 443/tcp (in): openlm/load-balancer (inbound): Inbound external traffic enters through an Azure load balancer or Application Gateway on ports 443 (HTTPS) and 80 (HTTP), which hands it to the AKS ingress controller.
$UFW allow in proto tcp from 10.0.0.10/32 to 192.0.2.5/32 port 443 comment 'openlm/r-198'
$UFW --force enable
