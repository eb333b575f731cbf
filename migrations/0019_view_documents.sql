-- Ready response documents of the hot views (a cache of the read models, never the record).
-- `document_generation` counts the committed projection batches that touched an agreement; a document is
-- served only while its `gen` is the agreement's current one (and, for views that speak of today, only on
-- the day it was built for). Deleting every document changes no answer: the next read builds it again.
CREATE TABLE document_generation (
    agreement_id  uuid PRIMARY KEY,
    gen           bigint NOT NULL DEFAULT 1
);

CREATE TABLE view_document (
    view          text NOT NULL,
    agreement_id  uuid NOT NULL,
    gen           bigint NOT NULL,
    valid_on      date,            -- NULL: does not depend on the date
    readers       uuid[] NOT NULL, -- the parties that may read it (admins and public views: anyone)
    etag          text,
    body          bytea NOT NULL,  -- the response body, byte for byte
    PRIMARY KEY (view, agreement_id)
);
