-- A commitment's level, health and last report follow from its latest active reports only: found through
-- this index without reading the others, however many reports the commitment has.
CREATE INDEX commitment_report_latest ON commitment_report (agreement_id, code, as_of DESC, position DESC)
    WHERE active;
