-- Units that left the stock for paid orders. With it every unit ever put in is accounted for:
-- available + reserved + committed changes only when stock is set (PUT /inventory), never through orders.
ALTER TABLE product_stock
    ADD COLUMN committed integer NOT NULL DEFAULT 0 CONSTRAINT committed_not_negative CHECK (committed >= 0);
