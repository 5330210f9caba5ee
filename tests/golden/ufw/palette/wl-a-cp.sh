#!/bin/sh
# Portolan firewall for host wl-a-cp (zone workload), topology palette-selfhosted
# Generated from the flow plan: default deny in, out and routed; each rule names the
# requirement ids it implements. Check without applying: UFW="ufw --dry-run" sh <this file>
# Applying this drops every packet in and out of this host that no rule below allows
# (loopback and replies to allowed traffic excepted).
# Stays open for management: 22/tcp from zone ops.
# Stays open outbound (DNS, NTP, topology egress): 53/tcp to any, 53/udp to any, 123/udp to any, 443/tcp to zone internet.
# No DHCP out (67/udp): a host that takes its address by DHCP cannot renew its lease;
# if this one does, add an egress entry to its DHCP server on 67/udp.
# This script resets ufw (ufw --force reset): every existing ufw rule is removed and ufw is
# off until its last line enables it with the rules below, management rules first.
# Check it first without applying (above); then run it from a console, or with a way back
# that outlives your SSH session (sh <this file> save keeps ufw files and the iptables filter
# rules as they are now in /root/portolan-before, or PORTOLAN_BEFORE, and writes undo.sh there):
# sh <this file> save && systemd-run --unit=portolan-undo --on-active=120 sh /root/portolan-before/undo.sh && sh <this file>
# and open a new SSH session: if it works, cancel the way back (systemctl stop
# portolan-undo.timer); if not, wait two minutes: ufw and the filter rules are then as before
# (rules a runtime added meanwhile, such as a container started, come back when it restarts).
# Routed packets no earlier FORWARD rule accepts are dropped (default deny routed; the rules of a
# runtime there run first), and the host traffic to and from containers or VMs is cut: on
# such a host name their interfaces in the topology (guest_interfaces: [docker0]) and generate this again.
set -eu
BEFORE="${PORTOLAN_BEFORE:-/root/portolan-before}"
if [ "${1:-}" = save ]; then
  rm -rf "$BEFORE"
  mkdir -p "$BEFORE"
  cp -a /etc/ufw "$BEFORE/etc-ufw"
  cp -a /etc/default/ufw "$BEFORE/default-ufw"
  iptables-save -t filter > "$BEFORE/filter.v4"
  ip6tables-save -t filter > "$BEFORE/filter.v6" 2>/dev/null || rm -f "$BEFORE/filter.v6"
  cat > "$BEFORE/undo.sh" <<UNDO
#!/bin/sh
# The way back of a Portolan ufw script: ufw files and the iptables filter rules as they were.
set -eu
cp -a "$BEFORE/etc-ufw/." /etc/ufw/
cp -a "$BEFORE/default-ufw" /etc/default/ufw
iptables-restore "$BEFORE/filter.v4"
if [ -s "$BEFORE/filter.v6" ]; then ip6tables-restore "$BEFORE/filter.v6"; fi
echo "portolan: ufw files and the filter rules put back from $BEFORE" >&2
UNDO
  echo "portolan: the way back is saved: sh $BEFORE/undo.sh puts ufw and the filter rules back as they are now" >&2
  exit 0
fi
UFW="${UFW:-ufw}"
if $UFW status 2>/dev/null | grep -q '^Status: active'; then
  echo 'portolan: ufw is active: resetting it (every existing rule removed), then enabling it with the rules below' >&2
