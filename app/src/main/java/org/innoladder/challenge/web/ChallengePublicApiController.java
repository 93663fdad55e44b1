package org.innoladder.challenge.web;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.innoladder.challenge.internal.Challenges;
import org.innoladder.challenge.internal.Solvers;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public 揭榜挂帅 API, without sign-in: the board, one published challenge, and a solver's self-registration (the
 * account waits for a bureau's check). Errors are problem details naming the field, like every API.
 */
@RestController
@Tag(name = "Challenges (public)", description = "揭榜挂帅: the public board and solver self-registration, without sign-in")
public class ChallengePublicApiController {
    private final Challenges challenges;
    private final Solvers solvers;

    ChallengePublicApiController(Challenges challenges, Solvers solvers) {
        this.challenges = challenges;
        this.solvers = solvers;
    }

    @Operation(summary = "The public board of published challenges, without sign-in, optionally by field and status")
    @GetMapping("/api/v1/public/challenges")
    public List<Challenges.BoardRow> boardJson(@RequestParam(required = false) String field, @RequestParam(required = false) String status) {
        return challenges.board(ChallengePublicController.field(field), ChallengePublicController.status(status), ChallengePublicController.LIMIT);
    }

    @Operation(summary = "One published challenge of the public board, without sign-in")
    @GetMapping("/api/v1/public/challenges/{id}")
    public Challenges.Detail publishedJson(@PathVariable long id) {
        return challenges.detail(null, id);
    }

    @Operation(summary = "Register as a solver (揭榜方) without an account: body {creditCode, name, kind (UNIVERSITY, INSTITUTE, "
            + "ENTERPRISE), contactName, contactPhone, username, password}; the credit code is checked (check digit, not yet "
            + "registered) and the account stays disabled until a bureau officer activates it (POST /api/v1/solvers/{id}/check)")
    @PostMapping("/api/v1/public/solvers")
    @ResponseStatus(HttpStatus.CREATED)
    public Map<String, Object> registerJson(@RequestBody(required = false) Map<String, Object> body, HttpServletRequest request) {
        Map<String, Object> b = body == null ? Map.of() : body;
        long id = solvers.register(new Solvers.Registration(text(b, "creditCode"), text(b, "name"), text(b, "kind"), text(b, "contactName"),
                text(b, "contactPhone"), text(b, "username"), text(b, "password")), request.getRemoteAddr());
        return Map.of("solverId", id, "status", "PENDING", "messageZh", "注册已提交，科技局核验后账号方可登录",
                "messageEn", "registered; the account can sign in once a bureau officer has checked it");
    }

    private static String text(Map<String, Object> body, String key) {
        Object v = body.get(key);
        return v == null ? null : String.valueOf(v);
    }
}
