-- Only urgent notifications are ever looked up by sender (the daily urgent allowance) or by
-- workspace (the urgent log), yet every notification, one or more per post, also went into an
-- index for them. Partial indexes hold the urgent ones alone; both queries name level = 'urgent'
-- as a literal, so both databases use them.
DROP INDEX notifications_urgent_by_sender;
CREATE INDEX notifications_urgent_by_sender ON notifications (actor_id, created_at) WHERE level = 'urgent';
CREATE INDEX notifications_urgent_by_workspace ON notifications (workspace_id, created_at) WHERE level = 'urgent';
