-- How the recorder knows: inferred natures, leads and signing dates with their basis, agreements held
-- without their text; and the initiatives read model (stated intentions, policies, programme reports).
-- NULL in the marks: recorded before they were kept.
ALTER TABLE agreement_commitment
    ADD COLUMN nature_inferred boolean,
    ADD COLUMN nature_basis text,
    ADD COLUMN responsibility_inferred boolean;

ALTER TABLE agreement_signature
    ADD COLUMN signed_on_inferred boolean,
    ADD COLUMN signed_on_basis text;

ALTER TABLE agreement_summary
    ADD COLUMN signed_on_inferred boolean,
    ADD COLUMN signed_on_basis text,
    ADD COLUMN text_not_held text;

CREATE TABLE initiative_directory (
    initiative_id    uuid PRIMARY KEY,
    listed_position  bigint NOT NULL UNIQUE,
    code             text NOT NULL UNIQUE,
    kind             text NOT NULL,
    owner_id         uuid,
    body             jsonb NOT NULL,
    agreement_ids    uuid[] NOT NULL DEFAULT '{}',
    version          integer NOT NULL
);
