-- The agreements a party is a party to: every projection batch looks them up for the parties it touched
-- (generations.py), and without this index that read scanned every agreement's parties.
CREATE INDEX agreement_party_by_party ON agreement_party (party_id);
