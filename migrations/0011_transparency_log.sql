-- The transparency log: an RFC 6962 Merkle tree over the events in seq order (leaf index = seq - 1).
-- Every complete subtree's hash, written once by the one integrator: (level 0, index) is a leaf hash,
-- (level, index) covers leaves [index * 2^level, (index + 1) * 2^level). Any proof is a handful of these.
CREATE TABLE tlog_node (
    level  smallint NOT NULL CHECK (level BETWEEN 0 AND 63),
    idx    bigint NOT NULL CHECK (idx >= 0),
    hash   bytea NOT NULL CHECK (length(hash) = 32),
    PRIMARY KEY (level, idx)
);

-- How many leaves the tree holds; moved in the same transaction as the nodes, only from the size read.
CREATE TABLE tlog_tracking (
    name        text PRIMARY KEY,
    size        bigint NOT NULL DEFAULT 0,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
INSERT INTO tlog_tracking (name) VALUES ('tree');

-- Every signed checkpoint, kept: the C2SP checkpoint body signed as a C2SP note by the log's key.
CREATE TABLE tlog_checkpoint (
    size       bigint PRIMARY KEY CHECK (size > 0),
    root       bytea NOT NULL CHECK (length(root) = 32),
    note       text NOT NULL,
    key_id     bytea NOT NULL,
    signed_at  timestamptz NOT NULL DEFAULT now()
);
