package io.bluegreen.router;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The text nginx reads. Our own main config (not the image's) so Debian's and Alpine's nginx
 * behave alike; it includes one file per app.
 */
final class NginxConfig {
    static final String DIRECTORY = "/etc/bluegreen";
    static final String MAIN = DIRECTORY + "/nginx.conf";
    static final String APPS = DIRECTORY + "/apps";
    static final String LIVE = DIRECTORY + "/live";
    /** One empty file per container and port a deploy opened to its preview key, named {@code <container>.<port>.<key>}. */
    static final String PREVIEW_KEYS = DIRECTORY + "/preview";
    /** The request header that carries the preview key. */
    static final String PREVIEW_HEADER = "X-Bluegreen-Preview";
    /** Where the colours' doors (unix sockets) live; a directory of the router container. */
    static final String DOORS = "/run/bluegreen";
    private static final String DEFAULT_SERVER = "default_server";
    static final String COLOUR_HEADER = "X-Bluegreen-Colour";
    /** Identifies the app file nginx has loaded, so a file written but never loaded can be told apart. */
    static final String CONFIG_HEADER = "X-Bluegreen-Config";
    /** Answered by nginx itself, so the live colour can be read even when the app is down. */
    static final String COLOUR_PATH = "/.bluegreen/colour";
    /**
     * Names the app whose server answered the colour path: a host no app names reaches the app that
     * answers every host, whose colour must not be taken for another app's.
     */
    static final String APP_HEADER = "X-Bluegreen-App";
    private static final Pattern UPSTREAM = Pattern.compile("upstream bluegreen-[a-z0-9-]+-(blue|green) \\{(.*?)\\}", Pattern.DOTALL);
    private static final Pattern SERVER = Pattern.compile("server (\\S+) max_fails=0;");
    private static final Pattern CONFIG_ID = Pattern.compile(CONFIG_HEADER + " (\\S+) always;");

    private NginxConfig() {
    }

    /**
     * The preview server lets a health probe reach one container by name
     * ({@code <app>-<colour>-<n>.<port>.preview}) through the router's published port, the way
     * traffic will reach it, even on a remote engine whose container addresses we cannot reach.
     * Docker's DNS (127.0.0.11) resolves the name per request, so new containers need no reload.
     * The port is public, so it answers only a request carrying the deploy's preview key, and
     * only for a container and port the deploy gave a key file ({@code <container>.<port>.<key>});
     * everyone else gets the plain 404.
     * The 404 server comes first, so it answers hosts no app names until an app without server
     * names claims {@code default_server}. WebSocket upgrades pass through; every other request
     * reaches the app with an empty Connection header, as before.
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
                    map $http_upgrade $bg_connection { default upgrade; '' ''; }
                    proxy_http_version 1.1;
                    proxy_set_header Connection $bg_connection;
                    proxy_set_header Upgrade $http_upgrade;
                    proxy_set_header Host $host;
                    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                    proxy_set_header X-Forwarded-Proto $scheme;
                    server {
                        listen 80;
                        return 404;
                    }
                    server {
                        listen 80;
                        server_name ~^(?<bg_container>[a-z0-9][a-z0-9-]*-(blue|green)-[0-9]+)\\.(?<bg_port>[0-9]+)\\.preview$;
                        if ($http_x_bluegreen_preview !~ "^[0-9a-f]{32}$") {
                            return 404;
                        }
                        if (!-f %s/$bg_container.$bg_port.$http_x_bluegreen_preview) {
                            return 404;
                        }
                        resolver 127.0.0.11 valid=1s ipv6=off;
                        location / {
                            proxy_pass http://$bg_container:$bg_port;
                        }
                    }
                    include %s/*.conf;
                }
                """.formatted(PREVIEW_KEYS, APPS);
    }

    /**
     * The whole configuration of a preview on a port of its own ({@link PreviewPort}): requests that carry the key
     * go to one container, the rest get 404.
     */
    static String previewPort(String containerName, int containerPort, String key) {
        return """
                worker_processes 1;
                pid /tmp/bluegreen-preview.pid;
                error_log stderr warn;
                events { worker_connections 256; }
                http {
                    access_log off;
                    server_tokens off;
                    server {
                        listen 80;
                        if ($http_%s != "%s") {
                            return 404;
                        }
                        location / {
                            proxy_set_header Host $host;
                            proxy_pass http://%s:%d;
                        }
                    }
                }
                """.formatted(PREVIEW_HEADER.toLowerCase(Locale.ROOT).replace('-', '_'), key, containerName, containerPort);
    }

    static String previewHost(String containerName, int port) {
        return containerName + "." + port + ".preview";
    }

    static String appFile(String app) {
        return app + ".conf";
    }

    /** Present while green is live; absent while blue is. Every nginx worker checks it per request. */
    static String greenFlag(String app) {
        return LIVE + "/" + app + ".green";
    }

    /**
     * Present once a drain timeout ended the colour's requests: those not yet answered when it stops
     * get 504 (the wait was cut, as a gateway timeout says) instead of the 502 of an app that failed.
     */
    static String endedFlag(String app, Colour colour) {
        return LIVE + "/" + app + "." + colour.label() + ".ended";
    }

    /**
     * The app's server. Both colours have an upstream block; which one a request uses is decided per
     * request by the flag file, so a switch is one atomic file operation that every worker, old and
     * new, sees at once. A reload only adds or drops the idle colour's containers while the flag keeps
     * traffic where it is. An upstream with no containers of its own lists the live colour's, so even
     * a request on a worker from before the last reload never meets an empty upstream.
     * <p>
     * Each colour is reached through its door: a server on a unix socket of its own. The app's server
     * passes a request through the door as soon as its headers are read (request buffering off), and
     * the door buffers the body for the app as nginx normally does. So every request routed to a
     * colour, an upload still arriving included, holds one connection on that colour's door until the
     * colour has answered, and the drain counts those connections instead of guessing a time.
     * An app with no server names answers every host name on the router ({@code default_server}).
     */
    static String app(String app, Map<Colour, List<String>> servers, RouterSettings settings) {
        List<String> names = new ArrayList<>();
        names.add(app);
        names.addAll(settings.serverNames());
        StringBuilder text = new StringBuilder("# bluegreen app=" + app + "\n");
        for (Colour colour : Colour.values()) {
            text.append("upstream ").append(upstream(app, colour)).append(" {\n}\n");
        }
        for (Colour colour : Colour.values()) {
            text.append("""
                    server {
                        listen unix:%s;
                        location / {
                            proxy_pass http://%s;
                            proxy_set_header Host $host;
                            proxy_set_header X-Forwarded-For $http_x_forwarded_for;
                            proxy_set_header X-Forwarded-Proto $http_x_forwarded_proto;
                            proxy_set_header Connection $bg_connection;
                            proxy_set_header Upgrade $http_upgrade;
                            proxy_pass_header X-Accel-Buffering;
                            client_max_body_size 0;
                            proxy_read_timeout 1d;
                            proxy_send_timeout 1d;
                            error_page 502 = @ended;
                        }
                        location @ended {
                            if (-f %s) {
                                return 504;
                            }
                            return 502;
                        }
                    }
                    """.formatted(door(app, colour), upstream(app, colour), endedFlag(app, colour)));
        }
        return withServers(text.toString() + """
                server {
                    listen 80%s;
                    server_name %s;
                    set $bg_colour blue;
                    if (-f %s) {
                        set $bg_colour green;
                    }
                    add_header %s $bg_colour always;
                %s
                    location = %s {
                        add_header %s $bg_colour always;
                        add_header %s %s always;
                        add_header %s unstamped always;
                        default_type text/plain;
                        return 200 "$bg_colour\\n";
                    }
                    location / {
                        proxy_pass http://unix:%s/%s.$bg_colour.sock:;
                        proxy_request_buffering off;
                    }
                }
                """.formatted(settings.serverNames().isEmpty() ? " " + DEFAULT_SERVER : "", String.join(" ", names),
                greenFlag(app), COLOUR_HEADER, indent(settings.directives()), COLOUR_PATH, COLOUR_HEADER, APP_HEADER, app,
                CONFIG_HEADER,
                DOORS, app), servers);
    }

    /** The unix socket every request routed to {@code colour} of {@code app} passes through. */
    static String door(String app, Colour colour) {
        return DOORS + "/" + app + "." + colour.label() + ".sock";
    }

    /** Whether an app file routes through doors; files written before doors existed do not. */
    static boolean hasDoors(String appConfig) {
        return appConfig.contains("listen unix:" + DOORS + "/");
    }

    /** Whether an app file answers every host name on the router. */
    static boolean answersEveryHost(String appConfig) {
        return appConfig.contains("listen 80 " + DEFAULT_SERVER + ";");
    }

    /** The {@code host:port} servers of each colour's upstream block in an app file we wrote. */
    static Map<Colour, List<String>> servers(String appConfig) {
        Map<Colour, List<String>> servers = new EnumMap<>(Colour.class);
        Matcher block = UPSTREAM.matcher(appConfig);
        while (block.find()) {
            List<String> hosts = new ArrayList<>();
            Matcher server = SERVER.matcher(block.group(2));
            while (server.find()) {
                hosts.add(server.group(1));
            }
            servers.put(Colour.fromLabel(block.group(1)), hosts);
        }
        return servers;
    }

    /** The same app file with each colour's upstream listing {@code servers}; all else (directives, names) kept. */
    static String withServers(String appConfig, Map<Colour, List<String>> servers) {
        Matcher block = UPSTREAM.matcher(appConfig);
        StringBuilder text = new StringBuilder();
        while (block.find()) {
            Colour colour = Colour.fromLabel(block.group(1));
            String body = servers.get(colour).stream().map(server -> "    server " + server + " max_fails=0;\n")
                    .collect(Collectors.joining());
            block.appendReplacement(text, Matcher.quoteReplacement(
                    block.group().substring(0, block.group().indexOf('{') + 1) + "\n" + body + "}"));
        }
        block.appendTail(text);
        return stamped(text.toString());
    }

    /** The id nginx answers with once it has loaded {@code appConfig}. */
    static String configId(String appConfig) {
        Matcher id = CONFIG_ID.matcher(appConfig);
        return id.find() ? id.group(1) : "";
    }

    private static String stamped(String appConfig) {
        String unstamped = CONFIG_ID.matcher(appConfig).replaceAll(CONFIG_HEADER + " unstamped always;");
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(unstamped.getBytes(StandardCharsets.UTF_8));
            return unstamped.replace(CONFIG_HEADER + " unstamped always;",
                    CONFIG_HEADER + " " + HexFormat.of().formatHex(hash, 0, 8) + " always;");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static String upstream(String app, Colour colour) {
        return "bluegreen-" + app + "-" + colour.label();
    }

    private static String indent(String directives) {
        return directives.isBlank() ? "" : directives.strip().lines().map(line -> "    " + line)
                .collect(Collectors.joining("\n"));
    }
}
