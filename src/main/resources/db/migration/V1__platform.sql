-- The domain of DESIGN.md §3, plus the reference integrator's own tables (prefixed integrator_).

create table projects (
    id          varchar(128) primary key,
    name        varchar(200) not null,
    created_at  timestamp with time zone not null
);

create table locks (
    id          varchar(128) primary key,
    project_id  varchar(128) not null references projects (id),
    name        varchar(200) not null,
    vendor      varchar(32)  not null,
    created_at  timestamp with time zone not null
);
create index locks_project on locks (project_id);

create table on_demand_configs (
    project_id               varchar(128) primary key references projects (id),
    enabled                  boolean       not null,
    url                      varchar(2048),
    auth_type                varchar(16)   not null,
    header_name              varchar(200),
    header_value             varchar(2048),
    connect_timeout_ms       integer       not null,
    timeout_ms               integer       not null,
    default_duration_seconds bigint        not null,
    max_duration_seconds     bigint        not null
);

create table tags (
    id            varchar(64)  primary key,
    project_id    varchar(128) not null references projects (id),
    lock_id       varchar(128) not null references locks (id),
    chip_uid      varchar(14),
    mode          varchar(16)  not null,
    last_counter  bigint,
    state         varchar(16)  not null,
    created_at    timestamp with time zone not null
);
create index tags_project on tags (project_id);

create table scan_events (
    id          varchar(36) primary key,
    tag_id      varchar(256) not null,
    project_id  varchar(128),
    lock_id     varchar(128),
    at          timestamp with time zone not null,
    outcome     varchar(32) not null,
    reason      varchar(500)
);
create index scan_events_project_at on scan_events (project_id, at);

create table sms_messages (
    id          varchar(36) primary key,
    to_number   varchar(32) not null,
    text        varchar(500) not null,
    code        varchar(16),
    sent_at     timestamp with time zone not null
);
create index sms_messages_to on sms_messages (to_number, sent_at);

create table otp_challenges (
    app_user_id        varchar(32) primary key,
    code_hash          varchar(64),
    expires_at         timestamp with time zone,
    failed_attempts    integer not null,
    locked_until       timestamp with time zone,
    window_start       timestamp with time zone not null,
    requests_in_window integer not null
);

create table app_sessions (
    token_hash         varchar(64) primary key,
    app_user_id        varchar(32) not null,
    device_id          varchar(128),
    device_public_key  varchar(2048),
    created_at         timestamp with time zone not null,
    expires_at         timestamp with time zone not null,
    ended_at           timestamp with time zone
);
create index app_sessions_user on app_sessions (app_user_id);

create table decisions (
    id               varchar(36) primary key,
    project_id       varchar(128) not null,
    lock_id          varchar(128) not null,
    app_user_id      varchar(32)  not null,
    outcome          varchar(32)  not null,
    reason           varchar(1000),
    http_status      integer,
    latency_ms       bigint       not null,
    at               timestamp with time zone not null,
    request          varchar(4000) not null,
    response_body    varchar(4000)
);
create index decisions_project_at on decisions (project_id, at);

create table access_keys (
    id           varchar(36) primary key,
    project_id   varchar(128) not null,
    lock_id      varchar(128) not null,
    app_user_id  varchar(32)  not null,
    start_at     timestamp with time zone not null,
    end_at       timestamp with time zone not null,
    state        varchar(16)  not null,
    source       varchar(16)  not null,
    decision_id  varchar(36),
    token        varchar(8000),
    created_at   timestamp with time zone not null
);
create index access_keys_user_lock on access_keys (app_user_id, lock_id);
create index access_keys_project on access_keys (project_id);

create table signing_keys (
    kid          varchar(64) primary key,
    private_jwk  varchar(4000) not null,
    created_at   timestamp with time zone not null,
    retired_at   timestamp with time zone
);

create table access_events (
    id           varchar(36) primary key,
    lock_id      varchar(128) not null,
    key_id       varchar(64),
    app_user_id  varchar(32),
    at           timestamp with time zone not null,
    result       varchar(16) not null,
    reason       varchar(500)
);
create index access_events_lock_at on access_events (lock_id, at);

create table integrator_workers (
    id     varchar(64) primary key,
    name   varchar(200) not null,
    phone  varchar(32)  not null unique
);

create table integrator_locations (
    id     varchar(64) primary key,
    name   varchar(200) not null
);

create table integrator_location_locks (
    location_id  varchar(64)  not null references integrator_locations (id),
    lock_id      varchar(128) not null,
    primary key (location_id, lock_id)
);

create table integrator_tasks (
    id           varchar(64) primary key,
    worker_id    varchar(64) not null references integrator_workers (id),
    location_id  varchar(64) not null references integrator_locations (id),
    title        varchar(200) not null,
    start_at     timestamp with time zone not null,
    end_at       timestamp with time zone not null
);
