package org.innoladder.resources.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.innoladder.resources.internal.RegistryUploads;
import org.innoladder.identity.CurrentUser;
import org.innoladder.resources.internal.CarrierImport;
import org.innoladder.resources.internal.ContractImport;
import org.innoladder.resources.internal.Contracts;
import org.innoladder.resources.internal.Carriers;
import org.innoladder.resources.internal.PlatformEdits;
import org.innoladder.resources.internal.PlatformImport;
import org.innoladder.resources.internal.TalentImport;
import org.innoladder.resources.internal.Talents;
import org.innoladder.resources.internal.TenantFigures;
import org.innoladder.resources.internal.TenantImport;
import org.innoladder.resources.internal.Platforms;
import org.innoladder.web.Params;
import org.innoladder.web.ResultPage;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The innovation resources API: the R&D platform registry read within the caller's data scope (a platform of a host
 * outside it is 404), its figures, and the import of a registry file with its row-level report.
 */
@RestController
@PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER','TOWN','ENTERPRISE')")
@Tag(name = "Resources", description = "科创资源: registries of R&D platforms (the source of rd_institution_level)")
public class ResourcesApiController {
    private final Platforms platforms;
    private final PlatformImport importer;
    private final Carriers carriers;
    private final TenantFigures tenantFigures;
    private final CarrierImport carrierImport;
    private final TenantImport tenantImport;
    private final Contracts contracts;
    private final ContractImport contractImport;
    private final Talents talents;
    private final TalentImport talentImport;
    private final PlatformEdits platformEdits;

    public ResourcesApiController(Platforms platforms, PlatformImport importer, Carriers carriers, TenantFigures tenantFigures,
                                  CarrierImport carrierImport, TenantImport tenantImport, Contracts contracts,
                                  ContractImport contractImport, Talents talents, TalentImport talentImport, PlatformEdits platformEdits) {
        this.platformEdits = platformEdits;
        this.talents = talents;
        this.talentImport = talentImport;
        this.contracts = contracts;
        this.contractImport = contractImport;
        this.platforms = platforms;
        this.importer = importer;
        this.carriers = carriers;
        this.tenantFigures = tenantFigures;
        this.carrierImport = carrierImport;
        this.tenantImport = tenantImport;
    }

    /** A platform as the API shows it: codes for kind and level, with their Chinese labels. */
    public record PlatformView(long id, String kind, String kindZh, String level, String levelZh, String name, String document,
                               int yearRecognised, String hostCreditCode, String hostName, String hostRegionCode,
                               String institutionLevelFact) {
        static PlatformView of(Platforms.Platform p) {
            return new PlatformView(p.id(), p.kind().name(), p.kind().zh(), p.level().name(), p.level().zh(), p.name(), p.document(),
                    p.year(), p.creditCode(), p.enterpriseName(), p.regionCode(), p.level().fact());
        }
    }

    @GetMapping("/api/v1/resources/platforms")
    @Operation(summary = "R&D platforms whose host lies in the caller's scope, newest recognition first; filters region "
            + "(a code in the scope), kind, level, year and q (platform, enterprise, credit code or document)")
    public ResultPage<PlatformView> list(CurrentUser user, @RequestParam(required = false) String region,
                                         @RequestParam(required = false) String kind, @RequestParam(required = false) String level,
                                         @RequestParam(required = false) String year, @RequestParam(required = false) String q,
                                         @RequestParam(required = false) String page, @RequestParam(required = false) String size) {
        Platforms.Filter f = PlatformPageController.filter(user, region, kind, level, year, q);
        ResultPage<Platforms.Platform> p = platforms.list(user.scope(), f, Params.page(page), Params.size(size, 50, 500));
        return ResultPage.of(p.items().stream().map(PlatformView::of).toList(), p.page(), p.size(), p.totalItems());
    }

    @GetMapping("/api/v1/resources/platforms/{id}")
    @Operation(summary = "One R&D platform whose host lies in the caller's scope")
    public PlatformView one(CurrentUser user, @PathVariable String id) {
        return platforms.get(user.scope(), Params.requiredId("id", id)).map(PlatformView::of)
                .orElseThrow(PlatformPageController::notFound);
    }

    @PutMapping("/api/v1/resources/platforms/{id}")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU')")
    @Operation(summary = "Edit one R&D platform (body {kind, level, name, document, year}); its host's rd_institution_level is supplied again")
    public PlatformView edit(CurrentUser user, @PathVariable String id, @RequestBody Map<String, Object> body, HttpServletRequest request) {
        return PlatformView.of(platformEdits.update(user, Params.requiredId("id", id), new PlatformEdits.Input(text(body, "kind"),
                text(body, "level"), text(body, "name"), text(body, "document"), text(body, "year")), request.getRemoteAddr()));
    }

