package dev.ordersaga.localstack;

/** Where the services' databases live: the embedded server or one the user already runs. */
public interface DatabaseServer extends AutoCloseable {

    /** Creates {@code database} when missing and returns its JDBC URL. */
    String database(String database);

    String user();

    String password();

    /** For the start-up summary, e.g. "embedded, localhost:5433". */
    String describe();

    @Override
    void close();
}
