-- Mail claimed by a worker carries a lease: a live claim is never taken over (a second server
-- starting up used to put every message being sent back in the queue); an expired one is.
ALTER TABLE outbox ADD COLUMN lease_until TEXT;
