# A ufw host as people set one up: application profiles (ufw's own WWW Full and Bonjour), a
# rate-limited port, rules from a subnet to one port, IPv4 and IPv6 rows, rules on one
# interface, a deny inserted first, a port range, a reject, an outgoing rule. Written for
# Portolan's tests; run by capture.sh in namespaces with a private copy of /etc/ufw.
ufw default deny incoming
ufw default allow outgoing
ufw allow "WWW Full"
ufw allow Bonjour
ufw limit 2222/tcp
ufw allow from 10.0.0.0/24 to any port 5432 proto tcp
ufw allow from 2001:db8:10::/48 to any port 5432 proto tcp
ufw allow in on eth0 to any port 8080 proto tcp
ufw allow in on eth1 to any port 8081 proto tcp
ufw deny from 203.0.113.0/24
ufw insert 1 deny from 198.51.100.7 to any port 443
ufw allow 60000:61000/udp
ufw reject 25/tcp
ufw allow proto tcp from 10.0.0.0/8 to 10.0.0.10 port 9100,9200
ufw allow out 53
ufw allow 3000
