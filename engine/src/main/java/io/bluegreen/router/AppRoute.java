package io.bluegreen.router;

import java.time.Duration;
import java.util.List;

/**
 * What traffic for an app should reach after a switch: the containers of one colour, by name,
 * on the port they listen on. {@code image} is only for routers that keep state in marker containers.
 * The switch proves itself with the health path, waiting for each answer as long as the health check
 * does: a path the health gate accepted must not fail the proof for being slow.
 */
public record AppRoute(String app, Colour colour, List<String> containerNames, int containerPort,
                       String image, String deployId, String healthPath, Duration healthTimeout) {
}
