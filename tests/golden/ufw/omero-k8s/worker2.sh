#!/bin/sh
# Portolan firewall for host worker2 (zone k8s), topology omero-imaging
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
$UFW allow out proto tcp from 10.1.0.22/32 to any port 53 comment 'topology:dns'
# group hosts:all -> any 53/udp (out): DNS to any address (the topology names no DNS egress)
$UFW allow out proto udp from 10.1.0.22/32 to any port 53 comment 'topology:dns'
# group hosts:all -> any 123/udp (out): NTP to any address (the topology names no NTP egress)
$UFW allow out proto udp from 10.1.0.22/32 to any port 123 comment 'topology:ntp'
# group omero-k8s -> host db 5432/tcp (out): omero-k8s/postgresql (internal): PostgreSQL database; omero-k8s/postgresql (inbound): PostgreSQL should not be exposed externally on TCP port 5432; only clients inside the internal network should use it.
$UFW allow out proto tcp from 10.1.0.22/32 to 10.1.0.30/32 port 5432 comment 'omero-k8s/postgresql-5432-tcp-int omero-k8s/postgresql-5432-tcp-nodir'
# group omero-k8s -> host master 22/tcp (out): omero-k8s/server (inbound): SSH logins for administrators [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/server (inbound): Server access works over SSH (port 22) and HTTPS (port 443). [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
$UFW allow out proto tcp from 10.1.0.22/32 to 10.1.0.10/32 port 22 comment 'omero-k8s/server-22-tcp-in omero-k8s/server-22-tcp-nodir'
# group omero-k8s -> host master 443/tcp (out): omero-k8s/server (inbound): HTTPS access for users (web front end) [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/server (inbound): Server access works over SSH (port 22) and HTTPS (port 443). [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assume
$UFW allow out proto tcp from 10.1.0.22/32 to 10.1.0.10/32 port 443 comment 'omero-k8s/server-443-tcp-in omero-k8s/server-443-tcp-nodir'
# group omero-k8s -> host master 2379-2380/tcp (out): omero-k8s/control-plane (inbound): etcd client and peer API
$UFW allow out proto tcp from 10.1.0.22/32 to 10.1.0.10/32 port 2379:2380 comment 'omero-k8s/control-plane-2379-2380-tcp'
# group omero-k8s -> host master 6443/tcp (out): omero-k8s/control-plane (inbound): Kubernetes API server
$UFW allow out proto tcp from 10.1.0.22/32 to 10.1.0.10/32 port 6443 comment 'omero-k8s/control-plane-6443-tcp'
# group omero-k8s -> host master 10250-10252/tcp (out): omero-k8s/control-plane (inbound): Kubelet API; omero-k8s/control-plane (inbound): kube-scheduler; omero-k8s/control-plane (inbound): kube-controller-manager
$UFW allow out proto tcp from 10.1.0.22/32 to 10.1.0.10/32 port 10250:10252 comment 'omero-k8s/control-plane-10250-tcp omero-k8s/control-plane-10251-tcp omero-k8s/control-plane-10252-tcp'
# group omero-k8s -> host master 8472/udp (out): omero-k8s/control-plane (inbound): Flannel VXLAN overlay; omero-k8s/control-plane (inbound): Flannel VXLAN overlay networking between the cluster nodes uses UDP port 8472.
$UFW allow out proto udp from 10.1.0.22/32 to 10.1.0.10/32 port 8472 comment 'omero-k8s/control-plane-8472-udp-h1d7f omero-k8s/control-plane-8472-udp-h84d7'
# group omero-k8s -> host worker1 4061-4064/tcp (out): omero-k8s/omero-server (inbound): Binary data transfer [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/omero-server (inbound): Omero Web and Omero Server need TCP ports 4061-4064; they are required for binary data transfer and the web services. [ASSUMED: the document states no usable
$UFW allow out proto tcp from 10.1.0.22/32 to 10.1.0.21/32 port 4061:4064 comment 'omero-k8s/omero-server-4061-4064-tcp omero-k8s/omero-server-4061-tcp omero-k8s/omero-server-4062-tcp'
# group omero-k8s -> host worker1 10250/tcp (out): omero-k8s/worker (inbound): Kubelet API
$UFW allow out proto tcp from 10.1.0.22/32 to 10.1.0.21/32 port 10250 comment 'omero-k8s/worker-10250-tcp'
# group omero-k8s -> host worker1 30000-32767/tcp (out): omero-k8s/worker (inbound): Range for NodePort services
$UFW allow out proto tcp from 10.1.0.22/32 to 10.1.0.21/32 port 30000:32767 comment 'omero-k8s/worker-30000-32767-tcp'
# group omero-k8s -> host worker1 8472/udp (out): omero-k8s/worker (inbound): Flannel VXLAN overlay
$UFW allow out proto udp from 10.1.0.22/32 to 10.1.0.21/32 port 8472 comment 'omero-k8s/worker-8472-udp'
# zone lab -> host worker2 4063-4064/tcp (in): omero-k8s/omero-web (inbound): OMERO.web service [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/omero-web (inbound): OMERO gateway [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
$UFW allow in proto tcp from 172.16.0.0/16 to 10.1.0.22/32 port 4063:4064 comment 'omero-k8s/omero-web-4063-tcp omero-k8s/omero-web-4064-tcp'
# zone lab -> host worker2 8080/tcp (in): omero-k8s/keycloak (inbound): HTTP, including the admin console [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/keycloak (inbound): Keycloak serves HTTP on port 8080 and HTTPS on port 8443. [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
$UFW allow in proto tcp from 172.16.0.0/16 to 10.1.0.22/32 port 8080 comment 'omero-k8s/keycloak-8080-tcp-http-including-the omero-k8s/keycloak-8080-tcp-keycloak-serves-http'
# zone lab -> host worker2 8443/tcp (in): omero-k8s/keycloak (inbound): HTTPS [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/keycloak (inbound): Keycloak serves HTTP on port 8080 and HTTPS on port 8443. [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
$UFW allow in proto tcp from 172.16.0.0/16 to 10.1.0.22/32 port 8443 comment 'omero-k8s/keycloak-8443-tcp-https omero-k8s/keycloak-8443-tcp-keycloak-serves-http'
# zone lab -> host worker2 30000-32767/tcp (in): omero-k8s/worker (inbound): Range for NodePort services
$UFW allow in proto tcp from 172.16.0.0/16 to 10.1.0.22/32 port 30000:32767 comment 'omero-k8s/worker-30000-32767-tcp'
# group omero-k8s -> host worker2 389/tcp (in): omero-k8s/openldap (inbound): LDAP (Lightweight Directory Access Protocol); omero-k8s/openldap (inbound): OpenLDAP listens on the standard ports 389 (LDAP) and 636 (LDAPS).
$UFW allow in proto tcp from 10.1.0.10/32 to 10.1.0.22/32 port 389 comment 'omero-k8s/openldap-389-tcp-in omero-k8s/openldap-389-tcp-nodir'
$UFW allow in proto tcp from 10.1.0.21/32 to 10.1.0.22/32 port 389 comment 'omero-k8s/openldap-389-tcp-in omero-k8s/openldap-389-tcp-nodir'
$UFW allow in proto tcp from 10.1.0.22/32 to 10.1.0.22/32 port 389 comment 'omero-k8s/openldap-389-tcp-in omero-k8s/openldap-389-tcp-nodir'
$UFW allow in proto tcp from 10.1.0.30/32 to 10.1.0.22/32 port 389 comment 'omero-k8s/openldap-389-tcp-in omero-k8s/openldap-389-tcp-nodir'
# group omero-k8s -> host worker2 636/tcp (in): omero-k8s/openldap (inbound): LDAPS (LDAP over TLS); omero-k8s/openldap (inbound): OpenLDAP listens on the standard ports 389 (LDAP) and 636 (LDAPS).
$UFW allow in proto tcp from 10.1.0.10/32 to 10.1.0.22/32 port 636 comment 'omero-k8s/openldap-636-tcp-in omero-k8s/openldap-636-tcp-nodir'
$UFW allow in proto tcp from 10.1.0.21/32 to 10.1.0.22/32 port 636 comment 'omero-k8s/openldap-636-tcp-in omero-k8s/openldap-636-tcp-nodir'
$UFW allow in proto tcp from 10.1.0.22/32 to 10.1.0.22/32 port 636 comment 'omero-k8s/openldap-636-tcp-in omero-k8s/openldap-636-tcp-nodir'
$UFW allow in proto tcp from 10.1.0.30/32 to 10.1.0.22/32 port 636 comment 'omero-k8s/openldap-636-tcp-in omero-k8s/openldap-636-tcp-nodir'
# group omero-k8s -> host worker2 4063-4064/tcp (in): omero-k8s/omero-web (inbound): OMERO.web service [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/omero-web (inbound): OMERO gateway [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
$UFW allow in proto tcp from 10.1.0.10/32 to 10.1.0.22/32 port 4063:4064 comment 'omero-k8s/omero-web-4063-tcp omero-k8s/omero-web-4064-tcp'
$UFW allow in proto tcp from 10.1.0.21/32 to 10.1.0.22/32 port 4063:4064 comment 'omero-k8s/omero-web-4063-tcp omero-k8s/omero-web-4064-tcp'
$UFW allow in proto tcp from 10.1.0.22/32 to 10.1.0.22/32 port 4063:4064 comment 'omero-k8s/omero-web-4063-tcp omero-k8s/omero-web-4064-tcp'
$UFW allow in proto tcp from 10.1.0.30/32 to 10.1.0.22/32 port 4063:4064 comment 'omero-k8s/omero-web-4063-tcp omero-k8s/omero-web-4064-tcp'
# group omero-k8s -> host worker2 8080/tcp (in): omero-k8s/keycloak (inbound): HTTP, including the admin console [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/keycloak (inbound): Keycloak serves HTTP on port 8080 and HTTPS on port 8443. [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
$UFW allow in proto tcp from 10.1.0.10/32 to 10.1.0.22/32 port 8080 comment 'omero-k8s/keycloak-8080-tcp-http-including-the omero-k8s/keycloak-8080-tcp-keycloak-serves-http'
$UFW allow in proto tcp from 10.1.0.21/32 to 10.1.0.22/32 port 8080 comment 'omero-k8s/keycloak-8080-tcp-http-including-the omero-k8s/keycloak-8080-tcp-keycloak-serves-http'
$UFW allow in proto tcp from 10.1.0.22/32 to 10.1.0.22/32 port 8080 comment 'omero-k8s/keycloak-8080-tcp-http-including-the omero-k8s/keycloak-8080-tcp-keycloak-serves-http'
$UFW allow in proto tcp from 10.1.0.30/32 to 10.1.0.22/32 port 8080 comment 'omero-k8s/keycloak-8080-tcp-http-including-the omero-k8s/keycloak-8080-tcp-keycloak-serves-http'
# group omero-k8s -> host worker2 8443/tcp (in): omero-k8s/keycloak (inbound): HTTPS [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]; omero-k8s/keycloak (inbound): Keycloak serves HTTP on port 8080 and HTTPS on port 8443. [ASSUMED: the document states no usable peer or direction; planned narrowly, see P042-peer-assumed]
$UFW allow in proto tcp from 10.1.0.10/32 to 10.1.0.22/32 port 8443 comment 'omero-k8s/keycloak-8443-tcp-https omero-k8s/keycloak-8443-tcp-keycloak-serves-http'
$UFW allow in proto tcp from 10.1.0.21/32 to 10.1.0.22/32 port 8443 comment 'omero-k8s/keycloak-8443-tcp-https omero-k8s/keycloak-8443-tcp-keycloak-serves-http'
$UFW allow in proto tcp from 10.1.0.22/32 to 10.1.0.22/32 port 8443 comment 'omero-k8s/keycloak-8443-tcp-https omero-k8s/keycloak-8443-tcp-keycloak-serves-http'
$UFW allow in proto tcp from 10.1.0.30/32 to 10.1.0.22/32 port 8443 comment 'omero-k8s/keycloak-8443-tcp-https omero-k8s/keycloak-8443-tcp-keycloak-serves-http'
# group omero-k8s -> host worker2 10250/tcp (in): omero-k8s/worker (inbound): Kubelet API
$UFW allow in proto tcp from 10.1.0.10/32 to 10.1.0.22/32 port 10250 comment 'omero-k8s/worker-10250-tcp'
$UFW allow in proto tcp from 10.1.0.21/32 to 10.1.0.22/32 port 10250 comment 'omero-k8s/worker-10250-tcp'
$UFW allow in proto tcp from 10.1.0.22/32 to 10.1.0.22/32 port 10250 comment 'omero-k8s/worker-10250-tcp'
$UFW allow in proto tcp from 10.1.0.30/32 to 10.1.0.22/32 port 10250 comment 'omero-k8s/worker-10250-tcp'
# group omero-k8s -> host worker2 30000-32767/tcp (in): omero-k8s/worker (inbound): Range for NodePort services
$UFW allow in proto tcp from 10.1.0.10/32 to 10.1.0.22/32 port 30000:32767 comment 'omero-k8s/worker-30000-32767-tcp'
$UFW allow in proto tcp from 10.1.0.21/32 to 10.1.0.22/32 port 30000:32767 comment 'omero-k8s/worker-30000-32767-tcp'
$UFW allow in proto tcp from 10.1.0.22/32 to 10.1.0.22/32 port 30000:32767 comment 'omero-k8s/worker-30000-32767-tcp'
$UFW allow in proto tcp from 10.1.0.30/32 to 10.1.0.22/32 port 30000:32767 comment 'omero-k8s/worker-30000-32767-tcp'
# group omero-k8s -> host worker2 8472/udp (in): omero-k8s/worker (inbound): Flannel VXLAN overlay
$UFW allow in proto udp from 10.1.0.10/32 to 10.1.0.22/32 port 8472 comment 'omero-k8s/worker-8472-udp'
$UFW allow in proto udp from 10.1.0.21/32 to 10.1.0.22/32 port 8472 comment 'omero-k8s/worker-8472-udp'
$UFW allow in proto udp from 10.1.0.22/32 to 10.1.0.22/32 port 8472 comment 'omero-k8s/worker-8472-udp'
$UFW allow in proto udp from 10.1.0.30/32 to 10.1.0.22/32 port 8472 comment 'omero-k8s/worker-8472-udp'
$UFW --force enable
