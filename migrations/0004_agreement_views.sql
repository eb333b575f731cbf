-- Read models of the agreement summary and detail views, and the party registry view.
CREATE TABLE agreement_summary (
    agreement_id      uuid PRIMARY KEY,
    listed_position   bigint NOT NULL UNIQUE,
    code              text NOT NULL,
    title             jsonb NOT NULL,
    authentic_language text NOT NULL,
    instrument_type   text NOT NULL,
    status            text NOT NULL,
    version           integer NOT NULL,
    period            jsonb,
    drafted_at        timestamptz NOT NULL,
    signed_on         date,
    entry_into_force  jsonb,
    text_digest       text,
    party_count       integer NOT NULL DEFAULT 0,
    area_count        integer NOT NULL DEFAULT 0,
    commitment_count  integer NOT NULL DEFAULT 0,
    updated_at        timestamptz NOT NULL
);

CREATE TABLE agreement_party (
    agreement_id  uuid NOT NULL,
    party_id      uuid NOT NULL,
    role          text NOT NULL,
    ordinal       integer NOT NULL,
    PRIMARY KEY (agreement_id, party_id)
);

CREATE TABLE agreement_area (
    agreement_id  uuid NOT NULL,
    code          text NOT NULL,
    title         jsonb NOT NULL,
    aliases       jsonb NOT NULL,
    aim           jsonb,
    ordinal       integer NOT NULL,
    PRIMARY KEY (agreement_id, code)
);

CREATE TABLE agreement_commitment (
    agreement_id          uuid NOT NULL,
    code                  text NOT NULL,
    area_code             text NOT NULL,
    text                  jsonb NOT NULL,
    modality              text NOT NULL,
    nature                text NOT NULL,
    responsibilities      jsonb NOT NULL,
    responsibility_basis  text,
    ordinal               integer NOT NULL,
    PRIMARY KEY (agreement_id, code)
);

CREATE TABLE agreement_signature (
    agreement_id  uuid NOT NULL,
    party_id      uuid NOT NULL,
    signed_on     date NOT NULL,
    place         text,
    recorded_at   timestamptz NOT NULL,
    PRIMARY KEY (agreement_id, party_id)
);

CREATE TABLE party_directory (
    party_id      uuid PRIMARY KEY,
    code          text NOT NULL UNIQUE,
    names         jsonb NOT NULL,
    jurisdiction  text,
    parent_id     uuid,
    version       integer NOT NULL
);
