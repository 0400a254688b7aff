-- Issue 3, the decision caller of DESIGN.md §6: OAuth2 client credentials, optional request signing, per-project
-- protection settings (circuit breaker, concurrency limit) and the decision log's retention bound.

alter table on_demand_configs add column oauth_token_url      varchar(2048);
alter table on_demand_configs add column oauth_client_id      varchar(500);
alter table on_demand_configs add column oauth_client_secret  varchar(2048);
alter table on_demand_configs add column oauth_scope          varchar(1000);
alter table on_demand_configs add column signing_secret       varchar(500);
alter table on_demand_configs add column breaker_failures     integer not null default 5;
alter table on_demand_configs add column breaker_delay_ms     integer not null default 10000;
alter table on_demand_configs add column max_concurrent       integer not null default 20;
alter table on_demand_configs add column decision_retention   integer not null default 5000;

alter table decisions add column response_content_type varchar(200);
create index decisions_project_at_id on decisions (project_id, at, id);
