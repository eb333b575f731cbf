-- Webhook subscriptions per party and the log of every delivery attempt. Each subscription follows the
-- feed from its own seq cursor, moved only after the receiver accepted the event (at least once, in order).
CREATE TABLE webhook_subscriptions (
    id               uuid PRIMARY KEY,
    party_id         uuid,              -- NULL: made with an admin key, sees every event
    key_id           uuid NOT NULL,
    url              text NOT NULL,
    event_types      text[] NOT NULL,   -- empty: every type
    description      text,
    secret           text NOT NULL,     -- needed in clear to sign; shown to the subscriber once
    after_seq        bigint NOT NULL,
    attempts         integer NOT NULL DEFAULT 0,
    failing_since    timestamptz,
    next_attempt_at  timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    disabled_at      timestamptz,
    disabled_reason  text,
    deleted_at       timestamptz
);
CREATE INDEX webhook_subscriptions_party ON webhook_subscriptions (party_id) WHERE deleted_at IS NULL;

CREATE TABLE webhook_deliveries (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subscription_id  uuid NOT NULL REFERENCES webhook_subscriptions (id),
    seq              bigint NOT NULL,
    event_id         uuid NOT NULL,
    attempt          integer NOT NULL,
    attempted_at     timestamptz NOT NULL,
    status_code      integer,
    error            text,
    duration_ms      integer NOT NULL,
    delivered        boolean NOT NULL
);
CREATE INDEX webhook_deliveries_by_subscription ON webhook_deliveries (subscription_id, id);
