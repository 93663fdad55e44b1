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
import org.innoladder.resources.internal.ContractImport;
import org.innoladder.resources.internal.ContractKind;
import org.innoladder.resources.internal.Contracts;
import org.innoladder.resources.internal.RegistryImports;
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
 * 技术合同 — the registered technology contracts of a region and year: the flows (技术输出 and 技术吸纳, each with the part
 * crossing the region's border), the sums per kind and per district or town, the list, the Excel export and the import
 * of the registration export with its row-level report. Amounts in 万元.
 */
@Controller
@PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER','TOWN')")
public class ContractPageController {
    static final int PAGE_SIZE = 50;
    static final int EXPORT_MAX = 100_000;

    private final Contracts contracts;
    private final ContractImport importer;
    private final RegistryImports imports;
    private final RegionNames regionNames;
    private final AuditTrail audit;

    public ContractPageController(Contracts contracts, ContractImport importer, RegistryImports imports, RegionNames regionNames,
                                  AuditTrail audit) {
        this.contracts = contracts;
        this.importer = importer;
        this.imports = imports;
        this.regionNames = regionNames;
        this.audit = audit;
    }

    /** The filters, each checked; the year defaults to the last full year. */
    static Contracts.Filter filter(CurrentUser user, Contracts contracts, String region, String year, String kind, String q) {
        String r = region == null || region.isBlank() ? null : Params.regionInScope(user.scope(), region);
        String text = q == null || q.isBlank() ? null : q.strip();
        if (text != null && text.length() > 100) throw new BadParameterException("q", text, "搜索词不能超过 100 个字符", "at most 100 characters");
        return new Contracts.Filter(r, CarrierPageController.year(year, () -> contracts.latestYear(user.scope())), Params.choice("kind", kind, ContractKind.class), text);
    }

    @GetMapping("/resources/contracts")
    public String list(CurrentUser user, @RequestParam(required = false) String region, @RequestParam(required = false) String year,
                       @RequestParam(required = false) String kind, @RequestParam(required = false) String q,
                       @RequestParam(required = false) String page, Model model) {
        Contracts.Filter f = filter(user, contracts, region, year, kind, q);
        String focus = Contracts.focus(user.scope(), f);
        model.addAttribute("filter", f);
        model.addAttribute("focusName", focus.isEmpty() ? null : regionNames.name(focus));
        Contracts.Statistics statistics = contracts.statistics(user.scope(), f);
        model.addAttribute("directions", statistics.directions());
        model.addAttribute("byKind", statistics.byKind());
        model.addAttribute("byRegion", contracts.byRegion(user.scope(), f));
        model.addAttribute("result", contracts.list(user.scope(), f, Params.page(page), PAGE_SIZE));
        model.addAttribute("kinds", Arrays.asList(ContractKind.values()));
        model.addAttribute("uploads", imports.latest(RegistryImports.Registry.CONTRACT, 5));
        model.addAttribute("columns", ContractImport.COLUMNS);
        return "resources/contracts";
    }

    @GetMapping("/resources/contracts/export.xlsx")
    public void export(CurrentUser user, @RequestParam(required = false) String region, @RequestParam(required = false) String year,
                       @RequestParam(required = false) String kind, @RequestParam(required = false) String q, Locale locale,
                       HttpServletRequest request, HttpServletResponse response) throws IOException {
        Contracts.Filter f = filter(user, contracts, region, year, kind, q);
        List<Contracts.Contract> rows = contracts.all(user.scope(), f, EXPORT_MAX);
        SheetWords w = SheetWords.of(locale);
        try (XlsxTable x = XlsxTable.download(response, "tech-contracts-" + f.year() + ".xlsx", w.w("技术合同", "Technology contracts"),
                w.headers("合同编号", "contract number", "合同类型", "kind", "买方名称", "buyer", "买方统一社会信用代码", "buyer credit code",
                        "买方所在地区", "buyer region", "卖方名称", "seller", "卖方统一社会信用代码", "seller credit code",
                        "卖方所在地区", "seller region", "合同金额（万元）", "contract amount (10k yuan)",
                        "技术交易额（万元）", "technology transaction amount (10k yuan)", "签订日期", "signed on")).in(locale)) {
            for (Contracts.Contract c : rows) {
                x.row(c.contractNo(), c.kind().label(locale), c.buyerName(), c.buyerCreditCode() == null ? "" : c.buyerCreditCode(),
                        regionNames.place(c.buyerRegion()), c.sellerName(), c.sellerCreditCode() == null ? "" : c.sellerCreditCode(),
                        regionNames.place(c.sellerRegion()), wan(c.amountYuan()), wan(c.techAmountYuan()), c.signedOn());
            }
        }
        audit.record(user.username(), "resources.contracts.export", null, "rows=" + rows.size() + "; region=" + f.region() + "; year=" + f.year(),
                request.getRemoteAddr());
    }

    static java.math.BigDecimal wan(java.math.BigDecimal yuan) {
        return yuan.divide(java.math.BigDecimal.valueOf(10_000), 6, java.math.RoundingMode.HALF_UP).stripTrailingZeros();
    }

    @PostMapping("/resources/contracts/import")
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
