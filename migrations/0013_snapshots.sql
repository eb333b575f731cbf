-- The latest snapshot of an aggregate's state: a cache, never the record. Deleting every row changes no
-- answer; a load then replays the stream. `state_version` names the shape of the state it was taken of: a
-- snapshot of another shape is ignored, never misread.
CREATE TABLE snapshots (
    stream_id      uuid PRIMARY KEY,
    stream_type    text NOT NULL,
    version        integer NOT NULL CHECK (version > 0),
    state_version  text NOT NULL,
    state          bytea NOT NULL,
    head_hash      bytea NOT NULL,  -- the hash of the event at `version`, which the next append seals
    taken_at       timestamptz NOT NULL DEFAULT now()
);
