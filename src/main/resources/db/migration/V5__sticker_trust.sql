-- Sticker trust (DESIGN.md §5, issue 5): NTAG 424 SUN keys and the mirror form per tag, retirement time,
-- what each scan carried, and the per-project demand for a scan proof before an on-demand decision.

-- The SDM keys of an ntag424-sun tag (32 hex digits each). Secrets: never returned by any API, never logged.
alter table tags add column sun_meta_read_key varchar(32);
alter table tags add column sun_file_read_key varchar(32);
-- The ntag-mirror form (uid | counter | both): given at creation or pinned by the first good scan.
alter table tags add column mirror_form varchar(8);
alter table tags add column retired_at timestamp with time zone;

alter table scan_events add column mode varchar(16);
alter table scan_events add column chip_uid varchar(14);
alter table scan_events add column counter bigint;
create index scan_events_at on scan_events (at);

alter table on_demand_configs add column require_scan_proof boolean default false not null;
