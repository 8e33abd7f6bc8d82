-- Webhooks, second pass (issue 16). reveal_to: the admin who added a webhook from its page and may still see its
-- secret once, on the page the form's answer redirects to (Post/Redirect/Get); set to NULL as it is shown, and never
-- set by the API, whose answer carries the secret. Rows made before this migration have nothing left to show.
ALTER TABLE webhooks ADD COLUMN reveal_to BIGINT;

-- Delivered and failed deliveries are deleted some time after their last try: this finds them without a scan.
CREATE INDEX webhook_deliveries_by_status ON webhook_deliveries (status, retry_since);
