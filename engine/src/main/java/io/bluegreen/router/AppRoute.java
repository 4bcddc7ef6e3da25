package io.bluegreen.router;

import java.util.List;

/**
 * What traffic for an app should reach after a switch: the containers of one colour, by name,
 * on the port they listen on. {@code image} is only for routers that keep state in marker containers.
 */
public record AppRoute(String app, Colour colour, List<String> containerNames, int containerPort,
                       String image, String deployId, String healthPath) {
}
