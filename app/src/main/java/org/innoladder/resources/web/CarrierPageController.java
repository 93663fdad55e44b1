package org.innoladder.resources.web;

import java.io.IOException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.innoladder.resources.internal.RegistryUploads;
import org.innoladder.audit.AuditTrail;
import org.innoladder.identity.CurrentUser;
import org.innoladder.resources.internal.CarrierImport;
import org.innoladder.resources.internal.CarrierKind;
import org.innoladder.resources.internal.Carriers;
import org.innoladder.resources.internal.RegistryImports;
import org.innoladder.resources.internal.ResourceLevel;
import org.innoladder.resources.internal.TenantFigures;
import org.innoladder.resources.internal.TenantImport;
import org.innoladder.web.BadParameterException;
import org.innoladder.web.NotFoundException;
import org.innoladder.web.Params;
import org.innoladder.web.RegionNames;
import org.innoladder.web.ResultPage;
import org.innoladder.web.SheetWords;
import org.innoladder.web.XlsxTable;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * 科创载体 — the carrier registry's pages: the list with a year's figures (tenants by tier, new HNTE among tenants,
 * graduates) per carrier and per district or town, filtered by region, kind, level and text; one carrier with its
 * tenants; the Excel export; the imports of carriers and of tenants with their row-level reports.
 */
@Controller
@PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER','TOWN')")
public class CarrierPageController {
    static final int PAGE_SIZE = 50;
    static final int EXPORT_MAX = 100_000;

    private final Carriers carriers;
    private final TenantFigures figures;
    private final CarrierImport carrierImport;
    private final TenantImport tenantImport;
    private final RegistryImports imports;
    private final RegionNames regionNames;
    private final MessageSource messages;
    private final AuditTrail audit;

    public CarrierPageController(Carriers carriers, TenantFigures figures, CarrierImport carrierImport, TenantImport tenantImport,
                                 RegistryImports imports, RegionNames regionNames, MessageSource messages, AuditTrail audit) {
        this.carriers = carriers;
        this.figures = figures;
        this.carrierImport = carrierImport;
        this.tenantImport = tenantImport;
        this.imports = imports;
        this.regionNames = regionNames;
        this.messages = messages;
        this.audit = audit;
    }

    /** The filters of the list, the export and the API, each checked (the region against the caller's scope). */
    static Carriers.Filter filter(CurrentUser user, String region, String kind, String level, String q) {
        String r = region == null || region.isBlank() ? null : Params.regionInScope(user.scope(), region);
        String text = q == null || q.isBlank() ? null : q.strip();
        if (text != null && text.length() > 100) throw new BadParameterException("q", text, "搜索词不能超过 100 个字符", "at most 100 characters");
        return new Carriers.Filter(r, Params.choice("kind", kind, CarrierKind.class), Params.choice("level", level, ResourceLevel.class), text);
    }

    /**
     * The year of the figures: the one asked for, else the latest year with an event of the registry in the scope (so a
     * register loaded up to an earlier year opens on figures), else the last full year.
     */
    static int year(String year, java.util.function.Supplier<java.util.Optional<Integer>> latest) {
        Integer y = Params.optionalYear("year", year);
        return y != null ? y : latest.get().orElse(LocalDate.now().getYear() - 1);
    }

    @GetMapping("/resources/carriers")
    public String list(CurrentUser user, @RequestParam(required = false) String region, @RequestParam(required = false) String kind,
                       @RequestParam(required = false) String level, @RequestParam(required = false) String year,
                       @RequestParam(required = false) String q, @RequestParam(required = false) String page, Model model) {
        Carriers.Filter f = filter(user, region, kind, level, q);
        int y = year(year, () -> carriers.latestYear(user.scope()));
        ResultPage<Carriers.Carrier> result = carriers.list(user.scope(), f, Params.page(page), PAGE_SIZE);
        model.addAttribute("filter", f);
        model.addAttribute("year", y);
        model.addAttribute("result", result);
        model.addAttribute("perCarrier", figures.perCarrier(user.scope(), f, y));
        model.addAttribute("byRegion", figures.perRegion(user.scope(), f, y));
        model.addAttribute("total", figures.total(user.scope(), f, y));
        model.addAttribute("tiers", TenantFigures.TIERS);
        model.addAttribute("kinds", Arrays.asList(CarrierKind.values()));
        model.addAttribute("levels", Arrays.asList(ResourceLevel.values()));
        model.addAttribute("regionName", f.region() == null ? null : regionNames.name(f.region()));
        model.addAttribute("uploads", imports.latest(List.of(RegistryImports.Registry.CARRIER, RegistryImports.Registry.TENANT), 5));
        model.addAttribute("carrierColumns", CarrierImport.COLUMNS);
        model.addAttribute("tenantColumns", TenantImport.COLUMNS);
        return "resources/carriers";
    }

