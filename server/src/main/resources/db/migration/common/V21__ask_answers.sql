-- An ask is no longer closed by any reply of the person asked (a scheduled status note once closed one): its
-- assignee marks which of their replies answers it. answer_id is that reply's id, set with done_how 'answered';
-- asks closed by a reply before this migration keep done_how 'reply' and no answer_id.
ALTER TABLE asks ADD COLUMN answer_id BIGINT;
