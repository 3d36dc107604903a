-- One database per service, as in the local stack; each service migrates its own schema with Flyway.
CREATE DATABASE orders;
CREATE DATABASE inventory;
