-- One row per order. Its lines never change and are only read with the order, so they live in the row:
-- showing an order (clients poll it) is a single primary-key lookup, and recording a status event for an order
-- placed by another client is a single upsert.
CREATE TABLE orders (
    order_id    varchar(64) PRIMARY KEY,
    customer_id text        NOT NULL,
    status      varchar(32) NOT NULL,
    reason      text,
    lines       jsonb       NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);

-- Messages written in the same transaction as the change they announce; the relay deletes each one once the
-- broker acknowledged it. id orders the messages for the relay.
CREATE TABLE outbox (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    topic       text        NOT NULL,
    message_key text        NOT NULL,
    payload     bytea       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
