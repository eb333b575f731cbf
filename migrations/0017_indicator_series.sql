-- Read model of indicators and their observations (figures as their sources state them), in the views' shape.
CREATE TABLE indicator_series_definition (
    indicator_id        uuid PRIMARY KEY,
    code                text NOT NULL UNIQUE,
    definition          jsonb NOT NULL,
    definition_version  integer NOT NULL,
    version             integer NOT NULL
);

CREATE TABLE indicator_series_observation (
    observation_id      uuid PRIMARY KEY,
    indicator_id        uuid NOT NULL,
    recorded_position   bigint NOT NULL,
    as_of               text,
    observation         jsonb NOT NULL,
    original_quantity   jsonb NOT NULL,
    definition_version  integer NOT NULL,
    corrections         integer NOT NULL DEFAULT 0,
    active              boolean NOT NULL DEFAULT true,
    retraction_reason   text
);

CREATE INDEX indicator_series_observation_in_time ON indicator_series_observation
    (indicator_id, as_of, recorded_position);
