-- What the customer asked for while the saga runs. Each is written once, by a conditional UPDATE, so that two
-- concurrent requests cannot both win. Only the card's last four digits are kept: the full number never is.
ALTER TABLE orders
    ADD COLUMN payment_id                varchar(64),
    ADD COLUMN card_last4                varchar(4),
    ADD COLUMN payment_submitted_at      timestamptz,
    ADD COLUMN cancellation_requested_at timestamptz;

-- Every status an order reached, once each: status events are replayed and duplicated, so the first one seen
-- for a status is kept. Rows are written even for a status that arrives after a later one (the orders row
-- ignores it), so the history shows each step at the time the saga took it.
CREATE TABLE order_status_history (
    order_id   varchar(64) NOT NULL REFERENCES orders (order_id),
    status     varchar(32) NOT NULL,
    reason     text,
    changed_at timestamptz NOT NULL,
    PRIMARY KEY (order_id, status)
);

-- Orders from before this migration: every order started PENDING when it was placed, and is now in its stored
-- status; which steps lay between is not known any more.
INSERT INTO order_status_history (order_id, status, reason, changed_at)
SELECT order_id, 'PENDING', NULL, created_at FROM orders;

INSERT INTO order_status_history (order_id, status, reason, changed_at)
SELECT order_id, status, reason, updated_at FROM orders WHERE status <> 'PENDING';
