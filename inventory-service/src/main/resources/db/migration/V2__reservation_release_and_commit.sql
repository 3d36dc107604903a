-- A reservation now ends: RELEASED gives its units back to available stock, COMMITTED lets them leave the stock for
-- good. ended_at is when; a repeated ReleaseInventory or CommitInventory re-publishes an event carrying it.
ALTER TABLE reservation ADD COLUMN ended_at timestamptz;

-- The states and what each implies, so that a bug cannot record a reservation that contradicts its lines.
-- reason is null exactly when the order held stock: RESERVED and COMMITTED always, RELEASED when it was RESERVED.
ALTER TABLE reservation
    ADD CONSTRAINT reservation_status_known
        CHECK (status IN ('RESERVED', 'REJECTED', 'RELEASED', 'COMMITTED')),
    ADD CONSTRAINT reservation_reason_matches_status
        CHECK (CASE status
                   WHEN 'RESERVED' THEN reason IS NULL
                   WHEN 'COMMITTED' THEN reason IS NULL
                   WHEN 'REJECTED' THEN reason IS NOT NULL
                   ELSE TRUE
               END),
    ADD CONSTRAINT reservation_ended_when_released_or_committed
        CHECK ((status IN ('RELEASED', 'COMMITTED')) = (ended_at IS NOT NULL));