    @GetMapping("/resources/carriers/{id}")
    public String one(CurrentUser user, @PathVariable String id, @RequestParam(required = false) String year, Model model) {
        Carriers.Carrier c = carriers.get(user.scope(), Params.requiredId("id", id)).orElseThrow(CarrierPageController::notFound);
        int y = year(year, () -> carriers.latestYear(user.scope()));
        Map<Long, TenantFigures.Line> lines = figures.perCarrier(user.scope(), new Carriers.Filter(c.regionCode(), null, null, c.name()), y);
        model.addAttribute("carrier", c);
        model.addAttribute("year", y);
        model.addAttribute("line", lines.get(c.id()));
        model.addAttribute("tiers", TenantFigures.TIERS);
        model.addAttribute("tenants", carriers.tenants(user.scope(), c.id()));
        return "resources/carrier";
    }

    /** A carrier that does not exist or lies outside the caller's scope: the same 404 either way. */
    @ExceptionHandler(NotFoundException.class)
    void notFound(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }

    static NotFoundException notFound() {
        return new NotFoundException("没有这个科创载体，或它不在您的数据范围内", "no such carrier in your data scope");
    }

    @GetMapping("/resources/carriers/export.xlsx")
    public void export(CurrentUser user, @RequestParam(required = false) String region, @RequestParam(required = false) String kind,
                       @RequestParam(required = false) String level, @RequestParam(required = false) String year,
                       @RequestParam(required = false) String q, Locale locale, HttpServletRequest request,
                       HttpServletResponse response) throws IOException {
        Carriers.Filter f = filter(user, region, kind, level, q);
        int y = year(year, () -> carriers.latestYear(user.scope()));
        List<Carriers.Carrier> rows = carriers.all(user.scope(), f, EXPORT_MAX);
        Map<Long, TenantFigures.Line> lines = figures.perCarrier(user.scope(), f, y);
        SheetWords w = SheetWords.of(locale);
        List<String> headers = new java.util.ArrayList<>(w.headers("载体名称", "carrier", "载体类型", "kind", "级别", "level",
                "所在地区", "region", "运营单位", "operator", "面积（平方米）", "area (m²)", "认定文号", "recognition document",
                "认定年度", "year recognised", y + "年末在孵企业（家）", "tenants at the end of " + y));
        headers.add(tierHeader(null, locale));
        for (var t : TenantFigures.TIERS) headers.add(tierHeader(t.label(locale), locale));
        headers.addAll(w.headers(y + "年新认定高企（家）", "new HNTE in " + y, y + "年毕业企业（家）", "graduates in " + y));
        try (XlsxTable x = XlsxTable.download(response, "carriers-" + y + ".xlsx", w.w("科创载体", "Carriers"), headers).in(locale)) {
            for (Carriers.Carrier c : rows) {
                TenantFigures.Line l = lines.getOrDefault(c.id(), TenantFigures.Line.zero(String.valueOf(c.id())));
                List<Object> cells = new java.util.ArrayList<>(List.of(c.name(), c.kind().label(locale), c.level().label(locale),
                        regionNames.place(c.regionCode()), c.operator() == null ? "" : c.operator(),
                        c.areaM2() == null ? "" : c.areaM2(), c.document(), c.year(), l.tenants()));
                for (long n : l.byTier()) cells.add(n);
                cells.add(l.newHnte());
                cells.add(l.graduates());
                x.row(cells.toArray());
            }
        }
        audit.record(user.username(), "resources.carriers.export", null, "rows=" + rows.size() + "; region=" + f.region() + "; year=" + y,
                request.getRemoteAddr());
    }

    private String tierHeader(String tier, Locale locale) {
        return tier == null ? messages.getMessage("resources.carriers.noTier", null, locale)
                : messages.getMessage("resources.carriers.tierCount", new Object[] {tier}, locale);
    }

    @PostMapping("/resources/carriers/import")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU')")
    public String upload(CurrentUser user, @RequestParam(required = false) MultipartFile file, HttpServletRequest request,
                         HttpServletResponse response, Model model) throws IOException {
        return show(RegistryUploads.upload(file, (path, name) -> carrierImport.importFile(user, path, name, request.getRemoteAddr())),
                user, response, model);
    }

    @PostMapping("/resources/carriers/tenants/import")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU')")
    public String uploadTenants(CurrentUser user, @RequestParam(required = false) MultipartFile file, HttpServletRequest request,
                                HttpServletResponse response, Model model) throws IOException {
        return show(RegistryUploads.upload(file, (path, name) -> tenantImport.importFile(user, path, name, request.getRemoteAddr())),
                user, response, model);
    }

    private String show(RegistryUploads.Result r, CurrentUser user, HttpServletResponse response, Model model) {
        if (r.unreadable() != null) {
            response.setStatus(400);
            model.addAttribute("importError", r.unreadable());
        } else {
            model.addAttribute("report", r.report());
        }
        return list(user, null, null, null, null, null, null, model);
    }
}
