-- Issue 12, reliability: the "only one" rules of the app login become constraints the database enforces, so a lost
-- race is a constraint violation (answered 409), never a second row; rotations are serialised on a lock row; the
-- demo project remembers that its decision URL is its own, so the URL follows the server's port at each start.

-- A device key belongs to one login only (docs/design.md §7.3). NULLs (logins without a device key) do not collide.
create unique index app_sessions_device_key_once on app_sessions (device_key_thumbprint);

-- One live session per device: the device id while the session is live, NULL once it ended. Unique, so two logins
-- racing on one device cannot both leave a live session behind.
alter table app_sessions add column live_device_id varchar(128);
update app_sessions set live_device_id = device_id
 where ended_at is null and device_id is not null
   and token_hash = (select max(s.token_hash) from app_sessions s where s.device_id = app_sessions.device_id and s.ended_at is null);
create unique index app_sessions_live_device on app_sessions (live_device_id);

-- The demo project's decision target is this server's own reference integrator: its URL and API key follow the
-- server (port, integrator key) at every start, until a user sets either explicitly.
alter table on_demand_configs add column follows_server boolean default false not null;
update on_demand_configs set follows_server = true
 where project_id = 'demo' and url like 'http://localhost:%/integrator/check-access';

-- Rows that serialise rare whole-table operations (SELECT ... FOR UPDATE on the row), e.g. signing-key rotation.
create table mutexes (
    name  varchar(64) primary key
);
insert into mutexes (name) values ('signing-keys');