    @DeleteMapping("/api/v1/resources/platforms/{id}")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU')")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete one R&D platform (a recognition that lapsed); its host's rd_institution_level is supplied again")
    public void delete(CurrentUser user, @PathVariable String id, HttpServletRequest request) {
        platformEdits.delete(user, Params.requiredId("id", id), request.getRemoteAddr());
    }

    private static String text(Map<String, Object> body, String key) {
        Object v = body == null ? null : body.get(key);
        return v == null ? null : String.valueOf(v);
    }

    /** The figures of the registry in the scope: per kind and level, per district (or town inside a district). */
    public record Figures(List<Platforms.KindCount> byKind, List<Platforms.RegionCount> byRegion) {
    }

    @GetMapping("/api/v1/resources/platforms/figures")
    @Operation(summary = "Counts of R&D platforms in the caller's scope per kind and level, and per district (per town "
            + "when the region is a district)")
    public Figures figures(CurrentUser user, @RequestParam(required = false) String region, @RequestParam(required = false) String kind,
                           @RequestParam(required = false) String level, @RequestParam(required = false) String year) {
        Platforms.Filter f = PlatformPageController.filter(user, region, kind, level, year, null);
        return new Figures(platforms.byKind(user.scope(), f), platforms.byRegion(user.scope(), f));
    }

    @PostMapping(path = "/api/v1/resources/platforms/import", consumes = "multipart/form-data")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU')")
    @Operation(summary = "ADMIN, BUREAU: import a platform register (CSV or XLSX; columns 依托单位统一社会信用代码/credit_code, "
            + "平台类型/kind, 平台名称/name, 级别/level, 认定文号/document, 认定年度/year): valid rows kept, rejected rows reported "
            + "with line, field, value and rule; importing the same file again changes nothing")
    public ResponseEntity<Map<String, Object>> importFile(CurrentUser user, @RequestParam(required = false) MultipartFile file,
                                                          HttpServletRequest request) throws IOException {
        return answer(RegistryUploads.upload(file, (path, name) -> importer.importFile(user, path, name, request.getRemoteAddr())));
    }

