# firewalld with forward-ports and policies (0.9+): public forwards 8443 to a host behind it
# and 2222 to the local ssh, a rich forward-port for one network, a rich drop of one address;
# a policy from public to the host opens 7000 before the zone's rules (priority -10) but drops
# one range there; public itself opens 7001 and holds eth0 (a policy applies to an active zone;
# eth0 is the probes' interface); a zone-to-zone policy concerns only forwarded traffic.
# Written for Portolan's tests; run by capture.sh with firewall-offline-cmd on a
# private /etc/firewalld, listed by `--list-all-zones` and `--list-all-policies`, and loaded
# by the daemon (its nft ruleset is what the probes send packets through).
fw() { firewall-offline-cmd "$@" >/dev/null 2>&1; }
fw --zone=public --add-forward-port=port=8443:proto=tcp:toport=443:toaddr=10.30.0.5
fw --zone=public --add-forward-port=port=2222:proto=tcp:toport=22
fw --zone=public --add-rich-rule='rule family="ipv4" source address="192.0.2.0/24" forward-port port="9000" protocol="tcp" to-port="443" to-addr="10.30.0.5"'
fw --zone=public --add-rich-rule='rule family="ipv4" source address="192.0.2.66" drop'
fw --zone=public --add-port=7001/tcp
fw --zone=public --add-interface=eth0
fw --zone=internal --add-source=10.20.0.0/16
fw --new-policy=host-early
fw --policy=host-early --add-ingress-zone=public
fw --policy=host-early --add-egress-zone=HOST
fw --policy=host-early --set-priority=-10
fw --policy=host-early --add-port=7000/tcp
fw --policy=host-early --add-rich-rule='rule family="ipv4" source address="198.51.100.0/24" port port="7000" protocol="tcp" drop'
fw --new-policy=lan-out
fw --policy=lan-out --add-ingress-zone=internal
fw --policy=lan-out --add-egress-zone=public
fw --policy=lan-out --set-target=ACCEPT
