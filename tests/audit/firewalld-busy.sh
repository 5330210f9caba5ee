# A firewalld host with several zones as administrators set one up: services and ports in
# public, an ipset of admins as a source of the trusted-by-source zone, rich rules (accept
# from a subnet to a port, a drop of one address, a rate-limited service, a reject, an accept
# and a drop by `source ipset=`), a
# source-port rule, protocols, and a drop zone for a blocked range. Written for Portolan's
# tests; run by capture.sh with firewall-offline-cmd on a private /etc/firewalld, then
# listed by `firewall-offline-cmd --list-all-zones`.
fw() { firewall-offline-cmd "$@" >/dev/null 2>&1; }
fw --zone=public --add-service=https
fw --zone=public --add-port=8000-8010/tcp
fw --zone=public --add-port=5353/udp
fw --zone=public --add-source-port=5000/udp
fw --zone=public --add-protocol=gre
fw --zone=public --add-rich-rule='rule family="ipv4" source address="10.0.0.0/24" port port="5432" protocol="tcp" accept'
fw --zone=public --add-rich-rule='rule family="ipv4" source address="192.0.2.66" drop'
fw --zone=public --add-rich-rule='rule service name="ftp" log limit value="1/m" accept limit value="2/m"'
fw --zone=public --add-rich-rule='rule family="ipv4" source address="10.9.0.0/16" port port="9100" protocol="tcp" reject'
fw --zone=public --add-rich-rule='rule family="ipv6" source address="2001:db8:10::/48" service name="postgresql" accept'
fw --zone=public --add-rich-rule='rule family="ipv4" source NOT address="10.0.0.0/8" port port="3306" protocol="tcp" drop'
fw --new-ipset=admins --type=hash:net
fw --ipset=admins --add-entry=10.20.0.0/24
fw --zone=internal --add-source=ipset:admins
fw --new-ipset=blocked --type=hash:ip
fw --ipset=blocked --add-entry=198.51.100.7
fw --zone=public --add-rich-rule='rule family="ipv4" source ipset="admins" port port="8443" protocol="tcp" accept'
fw --zone=public --add-rich-rule='rule source ipset="blocked" drop'
fw --zone=internal --add-source=10.30.0.0/16
fw --zone=internal --add-service=cockpit
fw --zone=internal --add-port=9090-9091/tcp
fw --zone=drop --add-source=203.0.113.0/24
fw --zone=work --add-interface=eth1
fw --zone=work --add-port=6000/tcp
