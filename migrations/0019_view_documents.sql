-- Ready response documents of the hot views (a cache of the read models, never the record).
-- `document_generation` counts the committed projection batches that touched an agreement; a document of
-- an agreement is served only while its `gen` is the agreement's current one (a party's obligations, only
-- while the projections behind them stand where they stood) (and, for views that speak of today, only on
-- the day it was built for). Deleting every document changes no answer: the next read builds it again.
CREATE TABLE document_generation (
    agreement_id  uuid PRIMARY KEY,
    gen           bigint NOT NULL DEFAULT 1
);

CREATE TABLE view_document (
    view          text NOT NULL,
    subject_id    uuid NOT NULL,   -- the agreement (or, for obligations, the party) it is the view of
    gen           bigint NOT NULL,
    valid_on      date,            -- NULL: does not depend on the date
    readers       uuid[] NOT NULL, -- the parties that may read it (admins and public views: anyone)
    etag          text,
    body          bytea NOT NULL,  -- the response body, byte for byte
    PRIMARY KEY (view, subject_id)
);
