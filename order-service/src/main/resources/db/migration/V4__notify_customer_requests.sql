-- A payment or cancellation taken by one order-service instance changes an order whose status events another
-- instance may consume, and hold in memory: every instance listens on this channel and forgets the order.
CREATE FUNCTION orders_notify_customer_request() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('order_customer_requests', NEW.order_id);
    RETURN NULL;
END;
$$;

CREATE TRIGGER orders_customer_request
    AFTER UPDATE OF payment_submitted_at, cancellation_requested_at ON orders
    FOR EACH ROW
    WHEN (OLD.payment_submitted_at IS DISTINCT FROM NEW.payment_submitted_at
          OR OLD.cancellation_requested_at IS DISTINCT FROM NEW.cancellation_requested_at)
    EXECUTE FUNCTION orders_notify_customer_request();
