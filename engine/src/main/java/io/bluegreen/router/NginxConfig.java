package io.bluegreen.router;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The text nginx reads. Our own main config (not the image's) so Debian's and Alpine's nginx
 * behave alike; it includes one file per app, each holding only that app's live server.
 */
final class NginxConfig {
    static final String DIRECTORY = "/etc/bluegreen";
    static final String MAIN = DIRECTORY + "/nginx.conf";
    static final String APPS = DIRECTORY + "/apps";
    static final String COLOUR_HEADER = "X-Bluegreen-Colour";
    /** Answered by nginx itself, so the live colour can be read even when the app is down. */
    static final String COLOUR_PATH = "/.bluegreen/colour";
    private static final Pattern MARKER = Pattern.compile("^# bluegreen app=\\S+ colour=(blue|green)", Pattern.MULTILINE);

    private NginxConfig() {
    }

    /**
     * The preview server lets a health probe reach one container by name
     * ({@code <app>-<colour>-<n>.<port>.preview}) through the router's published port, the way
     * traffic will reach it, even on a remote engine whose container addresses we cannot reach.
     * Docker's DNS (127.0.0.11) resolves the name per request, so new containers need no reload.
     */
    static String main() {
        return """
                worker_processes auto;
                pid /tmp/bluegreen-nginx.pid;
                error_log stderr warn;
                events { worker_connections 4096; }
                http {
                    access_log off;
                    server_tokens off;
                    server_names_hash_bucket_size 128;
                    proxy_http_version 1.1;
                    proxy_set_header Connection "";
                    proxy_set_header Host $host;
                    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                    proxy_set_header X-Forwarded-Proto $scheme;
                    server {
                        listen 80 default_server;
                        return 404;
                    }
                    server {
                        listen 80;
                        server_name ~^(?<bg_container>[a-z0-9][a-z0-9-]*-(blue|green)-[0-9]+)\\.(?<bg_port>[0-9]+)\\.preview$;
                        resolver 127.0.0.11 valid=1s ipv6=off;
                        location / {
                            proxy_pass http://$bg_container:$bg_port;
                        }
                    }
                    include %s/*.conf;
                }
                """.formatted(APPS);
    }

    static String previewHost(String containerName, int port) {
        return containerName + "." + port + ".preview";
    }

    static String appFile(String app) {
        return app + ".conf";
    }

    /** The last file nginx loaded for the app, kept until the switch that replaces it has reloaded. */
    static String servedFile(String app) {
        return app + ".served";
    }

    static String app(AppRoute route, RouterSettings settings) {
        List<String> names = new ArrayList<>();
        names.add(route.app());
        names.addAll(settings.serverNames());
        String servers = route.containerNames().stream()
                .map(name -> "    server " + name + ":" + route.containerPort() + " max_fails=0;")
                .collect(Collectors.joining("\n"));
        String colour = route.colour().label();
        return """
                # bluegreen app=%s colour=%s deploy=%s
                upstream bluegreen-%s {
                %s
                }
                server {
                    listen 80;
                    server_name %s;
                    add_header %s %s always;
                %s
                    location = %s {
                        default_type text/plain;
                        return 200 "%s\\n";
                    }
                    location / {
                        proxy_pass http://bluegreen-%s;
                    }
                }
                """.formatted(route.app(), colour, route.deployId(), route.app(), servers, String.join(" ", names),
                COLOUR_HEADER, colour, indent(settings.directives()), COLOUR_PATH, colour, route.app());
    }

    /** The colour a config file routes to, from the marker line we write first. */
    static Optional<Colour> colourOf(String appConfig) {
        Matcher matcher = MARKER.matcher(appConfig);
        return matcher.find() ? Optional.of(Colour.fromLabel(matcher.group(1))) : Optional.empty();
    }

    private static String indent(String directives) {
        return directives.isBlank() ? "" : directives.strip().lines().map(line -> "    " + line)
                .collect(Collectors.joining("\n"));
    }
}
