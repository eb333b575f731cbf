-- Dashboard sessions, shared by every process and kept across restarts. Only a SHA-256 of the cookie's id is
-- stored, never the API key. A session ends when it expires, is signed out, or its key is revoked (trigger).
CREATE TABLE dashboard_sessions (
    id_hash     bytea PRIMARY KEY,
    key_id      uuid NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
    party_id    uuid,
    csrf        text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    revoked_at  timestamptz
);

CREATE INDEX dashboard_sessions_by_key ON dashboard_sessions (key_id);
CREATE INDEX dashboard_sessions_by_expiry ON dashboard_sessions (expires_at);

CREATE FUNCTION dashboard_sessions_revoke_with_key() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE dashboard_sessions SET revoked_at = NEW.revoked_at WHERE key_id = NEW.id AND revoked_at IS NULL;
    RETURN NEW;
END
$$;

CREATE TRIGGER api_key_revocation_revokes_dashboard_sessions
    AFTER UPDATE OF revoked_at ON api_keys
    FOR EACH ROW WHEN (OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL)
    EXECUTE FUNCTION dashboard_sessions_revoke_with_key();
