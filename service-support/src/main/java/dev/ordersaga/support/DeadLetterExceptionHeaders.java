package dev.ordersaga.support;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;

/**
 * The exception headers of a dead letter, as {@link DeadLetterPublishingRecoverer} writes them (class, cause's
 * class, message, stack trace), except that the message says why: spring-kafka's {@link DeserializationException}
 * says only "failed to deserialize" and a listener's failure names the listener, both keeping the reason in their
 * cause. A person reading a dead-letter topic (in Kafka UI, {@code ./watch.sh}, the saga console) sees e.g. which
 * type arrived and which types the topic carries.
 */
public final class DeadLetterExceptionHeaders implements DeadLetterPublishingRecoverer.ExceptionHeadersCreator {

    @Override
    public void create(Headers headers, Exception exception, boolean isKey, HeaderNames names) {
        var info = names.getExceptionInfo();
        replace(headers, isKey ? info.getKeyExceptionFqcn() : info.getExceptionFqcn(), exception.getClass().getName());
        if (!isKey && exception.getCause() != null) {
            replace(headers, info.getExceptionCauseFqcn(), exception.getCause().getClass().getName());
        }
        replace(headers, isKey ? info.getKeyExceptionMessage() : info.getExceptionMessage(), reason(exception));
        replace(headers, isKey ? info.getKeyExceptionStacktrace() : info.getExceptionStacktrace(),
                stackTrace(exception));
    }

    /** The message of the failure that says why: a wrapper's cause's, where it has one. */
    public static String reason(Throwable exception) {
        boolean wrapper = exception instanceof DeserializationException
                || exception instanceof ListenerExecutionFailedException;
        Throwable cause = exception.getCause();
        if (wrapper && cause != null && cause.getMessage() != null) {
            return cause.getMessage();
        }
        return String.valueOf(exception.getMessage());
    }

    private static void replace(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String stackTrace(Exception exception) {
        StringWriter trace = new StringWriter();
        exception.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }
}
