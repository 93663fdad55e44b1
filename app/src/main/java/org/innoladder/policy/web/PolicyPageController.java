package org.innoladder.policy.web;

import org.innoladder.region.Regions;
import org.innoladder.policy.internal.PolicyCatalogue;
import org.innoladder.policy.internal.PolicyMatching;
import org.innoladder.policy.internal.PolicySandbox;
import org.innoladder.policy.internal.PolicyScope;
import org.innoladder.rules.policy.Policy;
import java.io.IOException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.innoladder.region.RegionOption;
import org.innoladder.web.ResultPage;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.DataScope;
import org.innoladder.ladder.LadderSnapshot;
import org.innoladder.web.BadParameterException;
import org.innoladder.web.NotFoundException;
import org.innoladder.web.Params;
import org.innoladder.web.XlsxTable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * Policy pages: the catalogue (list, view with citation and handbook), the YAML edit form and import for BUREAU /
 * ADMIN (validated on save), publish and retire, matching runs and their matches, and the what-if sandbox.
 */
@Controller
@RequestMapping("/policies")
@PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER','TOWN')")
public class PolicyPageController {
    private final PolicyCatalogue catalogue;
    private final PolicyMatching matching;
    private final PolicySandbox sandbox;
    private final LadderSnapshot snapshot;



    private final Regions regions;

    public PolicyPageController(PolicyCatalogue catalogue, PolicyMatching matching, PolicySandbox sandbox,
                                LadderSnapshot snapshot, Regions regions) {

        this.regions = regions;
        this.snapshot = snapshot;
        this.catalogue = catalogue;
        this.matching = matching;
        this.sandbox = sandbox;
    }

    /** Not found, or outside the caller's scope: the same 404 page either way. */
    @ExceptionHandler(NotFoundException.class)
    @org.springframework.web.bind.annotation.ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(NotFoundException e, Model model) {
        model.addAttribute("status", 404);
        model.addAttribute("error", "Not Found");
        return "error";
    }

    // ---- catalogue ---------------------------------------------------------------------------------------

    @GetMapping
    public String list(CurrentUser user, @RequestParam(required = false) String status, Model model) {
        model.addAttribute("policies", catalogue.list(user, status));
        model.addAttribute("status", status == null ? "" : status);
        model.addAttribute("canManage", PolicyScope.canManage(user));
        model.addAttribute("regions", regions(user));
        return "policy/list";
    }

    @PostMapping("/import")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU')")
    public String importFile(CurrentUser user, @RequestParam(required = false) String region,
                             @RequestParam("file") MultipartFile file, HttpServletRequest request,
                             HttpServletResponse response, Model model) throws IOException {
        try {
            PolicyCatalogue.Version v = catalogue.importYaml(user, region, file.getOriginalFilename(), file.getBytes(),
                    request.getRemoteAddr());
            return "redirect:/policies/" + v.policyId() + "?saved=" + v.version();
        } catch (BadParameterException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("importError", e);
            return list(user, null, model);
        }
    }

    @GetMapping("/{id}")
    public String view(CurrentUser user, @PathVariable long id, @RequestParam(required = false) Integer saved, Model model) {
        PolicyCatalogue.Detail d = catalogue.find(user, id);
        model.addAttribute("detail", d);
        model.addAttribute("policy", d.latest().policy());
        model.addAttribute("saved", saved);
        model.addAttribute("canManage", PolicyScope.canManage(user) && PolicyScope.covers(user, d.summary().regionCode()));
        model.addAttribute("canSandbox", PolicySandbox.mayUse(user));
        model.addAttribute("runs", matching.recent(user, id, 10));
        model.addAttribute("regions", regions(user));
        model.addAttribute("defaultYear", snapshot.yearOrLatest(null));
        return "policy/view";
    }

    @GetMapping("/new")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU')")
    public String create(CurrentUser user, Model model) {
        model.addAttribute("definition", TEMPLATE);
        model.addAttribute("regions", regions(user));
        return "policy/edit";
    }

