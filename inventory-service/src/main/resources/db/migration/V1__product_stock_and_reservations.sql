-- Stock per product. Every change goes through a versioned update (WHERE version = <the version read>): concurrent
-- reservations cannot overwrite each other's changes, yet no row stays locked between reading and writing it.
-- Ids compare byte by byte (COLLATE "C"): the order of listings and of row updates does not depend on the
-- server's locale.
CREATE TABLE product_stock (
    product_id varchar(64) COLLATE "C" PRIMARY KEY,
    available  int         NOT NULL CHECK (available >= 0),
    reserved   int         NOT NULL CHECK (reserved >= 0),
    version    bigint      NOT NULL DEFAULT 0,
    updated_at timestamptz
);

-- One row per order the service has decided on: the idempotency record, replayed when a command is redelivered.
-- status is RESERVED or REJECTED today; releasing and committing reservations add states later.
CREATE TABLE reservation (
    order_id   varchar(64) PRIMARY KEY,
    status     varchar(16) NOT NULL,
    reason     varchar(40),
    detail     text,
    created_at timestamptz NOT NULL
);

-- What a RESERVED order holds, so that a release or commit knows what to give back.
CREATE TABLE reservation_line (
    order_id   varchar(64) NOT NULL REFERENCES reservation (order_id) ON DELETE CASCADE,
    product_id varchar(64) COLLATE "C" NOT NULL REFERENCES product_stock (product_id),
    quantity   int         NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, product_id)
);
