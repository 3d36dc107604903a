package dev.ordersaga.localstack;

import io.kafbat.ui.serde.api.DeserializeResult;
import io.kafbat.ui.serde.api.PropertyResolver;
import io.kafbat.ui.serde.api.RecordHeaders;
import io.kafbat.ui.serde.api.Serde;
import io.kafbat.ui.serde.api.Serde.Target;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The serde jar that docker-compose.yml hands to Kafka UI, loaded and called the way Kafka UI does it: in a
 * child-first class loader of its own (its CustomSerdeLoader), with that loader as the context class loader during
 * every call (its SerdeInstance). The parent offers only what Kafka UI offers every serde, the serde API,
 * kafka-clients and SLF4J, so anything else the serde needs must be in the jar.
 */
final class KafkaUiSerdeJar {

    static final Path JAR = Path.of("").toAbsolutePath().getParent()
            .resolve("kafka-ui-serde/target/order-saga-kafka-ui-serde.jar");
    static final String CLASS_NAME = "dev.ordersaga.kafkaui.OrderSagaSerde";

    private final ClassLoader loader;
    private final Serde serde;

    private KafkaUiSerdeJar(ClassLoader loader, Serde serde) {
        this.loader = loader;
        this.serde = serde;
    }

    static KafkaUiSerdeJar load() {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException("No " + JAR + ". Build it first: ./mvnw -B -DskipTests package");
        }
        try {
            ClassLoader loader = new ChildFirst(JAR.toUri().toURL(),
                    new KafkaUiProvided(KafkaUiSerdeJar.class.getClassLoader()));
            return withContext(loader, () -> {
                try {
                    Serde serde = (Serde) loader.loadClass(CLASS_NAME).getDeclaredConstructor().newInstance();
                    serde.configure(NoProperties.INSTANCE, NoProperties.INSTANCE, NoProperties.INSTANCE);
                    return new KafkaUiSerdeJar(loader, serde);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("Cannot load " + CLASS_NAME + " from " + JAR, e);
                }
            });
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean canDeserialize(String topic, Target target) {
        return withContext(loader, () -> serde.canDeserialize(topic, target));
    }

    DeserializeResult deserialize(String topic, Target target, RecordHeaders headers, byte[] data) {
        return withContext(loader, () -> serde.deserializer(topic, target).deserialize(headers, data));
    }

    private static <T> T withContext(ClassLoader loader, Supplier<T> call) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return call.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Looks in the jar first, and only then asks its parent: what Kafka UI's loader of serde jars does. */
    private static final class ChildFirst extends URLClassLoader {

        ChildFirst(URL jar, ClassLoader parent) {
            super(new URL[] {jar}, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("java.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    try {
                        loaded = findClass(name);
                    } catch (ClassNotFoundException notInJar) {
                        loaded = super.loadClass(name, false);
                    }
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }
    }

    /** The JDK, and of this test's class path only what Kafka UI itself gives a serde. */
    private static final class KafkaUiProvided extends ClassLoader {

        private static final List<String> PACKAGES = List.of("io.kafbat.ui.serde.api.", "org.apache.kafka.",
                "org.slf4j.");
        private final ClassLoader testClassPath;

        KafkaUiProvided(ClassLoader testClassPath) {
            super("kafka-ui", ClassLoader.getPlatformClassLoader());
            this.testClassPath = testClassPath;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            if (PACKAGES.stream().anyMatch(name::startsWith)) {
                return testClassPath.loadClass(name);
            }
            throw new ClassNotFoundException(name + " is not in the serde jar, and Kafka UI does not provide it");
        }
    }

    /** A serde configured without properties, as docker-compose.yml configures this one. */
    private static final class NoProperties implements PropertyResolver {

        static final NoProperties INSTANCE = new NoProperties();

        @Override
        public <T> Optional<T> getProperty(String key, Class<T> targetType) {
            return Optional.empty();
        }

        @Override
        public <T> Optional<List<T>> getListProperty(String key, Class<T> itemType) {
            return Optional.empty();
        }

        @Override
        public <K, V> Optional<Map<K, V>> getMapProperty(String key, Class<K> keyType,
                Class<V> valueType) {
            return Optional.empty();
        }
    }
}
