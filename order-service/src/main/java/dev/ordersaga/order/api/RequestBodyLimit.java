package dev.ordersaga.order.api;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Refuses request bodies over {@code orders.api.max-request-body}, so no client can make the service parse and
 * hold an arbitrarily large one. A body that declares a larger Content-Length is refused before it is read; one
 * that declares none (chunked) is read through a counter that fails at the first byte past the limit.
 */
@ControllerAdvice
class RequestBodyLimit extends RequestBodyAdviceAdapter {

    private final long maxBytes;

    RequestBodyLimit(OrderApiProperties properties) {
        this.maxBytes = properties.maxRequestBody().toBytes();
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage message, MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
        if (message.getHeaders().getContentLength() > maxBytes) {
            throw new RequestBodyTooLargeException(maxBytes);
        }
        InputStream limited = new LimitedInputStream(message.getBody(), maxBytes);
        return new HttpInputMessage() {

            @Override
            public InputStream getBody() {
                return limited;
            }

            @Override
            public HttpHeaders getHeaders() {
                return message.getHeaders();
            }
        };
    }

    /** Fails the read that takes it past {@code maxBytes}. */
    private static final class LimitedInputStream extends FilterInputStream {

        private final long maxBytes;
        private long bytesRead;

        LimitedInputStream(InputStream body, long maxBytes) {
            super(body);
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int value = super.read();
            if (value != -1) {
                count(1);
            }
            return value;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                count(read);
            }
            return read;
        }

        @Override
        public long skip(long length) throws IOException {
            long skipped = super.skip(length);
            count(skipped);
            return skipped;
        }

        private void count(long bytes) throws RequestBodyTooLargeException {
            bytesRead += bytes;
            if (bytesRead > maxBytes) {
                throw new RequestBodyTooLargeException(maxBytes);
            }
        }
    }
}
