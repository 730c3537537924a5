-- The audit log's filter lists each kind of action: found along this index, not by reading
-- every event.
CREATE INDEX audit_events_by_action ON audit_events (action);
