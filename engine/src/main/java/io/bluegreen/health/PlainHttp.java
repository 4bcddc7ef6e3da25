package io.bluegreen.health;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A GET on a fresh connection with a Host header of our choosing. The router tells apps (and
 * colours) apart by Host, and java.net.http refuses to set Host unless a JVM-wide system property
 * was set before its first use, which a Jenkins controller does not let us promise. HTTP/1.0 keeps
 * the answer unchunked and closes the connection, so every request is independent, as a new
 * browser connection would be.
 */
public final class PlainHttp {

    private PlainHttp() {
    }

    public static HttpAnswer get(String address, int port, String host, String path, Duration timeout)
            throws IOException {
        return get(address, port, host, Map.of(), path, timeout);
    }

    /** With more request headers, e.g. the router's preview key. */
    public static HttpAnswer get(String address, int port, String host, Map<String, String> headers, String path,
                                 Duration timeout) throws IOException {
        int millis = (int) Math.max(1, timeout.toMillis());
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.0\r\nHost: " + host + "\r\nUser-Agent: bluegreen\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), millis);
            socket.setSoTimeout(millis);
            OutputStream out = socket.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return parse(readAll(socket.getInputStream()));
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        return all.toByteArray();
    }

    private static HttpAnswer parse(byte[] raw) throws IOException {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            throw new IOException("incomplete HTTP answer (" + raw.length + " bytes)");
        }
        String[] lines = text.substring(0, headEnd).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/") || !statusLine[1].matches("\\d{3}")) {
            throw new IOException("not an HTTP status line: " + lines[0]);
        }
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body = Arrays.copyOfRange(raw, headEnd + 4, raw.length);
        String length = headers.get("content-length");
        if (length != null && !length.equals(Integer.toString(body.length))) {
            throw new IOException("body cut short: " + body.length + " of " + length + " bytes");
        }
        return new HttpAnswer(Integer.parseInt(statusLine[1]), headers, new String(body, StandardCharsets.UTF_8));
    }
}
