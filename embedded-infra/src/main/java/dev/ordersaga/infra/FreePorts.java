package dev.ordersaga.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Port helpers: a free ephemeral port, or a clear error when a fixed port is taken. */
public final class FreePorts {

    private FreePorts() {
    }

    public static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on localhost", e);
        }
    }

    public static int requireFree(int port, String forWhat) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return port;
        } catch (IOException e) {
            throw new IllegalStateException(forWhat + " needs port " + port + " on localhost, but it is in use."
                    + " Stop whatever listens there (is another local stack running?) or choose another port.", e);
        }
    }
}
