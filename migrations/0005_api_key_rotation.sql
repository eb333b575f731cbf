-- A rotated key stays valid until expires_at (a grace period), then is refused like a revoked one.
ALTER TABLE api_keys ADD COLUMN expires_at timestamptz;
ALTER TABLE api_keys ADD COLUMN replaced_by uuid REFERENCES api_keys (id);
