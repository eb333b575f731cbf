-- The public order of the log: a dense, gapless seq (1, 2, 3, ...) per event, given by the one sequencer
-- in the log's (txid, position) order. Events stay immutable; seq lives beside them.
CREATE TABLE event_seq (
    seq        bigint PRIMARY KEY CHECK (seq > 0),
    position   bigint NOT NULL UNIQUE,  -- no foreign key: TRUNCATE events must meet its trigger
    stream_id  uuid NOT NULL,
    event_id   uuid NOT NULL UNIQUE  -- uuid5(namespace = stream id, name = version): stable, for dedupe
);

-- Where the sequencer stands in the log and the last seq it gave; moved in the same transaction as the
-- event_seq rows, and only from the place the mover read, so no event is ever numbered twice.
CREATE TABLE sequencer_tracking (
    name        text PRIMARY KEY,
    txid        bigint NOT NULL DEFAULT 0,
    position    bigint NOT NULL DEFAULT 0,
    seq         bigint NOT NULL DEFAULT 0,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
INSERT INTO sequencer_tracking (name) VALUES ('event_seq');

-- Who may follow a stream in the feed: the parties added to an agreement, written by the sequencer with
-- the seq of the event that added them, so a feed page never runs ahead of its audience.
CREATE TABLE feed_member (
    party_id   uuid NOT NULL,
    stream_id  uuid NOT NULL,
    since_seq  bigint NOT NULL,
    PRIMARY KEY (party_id, stream_id)
);