    /** The row-level report as JSON, or 400 naming why the file could not be read. */
    static ResponseEntity<Map<String, Object>> answer(RegistryUploads.Result r) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (r.unreadable() != null) {
            out.put("detail", r.unreadable().en());
            out.put("detailZh", r.unreadable().zh());
            return ResponseEntity.badRequest().body(out);
        }
        out.put("importId", r.report().importId());
        out.put("rows", r.report().rows());
        out.put("added", r.report().added());
        out.put("updated", r.report().updated());
        out.put("unchanged", r.report().unchanged());
        out.put("rejected", r.report().rejected());
        out.put("rejections", r.report().rejections());
        return ResponseEntity.ok(out);
    }

    // ---- carriers (科创载体) ------------------------------------------------------------------------------

    /** A carrier with a year's figures: tenants at year end by tier (none first, then the growth ladder), new HNTE, graduates. */
    public record CarrierView(long id, String kind, String kindZh, String level, String levelZh, String name, String regionCode,
                              String operator, java.math.BigDecimal areaM2, String document, int yearRecognised, int year,
                              long tenants, Map<String, Long> tenantsByTier, long newHnte, long graduates) {
        static CarrierView of(Carriers.Carrier c, TenantFigures.Line l, int year) {
            return new CarrierView(c.id(), c.kind().name(), c.kind().zh(), c.level().name(), c.level().zh(), c.name(), c.regionCode(),
                    c.operator(), c.areaM2(), c.document(), c.year(), year, l.tenants(), byTier(l), l.newHnte(), l.graduates());
        }
    }

    /** Tenants per tier: NONE, then the growth ladder's tiers in climbing order. */
    static Map<String, Long> byTier(TenantFigures.Line l) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("NONE", l.tier(0));
        for (int i = 0; i < TenantFigures.TIERS.size(); i++) m.put(TenantFigures.TIERS.get(i).name(), l.tier(i + 1));
        return m;
    }

    /** A region's (or the whole filter's) figures for the year. */
    public record TenantFiguresView(String regionCode, long tenants, Map<String, Long> tenantsByTier, long newHnte, long graduates) {
        static TenantFiguresView of(TenantFigures.Line l) {
            return new TenantFiguresView(l.key(), l.tenants(), byTier(l), l.newHnte(), l.graduates());
        }
    }

    public record CarrierFigures(int year, TenantFiguresView total, List<TenantFiguresView> byRegion) {
    }

    @GetMapping("/api/v1/resources/carriers")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER','TOWN')")
    @Operation(summary = "Carriers in the caller's scope with the year's tenant figures (year: default the last full year); "
            + "filters region (a code in the scope), kind, level and q (carrier or operator)")
    public ResultPage<CarrierView> carriers(CurrentUser user, @RequestParam(required = false) String region,
                                            @RequestParam(required = false) String kind, @RequestParam(required = false) String level,
                                            @RequestParam(required = false) String year, @RequestParam(required = false) String q,
                                            @RequestParam(required = false) String page, @RequestParam(required = false) String size) {
        Carriers.Filter f = CarrierPageController.filter(user, region, kind, level, q);
        int y = CarrierPageController.year(year, () -> carriers.latestYear(user.scope()));
        ResultPage<Carriers.Carrier> p = carriers.list(user.scope(), f, Params.page(page), Params.size(size, 50, 500));
        Map<Long, TenantFigures.Line> lines = tenantFigures.perCarrier(user.scope(), f, y);
        return ResultPage.of(p.items().stream().map(c -> CarrierView.of(c, lines.getOrDefault(c.id(),
                TenantFigures.Line.zero(String.valueOf(c.id()))), y)).toList(), p.page(), p.size(), p.totalItems());
    }

    @GetMapping("/api/v1/resources/carriers/figures")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER','TOWN')")
    @Operation(summary = "Tenant figures of the carriers in the caller's scope for a year, in total and per district "
            + "(per town when the region is a district or town)")
    public CarrierFigures carrierFigures(CurrentUser user, @RequestParam(required = false) String region,
                                         @RequestParam(required = false) String kind, @RequestParam(required = false) String level,
                                         @RequestParam(required = false) String year) {
        Carriers.Filter f = CarrierPageController.filter(user, region, kind, level, null);
        int y = CarrierPageController.year(year, () -> carriers.latestYear(user.scope()));
        return new CarrierFigures(y, TenantFiguresView.of(tenantFigures.total(user.scope(), f, y)),
                tenantFigures.perRegion(user.scope(), f, y).stream().map(TenantFiguresView::of).toList());
    }

    @GetMapping("/api/v1/resources/carriers/{id}/tenants")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER','TOWN')")
    @Operation(summary = "The stays in a carrier of the caller's scope (enterprises of the scope only)")
    public List<Carriers.Tenant> tenants(CurrentUser user, @PathVariable String id) {
        Carriers.Carrier c = carriers.get(user.scope(), Params.requiredId("id", id)).orElseThrow(CarrierPageController::notFound);
        return carriers.tenants(user.scope(), c.id());
    }

    @PostMapping(path = "/api/v1/resources/carriers/import", consumes = "multipart/form-data")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU')")
    @Operation(summary = "ADMIN, BUREAU: import a carrier register (CSV or XLSX; columns 载体名称/carrier, 载体类型/carrier_kind, "
            + "级别/level, 所在地区代码/region, 运营单位/operator, 面积（平方米）/area, 认定文号/document, 认定年度/year): valid rows kept, "
            + "rejected rows reported with line, field, value and rule")
    public ResponseEntity<Map<String, Object>> importCarriers(CurrentUser user, @RequestParam(required = false) MultipartFile file,
                                                              HttpServletRequest request) throws IOException {
        return answer(RegistryUploads.upload(file, (path, name) -> carrierImport.importFile(user, path, name, request.getRemoteAddr())));
    }

    @PostMapping(path = "/api/v1/resources/carriers/tenants/import", consumes = "multipart/form-data")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU')")
    @Operation(summary = "ADMIN, BUREAU: import carrier tenants (CSV or XLSX; columns 载体名称/carrier, 企业统一社会信用代码/credit_code, "
            + "入驻日期/moved_in, 迁出日期/moved_out, 毕业日期/graduated_on): valid rows kept, rejected rows reported")
    public ResponseEntity<Map<String, Object>> importTenants(CurrentUser user, @RequestParam(required = false) MultipartFile file,
                                                             HttpServletRequest request) throws IOException {
        return answer(RegistryUploads.upload(file, (path, name) -> tenantImport.importFile(user, path, name, request.getRemoteAddr())));
    }

    // ---- technology contracts (技术合同) ------------------------------------------------------------------

    /** The statistics of a region and year: amounts in yuan. */
    public record ContractFigures(String region, int year, Contracts.Directions directions, List<Contracts.KindSum> byKind,
                                  List<Contracts.RegionSum> byRegion) {
    }

    @GetMapping("/api/v1/resources/contracts")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER','TOWN')")
    @Operation(summary = "Technology contracts whose buyer or seller lies in the caller's scope, newest first; filters region "
            + "(a code in the scope), year signed (default the last full year), kind and q; amounts in yuan")
    public ResultPage<Contracts.Contract> contracts(CurrentUser user, @RequestParam(required = false) String region,
                                                    @RequestParam(required = false) String year, @RequestParam(required = false) String kind,
                                                    @RequestParam(required = false) String q, @RequestParam(required = false) String page,
                                                    @RequestParam(required = false) String size) {
        Contracts.Filter f = ContractPageController.filter(user, contracts, region, year, kind, q);
        return contracts.list(user.scope(), f, Params.page(page), Params.size(size, 50, 500));
    }

    @GetMapping("/api/v1/resources/contracts/figures")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER','TOWN')")
    @Operation(summary = "Statistics of the technology contracts of a region (default the caller's scope) and year: outflow "
            + "(seller inside) and inflow (buyer inside) with their parts across the border, local trade, sums per kind and per "
            + "district (per town inside a district); amounts in yuan")
    public ContractFigures contractFigures(CurrentUser user, @RequestParam(required = false) String region,
                                           @RequestParam(required = false) String year, @RequestParam(required = false) String kind) {
        Contracts.Filter f = ContractPageController.filter(user, contracts, region, year, kind, null);
        Contracts.Statistics statistics = contracts.statistics(user.scope(), f);
        return new ContractFigures(Contracts.focus(user.scope(), f), f.year(), statistics.directions(), statistics.byKind(),
                contracts.byRegion(user.scope(), f));
    }

    @PostMapping(path = "/api/v1/resources/contracts/import", consumes = "multipart/form-data")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU')")
    @Operation(summary = "ADMIN, BUREAU: import the technology-contract registration export (CSV or XLSX; columns 合同编号/contract_no, "
            + "合同类型/contract_kind, 买方名称/buyer_name, 买方统一社会信用代码/buyer_credit_code, 买方所在地区代码/buyer_region, "
            + "卖方名称/seller_name, 卖方统一社会信用代码/seller_credit_code, 卖方所在地区代码/seller_region, 合同金额（万元）/amount, "
            + "技术交易额（万元）/tech_amount, 签订日期/signed_on): valid rows kept, rejected rows reported")
    public ResponseEntity<Map<String, Object>> importContracts(CurrentUser user, @RequestParam(required = false) MultipartFile file,
                                                               HttpServletRequest request) throws IOException {
        return answer(RegistryUploads.upload(file, (path, name) -> contractImport.importFile(user, path, name, request.getRemoteAddr())));
    }

    // ---- talent awards (人才) ------------------------------------------------------------------------------

    public record TalentFigures(List<Talents.Count> byProgramme, List<Talents.Count> byRegion) {
    }

    @GetMapping("/api/v1/resources/talents")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER','TOWN')")
    @Operation(summary = "Talent awards of enterprises in the caller's scope (programme, year, name, role, enterprise), newest "
            + "first; filters region, programme, year and q (name, enterprise or credit code)")
    public ResultPage<Talents.Award> talents(CurrentUser user, @RequestParam(required = false) String region,
                                             @RequestParam(required = false) String programme, @RequestParam(required = false) String year,
                                             @RequestParam(required = false) String q, @RequestParam(required = false) String page,
                                             @RequestParam(required = false) String size) {
        Talents.Filter f = TalentPageController.filter(user, region, programme, year, q);
        return talents.list(user.scope(), f, Params.page(page), Params.size(size, 50, 500));
    }

    @GetMapping("/api/v1/resources/talents/figures")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER','TOWN')")
    @Operation(summary = "Talent awards and distinct enterprises in the caller's scope per programme and per district (per "
            + "town when the region is a district or town)")
    public TalentFigures talentFigures(CurrentUser user, @RequestParam(required = false) String region,
                                       @RequestParam(required = false) String programme, @RequestParam(required = false) String year) {
        Talents.Filter f = TalentPageController.filter(user, region, programme, year, null);
        return new TalentFigures(talents.byProgramme(user.scope(), f), talents.byRegion(user.scope(), f));
    }

    @PostMapping(path = "/api/v1/resources/talents/import", consumes = "multipart/form-data")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU')")
    @Operation(summary = "ADMIN, BUREAU: import talent awards (CSV or XLSX; columns 人才计划/programme, 入选年度/award_year, "
            + "姓名/person_name, 职务或类别/role, 企业统一社会信用代码/credit_code; other columns are not read): valid rows kept, "
            + "rejected rows reported")
    public ResponseEntity<Map<String, Object>> importTalents(CurrentUser user, @RequestParam(required = false) MultipartFile file,
                                                             HttpServletRequest request) throws IOException {
        return answer(RegistryUploads.upload(file, (path, name) -> talentImport.importFile(user, path, name, request.getRemoteAddr())));
    }
}
