package dev.ordersaga.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** Keeps the schemas, the generated classes and the released wire contract in step. */
class SchemaCatalogueTest {

    private static final Path SOURCES = Path.of("src/main/avro");
    private static final Path RELEASED = Path.of("src/test/resources/released-schemas");
    /** The named types other schemas refer to (the avro-maven-plugin's imports). */
    private static final List<String> SHARED_TYPES = List.of("OrderLine.avsc", "OrderStatus.avsc",
            "ReservationFailureReason.avsc", "PaymentMethod.avsc");

    @Test
    void shouldRegisterEveryRecordSchemaAsAMessageType() throws IOException {
        List<String> records = recordNames(SOURCES);
        List<String> registered = MessageTypes.ALL.stream().map(Class::getName).toList();

        assertThat(registered).containsExactlyInAnyOrderElementsOf(records.stream()
                .filter(name -> !name.endsWith(".OrderLine")).toList());
    }

    @Test
    void shouldGiveEveryMessageTypeADistinctFingerprint() {
        assertThat(MessageTypes.ALL.stream().map(type -> MessageTypes.fingerprint(MessageTypes.schemaOf(type)))
                .distinct()).hasSize(MessageTypes.ALL.size());
    }

    /**
     * A message written by a released version must stay readable by today's classes. When a schema changes in a
     * compatible way, add its previous form to released-schemas and register it as a reader-side alias.
     */
    @Test
    void shouldReadEveryReleasedSchemaWithTheCurrentClasses() throws IOException {
        for (Class<? extends SpecificRecord> type : MessageTypes.ALL) {
            Path released = RELEASED.resolve(type.getSimpleName() + ".avsc");
            if (!Files.exists(released)) {
                continue;
            }
            Schema writer = parseWithDependencies(released);
            Schema reader = MessageTypes.schemaOf(type);
            assertThat(SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType())
                    .as("%s can read its released form", type.getSimpleName())
                    .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
        }
    }

    @Test
    void shouldKeepTheReleasedFormOfAnEvolvedSchemaInItsRuntimeHistory() throws IOException {
        for (Class<? extends SpecificRecord> type : MessageTypes.ALL) {
            Schema released = parseWithDependencies(RELEASED.resolve(type.getSimpleName() + ".avsc"));
            if (MessageTypes.fingerprint(released) != MessageTypes.fingerprint(MessageTypes.schemaOf(type))) {
                assertThat(MessageTypes.earlierSchemasOf(type).stream().map(MessageTypes::fingerprint))
                        .as("%s changed since its release: its released form must be in its history", type)
                        .contains(MessageTypes.fingerprint(released));
            }
        }
    }

    @Test
    void shouldKeepAReleasedCopyOfEveryMessageSchema() {
        for (Class<? extends SpecificRecord> type : MessageTypes.ALL) {
            assertThat(RELEASED.resolve(type.getSimpleName() + ".avsc"))
                    .as("released copy of %s", type.getSimpleName()).exists();
        }
    }

    private static Schema parseWithDependencies(Path file) throws IOException {
        Schema.Parser parser = new Schema.Parser();
        for (String shared : SHARED_TYPES) {
            Path released = RELEASED.resolve(shared);
            parser.parse(Files.readString(Files.exists(released) ? released : SOURCES.resolve(shared)));
        }
        return parser.parse(Files.readString(file));
    }

    private static List<String> recordNames(Path dir) throws IOException {
        Schema.Parser parser = new Schema.Parser();
        for (String shared : SHARED_TYPES) {
            parser.parse(Files.readString(dir.resolve(shared)));
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList()) {
                if (!parser.getTypes().containsKey("dev.ordersaga.messages." + file.getFileName().toString()
                        .replace(".avsc", ""))) {
                    parser.parse(Files.readString(file));
                }
            }
        }
        return parser.getTypes().values().stream()
                .filter(schema -> schema.getType() == Schema.Type.RECORD)
                // Top-level records only: one defined inside another (SagaPayment) is not a message.
                .filter(schema -> Files.exists(dir.resolve(schema.getName() + ".avsc")))
                .map(Schema::getFullName).toList();
    }
}
