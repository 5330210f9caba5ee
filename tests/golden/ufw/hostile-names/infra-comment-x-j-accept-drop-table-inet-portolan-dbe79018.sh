#!/bin/sh
# Portolan firewall for host infra --comment _x_ -j ACCEPT; drop table inet portolan (zone cl?ster _{var} %{if x} <b>|</b>), topology hostile_; flush ruleset # _(reboot) _id_
# Generated from the flow plan: default deny in, out and routed; each rule names the
# requirement ids it implements. Check without applying: UFW="ufw --dry-run" sh <this file>
# Applying this drops every packet in and out of this host that no rule below allows
# (loopback and replies to allowed traffic excepted).
# Stays open for management: 22/tcp from zone corp__(touch /tmp/pwned)_ COMMIT.
# Stays open outbound (DNS, NTP, topology egress): 123/udp to any.
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
# zone corp__(touch /tmp/pwned)_ COMMIT -> group hosts:all 22/tcp (in): management access, topology line 33
$UFW allow in proto tcp from 10.20.0.0/16 to 10.0.0.20/32 port 22 comment 'topology:management'
# group hosts:all -> any 123/udp (out): NTP to any address (the topology names no NTP egress)
$UFW allow out proto udp from 10.0.0.20/32 to any port 123 comment 'topology:ntp'
# group openlm/node -> zone internet_; accept # 443/tcp (out): openlm/node (outbound): OpenLM container image registry
$UFW allow out proto tcp from 10.0.0.20/32 to 0.0.0.0/0 port 443 comment 'openlm/node-443-tcp'
# zone cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ??? 22/tcp (out): openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes.
$UFW allow out proto tcp from 10.0.0.20/32 to 10.0.0.11/32 port 22 comment 'openlm/node-22-tcp'
# group openlm@cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ??? 6443/tcp (out): openlm/node (internal): Kubernetes API server
$UFW allow out proto tcp from 10.0.0.20/32 to 10.0.0.11/32 port 6443 comment 'openlm/node-6443-tcp'
# group openlm@cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ??? 10250/tcp (out): openlm/node (internal): Kubelet metrics
$UFW allow out proto tcp from 10.0.0.20/32 to 10.0.0.11/32 port 10250 comment 'openlm/node-10250-tcp'
# group openlm@cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ??? 8472/udp (out): openlm/node (internal): Flannel VXLAN overlay
$UFW allow out proto udp from 10.0.0.20/32 to 10.0.0.11/32 port 8472 comment 'openlm/node-8472-udp'
# group openlm@cl?ster _{var} %{if x} <b>|</b> -> host =cmd|_ /C calc_!A0 ?? ??? 51820/udp (out): openlm/node (internal): Flannel WireGuard backend (if enabled)
$UFW allow out proto udp from 10.0.0.20/32 to 10.0.0.11/32 port 51820 comment 'openlm/node-51820-udp'
# zone cl?ster _{var} %{if x} <b>|</b> -> host cp1_id_; -A INPUT -j ACCEPT 22/tcp (out): openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes.
$UFW allow out proto tcp from 10.0.0.20/32 to 10.0.0.10/32 port 22 comment 'openlm/node-22-tcp'
# zone cl?ster _{var} %{if x} <b>|</b> -> host cp1_id_; -A INPUT -j ACCEPT 80/tcp (out): openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.; openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS
$UFW allow out proto tcp from 10.0.0.20/32 to 10.0.0.10/32 port 80 comment 'openlm/control-plane-80-tcp openlm/ingress-80-tcp-nopeer'
# group openlm -> host cp1_id_; -A INPUT -j ACCEPT 80/tcp (out): openlm/control-plane (inbound): HTTP ingress that redirects to HTTPS; openlm/ingress (inbound): The ingress controller usually also answers on port 80 (HTTP), only to redirect incoming requests to HTTPS.
$UFW allow out proto tcp from 10.0.0.20/32 to 10.0.0.10/32 port 80 comment 'openlm/control-plane-80-tcp openlm/ingress-80-tcp-nopeer'
# group openlm -> host cp1_id_; -A INPUT -j ACCEPT 443/tcp (out): openlm/control-plane (inbound): HTTPS ingress for agents, UI and API; openlm/ingress (inbound): All inbound traffic from field agents and from web UI users goes to a single HTTPS ingress endpoint on port 443.
$UFW allow out proto tcp from 10.0.0.20/32 to 10.0.0.10/32 port 443 comment 'openlm/control-plane-443-tcp openlm/ingress-443-tcp-nopeer'
# group openlm@cl?ster _{var} %{if x} <b>|</b> -> host cp1_id_; -A INPUT -j ACCEPT 6443/tcp (out): openlm/node (internal): Kubernetes API server
$UFW allow out proto tcp from 10.0.0.20/32 to 10.0.0.10/32 port 6443 comment 'openlm/node-6443-tcp'
# group openlm@cl?ster _{var} %{if x} <b>|</b> -> host cp1_id_; -A INPUT -j ACCEPT 10250/tcp (out): openlm/node (internal): Kubelet metrics
$UFW allow out proto tcp from 10.0.0.20/32 to 10.0.0.10/32 port 10250 comment 'openlm/node-10250-tcp'
# group openlm@cl?ster _{var} %{if x} <b>|</b> -> host cp1_id_; -A INPUT -j ACCEPT 8472/udp (out): openlm/node (internal): Flannel VXLAN overlay
$UFW allow out proto udp from 10.0.0.20/32 to 10.0.0.10/32 port 8472 comment 'openlm/node-8472-udp'
# group openlm@cl?ster _{var} %{if x} <b>|</b> -> host cp1_id_; -A INPUT -j ACCEPT 51820/udp (out): openlm/node (internal): Flannel WireGuard backend (if enabled)
$UFW allow out proto udp from 10.0.0.20/32 to 10.0.0.10/32 port 51820 comment 'openlm/node-51820-udp'
# zone cl?ster _{var} %{if x} <b>|</b> -> host infra --comment _x_ -j ACCEPT; drop table inet portolan 22/tcp (in): openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes.
$UFW allow in proto tcp from 10.0.0.0/22 to 10.0.0.20/32 port 22 comment 'openlm/node-22-tcp'
# zone corp__(touch /tmp/pwned)_ COMMIT -> host infra --comment _x_ -j ACCEPT; drop table inet portolan 22/tcp (in): openlm/node (inbound): Inbound administration access over SSH (port 22) is required on all nodes.
$UFW allow in proto tcp from 10.20.0.0/16 to 10.0.0.20/32 port 22 comment 'openlm/node-22-tcp'
# zone corp__(touch /tmp/pwned)_ COMMIT -> host infra --comment _x_ -j ACCEPT; drop table inet portolan 30432/tcp (in): openlm/infrastructure (inbound): PostgreSQL NodePort for Power BI and similar reporting tools
$UFW allow in proto tcp from 10.20.0.0/16 to 10.0.0.20/32 port 30432 comment 'openlm/infrastructure-30432-tcp'
# group hosts:all -> host infra --comment _x_ -j ACCEPT; drop table inet portolan 53/udp (in): egress, topology line 34
$UFW allow in proto udp from 10.0.0.10/31 to 10.0.0.20/32 port 53 comment 'topology:egress'
$UFW allow in proto udp from 10.0.0.20/32 to 10.0.0.20/32 port 53 comment 'topology:egress'
$UFW allow in proto udp from 192.0.2.5/32 to 10.0.0.20/32 port 53 comment 'topology:egress'
# group openlm@cl?ster _{var} %{if x} <b>|</b> -> host infra --comment _x_ -j ACCEPT; drop table inet portolan 6443/tcp (in): openlm/node (internal): Kubernetes API server
$UFW allow in proto tcp from 10.0.0.10/31 to 10.0.0.20/32 port 6443 comment 'openlm/node-6443-tcp'
$UFW allow in proto tcp from 10.0.0.20/32 to 10.0.0.20/32 port 6443 comment 'openlm/node-6443-tcp'
# group openlm@cl?ster _{var} %{if x} <b>|</b> -> host infra --comment _x_ -j ACCEPT; drop table inet portolan 10250/tcp (in): openlm/node (internal): Kubelet metrics
$UFW allow in proto tcp from 10.0.0.10/31 to 10.0.0.20/32 port 10250 comment 'openlm/node-10250-tcp'
$UFW allow in proto tcp from 10.0.0.20/32 to 10.0.0.20/32 port 10250 comment 'openlm/node-10250-tcp'
# group openlm@cl?ster _{var} %{if x} <b>|</b> -> host infra --comment _x_ -j ACCEPT; drop table inet portolan 8472/udp (in): openlm/node (internal): Flannel VXLAN overlay
$UFW allow in proto udp from 10.0.0.10/31 to 10.0.0.20/32 port 8472 comment 'openlm/node-8472-udp'
$UFW allow in proto udp from 10.0.0.20/32 to 10.0.0.20/32 port 8472 comment 'openlm/node-8472-udp'
# group openlm@cl?ster _{var} %{if x} <b>|</b> -> host infra --comment _x_ -j ACCEPT; drop table inet portolan 51820/udp (in): openlm/node (internal): Flannel WireGuard backend (if enabled)
$UFW allow in proto udp from 10.0.0.10/31 to 10.0.0.20/32 port 51820 comment 'openlm/node-51820-udp'
$UFW allow in proto udp from 10.0.0.20/32 to 10.0.0.20/32 port 51820 comment 'openlm/node-51820-udp'
$UFW --force enable
