-- docs/security.md finding 4: challenge and unlock attempts counted per lock and per client address, one row per
-- bucket and minute (simulator clock). The primary key makes "first attempt of the minute" race-free.
CREATE TABLE attempt_windows (
    bucket VARCHAR(200) NOT NULL,
    window_minute BIGINT NOT NULL,
    attempts INTEGER NOT NULL,
    PRIMARY KEY (bucket, window_minute)
);
