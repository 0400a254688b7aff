-- Issue 4: device-bound keys, shift logins by token exchange, key lifecycle and revocation, signing-key rotation,
-- retention. Columns are added, nothing is renamed, so keys and sessions of V1 keep their meaning.

-- Device binding (RFC 7800 cnf.jwk), the signing key that signed the token, revocation (a key is never deleted by it).
alter table access_keys add column cnf_jwk varchar(1024);
alter table access_keys add column cnf_thumbprint varchar(64);
alter table access_keys add column signing_kid varchar(64);
alter table access_keys add column revoked_at timestamp with time zone;
alter table access_keys add column revoked_reason varchar(200);
create index access_keys_cnf on access_keys (cnf_thumbprint);
create index access_keys_lock_state on access_keys (lock_id, state, end_at);
create index access_keys_end on access_keys (end_at);
create index access_keys_project_id on access_keys (project_id, id);

-- Sessions: how the user logged in, and the RFC 7638 thumbprint of the device key (unique per login).
alter table app_sessions add column device_key_thumbprint varchar(64);
alter table app_sessions add column login_method varchar(16);
alter table app_sessions add column project_id varchar(128);
create index app_sessions_device on app_sessions (device_id);
create index app_sessions_thumbprint on app_sessions (device_key_thumbprint);

-- Rotation: a retired signing key stays in the JWKS until every key it signed has expired.
alter table signing_keys add column verify_until timestamp with time zone;

-- Virtual-lock challenges: single-use nonces with a short life.
create table lock_challenges (
    nonce       varchar(64)  primary key,
    lock_id     varchar(128) not null,
    expires_at  timestamp with time zone not null
);
create index lock_challenges_expires on lock_challenges (expires_at);

-- A project's identity provider for shift logins (token exchange).
create table identity_providers (
    project_id   varchar(128) primary key references projects (id),
    issuer       varchar(512)  not null,
    audience     varchar(512)  not null,
    phone_claim  varchar(128)  not null,
    jwks_json    varchar(16000),
    jwks_url     varchar(2048),
    updated_at   timestamp with time zone not null
);
create index identity_providers_issuer on identity_providers (issuer);

-- Retention deletes by age.
create index decisions_at on decisions (at);
create index access_events_at on access_events (at);
