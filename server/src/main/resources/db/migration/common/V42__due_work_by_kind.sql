-- External due work (mail) is claimed by a loop of its own, kind by kind: this index finds a kind's due rows in due
-- order without walking past the other kinds' (100,000 digests due at nine o'clock, say).
CREATE INDEX due_work_by_kind ON due_work (kind, due_at, id);
