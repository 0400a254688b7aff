-- Issue 13: several instances on one database (docs/operations.md). What one JVM used to hold in memory and the
-- whole platform must agree on now lives here.

-- Cluster-wide simulator settings; the time-travel offset of SimClock is one value for every instance.
create table sim_settings (
    name        varchar(64) primary key,
    long_value  bigint      not null
);
insert into sim_settings (name, long_value) values ('clock-offset-ms', 0);

-- Single flight across instances (docs/design.md §6.5): one row per (user, lock, device) while its decision runs.
create table access_flights (
    flight_key   varchar(400) primary key,
    instance_id  varchar(64)  not null,
    started_at   timestamp with time zone not null,
    expires_at   timestamp with time zone not null
);

-- Scheduled jobs run once per cluster: a job runs on the instance that holds its lease for the period.
create table cluster_leases (
    name         varchar(100) primary key,
    holder       varchar(64)  not null,
    acquired_at  timestamp with time zone not null,
    expires_at   timestamp with time zone not null
);
create table cluster_job_runs (
    id           varchar(36)  primary key,
    job          varchar(100) not null,
    instance_id  varchar(64)  not null,
    started_at   timestamp with time zone not null
);
create index cluster_job_runs_job on cluster_job_runs (job, started_at);

-- Project-scoped admin tokens: stored as SHA-256, shown once, revocable.
create table project_admin_tokens (
    id          varchar(36)  primary key,
    project_id  varchar(128) not null references projects (id),
    token_hash  varchar(64)  not null unique,
    label       varchar(200),
    created_at  timestamp with time zone not null,
    revoked_at  timestamp with time zone
);
create index project_admin_tokens_project on project_admin_tokens (project_id);
