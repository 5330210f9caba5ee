#!/bin/sh
# Portolan firewall for host login (zone hpc), topology activate-hpc
# Generated from the flow plan: default deny in, out and routed; each rule names the
# requirement ids it implements. Check without applying: UFW="ufw --dry-run" sh <this file>
set -eu
UFW="${UFW:-ufw}"
$UFW --force reset
$UFW default deny incoming
$UFW default deny outgoing
$UFW default deny routed
# host login -> host cp 443/tcp (out): activate/compute-cluster (outbound): Agent tunnel, API calls and heartbeats; activate/compute-cluster-agent (outbound): The agent on the compute cluster opens an outbound WebSocket connection to wss://<platform-host>/ws/ssh/tunnel on port 443.; activate/compute-cluster-agent (outbound): Agents only open outbound connections to port 443 on the control plane.; ac
$UFW allow out proto tcp from 10.70.0.5/32 to 10.60.0.10/32 port 443 comment 'activate/r-144 activate/r-181 activate/r-195 activate/r-208 activate/r-214 activate/r-321'
# group activate@hpc -> host slurmctl 3306/tcp (out): activate/slurm-scheduler (internal): MySQL for the Slurm accounting database; activate/slurm-scheduler (internal): MySQL for Slurm accounting
$UFW allow out proto tcp from 10.70.0.5/32 to 10.70.0.6/32 port 3306 comment 'activate/r-251 activate/r-326'
# group activate@hpc -> host slurmctl 6817/tcp (out): activate/slurm-scheduler (internal): slurmctld, the Slurm controller daemon; activate/slurm-scheduler (internal): slurmctld (Slurm clusters)
$UFW allow out proto tcp from 10.70.0.5/32 to 10.70.0.6/32 port 6817 comment 'activate/r-249 activate/r-324'
# group activate@hpc -> host slurmctl 6819/tcp (out): activate/slurm-scheduler (internal): slurmdbd, the Slurm database daemon; activate/slurm-scheduler (internal): slurmdbd (Slurm clusters)
$UFW allow out proto tcp from 10.70.0.5/32 to 10.70.0.6/32 port 6819 comment 'activate/r-250 activate/r-325'
# group activate@hpc -> host slurmctl 8192-60000/tcp (out): activate/slurm-scheduler (internal): srun communication for interactive job steps; activate/slurm-scheduler (internal): Slurm srun ports
$UFW allow out proto tcp from 10.70.0.5/32 to 10.70.0.6/32 port 8192:60000 comment 'activate/r-252 activate/r-327'
$UFW --force enable
