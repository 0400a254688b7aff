-- Endpoint validator runs (DESIGN.md §10) started through the admin API; the report is the report.json document.
create table validation_runs (
    id          varchar(36)   primary key,
    project_id  varchar(128)  not null references projects (id),
    started_at  timestamp with time zone not null,
    url         varchar(2048) not null,
    verdict     varchar(32)   not null,
    exit_code   integer       not null,
    passed      integer       not null,
    failed      integer       not null,
    warnings    integer       not null,
    skipped     integer       not null,
    report      text          not null
);
create index validation_runs_project on validation_runs (project_id, started_at);
