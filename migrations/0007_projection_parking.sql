-- A projection that cannot apply an event parks at it instead of stopping every read of it for good:
-- the event waits in a dead letter for an operator to skip it or resume the projection after a fix.
ALTER TABLE projection_tracking
    ADD COLUMN state           text NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'parked')),
    ADD COLUMN parked_at       timestamptz,
    ADD COLUMN parked_position bigint,          -- the event it parked at: the next one after its position
    ADD COLUMN error           text,
    ADD CONSTRAINT projection_tracking_parked_at_an_event
        CHECK ((state = 'parked') = (parked_position IS NOT NULL));

-- One row per projection and event it gave up on; parking at it again counts the new attempts.
CREATE TABLE projection_dead_letters (
    projection       text NOT NULL REFERENCES projection_tracking (name),
    position         bigint NOT NULL,
    txid             bigint NOT NULL,
    stream_id        uuid NOT NULL,
    version          integer NOT NULL,
    event_type       text NOT NULL,
    error            text NOT NULL,
    attempts         integer NOT NULL CHECK (attempts > 0),
    first_failed_at  timestamptz NOT NULL,
    last_failed_at   timestamptz NOT NULL,
    resolution       text CHECK (resolution IN ('skipped', 'resumed')),  -- null while parked at it
    resolved_at      timestamptz,
    PRIMARY KEY (projection, position)
);

-- What operators did to projections, and why.
CREATE TABLE projection_audit (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    projection  text NOT NULL REFERENCES projection_tracking (name),
    action      text NOT NULL CHECK (action IN ('skip', 'resume')),
    position    bigint,
    actor       text NOT NULL,
    reason      text NOT NULL,
    at          timestamptz NOT NULL DEFAULT now()
);
