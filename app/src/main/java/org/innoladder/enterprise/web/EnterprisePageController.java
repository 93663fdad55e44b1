package org.innoladder.enterprise.web;

import org.innoladder.enterprise.EnterpriseFilePage;
import org.innoladder.enterprise.internal.EnterpriseAudit;
import org.innoladder.enterprise.internal.EnterpriseExport;
import org.innoladder.enterprise.internal.EnterpriseFileView;
import org.innoladder.enterprise.internal.EnterpriseFiles;
import org.innoladder.enterprise.internal.EnterpriseListView;
import org.innoladder.enterprise.internal.EnterpriseQueries;
import org.innoladder.enterprise.internal.EnterpriseSearch;
import org.innoladder.enterprise.internal.HnteDomain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.Year;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.innoladder.identity.CurrentUser;
import org.innoladder.web.BadParameterException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The enterprise pages: the searchable list, its Excel export and the enterprise file (一企一档). */
@Controller
@RequestMapping("/enterprises")
public class EnterprisePageController implements EnterpriseFilePage {
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final int YEARS_OFFERED = 10;

    private final EnterpriseQueries queries;
    private final EnterpriseFiles files;
    private final EnterpriseExport export;
    private final EnterpriseAudit audit;

    public EnterprisePageController(EnterpriseQueries queries, EnterpriseFiles files, EnterpriseExport export,
                                    EnterpriseAudit audit) {
        this.queries = queries;
        this.files = files;
        this.export = export;
        this.audit = audit;
    }

    @GetMapping
    public String list(CurrentUser user, @RequestParam(required = false) String q,
                       @RequestParam(required = false) String county, @RequestParam(required = false) String town,
                       @RequestParam(required = false) String industry, @RequestParam(required = false) String domain,
                       @RequestParam(required = false) String year, @RequestParam(required = false) String sort,
                       @RequestParam(required = false) String dir, @RequestParam(required = false) String page,
                       @RequestParam(required = false) String size, Model model, HttpServletResponse response) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("q", q == null ? "" : q);
        form.put("county", county == null ? "" : county);
        form.put("town", town == null ? "" : town);
        form.put("industry", industry == null ? "" : industry);
        form.put("domain", domain == null ? "" : domain);
        form.put("year", year == null ? "" : year);
        model.addAttribute("form", form);
        model.addAttribute("domains", HnteDomain.values());
        model.addAttribute("years", yearsOffered());
        String countyForTowns = county != null && county.matches("[0-9]{6}") ? county : null;
        model.addAttribute("districts", queries.districts(user.scope()));
        model.addAttribute("towns", queries.towns(user.scope(), countyForTowns));
        try {
            EnterpriseSearch search = EnterpriseSearch.parse(q, county, town, industry, domain, year, sort, dir, page, size);
            model.addAttribute("view", new EnterpriseListView(search, queries.search(user.scope(), search)));
        } catch (BadParameterException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", e);
        }
        return "enterprise/list";
    }

    @GetMapping("/export.xlsx")
    public void exportXlsx(CurrentUser user, @RequestParam(required = false) String q,
                           @RequestParam(required = false) String county, @RequestParam(required = false) String town,
                           @RequestParam(required = false) String industry,
                           @RequestParam(required = false) String domain, @RequestParam(required = false) String year,
                           @RequestParam(required = false) String sort, @RequestParam(required = false) String dir,
                           HttpServletRequest request, HttpServletResponse response, Locale locale) throws IOException {
        EnterpriseSearch search;
        try {
            search = EnterpriseSearch.parse(q, county, town, industry, domain, year, sort, dir, null, null);
        } catch (BadParameterException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().println(e.messageZh());
            response.getWriter().println(e.messageEn());
            return;
        }
        response.setContentType(XLSX);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("企业名单-" + LocalDate.now() + ".xlsx", StandardCharsets.UTF_8).build().toString());
        int rows = export.write(user.scope(), search, response.getOutputStream(), locale);
        audit.exported(user, search, rows, request);
    }

    @GetMapping("/{creditCode}")
    public String file(CurrentUser user, @PathVariable String creditCode, Model model, Locale locale,
                       HttpServletRequest request) {
        String code = creditCode.trim().toUpperCase(Locale.ROOT);
        EnterpriseFileView view = files.load(user.scope(), code, locale)
                // outside the scope and nonexistent look the same, so a scope never reveals what exists
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        audit.viewed(user, code, "page", request);
        model.addAttribute("file", view);
        model.addAttribute("today", LocalDate.now());
        return "enterprise/file";
    }

    private static List<Integer> yearsOffered() {
        List<Integer> years = new ArrayList<>();
        int current = Year.now().getValue();
        for (int y = current; y > current - YEARS_OFFERED; y--) years.add(y);
        return years;
    }
}
