-- The event store: one row per event, never updated or deleted.
-- Readers follow the global log in (txid, position) order and never read past the oldest
-- transaction still in flight, so concurrent writers never serialise and no reader skips an event.
CREATE TABLE events (
    position        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    txid            bigint NOT NULL DEFAULT (pg_current_xact_id()::text::bigint),
    stream_id       uuid NOT NULL,
    stream_type     text NOT NULL,
    version         integer NOT NULL CHECK (version > 0),
    event_type      text NOT NULL,
    schema_version  integer NOT NULL,
    payload         json NOT NULL,
    metadata        json NOT NULL,
    occurred_at     timestamptz NOT NULL,
    recorded_at     timestamptz NOT NULL,
    hash            bytea NOT NULL,
    CONSTRAINT events_stream_version_key UNIQUE (stream_id, version),
    CONSTRAINT events_occurred_before_recorded CHECK (occurred_at <= recorded_at)
);

CREATE INDEX events_log_order ON events (txid, position);

CREATE FUNCTION events_are_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'events are immutable: % refused', TG_OP;
END $$;

CREATE TRIGGER events_no_update BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION events_are_immutable();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION events_are_immutable();

-- A command's idempotency key: written in the same statement as the command's events.
CREATE TABLE idempotency_keys (
    scope        text NOT NULL,
    key          text NOT NULL,
    fingerprint  text NOT NULL,
    stream_id    uuid NOT NULL,
    version      integer NOT NULL,
    position     bigint NOT NULL,
    created_at   timestamptz NOT NULL,
    CONSTRAINT idempotency_keys_pkey PRIMARY KEY (scope, key)
);
