package org.innoladder.load;

import static io.gatling.javaapi.core.CoreDsl.css;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * A city's morning against a running server with the demo data: leaders on the dashboard and its drill-down,
 * officers on lists and exports, enterprises on 我的政策 and 我的融资, banks on the API with a bearer token. Every
 * virtual user signs in once through the login form (or creates its bank's API token once) and then requests
 * without pause for {@code load.seconds}, so {@code load.users} is the number of concurrent users. The run fails
 * when any request fails. With {@code load.thinkMillis} each user pauses that long after every request: a soak at a
 * steady, moderate rate.
 *
 * <p>System properties: {@code load.baseUrl} (http://localhost:8080), {@code load.users} (10, split 30 % leaders,
 * 40 % officers, 20 % enterprises, 10 % banks, at least one of each), {@code load.seconds} (60). The server should
 * allow the banks' request rate: {@code --innoladder.credit.api-token.requests-per-minute=1000000}.
 */
public class CityMorningSimulation extends Simulation {
    private static final String PASSWORD = "Demo@2026";
    private final String baseUrl = System.getProperty("load.baseUrl", "http://localhost:8080");
    private final int users = Integer.getInteger("load.users", 10);
    private final Duration duration = Duration.ofSeconds(Integer.getInteger("load.seconds", 60));
    private final Duration think = Duration.ofMillis(Integer.getInteger("load.thinkMillis", 0));

    private final HttpProtocolBuilder protocol = http.baseUrl(baseUrl)
            .acceptHeader("text/html,application/xhtml+xml,application/json")
            .acceptLanguageHeader("zh-CN,zh;q=0.9")
            .userAgentHeader("InnoLadder load test");

    private static ChainBuilder login(String user) {
        return exec(http("login form").get("/login").check(css("input[name=_csrf]", "value").saveAs("csrf")))
                .exec(http("sign in").post("/login")
                        .formParam("username", user).formParam("password", PASSWORD).formParam("_csrf", "#{csrf}")
                        .check(status().is(200), css("#logout").exists()));
    }

    /** A user's request followed by its think time (none by default: the load test asks without pause). */
    private ChainBuilder thinking(ChainBuilder request) {
        return think.isZero() ? request : request.pause(think);
    }

    private static int page(int pages) {
        return 1 + ThreadLocalRandom.current().nextInt(pages);
    }

    private ScenarioBuilder leaders() {
        return scenario("leaders").exec(login("leader")).during(duration).on(thinking(randomSwitch().on(
                percent(50).then(exec(http("dashboard").get("/dashboard").check(status().is(200)))),
                percent(25).then(exec(http("dashboard district").get("/dashboard?region=320412").check(status().is(200)))),
                percent(15).then(exec(http("dashboard town").get("/dashboard?region=320412100").check(status().is(200)))),
                percent(10).then(exec(http("dashboard list").get("/dashboard/enterprises?region=320412&tier=HNTE&figure=HOLDING")
                        .check(status().is(200)))))));
    }

    private ScenarioBuilder officers() {
        return scenario("officers").exec(login("bureau")).during(duration).on(thinking(randomSwitch().on(
                percent(30).then(exec(http("enterprises").get(s -> "/enterprises?page=" + page(50)).check(status().is(200)))),
                percent(15).then(exec(http("HNTE pool").get("/ladder/pool?tier=HNTE").check(status().is(200)))),
                percent(15).then(exec(http("points ranking").get(s -> "/points?page=" + page(20)).check(status().is(200)))),
                percent(15).then(exec(http("award cases").get("/awards").check(status().is(200)))),
                percent(15).then(exec(http("transitions").get("/ladder/transitions").check(status().is(200)))),
                percent(10).then(exec(http("pool export").get("/ladder/pool.xlsx?tier=HNTE").check(status().is(200)))))));
    }

    private ScenarioBuilder enterprises() {
        return scenario("enterprises").exec(login("enterprise")).during(duration).on(thinking(randomSwitch().on(
                percent(60).then(exec(http("my policies").get("/awards/mine").check(status().is(200)))),
                percent(40).then(exec(http("my credit").get("/credit/mine").check(status().is(200)))))));
    }

    private ScenarioBuilder banks() {
        ChainBuilder token = exec(http("bank desk").get("/credit/bank").check(css("meta[name=csrf-token]", "content").saveAs("csrf")))
                .exec(http("create API token").post("/credit/bank/tokens").formParam("name", "load test").formParam("_csrf", "#{csrf}")
                        .check(status().is(200), regex("(ilb_[0-9a-f]{12}_[0-9a-f]{64})").saveAs("token")));
        return scenario("banks").exec(login("bank")).exec(token).during(duration).on(thinking(randomSwitch().on(
                percent(50).then(exec(http("API consented enterprises").get("/api/v1/credit/enterprises")
                        .header("Authorization", "Bearer #{token}").check(status().is(200)))),
                percent(50).then(exec(http("API loans").get(s -> "/api/v1/credit/loans?page=" + page(5))
                        .header("Authorization", "Bearer #{token}").check(status().is(200)))))));
    }

    private PopulationBuilder of(ScenarioBuilder scenario, double share) {
        return scenario.injectOpen(rampUsers(Math.max(1, (int) Math.round(users * share))).during(Duration.ofSeconds(5)));
    }

    {
        setUp(of(leaders(), 0.3), of(officers(), 0.4), of(enterprises(), 0.2), of(banks(), 0.1))
                .protocols(protocol)
                .assertions(global().failedRequests().count().is(0L));
    }
}
