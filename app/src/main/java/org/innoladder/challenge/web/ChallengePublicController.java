package org.innoladder.challenge.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.innoladder.challenge.domain.ChallengeStatus;
import org.innoladder.challenge.internal.Challenges;
import org.innoladder.challenge.internal.Solvers;
import org.innoladder.web.BadParameterException;
import org.innoladder.web.NotFoundException;
import org.innoladder.web.Params;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * What anyone may read or do without signing in: the public board (榜单) filtered by field and status, one
 * published challenge, and a solver's self-registration (its account waits for a bureau's check). The public JSON
 * twins are {@link ChallengePublicApiController}.
 */
@Controller
public class ChallengePublicController {
    static final int LIMIT = 500;

    private final Challenges challenges;
    private final Solvers solvers;

    ChallengePublicController(Challenges challenges, Solvers solvers) {
        this.challenges = challenges;
        this.solvers = solvers;
    }

    static ChallengeStatus status(String status) {
        return status == null || status.isBlank() ? null : Params.choice("status", status, ChallengeStatus.class);
    }

    static String field(String field) {
        if (field == null || field.isBlank()) return null;
        String f = field.strip();
        if (f.length() > 40 || f.chars().anyMatch(Character::isISOControl)) {
            throw new BadParameterException("field", f, "领域须为 1–40 个字符", "a field has 1 to 40 characters");
        }
        return f;
    }

    @GetMapping("/challenges/board")
    public String board(@RequestParam(required = false) String field, @RequestParam(required = false) String status, Model model) {
        model.addAttribute("rows", challenges.board(field(field), status(status), LIMIT));
        model.addAttribute("field", field(field));
        model.addAttribute("status", status(status));
        model.addAttribute("statuses", java.util.Arrays.stream(ChallengeStatus.values()).filter(ChallengeStatus::onBoard).toList());
        return "challenge/board";
    }

    @GetMapping("/challenges/board/{id}")
    public String published(@PathVariable long id, Model model) {
        model.addAttribute("c", challenges.detail(null, id));
        model.addAttribute("milestones", challenges.milestones(null, id));
        return "challenge/public";
    }

    @GetMapping("/solvers/register")
    public String registerForm() {
        return "challenge/register";
    }

    @PostMapping("/solvers/register")
    public String register(@RequestParam(required = false) String creditCode, @RequestParam(required = false) String name,
                           @RequestParam(required = false) String kind, @RequestParam(required = false) String contactName,
                           @RequestParam(required = false) String contactPhone, @RequestParam(required = false) String username,
                           @RequestParam(required = false) String password, HttpServletRequest request, HttpServletResponse response,
                           Model model) {
        try {
            solvers.register(new Solvers.Registration(creditCode, name, kind, contactName, contactPhone, username, password),
                    request.getRemoteAddr());
            model.addAttribute("registered", true);
        } catch (BadParameterException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("errorZh", e.messageZh());
            model.addAttribute("errorEn", e.messageEn());
            model.addAttribute("errorField", e.parameter());
        }
        return "challenge/register";
    }

    @ExceptionHandler(NotFoundException.class)
    void notFound(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
}
