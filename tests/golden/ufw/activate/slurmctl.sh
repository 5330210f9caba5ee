#!/bin/sh
# Portolan firewall for host slurmctl (zone hpc), topology activate-hpc
# Generated from the flow plan: default deny in, out and routed; each rule names the
# requirement ids it implements. Check without applying: UFW="ufw --dry-run" sh <this file>
set -eu
UFW="${UFW:-ufw}"
$UFW --force reset
$UFW default deny incoming
$UFW default deny outgoing
$UFW default deny routed
# group activate -> host apps 3000/tcp (out): activate/cloud-cacher (internal): Caches cloud resource data; activate/cloud-cacher (internal): Cloud cacher
$UFW allow out proto tcp from 10.70.0.6/32 to 10.60.0.30/32 port 3000 comment 'activate/r-128 activate/r-312'
# group activate -> host apps 4006/tcp (out): activate/legacy-api (internal): REST API (Node.js), to be removed in v8; activate/legacy-api (internal): Legacy API (to be removed in v8)
$UFW allow out proto tcp from 10.70.0.6/32 to 10.60.0.30/32 port 4006 comment 'activate/r-129 activate/r-313'
# group activate -> host apps 8888/tcp (out): activate/internal-api (internal): Workspace scaling and cost routes (admin use, internal only); activate/internal-api (internal): Internal API
$UFW allow out proto tcp from 10.70.0.6/32 to 10.60.0.30/32 port 8888 comment 'activate/r-130 activate/r-317'
# any -> host cp 80/tcp (out): activate/control-plane (inbound): Redirects HTTP to HTTPS
$UFW allow out proto tcp from 10.70.0.6/32 to 10.60.0.10/32 port 80 comment 'activate/r-51'
# any -> host cp 443/tcp (out): activate/control-plane (inbound): Web UI, REST API and agent WebSocket tunnels; activate/control-plane (inbound): HTTPS on port 443 is the main entry point, exposed externally for all inbound platform traffic.; activate/control-plane (inbound): All platform traffic: UI, API and agent tunnels; activate/control-plane (inbound): UI, API and agent tunnels
$UFW allow out proto tcp from 10.70.0.6/32 to 10.60.0.10/32 port 443 comment 'activate/r-300 activate/r-308 activate/r-50 activate/r-56'
# group activate -> host data 5432/tcp (out): activate/postgresql (internal): Usage metrics, billing and activity tracking; activate/postgresql (internal): PostgreSQL
$UFW allow out proto tcp from 10.70.0.6/32 to 10.60.0.20/32 port 5432 comment 'activate/r-314 activate/r-96'
# group activate -> host data 5672/tcp (out): activate/rabbitmq (internal): Messaging between services for job orchestration and cluster operations; activate/rabbitmq (internal): RabbitMQ
$UFW allow out proto tcp from 10.70.0.6/32 to 10.60.0.20/32 port 5672 comment 'activate/r-109 activate/r-315'
# group activate -> host data 8200/tcp (out): activate/vault (internal): Holds credentials; has to be initialized and unsealed.; activate/vault (internal): HashiCorp Vault
$UFW allow out proto tcp from 10.70.0.6/32 to 10.60.0.20/32 port 8200 comment 'activate/r-118 activate/r-316'
# group activate -> host data 27017/tcp (out): activate/mongodb (internal): User accounts, platform configuration and metadata; activate/mongodb (internal): MongoDB
$UFW allow out proto tcp from 10.70.0.6/32 to 10.60.0.20/32 port 27017 comment 'activate/r-319 activate/r-97'
# group activate -> host slurmctl 3306/tcp (in): activate/slurm-scheduler (internal): MySQL for the Slurm accounting database; activate/slurm-scheduler (internal): MySQL for Slurm accounting
$UFW allow in proto tcp from 10.60.0.10/32 to 10.70.0.6/32 port 3306 comment 'activate/r-251 activate/r-326'
$UFW allow in proto tcp from 10.60.0.20/32 to 10.70.0.6/32 port 3306 comment 'activate/r-251 activate/r-326'
$UFW allow in proto tcp from 10.60.0.30/32 to 10.70.0.6/32 port 3306 comment 'activate/r-251 activate/r-326'
$UFW allow in proto tcp from 10.70.0.5/32 to 10.70.0.6/32 port 3306 comment 'activate/r-251 activate/r-326'
$UFW allow in proto tcp from 10.70.0.6/32 to 10.70.0.6/32 port 3306 comment 'activate/r-251 activate/r-326'
# group activate -> host slurmctl 6817/tcp (in): activate/slurm-scheduler (internal): slurmctld, the Slurm controller daemon; activate/slurm-scheduler (internal): slurmctld (Slurm clusters)
$UFW allow in proto tcp from 10.60.0.10/32 to 10.70.0.6/32 port 6817 comment 'activate/r-249 activate/r-324'
$UFW allow in proto tcp from 10.60.0.20/32 to 10.70.0.6/32 port 6817 comment 'activate/r-249 activate/r-324'
$UFW allow in proto tcp from 10.60.0.30/32 to 10.70.0.6/32 port 6817 comment 'activate/r-249 activate/r-324'
$UFW allow in proto tcp from 10.70.0.5/32 to 10.70.0.6/32 port 6817 comment 'activate/r-249 activate/r-324'
$UFW allow in proto tcp from 10.70.0.6/32 to 10.70.0.6/32 port 6817 comment 'activate/r-249 activate/r-324'
# group activate -> host slurmctl 6819/tcp (in): activate/slurm-scheduler (internal): slurmdbd, the Slurm database daemon; activate/slurm-scheduler (internal): slurmdbd (Slurm clusters)
$UFW allow in proto tcp from 10.60.0.10/32 to 10.70.0.6/32 port 6819 comment 'activate/r-250 activate/r-325'
$UFW allow in proto tcp from 10.60.0.20/32 to 10.70.0.6/32 port 6819 comment 'activate/r-250 activate/r-325'
$UFW allow in proto tcp from 10.60.0.30/32 to 10.70.0.6/32 port 6819 comment 'activate/r-250 activate/r-325'
$UFW allow in proto tcp from 10.70.0.5/32 to 10.70.0.6/32 port 6819 comment 'activate/r-250 activate/r-325'
$UFW allow in proto tcp from 10.70.0.6/32 to 10.70.0.6/32 port 6819 comment 'activate/r-250 activate/r-325'
# group activate -> host slurmctl 8192-60000/tcp (in): activate/slurm-scheduler (internal): srun communication for interactive job steps; activate/slurm-scheduler (internal): Slurm srun ports
$UFW allow in proto tcp from 10.60.0.10/32 to 10.70.0.6/32 port 8192:60000 comment 'activate/r-252 activate/r-327'
$UFW allow in proto tcp from 10.60.0.20/32 to 10.70.0.6/32 port 8192:60000 comment 'activate/r-252 activate/r-327'
$UFW allow in proto tcp from 10.60.0.30/32 to 10.70.0.6/32 port 8192:60000 comment 'activate/r-252 activate/r-327'
$UFW allow in proto tcp from 10.70.0.5/32 to 10.70.0.6/32 port 8192:60000 comment 'activate/r-252 activate/r-327'
$UFW allow in proto tcp from 10.70.0.6/32 to 10.70.0.6/32 port 8192:60000 comment 'activate/r-252 activate/r-327'
$UFW --force enable
