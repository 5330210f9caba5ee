#!/bin/sh
# Portolan firewall for host w2 (zone clustr), topology broken
# Generated from the flow plan: default deny in, out and routed; each rule names the
# requirement ids it implements. Check without applying: UFW="ufw --dry-run" sh <this file>
set -eu
UFW="${UFW:-ufw}"
$UFW --force reset
$UFW default deny incoming
$UFW default deny outgoing
$UFW default deny routed
# zone corp -> host w2 8472/udp (in): omero-k8s/worker (inbound): Flannel VXLAN overlay
$UFW allow in proto udp from 10.20.0.0/16 to 10.0.0.12/32 port 8472 comment 'omero-k8s/r-72'
# group omero-k8s -> host w2 10250/tcp (in): omero-k8s/worker (inbound): Kubelet API [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
$UFW allow in proto tcp from 10.0.0.10/32 to 10.0.0.12/32 port 10250 comment 'omero-k8s/r-70'
$UFW allow in proto tcp from 10.0.0.12/32 to 10.0.0.12/32 port 10250 comment 'omero-k8s/r-70'
$UFW allow in proto tcp from 10.0.9.13/32 to 10.0.0.12/32 port 10250 comment 'omero-k8s/r-70'
# group omero-k8s -> host w2 30000-32767/tcp (in): omero-k8s/worker (inbound): Range for NodePort services [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
$UFW allow in proto tcp from 10.0.0.10/32 to 10.0.0.12/32 port 30000:32767 comment 'omero-k8s/r-71'
$UFW allow in proto tcp from 10.0.0.12/32 to 10.0.0.12/32 port 30000:32767 comment 'omero-k8s/r-71'
$UFW allow in proto tcp from 10.0.9.13/32 to 10.0.0.12/32 port 30000:32767 comment 'omero-k8s/r-71'
$UFW --force enable