    @GetMapping("/{id}/edit")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU')")
    public String edit(CurrentUser user, @PathVariable long id, Model model) {
        PolicyCatalogue.Detail d = catalogue.find(user, id);
        model.addAttribute("detail", d);
        model.addAttribute("definition", d.latest().definition());
        return "policy/edit";
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU')")
    public String saveNew(CurrentUser user, @RequestParam(required = false) String region,
                          @RequestParam(required = false) String definition, HttpServletRequest request,
                          HttpServletResponse response, Model model) {
        try {
            PolicyCatalogue.Version v = catalogue.save(user, null, region, definition, request.getRemoteAddr());
            return "redirect:/policies/" + v.policyId() + "?saved=" + v.version();
        } catch (BadParameterException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", e);
            model.addAttribute("definition", definition);
            model.addAttribute("region", region);
            model.addAttribute("regions", regions(user));
            return "policy/edit";
        }
    }

    @PostMapping("/{id}")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU')")
    public String save(CurrentUser user, @PathVariable long id, @RequestParam(required = false) String definition,
                       HttpServletRequest request, HttpServletResponse response, Model model) {
        try {
            PolicyCatalogue.Version v = catalogue.save(user, id, null, definition, request.getRemoteAddr());
            return "redirect:/policies/" + id + "?saved=" + v.version();
        } catch (BadParameterException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", e);
            model.addAttribute("detail", catalogue.find(user, id));
            model.addAttribute("definition", definition);
            return "policy/edit";
        }
    }

    @PostMapping("/{id}/publish")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU')")
    public String publish(CurrentUser user, @PathVariable long id, HttpServletRequest request,
                          org.springframework.web.servlet.mvc.support.RedirectAttributes redirect) {
        catalogue.publish(user, id, request.getRemoteAddr());
        redirect.addFlashAttribute(org.innoladder.web.NextStep.ATTRIBUTE,
                org.innoladder.web.NextStep.of("policy.published.next", catalogue.find(user, id).summary().publishedVersion()));
        return "redirect:/policies/" + id;
    }

    @PostMapping("/{id}/retire")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU')")
    public String retire(CurrentUser user, @PathVariable long id, HttpServletRequest request,
                         org.springframework.web.servlet.mvc.support.RedirectAttributes redirect) {
        catalogue.retire(user, id, request.getRemoteAddr());
        redirect.addFlashAttribute(org.innoladder.web.NextStep.ATTRIBUTE, org.innoladder.web.NextStep.of("policy.retired.next"));
        return "redirect:/policies/" + id;
    }

    // ---- matching ----------------------------------------------------------------------------------------

    @PostMapping("/{id}/runs")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU')")
    public String startRun(CurrentUser user, @PathVariable long id, @RequestParam(required = false) String region,
                           @RequestParam(required = false) String period, HttpServletRequest request,
                           HttpServletResponse response, Model model) {
        try {
            PolicyMatching.Request r = matching.check(user, id, region, period);
            long run = matching.start(user, r, request.getRemoteAddr());
            org.innoladder.web.NextStep.of("policy.run.started").flash();
            return "redirect:/policies/" + id + "/runs/" + run;
        } catch (BadParameterException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("runError", e);
            return view(user, id, null, model);
        }
    }

    @GetMapping("/{id}/runs/{runId}")
    public String run(CurrentUser user, @PathVariable long id, @PathVariable long runId,
                      @RequestParam(required = false) String outcome, @RequestParam(required = false) String page,
                      Model model) {
        PolicyCatalogue.Detail d = catalogue.find(user, id);
        PolicyMatching.Run run = matching.find(user, runId).filter(r -> r.policyId() == id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        String o = outcome(outcome);
        int p = page(page);
        model.addAttribute("detail", d);
        model.addAttribute("run", run);
        model.addAttribute("outcome", o == null ? "" : o);
        model.addAttribute("result", matching.matches(user, id, run.period(), o, p, 50));
        return "policy/run";
    }

    @GetMapping("/{id}/matches.xlsx")
    public void matchesXlsx(CurrentUser user, @PathVariable long id, @RequestParam String period,
                            @RequestParam(required = false) String outcome, HttpServletResponse response,
                            java.util.Locale locale) throws IOException {
        PolicyCatalogue.Detail d = catalogue.find(user, id);
        int y = PolicyMatching.year(period);
        ResultPage<PolicyMatching.Match> all = matching.matches(user, id, y, outcome(outcome), 1, 1_000_000);
        org.innoladder.web.SheetWords w = org.innoladder.web.SheetWords.of(locale);
        String title = w.english() && d.summary().titleEn() != null ? d.summary().titleEn() : d.summary().titleZh();
        try (XlsxTable t = XlsxTable.download(response, w.w("政策匹配-", "policy-matches-") + d.summary().code() + "-" + y + "-"
                + LocalDate.now() + ".xlsx", title, w.headers("统一社会信用代码", "Credit code", "企业名称", "Enterprise",
                "区划代码", "Region code", "区划", "Region", "年度", "Year", "政策版本", "Policy version", "结果", "Outcome",
                "结果代码", "Outcome code", "金额（元）", "Amount (yuan)", "说明", "Explanation")).in(locale)) {
            for (PolicyMatching.Match m : all.items()) {
                t.row(m.creditCode(), m.name(), m.regionCode(), m.regionName(), m.period(), m.policyVersion(),
                        outcomeWord(m.outcome(), w), m.outcome(), m.amount(), w.w(m.explanationZh(), m.explanationEn()));
            }
        }
    }

    // ---- sandbox -----------------------------------------------------------------------------------------

    @GetMapping("/{id}/sandbox")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER')")
    public String sandbox(CurrentUser user, @PathVariable long id, @RequestParam Map<String, String> query,
                          HttpServletResponse response, Model model) {
        PolicyCatalogue.Detail d = catalogue.find(user, id);
        Policy policy = d.latest().policy();
        model.addAttribute("detail", d);
        model.addAttribute("policy", policy);
        model.addAttribute("regions", regions(user));
        Map<String, String> form = paramsOf(query);
        model.addAttribute("form", form);
        String ruleset = query.getOrDefault("ruleset", "");
        model.addAttribute("rulesets", PolicySandbox.rulesets());
        model.addAttribute("ruleset", ruleset);
        Map<String, String> rulesetForm = paramsOf(query, "r.");
        model.addAttribute("rulesetForm", rulesetForm);
        model.addAttribute("region", query.getOrDefault("region", ""));
        model.addAttribute("year", query.getOrDefault("year", String.valueOf(snapshot.yearOrLatest(null))));
        if (query.containsKey("year")) {
            try {
                if (!ruleset.isBlank()) {
                    model.addAttribute("rulesetParameters", PolicySandbox.ruleset(ruleset)
                            .numericParameters(LocalDate.of(PolicyMatching.year(query.get("year")), 12, 31)));
                }
                PolicySandbox.Answer a = sandbox.compute(user, id, query.get("region"), query.get("year"), form, ruleset, rulesetForm);
                model.addAttribute("answer", a);
                model.addAttribute("gained", page(a.gained(), page(query.get("gpage")), 50));
                model.addAttribute("lost", page(a.lost(), page(query.get("lpage")), 50));
                Map<String, String> base = new LinkedHashMap<>(query);
                base.remove("gpage");
                base.remove("lpage");
                model.addAttribute("sandboxQuery", queryString(base));
            } catch (BadParameterException e) {
                response.setStatus(HttpStatus.BAD_REQUEST.value());
                model.addAttribute("error", e);
            }
        }
        return "policy/sandbox";
    }

    @GetMapping("/{id}/sandbox.xlsx")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER')")
    public void sandboxXlsx(CurrentUser user, @PathVariable long id, @RequestParam Map<String, String> query,
                            HttpServletResponse response, java.util.Locale locale) throws IOException {
        PolicySandbox.Answer a = sandbox.compute(user, id, query.get("region"), query.get("year"), paramsOf(query),
                query.get("ruleset"), paramsOf(query, "r."));
        org.innoladder.web.SheetWords w = org.innoladder.web.SheetWords.of(locale);
        try (XlsxTable t = XlsxTable.download(response, w.w("政策沙盘-", "policy-sandbox-") + a.policy().summary().code() + "-"
                + a.year() + ".xlsx", w.w("政策沙盘", "sandbox"), w.headers("变化", "Change", "统一社会信用代码", "Credit code",
                "企业名称", "Enterprise", "区划代码", "Region code", "调整前金额（元）", "Amount before (yuan)",
                "调整后金额（元）", "Amount after (yuan)")).in(locale)) {
            for (PolicySandbox.Entry e : a.gained()) t.row(w.w("新增符合", "newly eligible"), e.creditCode(), e.name(), e.regionCode(), e.before(), e.after());
            for (PolicySandbox.Entry e : a.lost()) t.row(w.w("不再符合", "no longer eligible"), e.creditCode(), e.name(), e.regionCode(), e.before(), e.after());
        }
    }

    static String outcomeWord(String outcome, org.innoladder.web.SheetWords w) {
        return switch (outcome) {
            case "ELIGIBLE" -> w.w("符合", "eligible");
            case "NEAR" -> w.w("接近", "near");
            case "UNDETERMINED" -> w.w("待定", "undetermined");
            default -> w.w("不符合", "not eligible");
        };
    }

    static String queryString(Map<String, String> query) {
        StringBuilder b = new StringBuilder();
        query.forEach((k, v) -> {
            if (b.length() > 0) b.append('&');
            b.append(java.net.URLEncoder.encode(k, java.nio.charset.StandardCharsets.UTF_8)).append('=')
                    .append(java.net.URLEncoder.encode(v == null ? "" : v, java.nio.charset.StandardCharsets.UTF_8));
        });
        return b.toString();
    }

    /** Sandbox parameter fields are named {@code p.<name>}. */
    static Map<String, String> paramsOf(Map<String, String> query) {
        return paramsOf(query, "p.");
    }

    /** Fields named {@code <prefix><name>}: policy parameters "p.", ruleset thresholds "r.". */
    static Map<String, String> paramsOf(Map<String, String> query, String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        query.forEach((k, v) -> {
            if (k.startsWith(prefix)) out.put(k.substring(prefix.length()), v);
        });
        return out;
    }

    static <T> ResultPage<T> page(List<T> all, int page, int size) {
        int from = Math.min(all.size(), (page - 1) * size), to = Math.min(all.size(), from + size);
        return new ResultPage<>(all.subList(from, to), page, size, all.size(), (all.size() + size - 1) / size);
    }

    static int page(String text) {
        return Params.page(text);
    }

    static String outcome(String text) {
        if (text == null || text.isBlank()) return null;
        if (!List.of("ELIGIBLE", "NEAR", "UNDETERMINED").contains(text)) {
            throw new BadParameterException("outcome", text, "须为 ELIGIBLE、NEAR 或 UNDETERMINED", "must be ELIGIBLE, NEAR or UNDETERMINED");
        }
        return text;
    }

    private List<RegionOption> regions(CurrentUser user) {
        if (user.scope() instanceof DataScope.RegionSubtree s) return regions.citiesAndCounties(s.regionCode());
        return regions.citiesAndProvinces();
    }

    static final String TEMPLATE = """
            code: my_policy
            title: {zh: 政策名称, en: Policy title}
            issuer: 某市科学技术局
            document_no: 某科发〔2025〕1号
            clause: 第一条
            period: {from: 2025-01-01, to: 2025-12-31}
            target_group: 适用对象
            mode: AUTOMATIC
            budget: 1000000
            contact: 联系人及电话
            handbook: 办理指南
            parameters:
              award: {label: {zh: 奖励金额, en: Award}, value: 100000, unit: 元, note: 每家奖励}
            criteria:
              - id: first_hnte
                text: {zh: "{Y}年首次认定高新技术企业", en: "first recognised as an HNTE in {Y}"}
                condition: "rec.hnte.first_year == e.year"
            award: "p.award"
            """;

}
