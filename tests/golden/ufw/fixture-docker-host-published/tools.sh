#!/bin/sh
# Portolan firewall for host tools (zone srv), topology docker-host
# Generated from the flow plan: default deny in, out and routed; each rule names the
# requirement ids it implements. Check without applying: UFW="ufw --dry-run" sh <this file>
# Applying this drops every packet in and out of this host that no rule below allows
# (loopback and replies to allowed traffic excepted).
# Stays open for management: 22/tcp from zone vpn.
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
# This host routes for containers or VMs behind docker0, br-* (guest_interfaces in the topology):
# their forwarded traffic (published ports, their connections out) is left to their runtime,
# so this file holds only the ports Docker publishes (below), and traffic between the host and
# those interfaces is accepted both ways (the guests reach services of the host, and back).
# Ports Docker publishes are held to the plan: a new connection DNATed from the network passes
# on to the chains of Docker only when the address and port it was first sent to, and its source,
# are those of a planned rule of input below; other ports DNATed here (by Docker or any other
# runtime on this host) are dropped; the guests own traffic, replies and what is not DNATed stay
# with Docker.
# That is chain DOCKER-USER, documented by Docker for its users, filled through /etc/ufw/after.rules and after6.rules (ufw has no command for it):
# what it held before is replaced (put your own rules in the topology). After Docker starts,
# iptables -C FORWARD -j DOCKER-USER must succeed (an old Docker skipped that jump when the chain
# existed before it started); Docker on its nftables backend has no DOCKER-USER: use the nftables target.
# Routed traffic out of those interfaces is allowed (ufw route allow in on), and into them only
# what their runtime publishes by DNAT (a line per interface in /etc/ufw/before.rules and
# before6.rules, --ctstate DNAT): a runtime that keeps its rules in nftables (Podman 5, LXD, Incus)
# needs both; a client that routes to the networks of the guests reaches no unpublished port. Other
# routed traffic keeps the DEFAULT_FORWARD_POLICY of /etc/default/ufw.
# The way back above puts the FORWARD policy back as it was; ufw --force disable alone sets it to
# ACCEPT (as ufw stopping does): on Docker, whose DROP keeps routing clients from unpublished ports,
# those are then open until iptables -P FORWARD DROP or a restart of Docker.
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
# zone vpn -> group hosts:all 22/tcp (in): management access, topology line 12
$UFW allow in proto tcp from 10.9.0.0/24 to 10.0.0.5/32 port 22 comment 'topology:management'
$UFW allow in proto tcp from fd00:9::/64 to fd00:1::5/128 port 22 comment 'topology:management'
# group hosts:all -> any 53/tcp (out): DNS to any address (the topology names no DNS egress)
$UFW allow out proto tcp from 10.0.0.5/32 to any port 53 comment 'topology:dns'
$UFW allow out proto tcp from fd00:1::5/128 to any port 53 comment 'topology:dns'
# group hosts:all -> any 53/udp (out): DNS to any address (the topology names no DNS egress)
$UFW allow out proto udp from 10.0.0.5/32 to any port 53 comment 'topology:dns'
$UFW allow out proto udp from fd00:1::5/128 to any port 53 comment 'topology:dns'
# group hosts:all -> any 123/udp (out): NTP to any address (the topology names no NTP egress)
$UFW allow out proto udp from 10.0.0.5/32 to any port 123 comment 'topology:ntp'
$UFW allow out proto udp from fd00:1::5/128 to any port 123 comment 'topology:ntp'
# host tools -> host db 5432/tcp (out): service postgres, topology line 16
$UFW allow out proto tcp from 10.0.0.5/32 to 10.0.0.6/32 port 5432 comment 'topology:service'
# zone srv -> host tools 8125-8126/udp (in): service metrics relay, topology line 15
$UFW allow in proto udp from 10.0.0.0/24 to 10.0.0.5/32 port 8125:8126 comment 'topology:service'
$UFW allow in proto udp from fd00:1::/64 to fd00:1::5/128 port 8125:8126 comment 'topology:service'
# zone vpn -> host tools 8443/tcp (in): service dashboard, topology line 14
$UFW allow in proto tcp from 10.9.0.0/24 to 10.0.0.5/32 port 8443 comment 'topology:service'
$UFW allow in proto tcp from fd00:9::/64 to fd00:1::5/128 port 8443 comment 'topology:service'
$UFW allow in on docker0 comment 'portolan: guests of the runtime'
$UFW allow out on docker0 comment 'portolan: guests of the runtime'
$UFW allow in on br-+ comment 'portolan: guests of the runtime'
$UFW allow out on br-+ comment 'portolan: guests of the runtime'
# Connections to the guests pass ufw only as the DNAT of their runtime publishes them: ufw has no
# command for a conntrack state, so one line per interface goes into the before rules of ufw (put back
# by the reset above; with --dry-run the lines are only said)
case "$UFW" in
*--dry-run*)
  echo 'portolan: would add to /etc/ufw/before.rules: -A ufw-before-forward -o docker0 -m conntrack --ctstate DNAT -m comment --comment published-by-the-runtime -j ACCEPT'
  echo 'portolan: would add to /etc/ufw/before.rules: -A ufw-before-forward -o br-+ -m conntrack --ctstate DNAT -m comment --comment published-by-the-runtime -j ACCEPT'
  echo 'portolan: would add to /etc/ufw/before6.rules: -A ufw6-before-forward -o docker0 -m conntrack --ctstate DNAT -m comment --comment published-by-the-runtime -j ACCEPT'
  echo 'portolan: would add to /etc/ufw/before6.rules: -A ufw6-before-forward -o br-+ -m conntrack --ctstate DNAT -m comment --comment published-by-the-runtime -j ACCEPT'
  ;;
