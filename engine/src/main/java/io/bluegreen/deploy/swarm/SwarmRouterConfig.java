package io.bluegreen.deploy.swarm;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What the router service's tasks run: nginx with a config that picks the colour per request from a
 * flag file, and a small loop beside it that sets the flag from the Swarm's DNS.
 *
 * <p>Why not a new nginx config at each switch: Swarm can only change a task's config, command or
 * environment by replacing the task, and a router that publishes its port in host mode cannot start
 * its replacement before the old task lets go of the port, so every node would refuse connections
 * for a moment. Instead the router tasks never change at a switch. The live colour is named by a
 * marker service ({@code <app>-live-<colour>}) that carries the network alias {@code <app>-live};
 * every router asks Docker's DNS which marker holds that alias (the reverse name of its address is
 * the marker's task name) and touches or removes the flag. nginx checks the flag on every request,
 * so each node flips at once, with no reload and no restart. While both markers exist (mid-switch)
 * or none answers, a router keeps what it has.
 */
final class SwarmRouterConfig {
    static final int LISTEN_PORT = 80;
    static final String COLOUR_HEADER = "X-Bluegreen-Colour";
    static final String CONFIG_ENV = "BLUEGREEN_NGINX_CONF";
    private static final String DIRECTORY = "/etc/bluegreen";
    private static final String GREEN_FLAG = DIRECTORY + "/live-green";
    private static final String PID_FILE = "/tmp/bluegreen-nginx.pid";

    private SwarmRouterConfig() {
    }

    static String liveAlias(String app) {
        return app + "-live";
    }

    /**
     * Proxies to every task of the live colour through Docker's DNS ({@code tasks.<service>}), which
     * nginx asks again after a second, so tasks that come and go are found without a reload.
     */
    static String nginx(String app, int appPort, String directives) {
        return """
                worker_processes auto;
                pid %s;
                error_log stderr warn;
                events { worker_connections 4096; }
                http {
                    access_log off;
                    server_tokens off;
                    proxy_http_version 1.1;
                    proxy_set_header Connection "";
                    proxy_set_header Host $host;
                    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                    proxy_set_header X-Forwarded-Proto $scheme;
                    resolver 127.0.0.11 valid=1s ipv6=off;
                    server {
                        listen %d default_server;
                        set $bg_colour blue;
                        if (-f %s) {
                            set $bg_colour green;
                        }
                        add_header %s $bg_colour always;
                %s
                        location = /.bluegreen/colour {
                            default_type text/plain;
                            return 200 "$bg_colour\\n";
                        }
                        location / {
                            proxy_pass http://tasks.%s-$bg_colour:%d;
                        }
                    }
                }
                """.formatted(PID_FILE, LISTEN_PORT, GREEN_FLAG, COLOUR_HEADER, indent(directives), app, appPort);
    }

    /**
     * Writes the config, waits until the markers name one colour (so nginx never serves a guess),
     * keeps following them, and runs nginx in the foreground as the task's main process.
     */
    static List<String> command(String app) {
        String script = """
                set -u
                mkdir -p %1$s
                printf '%%s\\n' "$%2$s" > %1$s/nginx.conf
                live_colours() {
                    for address in $(getent ahostsv4 %3$s | cut -d' ' -f1 | sort -u); do
                        getent hosts "$address"
                    done | sed -n 's/.*[[:space:]]%3$s-\\([a-z]*\\)\\..*/\\1/p' | sort -u
                }
                follow() {
                    case "$(live_colours)" in
                        green) touch %4$s ;;
                        blue) rm -f %4$s ;;
                        *) return 1 ;;
                    esac
                }
                until follow; do sleep 0.2; done
                (while :; do follow; sleep 0.2; done) &
                exec nginx -c %1$s/nginx.conf -g 'daemon off;'
                """.formatted(DIRECTORY, CONFIG_ENV, liveAlias(app), GREEN_FLAG);
        return List.of("sh", "-c", script);
    }

    /** Healthy once nginx runs, so Swarm reports a router task running only when it serves. */
    static List<String> healthTest() {
        return List.of("CMD-SHELL", "kill -0 \"$(cat " + PID_FILE + ")\"");
    }

    private static String indent(String directives) {
        return directives.isBlank() ? "" : directives.strip().lines().map(line -> "        " + line)
                .collect(Collectors.joining("\n"));
    }
}
