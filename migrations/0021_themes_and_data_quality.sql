-- Read models of the canonical themes (and what is assigned to each) and of the data-quality queue.
CREATE TABLE themes_definition (
    theme_id          uuid PRIMARY KEY,
    code              text NOT NULL UNIQUE,
    name              jsonb NOT NULL,
    defined_position  bigint NOT NULL,
    version           integer NOT NULL
);

-- One row per assignment: an agreement's area (commitment_code null) or commitment, or an indicator.
CREATE TABLE themes_assignment (
    theme_code         text NOT NULL,
    target_key         text NOT NULL,
    agreement_id       uuid,
    area_code          text,
    commitment_code    text,
    indicator_id       uuid,
    basis              text NOT NULL,
    inferred           boolean NOT NULL,
    assigned_position  bigint NOT NULL,
    PRIMARY KEY (theme_code, target_key)
);
CREATE INDEX themes_assignment_agreement ON themes_assignment (agreement_id, area_code);

CREATE TABLE data_quality_indicator (
    indicator_id  uuid PRIMARY KEY,
    code          text NOT NULL
);

CREATE TABLE data_quality_observation (
    observation_id  uuid PRIMARY KEY,
    source          jsonb NOT NULL
);

-- Every flagged fact: raised by one event, resolved (or not yet) by a later one; never deleted.
CREATE TABLE data_quality_item (
    item_id          uuid PRIMARY KEY,
    listed_position  bigint NOT NULL,
    stream_id        uuid NOT NULL,
    observation_id   uuid,
    agreement_id     uuid,
    subject          jsonb NOT NULL,
    flag             text NOT NULL,
    raw              text,
    note             text,
    source           jsonb,                  -- null: a fact of an agreement, from its own record
    resolve_by       text NOT NULL,
    raised           jsonb NOT NULL,
    recorded_at      timestamptz NOT NULL,   -- when the raising event was stored
    resolved         jsonb,
    updated_at       timestamptz             -- when the resolving event was stored
);
CREATE INDEX data_quality_item_listed ON data_quality_item (listed_position, item_id);
CREATE INDEX data_quality_item_observation ON data_quality_item (observation_id);
