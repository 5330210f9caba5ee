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
# group activate@hpc -> host slurmctl 3306/tcp (in): activate/slurm-scheduler (internal): MySQL for the Slurm accounting database; activate/slurm-scheduler (internal): MySQL for Slurm accounting
$UFW allow in proto tcp from 10.70.0.5/32 to 10.70.0.6/32 port 3306 comment 'activate/r-251 activate/r-326'
$UFW allow in proto tcp from 10.70.0.6/32 to 10.70.0.6/32 port 3306 comment 'activate/r-251 activate/r-326'
# group activate@hpc -> host slurmctl 6817/tcp (in): activate/slurm-scheduler (internal): slurmctld, the Slurm controller daemon; activate/slurm-scheduler (internal): slurmctld (Slurm clusters)
$UFW allow in proto tcp from 10.70.0.5/32 to 10.70.0.6/32 port 6817 comment 'activate/r-249 activate/r-324'
$UFW allow in proto tcp from 10.70.0.6/32 to 10.70.0.6/32 port 6817 comment 'activate/r-249 activate/r-324'
# group activate@hpc -> host slurmctl 6819/tcp (in): activate/slurm-scheduler (internal): slurmdbd, the Slurm database daemon; activate/slurm-scheduler (internal): slurmdbd (Slurm clusters)
$UFW allow in proto tcp from 10.70.0.5/32 to 10.70.0.6/32 port 6819 comment 'activate/r-250 activate/r-325'
$UFW allow in proto tcp from 10.70.0.6/32 to 10.70.0.6/32 port 6819 comment 'activate/r-250 activate/r-325'
# group activate@hpc -> host slurmctl 8192-60000/tcp (in): activate/slurm-scheduler (internal): srun communication for interactive job steps; activate/slurm-scheduler (internal): Slurm srun ports
$UFW allow in proto tcp from 10.70.0.5/32 to 10.70.0.6/32 port 8192:60000 comment 'activate/r-252 activate/r-327'
$UFW allow in proto tcp from 10.70.0.6/32 to 10.70.0.6/32 port 8192:60000 comment 'activate/r-252 activate/r-327'
$UFW --force enable
