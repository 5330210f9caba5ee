# Portolan: AWS security groups for topology activate-hpc
# Applying this denies every flow, in and out, that no rule below allows.
# Stays open for management: 22/tcp from zone corp to group hosts:all.
# Stays open outbound (DNS, NTP, topology egress): 53/tcp to any, 53/udp to any, 123/udp to any.
# One group per host (attach it to the host's instance: the flows to it, its own egress), one
# membership group per plan group (attach it to every member: the group's egress) and one
# group per zone with egress (attach it to the zone's instances: egress of the zone and of any).
# The output portolan_instance_security_groups lists them per host. Each rule's description
# names its requirement ids.

variable "vpc_id" {
  type        = string
  description = "VPC of the instances"
}

resource "aws_security_group" "host_cp" {
  name        = "portolan-activate-hpc-host-cp"
  description = "Portolan rules for host cp, topology activate-hpc"
  vpc_id      = var.vpc_id

  # zone corp -> group hosts:all
  ingress {
    description      = "topology:management management access, topology line 10"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["10.50.0.0/16"]
  }

  # zone internet -> host cp; group activate@platform -> host cp
  ingress {
    description      = "activate/control-plane-80-tcp-redirects-http-to (2 flows)"
    protocol         = "tcp"
    from_port        = 80
    to_port          = 80
    cidr_blocks      = ["0.0.0.0/0"]
    security_groups  = [aws_security_group.group_activate_platform_098d7a3b.id]
  }

  # zone internet -> host cp; group activate@platform -> host cp; host login -> host cp
  ingress {
    description      = "activate/compute-cluster-443-tcp activate/compute-cluster-443-tcp-2 activate/compute-cluster-443-tcp-3 activate/compute-cluster-agent-443-tcp-agent activate/compute-cluster-agent-443-tcp-control-plane-agents-only-open activate/compute-cluster-agent-443-tc"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["0.0.0.0/0"]
    security_groups  = [aws_security_group.group_activate_platform_098d7a3b.id]
  }

  # host cp -> zone filer
  egress {
    description      = "activate/control-plane-2049-tcp-shared-filesystem activate/control-plane (outbound): Shared filesystem"
    protocol         = "tcp"
    from_port        = 2049
    to_port          = 2049
    cidr_blocks      = ["10.80.0.5/32"]
  }

  # host cp -> zone mail-relay
  egress {
    description      = "activate/control-plane-587-tcp-sending-email activate/control-plane (outbound): Sending email"
    protocol         = "tcp"
    from_port        = 587
    to_port          = 587
    cidr_blocks      = ["192.0.2.25/32"]
  }

  # host cp -> host apps
  egress {
    description      = "activate/user-workspace-22-tcp activate/user-workspace (inbound): SSH into the workspace"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["10.60.0.30/32"]
  }

  # host cp -> host apps
  egress {
    description      = "activate/user-workspace-1024-65535-tcp activate/user-workspace-3000-tcp activate/user-workspace-3001-tcp activate/user-workspace-3003-tcp activate/user-workspace-3004-tcp activate/user-workspace (inbound): Services started by the user and their applicatio"
    protocol         = "tcp"
    from_port        = 1024
    to_port          = 65535
    cidr_blocks      = ["10.60.0.30/32"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "cp"
  }
}

resource "aws_security_group" "host_data" {
  name        = "portolan-activate-hpc-host-data"
  description = "Portolan rules for host data, topology activate-hpc"
  vpc_id      = var.vpc_id

  # zone corp -> group hosts:all
  ingress {
    description      = "topology:management management access, topology line 10"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["10.50.0.0/16"]
  }

  # group activate@platform -> host data
  ingress {
    description      = "activate/postgresql-5432-tcp-postgresql activate/postgresql-5432-tcp-usage-metrics-billing activate/postgresql (internal): Usage metrics, billing and activity tracking; activate/postgresql (internal): PostgreSQL"
    protocol         = "tcp"
    from_port        = 5432
    to_port          = 5432
    security_groups  = [aws_security_group.group_activate_platform_098d7a3b.id]
  }

  # group activate@platform -> host data
  ingress {
    description      = "activate/rabbitmq-5672-tcp-messaging-between activate/rabbitmq-5672-tcp-rabbitmq activate/rabbitmq (internal): Messaging between services for job orchestration and cluster operations; activate/rabbitmq (internal): RabbitMQ"
    protocol         = "tcp"
    from_port        = 5672
    to_port          = 5672
    security_groups  = [aws_security_group.group_activate_platform_098d7a3b.id]
  }

  # group activate@platform -> host data
  ingress {
    description      = "activate/vault-8200-tcp-hashicorp-vault activate/vault-8200-tcp-holds-credentials-has activate/vault (internal): Holds credentials; has to be initialized and unsealed.; activate/vault (internal): HashiCorp Vault"
    protocol         = "tcp"
    from_port        = 8200
    to_port          = 8200
    security_groups  = [aws_security_group.group_activate_platform_098d7a3b.id]
  }

  # group activate@platform -> host data
  ingress {
    description      = "activate/mongodb-27017-tcp-mongodb activate/mongodb-27017-tcp-user-accounts-platform activate/mongodb (internal): User accounts, platform configuration and metadata; activate/mongodb (internal): MongoDB"
    protocol         = "tcp"
    from_port        = 27017
    to_port          = 27017
    security_groups  = [aws_security_group.group_activate_platform_098d7a3b.id]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "data"
  }
}

resource "aws_security_group" "host_apps" {
  name        = "portolan-activate-hpc-host-apps"
  description = "Portolan rules for host apps, topology activate-hpc"
  vpc_id      = var.vpc_id

  # zone corp -> group hosts:all; host cp -> host apps
  ingress {
    description      = "activate/user-workspace-22-tcp topology:management (2 flows)"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["10.50.0.0/16", "10.60.0.10/32"]
  }

  # group activate@platform -> host apps
  ingress {
    description      = "activate/cloud-cacher-3000-tcp-caches-cloud-resource activate/cloud-cacher-3000-tcp-cloud-cacher activate/cloud-cacher (internal): Caches cloud resource data; activate/cloud-cacher (internal): Cloud cacher"
    protocol         = "tcp"
    from_port        = 3000
    to_port          = 3000
    security_groups  = [aws_security_group.group_activate_platform_098d7a3b.id]
  }

  # group activate@platform -> host apps
  ingress {
    description      = "activate/legacy-api-4006-tcp-legacy-api-to activate/legacy-api-4006-tcp-rest-api-node activate/legacy-api (internal): REST API (Node.js), to be removed in v8; activate/legacy-api (internal): Legacy API (to be removed in v8)"
    protocol         = "tcp"
    from_port        = 4006
    to_port          = 4006
    security_groups  = [aws_security_group.group_activate_platform_098d7a3b.id]
  }

  # group activate@platform -> host apps
  ingress {
    description      = "activate/internal-api-8888-tcp-internal-api activate/internal-api-8888-tcp-workspace-scaling-and activate/internal-api (internal): Workspace scaling and cost routes (admin use, internal only); activate/internal-api (internal): Internal API"
    protocol         = "tcp"
    from_port        = 8888
    to_port          = 8888
    security_groups  = [aws_security_group.group_activate_platform_098d7a3b.id]
  }

  # host cp -> host apps
  ingress {
    description      = "activate/user-workspace-1024-65535-tcp activate/user-workspace-3000-tcp activate/user-workspace-3001-tcp activate/user-workspace-3003-tcp activate/user-workspace-3004-tcp activate/user-workspace (inbound): Services started by the user and their applicatio"
    protocol         = "tcp"
    from_port        = 1024
    to_port          = 65535
    cidr_blocks      = ["10.60.0.10/32"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "apps"
  }
}

resource "aws_security_group" "host_login" {
  name        = "portolan-activate-hpc-host-login"
  description = "Portolan rules for host login, topology activate-hpc"
  vpc_id      = var.vpc_id

  # zone corp -> group hosts:all
  ingress {
    description      = "topology:management management access, topology line 10"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["10.50.0.0/16"]
  }

  # host login -> host cp
  egress {
    description      = "activate/compute-cluster-443-tcp activate/compute-cluster-443-tcp-2 activate/compute-cluster-443-tcp-3 activate/compute-cluster-agent-443-tcp-agent activate/compute-cluster-agent-443-tcp-control-plane-agents-only-open activate/compute-cluster-agent-443-tc"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["10.60.0.10/32"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "login"
  }
}

resource "aws_security_group" "host_slurmctl" {
  name        = "portolan-activate-hpc-host-slurmctl"
  description = "Portolan rules for host slurmctl, topology activate-hpc"
  vpc_id      = var.vpc_id

  # zone corp -> group hosts:all
  ingress {
    description      = "topology:management management access, topology line 10"
    protocol         = "tcp"
    from_port        = 22
    to_port          = 22
    cidr_blocks      = ["10.50.0.0/16"]
  }

  # group activate@hpc -> host slurmctl
  ingress {
    description      = "activate/slurm-scheduler-3306-tcp-mysql-for-slurm activate/slurm-scheduler-3306-tcp-mysql-for-the activate/slurm-scheduler (internal): MySQL for the Slurm accounting database; activate/slurm-scheduler (internal): MySQL for Slurm accounting"
    protocol         = "tcp"
    from_port        = 3306
    to_port          = 3306
    security_groups  = [aws_security_group.group_activate_hpc_58757b31.id]
  }

  # group activate@hpc -> host slurmctl
  ingress {
    description      = "activate/slurm-scheduler-6817-tcp-slurmctld-slurm-clusters activate/slurm-scheduler-6817-tcp-slurmctld-the-slurm activate/slurm-scheduler (internal): slurmctld, the Slurm controller daemon; activate/slurm-scheduler (internal): slurmctld (Slurm clusters)"
    protocol         = "tcp"
    from_port        = 6817
    to_port          = 6817
    security_groups  = [aws_security_group.group_activate_hpc_58757b31.id]
  }

  # group activate@hpc -> host slurmctl
  ingress {
    description      = "activate/slurm-scheduler-6819-tcp-slurmdbd-slurm-clusters activate/slurm-scheduler-6819-tcp-slurmdbd-the-slurm activate/slurm-scheduler (internal): slurmdbd, the Slurm database daemon; activate/slurm-scheduler (internal): slurmdbd (Slurm clusters)"
    protocol         = "tcp"
    from_port        = 6819
    to_port          = 6819
    security_groups  = [aws_security_group.group_activate_hpc_58757b31.id]
  }

  # group activate@hpc -> host slurmctl
  ingress {
    description      = "activate/slurm-scheduler-8192-60000-tcp-slurm-srun-ports activate/slurm-scheduler-8192-60000-tcp-srun-communication-for activate/slurm-scheduler (internal): srun communication for interactive job steps; activate/slurm-scheduler (internal): Slurm srun port"
    protocol         = "tcp"
    from_port        = 8192
    to_port          = 60000
    security_groups  = [aws_security_group.group_activate_hpc_58757b31.id]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "slurmctl"
  }
}

resource "aws_security_group" "group_activate_hpc_58757b31" {
  name        = "portolan-activate-hpc-group-activate-hpc-58757b31"
  description = "Portolan membership group activate@hpc (attach to every member; egress of the group), topology activate-hpc"
  vpc_id      = var.vpc_id

  # group activate@hpc -> host slurmctl
  egress {
    description      = "activate/slurm-scheduler-3306-tcp-mysql-for-slurm activate/slurm-scheduler-3306-tcp-mysql-for-the activate/slurm-scheduler (internal): MySQL for the Slurm accounting database; activate/slurm-scheduler (internal): MySQL for Slurm accounting"
    protocol         = "tcp"
    from_port        = 3306
    to_port          = 3306
    cidr_blocks      = ["10.70.0.6/32"]
  }

  # group activate@hpc -> host slurmctl
  egress {
    description      = "activate/slurm-scheduler-6817-tcp-slurmctld-slurm-clusters activate/slurm-scheduler-6817-tcp-slurmctld-the-slurm activate/slurm-scheduler (internal): slurmctld, the Slurm controller daemon; activate/slurm-scheduler (internal): slurmctld (Slurm clusters)"
    protocol         = "tcp"
    from_port        = 6817
    to_port          = 6817
    cidr_blocks      = ["10.70.0.6/32"]
  }

  # group activate@hpc -> host slurmctl
  egress {
    description      = "activate/slurm-scheduler-6819-tcp-slurmdbd-slurm-clusters activate/slurm-scheduler-6819-tcp-slurmdbd-the-slurm activate/slurm-scheduler (internal): slurmdbd, the Slurm database daemon; activate/slurm-scheduler (internal): slurmdbd (Slurm clusters)"
    protocol         = "tcp"
    from_port        = 6819
    to_port          = 6819
    cidr_blocks      = ["10.70.0.6/32"]
  }

  # group activate@hpc -> host slurmctl
  egress {
    description      = "activate/slurm-scheduler-8192-60000-tcp-slurm-srun-ports activate/slurm-scheduler-8192-60000-tcp-srun-communication-for activate/slurm-scheduler (internal): srun communication for interactive job steps; activate/slurm-scheduler (internal): Slurm srun port"
    protocol         = "tcp"
    from_port        = 8192
    to_port          = 60000
    cidr_blocks      = ["10.70.0.6/32"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "activate@hpc"
  }
}

resource "aws_security_group" "group_activate_platform_098d7a3b" {
  name        = "portolan-activate-hpc-group-activate-platform-098d7a3b"
  description = "Portolan membership group activate@platform (attach to every member; egress of the group), topology activate-hpc"
  vpc_id      = var.vpc_id

  # group activate@platform -> host apps
  egress {
    description      = "activate/cloud-cacher-3000-tcp-caches-cloud-resource activate/cloud-cacher-3000-tcp-cloud-cacher activate/cloud-cacher (internal): Caches cloud resource data; activate/cloud-cacher (internal): Cloud cacher"
    protocol         = "tcp"
    from_port        = 3000
    to_port          = 3000
    cidr_blocks      = ["10.60.0.30/32"]
  }

  # group activate@platform -> host apps
  egress {
    description      = "activate/legacy-api-4006-tcp-legacy-api-to activate/legacy-api-4006-tcp-rest-api-node activate/legacy-api (internal): REST API (Node.js), to be removed in v8; activate/legacy-api (internal): Legacy API (to be removed in v8)"
    protocol         = "tcp"
    from_port        = 4006
    to_port          = 4006
    cidr_blocks      = ["10.60.0.30/32"]
  }

  # group activate@platform -> host apps
  egress {
    description      = "activate/internal-api-8888-tcp-internal-api activate/internal-api-8888-tcp-workspace-scaling-and activate/internal-api (internal): Workspace scaling and cost routes (admin use, internal only); activate/internal-api (internal): Internal API"
    protocol         = "tcp"
    from_port        = 8888
    to_port          = 8888
    cidr_blocks      = ["10.60.0.30/32"]
  }

  # group activate@platform -> host cp
  egress {
    description      = "activate/control-plane-80-tcp-redirects-http-to activate/control-plane (inbound): Redirects HTTP to HTTPS"
    protocol         = "tcp"
    from_port        = 80
    to_port          = 80
    cidr_blocks      = ["10.60.0.10/32"]
  }

  # group activate@platform -> host cp
  egress {
    description      = "activate/control-plane-443-tcp-all-platform-traffic activate/control-plane-443-tcp-https-on-port activate/control-plane-443-tcp-ui-api-and activate/control-plane-443-tcp-web-ui-rest activate/control-plane (inbound): Web UI, REST API and agent WebSocket tu"
    protocol         = "tcp"
    from_port        = 443
    to_port          = 443
    cidr_blocks      = ["10.60.0.10/32"]
  }

  # group activate@platform -> host data
  egress {
    description      = "activate/postgresql-5432-tcp-postgresql activate/postgresql-5432-tcp-usage-metrics-billing activate/postgresql (internal): Usage metrics, billing and activity tracking; activate/postgresql (internal): PostgreSQL"
    protocol         = "tcp"
    from_port        = 5432
    to_port          = 5432
    cidr_blocks      = ["10.60.0.20/32"]
  }

  # group activate@platform -> host data
  egress {
    description      = "activate/rabbitmq-5672-tcp-messaging-between activate/rabbitmq-5672-tcp-rabbitmq activate/rabbitmq (internal): Messaging between services for job orchestration and cluster operations; activate/rabbitmq (internal): RabbitMQ"
    protocol         = "tcp"
    from_port        = 5672
    to_port          = 5672
    cidr_blocks      = ["10.60.0.20/32"]
  }

  # group activate@platform -> host data
  egress {
    description      = "activate/vault-8200-tcp-hashicorp-vault activate/vault-8200-tcp-holds-credentials-has activate/vault (internal): Holds credentials; has to be initialized and unsealed.; activate/vault (internal): HashiCorp Vault"
    protocol         = "tcp"
    from_port        = 8200
    to_port          = 8200
    cidr_blocks      = ["10.60.0.20/32"]
  }

  # group activate@platform -> host data
  egress {
    description      = "activate/mongodb-27017-tcp-mongodb activate/mongodb-27017-tcp-user-accounts-platform activate/mongodb (internal): User accounts, platform configuration and metadata; activate/mongodb (internal): MongoDB"
    protocol         = "tcp"
    from_port        = 27017
    to_port          = 27017
    cidr_blocks      = ["10.60.0.20/32"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "activate@platform"
  }
}

resource "aws_security_group" "group_hosts_all_44b77471" {
  name        = "portolan-activate-hpc-group-hosts-all-44b77471"
  description = "Portolan membership group hosts:all (attach to every member; egress of the group), topology activate-hpc"
  vpc_id      = var.vpc_id

  # group hosts:all -> any
  egress {
    description      = "topology:dns DNS to any address (the topology names no DNS egress)"
    protocol         = "tcp"
    from_port        = 53
    to_port          = 53
    cidr_blocks      = ["0.0.0.0/0"]
  }

  # group hosts:all -> any
  egress {
    description      = "topology:dns DNS to any address (the topology names no DNS egress)"
    protocol         = "udp"
    from_port        = 53
    to_port          = 53
    cidr_blocks      = ["0.0.0.0/0"]
  }

  # group hosts:all -> any
  egress {
    description      = "topology:ntp NTP to any address (the topology names no NTP egress)"
    protocol         = "udp"
    from_port        = 123
    to_port          = 123
    cidr_blocks      = ["0.0.0.0/0"]
  }

  tags = {
    "managed-by" = "portolan"
    "portolan-owner" = "hosts:all"
  }
}

output "portolan_instance_security_groups" {
  description = "Per host: the security groups to attach to its instance"
  value = {
    "cp" = concat([aws_security_group.host_cp.id], [aws_security_group.group_activate_platform_098d7a3b.id], [aws_security_group.group_hosts_all_44b77471.id])
    "data" = concat([aws_security_group.host_data.id], [aws_security_group.group_activate_platform_098d7a3b.id], [aws_security_group.group_hosts_all_44b77471.id])
    "apps" = concat([aws_security_group.host_apps.id], [aws_security_group.group_activate_platform_098d7a3b.id], [aws_security_group.group_hosts_all_44b77471.id])
    "login" = concat([aws_security_group.host_login.id], [aws_security_group.group_activate_hpc_58757b31.id], [aws_security_group.group_hosts_all_44b77471.id])
    "slurmctl" = concat([aws_security_group.host_slurmctl.id], [aws_security_group.group_activate_hpc_58757b31.id], [aws_security_group.group_hosts_all_44b77471.id])
  }
}
