-- The notification inbox, the webhooks admins configure and the outbox of their deliveries with every attempt. Not in
-- EF Core's model: only SQL reads and writes them (Features/Notifications).
--
-- notifications: one row per recipient, hazard, kind and day, never two (ux_notifications_once, the rule every writer
-- relies on with ON CONFLICT DO NOTHING: the scheduled job on two instances, the job run twice, an event raised again).
-- deadline is the hazard's deadline when the row was written: a reminder "due soon" is given once per deadline, so an
-- extension gives a new one.
CREATE TABLE notifications (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind varchar(32) NOT NULL CHECK (kind IN ('DueSoon', 'Overdue', 'MajorHazard', 'AcceptanceRequested', 'ExtensionDecided', 'SupervisedListed')),
    hazard_id bigint NOT NULL REFERENCES hazards (id) ON DELETE CASCADE,
    day date NOT NULL,
    deadline date NOT NULL,
    created_at timestamptz NOT NULL,
    read_at timestamptz
);

CREATE UNIQUE INDEX ux_notifications_once ON notifications (user_id, hazard_id, kind, day);
-- The inbox, newest first, and its unread count.
CREATE INDEX ix_notifications_user_id_id ON notifications (user_id, id DESC);
CREATE INDEX ix_notifications_unread ON notifications (user_id) WHERE read_at IS NULL;
-- The job's "not given before" checks (same deadline for DueSoon, the last 7 days for Overdue).
CREATE INDEX ix_notifications_hazard_kind ON notifications (hazard_id, kind, user_id, day);

-- A robot webhook of a user or of a township (exactly one of the two): 企业微信 group robot (WeCom) or 钉钉 robot
-- (DingTalk, with its signing secret). A township's webhook receives each notification about a hazard of the township
-- once, however many of its people receive it.
CREATE TABLE notification_webhooks (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id text REFERENCES users (id) ON DELETE CASCADE,
    township_code varchar(9) REFERENCES townships (code) ON DELETE CASCADE,
    kind varchar(16) NOT NULL CHECK (kind IN ('WeCom', 'DingTalk')),
    url text NOT NULL CHECK (url ~ '^https?://'),
    secret text,
    created_at timestamptz NOT NULL,
    created_by text NOT NULL,
    CHECK ((user_id IS NULL) <> (township_code IS NULL))
);

CREATE INDEX ix_notification_webhooks_user_id ON notification_webhooks (user_id);
CREATE INDEX ix_notification_webhooks_township_code ON notification_webhooks (township_code);

-- The outbox: one delivery per webhook, hazard, kind and day, written in the transaction of its notification and sent
-- after the commit by the delivery job (SELECT … FOR UPDATE SKIP LOCKED, so two instances never send one twice).
CREATE TABLE webhook_deliveries (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    webhook_id bigint NOT NULL REFERENCES notification_webhooks (id) ON DELETE CASCADE,
    notification_id bigint NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
    hazard_id bigint NOT NULL,
    kind varchar(32) NOT NULL,
    day date NOT NULL,
    status varchar(16) NOT NULL DEFAULT 'Pending' CHECK (status IN ('Pending', 'Delivered', 'Failed')),
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    created_at timestamptz NOT NULL,
    delivered_at timestamptz
);

CREATE UNIQUE INDEX ux_webhook_deliveries_once ON webhook_deliveries (webhook_id, hazard_id, kind, day);
CREATE INDEX ix_webhook_deliveries_pending ON webhook_deliveries (next_attempt_at) WHERE status = 'Pending';

-- Every attempt of a delivery: when, the HTTP status (null when no answer came), the error, how long it took.
CREATE TABLE webhook_attempts (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    delivery_id bigint NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    attempt integer NOT NULL,
    at timestamptz NOT NULL,
    http_status integer,
    succeeded boolean NOT NULL,
    error text,
    duration_ms integer NOT NULL
);

CREATE INDEX ix_webhook_attempts_delivery_id ON webhook_attempts (delivery_id, attempt);
