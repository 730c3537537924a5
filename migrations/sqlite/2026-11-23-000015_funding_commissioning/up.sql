-- How a funding stream is commissioned, as JSON: a break clause (`break_clause`, the first day
-- the funder may end it early), the lead commissioner (`lead_commissioner`) and the other
-- commissioners funding it with them (`co_commissioners`), so a co-commissioned service is seen
-- once. One column: the table is at diesel's sixteen.
ALTER TABLE funding_streams ADD COLUMN commissioning TEXT NOT NULL DEFAULT '{}';
