-- Deleting a thread or a reply drops the notifications about it (notify.DeletedPostNotices): find them by thread.
CREATE INDEX notifications_by_thread ON notifications (thread_id);