*)
  sed -i '/^-A ufw-before-forward -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT$/a -A ufw-before-forward -o docker0 -m conntrack --ctstate DNAT -m comment --comment published-by-the-runtime -j ACCEPT' /etc/ufw/before.rules
  grep -qF -- '-A ufw-before-forward -o docker0 -m conntrack --ctstate DNAT -m comment --comment published-by-the-runtime -j ACCEPT' /etc/ufw/before.rules || { echo 'portolan: /etc/ufw/before.rules has no line "-A ufw-before-forward -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT" to follow; ufw stays off (reset)' >&2; exit 1; }
  sed -i '/^-A ufw-before-forward -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT$/a -A ufw-before-forward -o br-+ -m conntrack --ctstate DNAT -m comment --comment published-by-the-runtime -j ACCEPT' /etc/ufw/before.rules
  grep -qF -- '-A ufw-before-forward -o br-+ -m conntrack --ctstate DNAT -m comment --comment published-by-the-runtime -j ACCEPT' /etc/ufw/before.rules || { echo 'portolan: /etc/ufw/before.rules has no line "-A ufw-before-forward -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT" to follow; ufw stays off (reset)' >&2; exit 1; }
  sed -i '/^-A ufw6-before-forward -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT$/a -A ufw6-before-forward -o docker0 -m conntrack --ctstate DNAT -m comment --comment published-by-the-runtime -j ACCEPT' /etc/ufw/before6.rules
  grep -qF -- '-A ufw6-before-forward -o docker0 -m conntrack --ctstate DNAT -m comment --comment published-by-the-runtime -j ACCEPT' /etc/ufw/before6.rules || { echo 'portolan: /etc/ufw/before6.rules has no line "-A ufw6-before-forward -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT" to follow; ufw stays off (reset)' >&2; exit 1; }
  sed -i '/^-A ufw6-before-forward -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT$/a -A ufw6-before-forward -o br-+ -m conntrack --ctstate DNAT -m comment --comment published-by-the-runtime -j ACCEPT' /etc/ufw/before6.rules
  grep -qF -- '-A ufw6-before-forward -o br-+ -m conntrack --ctstate DNAT -m comment --comment published-by-the-runtime -j ACCEPT' /etc/ufw/before6.rules || { echo 'portolan: /etc/ufw/before6.rules has no line "-A ufw6-before-forward -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT" to follow; ufw stays off (reset)' >&2; exit 1; }
  ;;
esac
$UFW route allow in on docker0 comment 'portolan: routed by the runtime'
$UFW route allow in on br-+ comment 'portolan: routed by the runtime'
# Ports Docker publishes, held to the plan in its DOCKER-USER chain (see the header)
portolan_after() { case "$UFW" in *--dry-run*) echo "portolan: would append to $1:"; cat ;; *) cat >> "$1" ;; esac; }
portolan_after /etc/ufw/after.rules <<'PORTOLAN'
*filter
:DOCKER-USER - [0:0]
-A DOCKER-USER -i docker0 -m comment --comment "portolan: the guests own traffic" -j RETURN
-A DOCKER-USER -i br-+ -m comment --comment "portolan: the guests own traffic" -j RETURN
-A DOCKER-USER -s 10.9.0.0/24 -p tcp -m conntrack --ctorigdst 10.0.0.5/32 --ctorigdstport 22 -m comment --comment "topology:management" -j RETURN
-A DOCKER-USER -s 10.0.0.0/24 -p udp -m conntrack --ctorigdst 10.0.0.5/32 --ctorigdstport 8125:8126 -m comment --comment "topology:service" -j RETURN
-A DOCKER-USER -s 10.9.0.0/24 -p tcp -m conntrack --ctorigdst 10.0.0.5/32 --ctorigdstport 8443 -m comment --comment "topology:service" -j RETURN
-A DOCKER-USER -m conntrack --ctstate NEW -m conntrack --ctstate DNAT -m comment --comment "portolan: published port not in the plan" -j DROP
-A DOCKER-USER -j RETURN
COMMIT
PORTOLAN
portolan_after /etc/ufw/after6.rules <<'PORTOLAN'
*filter
:DOCKER-USER - [0:0]
-A DOCKER-USER -i docker0 -m comment --comment "portolan: the guests own traffic" -j RETURN
-A DOCKER-USER -i br-+ -m comment --comment "portolan: the guests own traffic" -j RETURN
-A DOCKER-USER -s fd00:9::/64 -p tcp -m conntrack --ctorigdst fd00:1::5/128 --ctorigdstport 22 -m comment --comment "topology:management" -j RETURN
-A DOCKER-USER -s fd00:1::/64 -p udp -m conntrack --ctorigdst fd00:1::5/128 --ctorigdstport 8125:8126 -m comment --comment "topology:service" -j RETURN
-A DOCKER-USER -s fd00:9::/64 -p tcp -m conntrack --ctorigdst fd00:1::5/128 --ctorigdstport 8443 -m comment --comment "topology:service" -j RETURN
-A DOCKER-USER -m conntrack --ctstate NEW -m conntrack --ctstate DNAT -m comment --comment "portolan: published port not in the plan" -j DROP
-A DOCKER-USER -j RETURN
COMMIT
PORTOLAN
$UFW --force enable
