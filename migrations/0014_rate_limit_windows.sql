-- Requests per API key per fixed window, counted in one place by every API process (so N processes
-- give the limit once, not N times). Unlogged: after a crash the counts start again from zero.
CREATE UNLOGGED TABLE rate_limit_windows (
    key_id        text NOT NULL,
    window_start  bigint NOT NULL,  -- the window's number: seconds since the epoch / window length
    used          integer NOT NULL,
    PRIMARY KEY (key_id, window_start)
);
