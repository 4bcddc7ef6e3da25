package io.bluegreen.notify;

/**
 * Tells people about a deploy. Implementations never throw and never take long: a notification
 * that cannot be delivered is logged, and the deploy goes on.
 */
@FunctionalInterface
public interface Notifier {
    void send(DeployEvent event);

    static Notifier none() {
        return event -> { };
    }
}
