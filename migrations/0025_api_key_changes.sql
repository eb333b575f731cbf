-- Every process may keep the keys it has checked for a while; a revocation, rotation or expiry set by any
-- process reaches them all at its commit, as a notification naming the key.
CREATE FUNCTION api_key_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('pactum_api_key_changed', OLD.id::text);
    RETURN NULL;
END
$$;

CREATE TRIGGER api_key_changes_reach_every_process
    AFTER UPDATE OF revoked_at, expires_at, replaced_by, party_id, is_admin, secret_hash OR DELETE ON api_keys
    FOR EACH ROW EXECUTE FUNCTION api_key_changed();
