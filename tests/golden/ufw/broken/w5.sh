#!/bin/sh
# Portolan firewall for host w5 (zone cluster), topology broken
# Generated from the flow plan: default deny in, out and routed; each rule names the
# requirement ids it implements. Check without applying: UFW="ufw --dry-run" sh <this file>
set -eu
UFW="${UFW:-ufw}"
$UFW --force reset
$UFW default deny incoming
$UFW default deny outgoing
$UFW default deny routed
# zone internet -> host w5 443/tcp (in): openlm/ingress (inbound): Collects license server events; runs on the license server machines.; openlm/ingress (inbound): Collects workstation usage events; runs on end-user workstations.; openlm/ingress (inbound): Sends directory scan and sync events; runs on a machine that can read the directory.; openlm/ingress (inbound): Users working with administration,
$UFW allow in proto tcp from 0.0.0.0/0 to 10.0.0.11/32 port 443 comment 'openlm/r-57 openlm/r-58 openlm/r-59 openlm/r-60'
$UFW --force enable
