-- Commitment progress (the commitment_progress projection) and the agreement summary's status history.

-- The summary now follows every status change and amendment, the detail every amended commitment:
-- both are replayed from the start of the log.
ALTER TABLE agreement_summary ADD COLUMN text_version integer NOT NULL DEFAULT 1;
DELETE FROM agreement_summary;
DELETE FROM agreement_party;
DELETE FROM agreement_area;
DELETE FROM agreement_commitment;
DELETE FROM agreement_signature;
UPDATE projection_tracking SET txid = 0, position = 0, updated_at = now()
 WHERE name IN ('agreement_summary', 'agreement_detail');

CREATE TABLE agreement_status_history (
    agreement_id  uuid NOT NULL,
    position      bigint NOT NULL,
    status        text NOT NULL,
    effective_on  date NOT NULL,
    recorded_at   timestamptz NOT NULL,
    PRIMARY KEY (agreement_id, position)
);

CREATE TABLE progress_agreement (
    agreement_id     uuid PRIMARY KEY,
    listed_position  bigint NOT NULL UNIQUE,
    code             text NOT NULL,
    status           text NOT NULL,
    version          integer NOT NULL,
    in_force_on      date,
    parties          uuid[] NOT NULL DEFAULT '{}'
);
CREATE INDEX progress_agreement_parties ON progress_agreement USING gin (parties);

CREATE TABLE progress_area (
    agreement_id  uuid NOT NULL,
    code          text NOT NULL,
    title         jsonb NOT NULL,
    ordinal       integer NOT NULL,
    PRIMARY KEY (agreement_id, code)
);

CREATE TABLE commitment_progress (
    agreement_id      uuid NOT NULL,
    code              text NOT NULL,
    area_code         text NOT NULL,
    ordinal           integer NOT NULL,
    modality          text NOT NULL,
    nature            text NOT NULL,
    responsibilities  jsonb NOT NULL,
    added_on          date,               -- by amendment; null for commitments of the signed text
    lifecycle         text NOT NULL DEFAULT 'planned',
    level             text NOT NULL DEFAULT 'no_evidence',
    shares            jsonb NOT NULL DEFAULT '[]',
    health            text,
    verification      text,
    assessed_level    text,
    due               jsonb,
    due_deadline      date,
    started_on        date,
    completed_on      date,
    last_report       jsonb,
    last_report_on    date,
    report_evidence   integer NOT NULL DEFAULT 0,  -- on the active reports
    other_evidence    integer NOT NULL DEFAULT 0,  -- on claims, achieved milestones and assessments
    open_claim_id     uuid,
    last_claim_id     uuid,
    PRIMARY KEY (agreement_id, code)
);
CREATE INDEX commitment_progress_responsible ON commitment_progress
    USING gin (responsibilities jsonb_path_ops);

CREATE TABLE commitment_report (
    agreement_id    uuid NOT NULL,
    report_id       uuid NOT NULL,
    code            text NOT NULL,
    party_id        uuid NOT NULL,
    as_of           date NOT NULL,
    reported_on     date NOT NULL,
    level           text NOT NULL,
    health          text NOT NULL,
    own_share       boolean NOT NULL,
    evidence_count  integer NOT NULL,
    position        bigint NOT NULL,
    active          boolean NOT NULL DEFAULT true,
    PRIMARY KEY (agreement_id, report_id)
);
CREATE INDEX commitment_report_of ON commitment_report (agreement_id, code, position);

CREATE TABLE commitment_claim (
    agreement_id    uuid NOT NULL,
    claim_id        uuid NOT NULL,
    code            text NOT NULL,
    claimant        uuid NOT NULL,
    completed_on    date NOT NULL,
    claimed_on      date NOT NULL,
    counterparties  uuid[] NOT NULL,
    acknowledged    jsonb NOT NULL DEFAULT '{}',  -- party id -> date
    status          text NOT NULL DEFAULT 'open',
    evidence_count  integer NOT NULL,
    disputed_by     uuid,
    dispute_reason  text,
    disputed_on     date,
    position        bigint NOT NULL,
    PRIMARY KEY (agreement_id, claim_id)
);
CREATE INDEX commitment_claim_open ON commitment_claim USING gin (counterparties) WHERE status = 'open';

CREATE TABLE commitment_milestone (
    agreement_id    uuid NOT NULL,
    code            text NOT NULL,
    milestone_code  text NOT NULL,
    title           jsonb NOT NULL,
    due             jsonb NOT NULL,
    deadline        date NOT NULL,
    achieved_on     date,
    ordinal         integer NOT NULL,
    PRIMARY KEY (agreement_id, code, milestone_code)
);
