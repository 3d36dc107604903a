-- A number that grows with every change of an order's row: what the API's ETag is made of, and how a copy of the
-- order held in memory tells whether another copy is older. The trigger counts every UPDATE, whichever statement
-- makes it, so no writer can change an order and leave its version behind.
ALTER TABLE orders ADD COLUMN version bigint NOT NULL DEFAULT 1;

CREATE FUNCTION orders_next_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.version := OLD.version + 1;
    RETURN NEW;
END;
$$;

CREATE TRIGGER orders_version
    BEFORE UPDATE ON orders
    FOR EACH ROW EXECUTE FUNCTION orders_next_version();
