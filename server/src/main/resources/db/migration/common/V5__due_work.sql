-- Work that falls due at an instant: held deliveries, digests, nudges, scheduled posts,
-- reminders, mail (see dev.longhand.due.DueWork). Every row is pending: running an item
-- deletes its row in the same transaction as the work's own effects, so it happens once.
-- A failed run keeps the row, counts the attempt, notes the error and moves due_at later.
CREATE TABLE due_work (
  id         BIGINT       PRIMARY KEY,
  kind       VARCHAR(40)  NOT NULL,   -- which handler runs it, e.g. 'mail', 'digest'
  subject_id BIGINT       NOT NULL,   -- what it is about (an account, an ask...); 0 for nothing
  due_at     BIGINT       NOT NULL,   -- epoch ms; the ticker claims rows with due_at <= now
  payload    TEXT,                    -- the handler's own data, usually JSON
  attempts   INTEGER      NOT NULL DEFAULT 0,
  last_error TEXT,
  created_at BIGINT       NOT NULL
);
-- The ticker's claim is a range scan in due order, however many rows wait for later.
CREATE INDEX due_work_by_due ON due_work (due_at, id);
-- Cancelling a subject's pending work (an ask answered, a reminder withdrawn).
CREATE INDEX due_work_by_subject ON due_work (subject_id, kind);