fi
$UFW --force reset
$UFW default deny incoming
$UFW default deny outgoing
$UFW default deny routed
# zone ops -> group hosts:all 22/tcp (in): management access, topology line 34
$UFW allow in proto tcp from 10.40.0.0/24 to 10.30.1.10/32 port 22 comment 'topology:management'
# group hosts:all -> any 53/tcp (out): DNS to any address (the topology names no DNS egress)
$UFW allow out proto tcp from 10.30.1.10/32 to any port 53 comment 'topology:dns'
# group hosts:all -> any 53/udp (out): DNS to any address (the topology names no DNS egress)
$UFW allow out proto udp from 10.30.1.10/32 to any port 53 comment 'topology:dns'
# group hosts:all -> any 123/udp (out): NTP to any address (the topology names no NTP egress)
$UFW allow out proto udp from 10.30.1.10/32 to any port 123 comment 'topology:ntp'
# group hosts:workload -> zone internet 443/tcp (out): egress, topology line 36; palette/workload-cluster (outbound): vSphere vCenter API, registry (packs, integrations), pack containers, application updates
$UFW allow out proto tcp from 10.30.1.10/32 to 0.0.0.0/0 port 443 comment 'palette/workload-cluster-443-tcp-nopeer topology:egress'
# group palette/workload-cluster -> zone internet 4222/tcp (out): palette/workload-cluster (outbound): Registry (packs, integrations), pack containers, application updates
$UFW allow out proto tcp from 10.30.1.10/32 to 0.0.0.0/0 port 4222 comment 'palette/workload-cluster-4222-tcp-nopeer palette/workload-cluster-4222-tcp-nopeer-2'
# zone workload -> host palette1 443/tcp (out): palette/management-platform (inbound): Browser and API access to the management platform; palette/workload-cluster (outbound): API access to the management platform
$UFW allow out proto tcp from 10.30.1.10/32 to 10.10.0.11/32 port 443 comment 'palette/management-platform-443-tcp-in palette/management-platform-443-tcp-in-2 palette/workload-cluster-443-tcp-management-platform palette/workload-cluster-443-tcp-management-platform-2'
# zone workload -> host palette1 4222/tcp (out): palette/management-platform (inbound): Agents inside the workload clusters connecting to the platform; palette/management-platform (inbound): Message bus for the workload clusters; palette/workload-cluster (outbound): Agent communication over the message bus
$UFW allow out proto tcp from 10.30.1.10/32 to 10.10.0.11/32 port 4222 comment 'palette/management-platform-4222-tcp-agents-inside-the palette/management-platform-4222-tcp-message-bus-for palette/workload-cluster-4222-tcp-management-platform'
# zone workload -> host palette2 443/tcp (out): palette/management-platform (inbound): Browser and API access to the management platform; palette/workload-cluster (outbound): API access to the management platform
$UFW allow out proto tcp from 10.30.1.10/32 to 10.10.0.12/32 port 443 comment 'palette/management-platform-443-tcp-in palette/management-platform-443-tcp-in-2 palette/workload-cluster-443-tcp-management-platform palette/workload-cluster-443-tcp-management-platform-2'
# zone workload -> host palette2 4222/tcp (out): palette/management-platform (inbound): Agents inside the workload clusters connecting to the platform; palette/management-platform (inbound): Message bus for the workload clusters; palette/workload-cluster (outbound): Agent communication over the message bus
$UFW allow out proto tcp from 10.30.1.10/32 to 10.10.0.12/32 port 4222 comment 'palette/management-platform-4222-tcp-agents-inside-the palette/management-platform-4222-tcp-message-bus-for palette/workload-cluster-4222-tcp-management-platform'
# zone workload -> host palette3 443/tcp (out): palette/management-platform (inbound): Browser and API access to the management platform; palette/workload-cluster (outbound): API access to the management platform
$UFW allow out proto tcp from 10.30.1.10/32 to 10.10.0.13/32 port 443 comment 'palette/management-platform-443-tcp-in palette/management-platform-443-tcp-in-2 palette/workload-cluster-443-tcp-management-platform palette/workload-cluster-443-tcp-management-platform-2'
# zone workload -> host palette3 4222/tcp (out): palette/management-platform (inbound): Agents inside the workload clusters connecting to the platform; palette/management-platform (inbound): Message bus for the workload clusters; palette/workload-cluster (outbound): Agent communication over the message bus
$UFW allow out proto tcp from 10.30.1.10/32 to 10.10.0.13/32 port 4222 comment 'palette/management-platform-4222-tcp-agents-inside-the palette/management-platform-4222-tcp-message-bus-for palette/workload-cluster-4222-tcp-management-platform'
# zone mgmt -> host wl-a-cp 22/tcp (in): palette/workload-cluster (inbound): To troubleshoot cluster nodes remotely, you can open inbound port 22 for SSH.
$UFW allow in proto tcp from 10.10.0.0/24 to 10.30.1.10/32 port 22 comment 'palette/workload-cluster-22-tcp'
# zone ops -> host wl-a-cp 22/tcp (in): palette/workload-cluster (inbound): To troubleshoot cluster nodes remotely, you can open inbound port 22 for SSH.
$UFW allow in proto tcp from 10.40.0.0/24 to 10.30.1.10/32 port 22 comment 'palette/workload-cluster-22-tcp'
# zone workload -> host wl-a-cp 22/tcp (in): palette/workload-cluster (inbound): To troubleshoot cluster nodes remotely, you can open inbound port 22 for SSH.
$UFW allow in proto tcp from 10.30.0.0/16 to 10.30.1.10/32 port 22 comment 'palette/workload-cluster-22-tcp'
# zone workload -> host wl-a-w1 22/tcp (out): palette/workload-cluster (inbound): To troubleshoot cluster nodes remotely, you can open inbound port 22 for SSH.
$UFW allow out proto tcp from 10.30.1.10/32 to 10.30.1.11/32 port 22 comment 'palette/workload-cluster-22-tcp'
# zone workload -> host wl-b-cp 22/tcp (out): palette/workload-cluster (inbound): To troubleshoot cluster nodes remotely, you can open inbound port 22 for SSH.
$UFW allow out proto tcp from 10.30.1.10/32 to 10.30.2.10/32 port 22 comment 'palette/workload-cluster-22-tcp'
$UFW --force enable
