package org.innoladder.resources.web;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.innoladder.resources.internal.RegistryUploads;
import org.innoladder.audit.AuditTrail;
import org.innoladder.identity.CurrentUser;
import org.innoladder.resources.internal.PlatformEdits;
import org.innoladder.resources.internal.PlatformImport;
import org.innoladder.resources.internal.PlatformKind;
import org.innoladder.resources.internal.Platforms;
import org.innoladder.resources.internal.RegistryImports;
import org.innoladder.resources.internal.ResourceLevel;
import org.innoladder.web.NotFoundException;
import org.innoladder.web.Params;
import org.innoladder.web.RegionNames;
import org.innoladder.web.ResultPage;
import org.innoladder.web.SheetWords;
import org.innoladder.web.XlsxTable;
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
 * 研发平台 — the R&D platform registry's pages: the list with its figures (per kind and level, per district or town),
 * filtered by region (a picker of names), kind, level, year and text; one platform with the years of
 * {@code rd_institution_level} it supplies; the Excel export; the import with its row-level report.
 */
@Controller
@PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER','TOWN')")
public class PlatformPageController {
    static final int PAGE_SIZE = 50;
    static final int EXPORT_MAX = 100_000;

    private final Platforms platforms;
    private final PlatformImport importer;
    private final RegistryImports imports;
    private final RegionNames regionNames;
    private final AuditTrail audit;
    private final PlatformEdits edits;

    public PlatformPageController(Platforms platforms, PlatformImport importer, RegistryImports imports, RegionNames regionNames,
                                  AuditTrail audit, PlatformEdits edits) {
        this.edits = edits;
        this.platforms = platforms;
        this.importer = importer;
        this.imports = imports;
        this.regionNames = regionNames;
        this.audit = audit;
    }

    /** The filters of the list, the export and the API, each checked (the region against the caller's scope). */
    static Platforms.Filter filter(CurrentUser user, String region, String kind, String level, String year, String q) {
        String r = region == null || region.isBlank() ? null : Params.regionInScope(user.scope(), region);
        String text = q == null || q.isBlank() ? null : q.strip();
        if (text != null && text.length() > 100) {
            throw new org.innoladder.web.BadParameterException("q", text, "搜索词不能超过 100 个字符", "at most 100 characters");
        }
        return new Platforms.Filter(r, Params.choice("kind", kind, PlatformKind.class), Params.choice("level", level, ResourceLevel.class),
                Params.optionalYear("year", year), text);
    }

    @GetMapping("/resources/platforms")
    public String list(CurrentUser user, @RequestParam(required = false) String region, @RequestParam(required = false) String kind,
                       @RequestParam(required = false) String level, @RequestParam(required = false) String year,
                       @RequestParam(required = false) String q, @RequestParam(required = false) String page, Model model) {
        Platforms.Filter f = filter(user, region, kind, level, year, q);
        ResultPage<Platforms.Platform> result = platforms.list(user.scope(), f, Params.page(page), PAGE_SIZE);
        model.addAttribute("filter", f);
        model.addAttribute("result", result);
        model.addAttribute("kinds", Arrays.asList(PlatformKind.values()));
        model.addAttribute("levels", Arrays.asList(ResourceLevel.values()));
        model.addAttribute("byKind", KindTable.of(platforms.byKind(user.scope(), f)));
        model.addAttribute("byRegion", platforms.byRegion(user.scope(), f));
        model.addAttribute("regionName", f.region() == null ? null : regionNames.name(f.region()));
        model.addAttribute("uploads", imports.latest(RegistryImports.Registry.PLATFORM, 5));
        model.addAttribute("columns", PlatformImport.COLUMNS);
        return "resources/platforms";
    }

    @GetMapping("/resources/platforms/{id}")
    public String one(CurrentUser user, @PathVariable String id, Model model) {
        Platforms.Platform p = platforms.get(user.scope(), Params.requiredId("id", id)).orElseThrow(PlatformPageController::notFound);
        return detail(user, p, new PlatformEdits.Input(p.kind().name(), p.level().name(), p.name(), p.document(), String.valueOf(p.year())),
                model);
    }

