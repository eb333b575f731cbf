-- Witnesses: a party's Ed25519 cosigning keys (C2SP tlog-cosignature/v1), registered through the API.
CREATE TABLE log_witness (
    id             uuid PRIMARY KEY,
    party_id       uuid NOT NULL,
    name           text NOT NULL,
    public_key     bytea NOT NULL CHECK (length(public_key) = 32),
    key_id         bytea NOT NULL CHECK (length(key_id) = 4),
    registered_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at     timestamptz,
    CONSTRAINT log_witness_name_key UNIQUE (name, key_id)
);

-- The cosignatures each checkpoint has received: one per witness key, the latest kept.
CREATE TABLE tlog_cosignature (
    size         bigint NOT NULL REFERENCES tlog_checkpoint (size),
    witness_id   uuid NOT NULL REFERENCES log_witness (id),
    signed_time  bigint NOT NULL,
    line         text NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (size, witness_id)
);
