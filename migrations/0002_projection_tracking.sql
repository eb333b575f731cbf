-- Where each projection stands in the global log; moved forward in the same transaction as its rows.
CREATE TABLE projection_tracking (
    name        text PRIMARY KEY,
    txid        bigint NOT NULL DEFAULT 0,
    position    bigint NOT NULL DEFAULT 0,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
