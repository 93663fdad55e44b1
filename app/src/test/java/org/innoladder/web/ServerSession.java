package org.innoladder.web;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A user signed in through the real login form of a running test server: its session cookie and the CSRF token
 * the pages give, for tests that need what MockMvc does not have (error dispatch, real sessions and cookies).
 */
public final class ServerSession {
    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern META_TOKEN = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\"");

    private final HttpClient client;
    private final String base;
    private final String csrfToken;

    private ServerSession(HttpClient client, String base, String csrfToken) {
        this.client = client;
        this.base = base;
        this.csrfToken = csrfToken;
    }

    /** Signs in {@code username} with {@code password}; fails unless the form login redirects home. */
    public static ServerSession signIn(int port, String username, String password) throws IOException, InterruptedException {
        String base = "http://localhost:" + port;
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
        String login = client.send(HttpRequest.newBuilder(URI.create(base + "/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = FORM_TOKEN.matcher(login);
        if (!m.find()) throw new IllegalStateException("no CSRF field on the login page");
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        String location = r.headers().firstValue("Location").orElse("");
        if (r.statusCode() != 302 || location.contains("/login")) {
            throw new IllegalStateException("sign-in of " + username + " failed: " + r.statusCode() + " " + location);
        }
        // the session's token, as the layout hands it to htmx and scripts
        String home = client.send(HttpRequest.newBuilder(URI.create(base + "/")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher meta = META_TOKEN.matcher(home);
        if (!meta.find()) throw new IllegalStateException("no CSRF token on the home page");
        return new ServerSession(client, base, meta.group(1));
    }

    public HttpClient client() {
        return client;
    }

    public String csrfToken() {
        return csrfToken;
    }

    public URI uri(String pathAndQuery) {
        return URI.create(base + pathAndQuery);
    }

    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).header("Accept", "text/html").GET().build());
    }
}
