-- People named in the record (crypto-shredding): each person's text is sealed in the events with this
-- key; erasing a person deletes the key, so the stored events (and every proof over them) stay as they
-- are while the text can no longer be read. The key never leaves the database except to seal or open.
CREATE TABLE persons (
    id          uuid PRIMARY KEY,
    key         bytea CHECK (key IS NULL OR octet_length(key) = 32),  -- AES-256-GCM; NULL once erased
    created_at  timestamptz NOT NULL DEFAULT now(),
    erased_at   timestamptz,
    reason      text,
    CHECK ((key IS NULL) = (erased_at IS NOT NULL)),
    CHECK ((erased_at IS NULL) = (reason IS NULL))
);
