package io.bluegreen.cli.webhook;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes a connection whose request does not arrive in time: its headers within the header timeout
 * of connecting, its body within the read timeout of the headers. Jetty's idle timeout alone only
 * catches silence, and a client sending one byte a second is never silent.
 */
final class RequestDeadlines implements Connection.Listener {
    private final Scheduler scheduler;
    private final ServerLimits limits;
    private final Map<Connection, Scheduler.Task> pending = new ConcurrentHashMap<>();

    RequestDeadlines(Scheduler scheduler, ServerLimits limits) {
        this.scheduler = scheduler;
        this.limits = limits;
    }

    @Override
    public void onOpened(Connection connection) {
        // Under TLS the request's connection runs inside the TLS one; closing it closes both.
        if (!(connection instanceof SslConnection)) {
            arm(connection, limits.headerTimeout());
        }
    }

    @Override
    public void onClosed(Connection connection) {
        disarm(connection);
    }

    /** The headers are in: from now on the body has the read timeout. */
    void headersArrived(Connection connection) {
        arm(connection, limits.readTimeout());
    }

    /** The answer is on its way; the connection closes after it (one request per connection). */
    void answered(Connection connection) {
        disarm(connection);
    }

    private void arm(Connection connection, Duration timeout) {
        Scheduler.Task deadline = scheduler.schedule(() -> connection.getEndPoint().close(),
                timeout.toMillis(), TimeUnit.MILLISECONDS);
        Scheduler.Task previous = pending.put(connection, deadline);
        if (previous != null) {
            previous.cancel();
        }
        if (!connection.getEndPoint().isOpen()) {
            disarm(connection); // closed meanwhile: onClosed has run and will not run again
        }
    }

    private void disarm(Connection connection) {
        Scheduler.Task deadline = pending.remove(connection);
        if (deadline != null) {
            deadline.cancel();
        }
    }
}
