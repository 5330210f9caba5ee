#!/bin/sh
# Portolan firewall for host login (zone hpc), topology activate-hpc
# Generated from the flow plan: default deny in, out and routed; each rule names the
# requirement ids it implements. Check without applying: UFW="ufw --dry-run" sh <this file>
# Applying this drops every packet in and out of this host that no rule below allows
# (loopback and replies to allowed traffic excepted).
# Stays open for management: 22/tcp from zone corp.
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
# zone corp -> group hosts:all 22/tcp (in): management access, topology line 10
$UFW allow in proto tcp from 10.50.0.0/16 to 10.70.0.5/32 port 22 comment 'topology:management'
# group hosts:all -> any 53/tcp (out): DNS to any address (the topology names no DNS egress)
$UFW allow out proto tcp from 10.70.0.5/32 to any port 53 comment 'topology:dns'
# group hosts:all -> any 53/udp (out): DNS to any address (the topology names no DNS egress)
$UFW allow out proto udp from 10.70.0.5/32 to any port 53 comment 'topology:dns'
# group hosts:all -> any 123/udp (out): NTP to any address (the topology names no NTP egress)
$UFW allow out proto udp from 10.70.0.5/32 to any port 123 comment 'topology:ntp'
# host login -> host cp 443/tcp (out): activate/compute-cluster (outbound): Agent tunnel, API calls and heartbeats; activate/compute-cluster-agent (outbound): The agent on the compute cluster opens an outbound WebSocket connection to wss://<platform-host>/ws/ssh/tunnel on port 443.; activate/compute-cluster-agent (outbound): Agents only open outbound connections to port 443 on the control plane.; ac
# requirements: activate/compute-cluster-443-tcp activate/compute-cluster-443-tcp-2 activate/compute-cluster-443-tcp-3 activate/compute-cluster-agent-443-tcp-agent activate/compute-cluster-agent-443-tcp-control-plane-agents-only-open activate/compute-cluster-agent-443-tcp-control-plane-the-agent-on
$UFW allow out proto tcp from 10.70.0.5/32 to 10.60.0.10/32 port 443 comment 'activate/compute-cluster-443-tcp activate/compute-cluster-443-tcp-2 activate/compute-cluster-443-tcp-3 activate/compute-cluster-agent-443-tcp-agent +2'
# group activate@hpc -> host slurmctl 3306/tcp (out): activate/slurm-scheduler (internal): MySQL for the Slurm accounting database; activate/slurm-scheduler (internal): MySQL for Slurm accounting
$UFW allow out proto tcp from 10.70.0.5/32 to 10.70.0.6/32 port 3306 comment 'activate/slurm-scheduler-3306-tcp-mysql-for-slurm activate/slurm-scheduler-3306-tcp-mysql-for-the'
# group activate@hpc -> host slurmctl 6817/tcp (out): activate/slurm-scheduler (internal): slurmctld, the Slurm controller daemon; activate/slurm-scheduler (internal): slurmctld (Slurm clusters)
$UFW allow out proto tcp from 10.70.0.5/32 to 10.70.0.6/32 port 6817 comment 'activate/slurm-scheduler-6817-tcp-slurmctld-slurm-clusters activate/slurm-scheduler-6817-tcp-slurmctld-the-slurm'
# group activate@hpc -> host slurmctl 6819/tcp (out): activate/slurm-scheduler (internal): slurmdbd, the Slurm database daemon; activate/slurm-scheduler (internal): slurmdbd (Slurm clusters)
$UFW allow out proto tcp from 10.70.0.5/32 to 10.70.0.6/32 port 6819 comment 'activate/slurm-scheduler-6819-tcp-slurmdbd-slurm-clusters activate/slurm-scheduler-6819-tcp-slurmdbd-the-slurm'
# group activate@hpc -> host slurmctl 8192-60000/tcp (out): activate/slurm-scheduler (internal): srun communication for interactive job steps; activate/slurm-scheduler (internal): Slurm srun ports
$UFW allow out proto tcp from 10.70.0.5/32 to 10.70.0.6/32 port 8192:60000 comment 'activate/slurm-scheduler-8192-60000-tcp-slurm-srun-ports activate/slurm-scheduler-8192-60000-tcp-srun-communication-for'
$UFW --force enable
