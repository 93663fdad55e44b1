package org.innoladder.resources.web;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.innoladder.resources.internal.RegistryUploads;
import org.innoladder.audit.AuditTrail;
import org.innoladder.identity.CurrentUser;
import org.innoladder.resources.internal.RegistryImports;
import org.innoladder.resources.internal.TalentImport;
import org.innoladder.resources.internal.Talents;
import org.innoladder.web.BadParameterException;
import org.innoladder.web.Params;
import org.innoladder.web.RegionNames;
import org.innoladder.web.SheetWords;
import org.innoladder.web.XlsxTable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * 人才 — talent awards: counts per programme and per district or town, the list (programme, year, name, role,
 * enterprise; nothing more personal), the Excel export and the import with its row-level report.
 */
@Controller
@PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER','TOWN')")
public class TalentPageController {
    static final int PAGE_SIZE = 50;
    static final int EXPORT_MAX = 100_000;

    private final Talents talents;
    private final TalentImport importer;
    private final RegistryImports imports;
    private final RegionNames regionNames;
    private final AuditTrail audit;

    public TalentPageController(Talents talents, TalentImport importer, RegistryImports imports, RegionNames regionNames,
                                AuditTrail audit) {
        this.talents = talents;
        this.importer = importer;
        this.imports = imports;
        this.regionNames = regionNames;
        this.audit = audit;
    }

    static Talents.Filter filter(CurrentUser user, String region, String programme, String year, String q) {
        String r = region == null || region.isBlank() ? null : Params.regionInScope(user.scope(), region);
        String p = programme == null || programme.isBlank() ? null : programme.strip();
        if (p != null && p.length() > 100) throw new BadParameterException("programme", p, "人才计划名称不能超过 100 个字符", "at most 100 characters");
        String text = q == null || q.isBlank() ? null : q.strip();
        if (text != null && text.length() > 100) throw new BadParameterException("q", text, "搜索词不能超过 100 个字符", "at most 100 characters");
        return new Talents.Filter(r, p, Params.optionalYear("year", year), text);
    }

    @GetMapping("/resources/talents")
    public String list(CurrentUser user, @RequestParam(required = false) String region, @RequestParam(required = false) String programme,
                       @RequestParam(required = false) String year, @RequestParam(required = false) String q,
                       @RequestParam(required = false) String page, Model model) {
        Talents.Filter f = filter(user, region, programme, year, q);
        model.addAttribute("filter", f);
        model.addAttribute("regionName", f.region() == null ? null : regionNames.name(f.region()));
        model.addAttribute("programmes", talents.programmes(user.scope()));
        model.addAttribute("byProgramme", talents.byProgramme(user.scope(), f));
        model.addAttribute("byRegion", talents.byRegion(user.scope(), f));
        model.addAttribute("result", talents.list(user.scope(), f, Params.page(page), PAGE_SIZE));
        model.addAttribute("uploads", imports.latest(RegistryImports.Registry.TALENT, 5));
        model.addAttribute("columns", TalentImport.COLUMNS);
        return "resources/talents";
    }

    @GetMapping("/resources/talents/export.xlsx")
    public void export(CurrentUser user, @RequestParam(required = false) String region, @RequestParam(required = false) String programme,
                       @RequestParam(required = false) String year, @RequestParam(required = false) String q, Locale locale,
                       HttpServletRequest request, HttpServletResponse response) throws IOException {
        Talents.Filter f = filter(user, region, programme, year, q);
        List<Talents.Award> rows = talents.all(user.scope(), f, EXPORT_MAX);
        SheetWords w = SheetWords.of(locale);
        try (XlsxTable x = XlsxTable.download(response, "talent-awards.xlsx", w.w("人才", "Talent awards"),
                w.headers("人才计划", "programme", "入选年度", "year", "姓名", "name", "职务或类别", "role",
                        "企业", "enterprise", "企业统一社会信用代码", "credit code", "所在地区", "region")).in(locale)) {
            for (Talents.Award a : rows) {
                x.row(a.programme(), a.year(), a.personName(), a.role() == null ? "" : a.role(), a.enterpriseName(), a.creditCode(),
                        regionNames.place(a.regionCode()));
            }
        }
        audit.record(user.username(), "resources.talents.export", null, "rows=" + rows.size() + "; region=" + f.region(),
                request.getRemoteAddr());
    }

    @PostMapping("/resources/talents/import")
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
        return list(user, null, null, null, null, null, model);
    }
}
