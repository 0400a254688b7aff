-- Access Event webhooks (issue 11, docs/webhooks.md): registrations, the outbox of deliveries written in the unlock's
-- transaction, and every delivery attempt. Times named *_at are on the simulator clock, except lease_until (real time:
-- a lease guards against two workers sending at once, which time travel must not shorten).
create table webhooks (
    id                     varchar(36)   primary key,
    project_id             varchar(128)  not null references projects (id),
    trigger_name           varchar(32)   not null,
    url                    varchar(2048) not null,
    lock_id                varchar(128),
    secret                 varchar(100)  not null,
    previous_secret        varchar(100),
    previous_secret_until  timestamp with time zone,
    enabled                boolean       not null,
    disabled_reason        varchar(500),
    failing_since          timestamp with time zone,
    created_at             timestamp with time zone not null
);
create index webhooks_project on webhooks (project_id);

create table webhook_deliveries (
    id               varchar(36)  primary key,
    webhook_id       varchar(36)  not null references webhooks (id) on delete cascade,
    event_id         varchar(64)  not null,
    payload          text         not null,
    state            varchar(16)  not null,
    attempts         integer      not null,
    created_at       timestamp with time zone not null,
    next_attempt_at  timestamp with time zone,
    give_up_at       timestamp with time zone not null,
    lease_until      timestamp with time zone,
    lease_token      varchar(36)
);
create index webhook_deliveries_due on webhook_deliveries (state, next_attempt_at);
create index webhook_deliveries_webhook on webhook_deliveries (webhook_id, created_at);

create table webhook_attempts (
    id               varchar(36)  primary key,
    delivery_id      varchar(36)  not null references webhook_deliveries (id) on delete cascade,
    attempt_no       integer      not null,
    at               timestamp with time zone not null,
    status_code      integer,
    latency_ms       bigint       not null,
    response_excerpt varchar(2048),
    error            varchar(500),
    next_attempt_at  timestamp with time zone
);
create index webhook_attempts_delivery on webhook_attempts (delivery_id, attempt_no);
