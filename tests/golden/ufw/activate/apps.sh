#!/bin/sh
# Portolan firewall for host apps (zone platform), topology activate-hpc
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
$UFW allow in proto tcp from 10.50.0.0/16 to 10.60.0.30/32 port 22 comment 'topology:management'
# group hosts:all -> any 53/tcp (out): DNS to any address (the topology names no DNS egress)
$UFW allow out proto tcp from 10.60.0.30/32 to any port 53 comment 'topology:dns'
# group hosts:all -> any 53/udp (out): DNS to any address (the topology names no DNS egress)
$UFW allow out proto udp from 10.60.0.30/32 to any port 53 comment 'topology:dns'
# group hosts:all -> any 123/udp (out): NTP to any address (the topology names no NTP egress)
$UFW allow out proto udp from 10.60.0.30/32 to any port 123 comment 'topology:ntp'
# group activate@platform -> host apps 3000/tcp (in): activate/cloud-cacher (internal): Caches cloud resource data; activate/cloud-cacher (internal): Cloud cacher
$UFW allow in proto tcp from 10.60.0.10/32 to 10.60.0.30/32 port 3000 comment 'activate/cloud-cacher-3000-tcp-caches-cloud-resource activate/cloud-cacher-3000-tcp-cloud-cacher'
$UFW allow in proto tcp from 10.60.0.20/32 to 10.60.0.30/32 port 3000 comment 'activate/cloud-cacher-3000-tcp-caches-cloud-resource activate/cloud-cacher-3000-tcp-cloud-cacher'
$UFW allow in proto tcp from 10.60.0.30/32 to 10.60.0.30/32 port 3000 comment 'activate/cloud-cacher-3000-tcp-caches-cloud-resource activate/cloud-cacher-3000-tcp-cloud-cacher'
# group activate@platform -> host apps 4006/tcp (in): activate/legacy-api (internal): REST API (Node.js), to be removed in v8; activate/legacy-api (internal): Legacy API (to be removed in v8)
$UFW allow in proto tcp from 10.60.0.10/32 to 10.60.0.30/32 port 4006 comment 'activate/legacy-api-4006-tcp-legacy-api-to activate/legacy-api-4006-tcp-rest-api-node'
$UFW allow in proto tcp from 10.60.0.20/32 to 10.60.0.30/32 port 4006 comment 'activate/legacy-api-4006-tcp-legacy-api-to activate/legacy-api-4006-tcp-rest-api-node'
$UFW allow in proto tcp from 10.60.0.30/32 to 10.60.0.30/32 port 4006 comment 'activate/legacy-api-4006-tcp-legacy-api-to activate/legacy-api-4006-tcp-rest-api-node'
# group activate@platform -> host apps 8888/tcp (in): activate/internal-api (internal): Workspace scaling and cost routes (admin use, internal only); activate/internal-api (internal): Internal API
$UFW allow in proto tcp from 10.60.0.10/32 to 10.60.0.30/32 port 8888 comment 'activate/internal-api-8888-tcp-internal-api activate/internal-api-8888-tcp-workspace-scaling-and'
$UFW allow in proto tcp from 10.60.0.20/32 to 10.60.0.30/32 port 8888 comment 'activate/internal-api-8888-tcp-internal-api activate/internal-api-8888-tcp-workspace-scaling-and'
$UFW allow in proto tcp from 10.60.0.30/32 to 10.60.0.30/32 port 8888 comment 'activate/internal-api-8888-tcp-internal-api activate/internal-api-8888-tcp-workspace-scaling-and'
# host cp -> host apps 22/tcp (in): activate/user-workspace (inbound): SSH into the workspace
$UFW allow in proto tcp from 10.60.0.10/32 to 10.60.0.30/32 port 22 comment 'activate/user-workspace-22-tcp'
# host cp -> host apps 1024-65535/tcp (in): activate/user-workspace (inbound): Services started by the user and their application traffic; activate/user-workspace (inbound): IDE (code editor); activate/user-workspace (inbound): Workspace API; activate/user-workspace (inbound): Workspace API, also used by connected clusters
$UFW allow in proto tcp from 10.60.0.10/32 to 10.60.0.30/32 port 1024:65535 comment 'activate/user-workspace-1024-65535-tcp activate/user-workspace-3000-tcp activate/user-workspace-3001-tcp activate/user-workspace-3003-tcp activate/user-workspace-3004-tcp'
# group activate@platform -> host cp 80/tcp (out): activate/control-plane (inbound): Redirects HTTP to HTTPS
$UFW allow out proto tcp from 10.60.0.30/32 to 10.60.0.10/32 port 80 comment 'activate/control-plane-80-tcp-redirects-http-to'
# group activate@platform -> host cp 443/tcp (out): activate/control-plane (inbound): Web UI, REST API and agent WebSocket tunnels; activate/control-plane (inbound): HTTPS on port 443 is the main entry point, exposed externally for all inbound platform traffic.; activate/control-plane (inbound): All platform traffic: UI, API and agent tunnels; activate/control-plane (inbound): UI, API and agent tunn
$UFW allow out proto tcp from 10.60.0.30/32 to 10.60.0.10/32 port 443 comment 'activate/control-plane-443-tcp-all-platform-traffic activate/control-plane-443-tcp-https-on-port activate/control-plane-443-tcp-ui-api-and activate/control-plane-443-tcp-web-ui-rest'
# group activate@platform -> host data 5432/tcp (out): activate/postgresql (internal): Usage metrics, billing and activity tracking; activate/postgresql (internal): PostgreSQL
$UFW allow out proto tcp from 10.60.0.30/32 to 10.60.0.20/32 port 5432 comment 'activate/postgresql-5432-tcp-postgresql activate/postgresql-5432-tcp-usage-metrics-billing'
# group activate@platform -> host data 5672/tcp (out): activate/rabbitmq (internal): Messaging between services for job orchestration and cluster operations; activate/rabbitmq (internal): RabbitMQ
$UFW allow out proto tcp from 10.60.0.30/32 to 10.60.0.20/32 port 5672 comment 'activate/rabbitmq-5672-tcp-messaging-between activate/rabbitmq-5672-tcp-rabbitmq'
# group activate@platform -> host data 8200/tcp (out): activate/vault (internal): Holds credentials; has to be initialized and unsealed.; activate/vault (internal): HashiCorp Vault
$UFW allow out proto tcp from 10.60.0.30/32 to 10.60.0.20/32 port 8200 comment 'activate/vault-8200-tcp-hashicorp-vault activate/vault-8200-tcp-holds-credentials-has'
# group activate@platform -> host data 27017/tcp (out): activate/mongodb (internal): User accounts, platform configuration and metadata; activate/mongodb (internal): MongoDB
$UFW allow out proto tcp from 10.60.0.30/32 to 10.60.0.20/32 port 27017 comment 'activate/mongodb-27017-tcp-mongodb activate/mongodb-27017-tcp-user-accounts-platform'
$UFW --force enable
