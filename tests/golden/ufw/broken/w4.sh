#!/bin/sh
# Portolan firewall for host w4 (zone cluster), topology broken
# Generated from the flow plan: default deny in, out and routed; each rule names the
# requirement ids it implements. Check without applying: UFW="ufw --dry-run" sh <this file>
set -eu
UFW="${UFW:-ufw}"
$UFW --force reset
$UFW default deny incoming
$UFW default deny outgoing
$UFW default deny routed
# group omero-k8s@cluster -> host w4 10250/tcp (in): omero-k8s/worker (inbound): Kubelet API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
$UFW allow in proto tcp from fd00::14/128 to fd00::14/128 port 10250 comment 'omero-k8s/r-70'
# group omero-k8s@cluster -> host w4 30000-32767/tcp (in): omero-k8s/worker (inbound): Range for NodePort services [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
$UFW allow in proto tcp from fd00::14/128 to fd00::14/128 port 30000:32767 comment 'omero-k8s/r-71'
$UFW --force enable
