#!/bin/sh
# Portolan firewall for host a7s (zone management), topology apic-prod
# Generated from the flow plan: default deny in, out and routed; each rule names the
# requirement ids it implements. Check without applying: UFW="ufw --dry-run" sh <this file>
# Applying this drops every packet in and out of this host that no rule below allows
# (loopback and replies to allowed traffic excepted).
# WARNING: no management access reaches this host: applying this over SSH cuts your session and locks you out.
# Name it in the topology first: management: [{ from: <admin zone or host>, ports: [22/tcp] }]
# Stays open outbound (DNS, NTP, topology egress): 53/tcp to any, 53/udp to any, 123/udp to any.
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
# group hosts:all -> any 53/tcp (out): DNS to any address (the topology names no DNS egress)
$UFW allow out proto tcp from 172.20.2.30/32 to any port 53 comment 'topology:dns'
# group hosts:all -> any 53/udp (out): DNS to any address (the topology names no DNS egress)
$UFW allow out proto udp from 172.20.2.30/32 to any port 53 comment 'topology:dns'
# group hosts:all -> any 123/udp (out): NTP to any address (the topology names no NTP egress)
$UFW allow out proto udp from 172.20.2.30/32 to any port 123 comment 'topology:ntp'
# host a7s -> zone gateway 22/tcp (out): api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH
$UFW allow out proto tcp from 172.20.2.30/32 to 172.20.1.0/24 port 22 comment 'api-connect/analytics-22-tcp'
# host a7s -> zone gateway 443/tcp (out): api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others
$UFW allow out proto tcp from 172.20.2.30/32 to 172.20.1.0/24 port 443 comment 'api-connect/analytics-443-tcp-both'
# host a7s -> zone management 22/tcp (out): api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH
$UFW allow out proto tcp from 172.20.2.30/32 to 172.20.2.0/24 port 22 comment 'api-connect/analytics-22-tcp'
# host a7s -> zone management 443/tcp (out): api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others
$UFW allow out proto tcp from 172.20.2.30/32 to 172.20.2.0/24 port 443 comment 'api-connect/analytics-443-tcp-both'
# host a7s -> zone protected 22/tcp (out): api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH
$UFW allow out proto tcp from 172.20.2.30/32 to 10.100.0.0/16 port 22 comment 'api-connect/analytics-22-tcp'
# host a7s -> zone protected 443/tcp (out): api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others
$UFW allow out proto tcp from 172.20.2.30/32 to 10.100.0.0/16 port 443 comment 'api-connect/analytics-443-tcp-both'
# host a7s -> zone protected 123/udp (out): api-connect/analytics (outbound): 123 (outbound) NTP
$UFW allow out proto udp from 172.20.2.30/32 to 10.100.0.0/16 port 123 comment 'api-connect/analytics-123-udp'
# zone gateway -> host a7s 22/tcp (in): api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH
$UFW allow in proto tcp from 172.20.1.0/24 to 172.20.2.30/32 port 22 comment 'api-connect/analytics-22-tcp'
# zone gateway -> host a7s 443/tcp (in): api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; api-connect/analytics (inbound): Gateway servers send API event data to the Analytics service.
$UFW allow in proto tcp from 172.20.1.0/24 to 172.20.2.30/32 port 443 comment 'api-connect/analytics-443-tcp-both api-connect/analytics-443-tcp-in-gateway'
# zone management -> host a7s 22/tcp (in): api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH; api-connect/management (bidirectional): 22 (inbound and outbound) SSH; api-connect/portal (bidirectional): 22 (inbound and outbound) SSH
$UFW allow in proto tcp from 172.20.2.0/24 to 172.20.2.30/32 port 22 comment 'api-connect/analytics-22-tcp api-connect/management-22-tcp-both api-connect/portal-22-tcp'
# zone management -> host a7s 443/tcp (in): api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; api-connect/management (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; api-connect/analytics (inbound): The Management service queries the Analytics service.; api-connect/portal (bidirecti
$UFW allow in proto tcp from 172.20.2.0/24 to 172.20.2.30/32 port 443 comment 'api-connect/analytics-443-tcp-both api-connect/analytics-443-tcp-in-management api-connect/analytics-443-tcp-in-portal api-connect/management-443-tcp-both-nopeer api-connect/portal-443-tcp-both'
# zone protected -> host a7s 22/tcp (in): api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH
$UFW allow in proto tcp from 10.100.0.0/16 to 172.20.2.30/32 port 22 comment 'api-connect/analytics-22-tcp'
# zone protected -> host a7s 443/tcp (in): api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others
$UFW allow in proto tcp from 10.100.0.0/16 to 172.20.2.30/32 port 443 comment 'api-connect/analytics-443-tcp-both'
# zone management -> host gw1 3000/tcp (out): api-connect/gateway (inbound): 3000 (inbound) HTTPS, local endpoint of the Gateway Service (configurable); api-connect/management (bidirectional): Configuration push: Management and Gateway servers talk in both directions.
$UFW allow out proto tcp from 172.20.2.30/32 to 172.20.1.11/32 port 3000 comment 'api-connect/gateway-3000-tcp api-connect/management-3000-tcp'
# zone management -> host gw2 3000/tcp (out): api-connect/gateway (inbound): 3000 (inbound) HTTPS, local endpoint of the Gateway Service (configurable); api-connect/management (bidirectional): Configuration push: Management and Gateway servers talk in both directions.
$UFW allow out proto tcp from 172.20.2.30/32 to 172.20.1.12/32 port 3000 comment 'api-connect/gateway-3000-tcp api-connect/management-3000-tcp'
# zone management -> host mgmt 22/tcp (out): api-connect/management (bidirectional): 22 (inbound and outbound) SSH; api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH; api-connect/portal (bidirectional): 22 (inbound and outbound) SSH
$UFW allow out proto tcp from 172.20.2.30/32 to 172.20.2.10/32 port 22 comment 'api-connect/analytics-22-tcp api-connect/management-22-tcp-both api-connect/portal-22-tcp'
# zone management -> host mgmt 443/tcp (out): api-connect/management (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; api-connect/management (inbound): Configuration pull and API calls: Developer Portal servers fetch configuration an
$UFW allow out proto tcp from 172.20.2.30/32 to 172.20.2.10/32 port 443 comment 'api-connect/analytics-443-tcp-both api-connect/management-443-tcp-both-nopeer api-connect/management-443-tcp-in-portal api-connect/portal-443-tcp-both'
# zone management -> host ptl 22/tcp (out): api-connect/portal (bidirectional): 22 (inbound and outbound) SSH; api-connect/analytics (bidirectional): 22 (inbound and outbound) SSH; api-connect/management (bidirectional): 22 (inbound and outbound) SSH
$UFW allow out proto tcp from 172.20.2.30/32 to 172.20.2.20/32 port 22 comment 'api-connect/analytics-22-tcp api-connect/management-22-tcp-both api-connect/portal-22-tcp'
# zone management -> host ptl 443/tcp (out): api-connect/portal (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; api-connect/analytics (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others; api-connect/management (bidirectional): 443 (inbound and outbound) HTTPS, used by every subsystem to talk to the others;
$UFW allow out proto tcp from 172.20.2.30/32 to 172.20.2.20/32 port 443 comment 'api-connect/analytics-443-tcp-both api-connect/management-443-tcp-both-nopeer api-connect/portal-443-tcp-both api-connect/portal-443-tcp-in-management'
$UFW --force enable
