-- API keys: one party each (or admin); only a SHA-256 of the secret is kept.
CREATE TABLE api_keys (
    id            uuid PRIMARY KEY,
    party_id      uuid,
    is_admin      boolean NOT NULL DEFAULT false,
    label         text NOT NULL,
    secret_hash   bytea NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    revoked_at    timestamptz,
    last_used_at  timestamptz,
    CONSTRAINT api_keys_party_or_admin CHECK (is_admin OR party_id IS NOT NULL)
);
