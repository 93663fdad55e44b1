package org.innoladder.evaluation.web;

import org.innoladder.region.Regions;
import org.innoladder.evaluation.EvaluationRunPage;
import org.innoladder.evaluation.EvaluationRuns;
import org.innoladder.evaluation.internal.EvaluationExport;
import org.innoladder.evaluation.internal.EvaluationResults;
import org.innoladder.evaluation.internal.ResultQuery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.Year;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.innoladder.enterprise.RegionFilters;
import org.innoladder.region.RegionOption;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.DataScope;
import org.innoladder.rules.Outcome;
import org.innoladder.rules.Rulesets;
import org.innoladder.web.BadParameterException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Evaluation pages: start a run and follow it, list the results by outcome and export them. */
@Controller
@RequestMapping("/evaluations")
@PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER','TOWN')")
public class EvaluationPageController implements EvaluationRunPage {
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final EvaluationRuns runs;
    private final EvaluationResults results;
    private final EvaluationExport export;
    private final RegionFilters enterprises;



    private final Regions regions;

    public EvaluationPageController(EvaluationRuns runs, EvaluationResults results, EvaluationExport export,
                                    RegionFilters enterprises, Regions regions) {

        this.regions = regions;
        this.runs = runs;
        this.results = results;
        this.export = export;
        this.enterprises = enterprises;
    }

    @GetMapping
    public String page(CurrentUser user, Model model) {
        model.addAttribute("canRun", canRun(user));
        model.addAttribute("regions", regions(user));
        model.addAttribute("rulesets", Rulesets.list());
        model.addAttribute("defaultYear", Year.now().getValue() - 1);
        model.addAttribute("runs", runs.recent(user, 20));
        return "evaluation/runs";
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU')")
    public String start(CurrentUser user, @RequestParam(required = false) String region,
                        @RequestParam(required = false) String year,
                        @RequestParam(name = "rulesets", required = false) List<String> rulesets,
                        HttpServletRequest request, HttpServletResponse response, Model model) {
        try {
            EvaluationRuns.Request checked = runs.check(user, region, EvaluationRuns.year(year), rulesets);
            long id = runs.start(user, checked, request.getRemoteAddr());
            org.innoladder.web.NextStep.of("evaluation.run.next").flash();
            return "redirect:/evaluations/runs/" + id;
        } catch (BadParameterException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", e);
            return page(user, model);
        }
    }

    @GetMapping("/runs/{id}")
    public String run(CurrentUser user, @PathVariable long id, Model model) {
        model.addAttribute("run", runs.find(user, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        return "evaluation/run";
    }

    @GetMapping("/runs/{id}/progress")
    public String progress(CurrentUser user, @PathVariable long id, Model model) {
        model.addAttribute("run", runs.find(user, id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        return "evaluation/run :: progress";
    }

    @GetMapping("/results")
    public String results(CurrentUser user, @RequestParam(required = false) String ruleset,
                          @RequestParam(required = false) String year, @RequestParam(required = false) String outcome,
                          @RequestParam(required = false) String county, @RequestParam(required = false) String town,
                          @RequestParam(required = false) String page, @RequestParam(required = false) String size,
                          Model model, HttpServletResponse response) {
        String rs = ruleset == null || ruleset.isBlank() ? Rulesets.list().get(0).id() : ruleset;
        String y = year == null || year.isBlank() ? String.valueOf(latestYear(user)) : year;
        Map<String, String> form = new LinkedHashMap<>();
        form.put("ruleset", rs);
        form.put("year", y);
        form.put("outcome", outcome == null ? "" : outcome);
        form.put("county", county == null ? "" : county);
        form.put("town", town == null ? "" : town);
        model.addAttribute("form", form);
        model.addAttribute("rulesets", Rulesets.list());
        model.addAttribute("outcomes", Outcome.values());
        model.addAttribute("districts", enterprises.districts(user.scope()));
        String countyForTowns = county != null && county.matches("[0-9]{6}") ? county : null;
        model.addAttribute("towns", enterprises.towns(user.scope(), countyForTowns));
        try {
            ResultQuery q = ResultQuery.parse(rs, y, outcome, county, town, page, size);
            model.addAttribute("query", q);
            model.addAttribute("counts", results.counts(user.scope(), q));
            model.addAttribute("result", results.page(user.scope(), q));
            model.addAttribute("links", new ResultLinks(form));
        } catch (BadParameterException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", e);
        }
        return "evaluation/results";
    }

    @GetMapping("/results/export.xlsx")
    public void exportXlsx(CurrentUser user, @RequestParam(required = false) String ruleset,
                           @RequestParam(required = false) String year, @RequestParam(required = false) String outcome,
                           @RequestParam(required = false) String county, @RequestParam(required = false) String town,
                           HttpServletResponse response, java.util.Locale locale) throws IOException {
        ResultQuery q;
        try {
            q = ResultQuery.parse(ruleset, year, outcome, county, town, null, null);
        } catch (BadParameterException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().println(e.messageZh());
            response.getWriter().println(e.messageEn());
            return;
        }
        response.setContentType(XLSX);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("评估结果-" + q.rulesetId() + "-" + q.year() + "-" + LocalDate.now() + ".xlsx", StandardCharsets.UTF_8)
                .build().toString());
        export.write(user.scope(), q, response.getOutputStream(), locale);
    }

    /** Links of the results page that keep the filters: paging and outcome tabs. */
    public record ResultLinks(Map<String, String> form) {
        public String page(int page) {
            return with("page", String.valueOf(page), form.get("outcome"));
        }

        public String outcome(String outcome) {
            return with(null, null, outcome);
        }

        public String export() {
            StringBuilder b = new StringBuilder("/evaluations/results/export.xlsx?");
            append(b, form, form.get("outcome"));
            return b.toString();
        }

        private String with(String key, String value, String outcome) {
            StringBuilder b = new StringBuilder("/evaluations/results?");
            append(b, form, outcome);
            if (key != null) b.append('&').append(key).append('=').append(value);
            return b.toString();
        }

        private static void append(StringBuilder b, Map<String, String> form, String outcome) {
            b.append("ruleset=").append(enc(form.get("ruleset"))).append("&year=").append(enc(form.get("year")));
            if (outcome != null && !outcome.isEmpty()) b.append("&outcome=").append(enc(outcome));
            if (!form.get("county").isEmpty()) b.append("&county=").append(enc(form.get("county")));
            if (!form.get("town").isEmpty()) b.append("&town=").append(enc(form.get("town")));
        }

        private static String enc(String s) {
            return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }

    static boolean canRun(CurrentUser user) {
        return switch (user.role()) {
            case ADMIN, BUREAU -> true;
            default -> false;
        };
    }

    /** The regions a run may cover: the scope's root and the cities/counties under it (every city for ADMIN). */
    private List<RegionOption> regions(CurrentUser user) {
        List<RegionOption> out = new ArrayList<>();
        if (user.scope() instanceof DataScope.RegionSubtree s) {
            out.addAll(regions.subtreeChoices(s.regionCode()));
        } else if (user.scope() instanceof DataScope.All) {
            out.add(new RegionOption("", "全部 / all"));
            out.addAll(enterprises.citiesWithEnterprises());
        }
        return out;
    }

    /** The latest year with stored results in the caller's scope, else last year. */
    private int latestYear(CurrentUser user) {
        Integer y = results.latestYear(user.scope());
        return y == null ? Year.now().getValue() - 1 : y;
    }
}