    private String detail(CurrentUser user, Platforms.Platform p, PlatformEdits.Input form, Model model) {
        model.addAttribute("platform", p);
        model.addAttribute("others", platforms.ofEnterprise(user.scope(), p.creditCode()).stream().filter(o -> o.id() != p.id()).toList());
        model.addAttribute("form", form);
        model.addAttribute("kinds", Arrays.asList(PlatformKind.values()));
        model.addAttribute("levels", Arrays.asList(ResourceLevel.values()));
        model.addAttribute("canEdit", user.role() == org.innoladder.identity.Role.ADMIN || user.role() == org.innoladder.identity.Role.BUREAU);
        return "resources/platform";
    }

    /** Edits the platform; a bad field shows the form again with the error next to the field (400). */
    @PostMapping("/resources/platforms/{id}")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU')")
    public String edit(CurrentUser user, @PathVariable String id, @RequestParam(required = false) String kind,
                       @RequestParam(required = false) String level, @RequestParam(required = false) String name,
                       @RequestParam(required = false) String document, @RequestParam(required = false) String year,
                       HttpServletRequest request, HttpServletResponse response, Model model) {
        long platformId = Params.requiredId("id", id);
        PlatformEdits.Input in = new PlatformEdits.Input(kind, level, name, document, year);
        try {
            edits.update(user, platformId, in, request.getRemoteAddr());
            return "redirect:/resources/platforms/" + platformId + "?saved";
        } catch (org.innoladder.web.BadParameterException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("formError", e);
            return detail(user, platforms.get(user.scope(), platformId).orElseThrow(PlatformPageController::notFound), in, model);
        }
    }

    @PostMapping("/resources/platforms/{id}/delete")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU')")
    public String delete(CurrentUser user, @PathVariable String id, HttpServletRequest request) {
        edits.delete(user, Params.requiredId("id", id), request.getRemoteAddr());
        return "redirect:/resources/platforms?deleted";
    }

    /** A platform that does not exist or lies outside the caller's scope: the same 404 either way. */
    @ExceptionHandler(NotFoundException.class)
    void notFound(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }

    static NotFoundException notFound() {
        return new NotFoundException("没有这个研发平台，或它不在您的数据范围内", "no such R&D platform in your data scope");
    }

    @GetMapping("/resources/platforms/export.xlsx")
    public void export(CurrentUser user, @RequestParam(required = false) String region, @RequestParam(required = false) String kind,
                       @RequestParam(required = false) String level, @RequestParam(required = false) String year,
                       @RequestParam(required = false) String q, Locale locale, HttpServletRequest request,
                       HttpServletResponse response) throws IOException {
        Platforms.Filter f = filter(user, region, kind, level, year, q);
        List<Platforms.Platform> rows = platforms.all(user.scope(), f, EXPORT_MAX);
        SheetWords w = SheetWords.of(locale);
        try (XlsxTable x = XlsxTable.download(response, "rd-platforms.xlsx", w.w("研发平台", "R&D platforms"),
                w.headers("依托单位统一社会信用代码", "host credit code", "依托单位", "host enterprise", "所在地区", "region",
                        "平台类型", "kind", "平台名称", "name", "级别", "level", "认定文号", "recognition document",
                        "认定年度", "year recognised")).in(locale)) {
            for (Platforms.Platform p : rows) {
                x.row(p.creditCode(), p.enterpriseName(), regionNames.place(p.regionCode()), p.kind().label(locale), p.name(),
                        p.level().label(locale), p.document(), p.year());
            }
        }
        audit.record(user.username(), "resources.platforms.export", null, "rows=" + rows.size() + "; region=" + f.region(),
                request.getRemoteAddr());
    }

    @PostMapping("/resources/platforms/import")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU')")
    public String upload(CurrentUser user, @RequestParam(required = false) MultipartFile file, HttpServletRequest request,
                         HttpServletResponse response, Model model) throws IOException {
        RegistryUploads.Result r = RegistryUploads.upload(file, (path, name) -> importer.importFile(user, path, name, request.getRemoteAddr()));
        if (r.unreadable() != null) {
            response.setStatus(400);
            model.addAttribute("importError", r.unreadable());
        } else {
            model.addAttribute("report", r.report());
        }
        return list(user, null, null, null, null, null, null, model);
    }
}
