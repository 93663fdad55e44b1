package org.innoladder.identity;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * A browser's side of single sign-on over real HTTP: one cookie jar, redirects followed one by one (so a test can
 * see where each went) between the application and the OpenID Connect provider started by the test.
 */
final class SsoFlow {
    static final String ISSUER = "gov";
    static final String CLIENT_ID = "innoladder";
    private static final Pattern META_TOKEN = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]+)\"");

    final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    final String base;
    /** Every Location followed by the last {@link #follow}. */
    final List<String> hops = new ArrayList<>();

    SsoFlow(int port) {
        this.base = "http://localhost:" + port;
    }

    /** The provider will sign the next token request in as {@code subject} with these claims. */
    static void providerWillVouchFor(MockOAuth2Server provider, String subject, Map<String, Object> claims) {
        provider.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER, subject, "JWT", List.of(CLIENT_ID), claims, 3600));
    }

    /** Presses the login page's single sign-on button and follows the round trip; the last response. */
    HttpResponse<String> signIn() throws IOException, InterruptedException {
        return follow(URI.create(base + "/oauth2/authorization/" + ISSUER));
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Follows redirects (at most ten) from {@code uri}; the response that is not a redirect. */
    HttpResponse<String> follow(URI uri) throws IOException, InterruptedException {
        hops.clear();
        URI next = uri;
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(next).header("Accept", "text/html").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            String location = r.headers().firstValue("Location").orElse(null);
            if (r.statusCode() / 100 != 3 || location == null) return r;
            hops.add(location);
            next = next.resolve(location);
        }
        throw new IllegalStateException("more than ten redirects: " + hops);
    }

    /** POST /logout with the session's CSRF token; the response (a redirect) unfollowed. */
    HttpResponse<String> logout() throws IOException, InterruptedException {
        Matcher m = META_TOKEN.matcher(get("/").body());
        if (!m.find()) throw new IllegalStateException("no CSRF token on the home page");
        return client.send(HttpRequest.newBuilder(URI.create(base + "/logout"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
