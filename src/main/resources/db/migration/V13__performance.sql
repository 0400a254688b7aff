-- Issue 14: long runs (validator and load runs started through the admin API) are jobs kept in the database, so any
-- instance can report their progress and take a cancel, and a run survives the page that started it being closed.
create table runs (
    id                varchar(36)   primary key,
    project_id        varchar(128)  not null references projects (id),
    kind              varchar(16)   not null,
    state             varchar(16)   not null,
    started_at        timestamp with time zone not null,
    finished_at       timestamp with time zone,
    heartbeat_at      timestamp with time zone not null,
    progress          double precision not null,
    progress_text     varchar(500),
    cancel_requested  boolean       not null,
    request           varchar(8000) not null,
    verdict           varchar(64),
    exit_code         integer,
    report            text,
    error             varchar(1000)
);
create index runs_project on runs (project_id, started_at);
create index runs_state on runs (state, heartbeat_at);

-- The reference integrator's check-access looks up the worker's tasks: H2 indexes a foreign key by itself, PostgreSQL
-- does not, and with 100,000 workers that lookup must not scan every task.
create index integrator_tasks_worker on integrator_tasks (worker_id, end_at);
