package org.innoladder.investment.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.innoladder.resources.internal.RegistryUploads;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.WriteScope;
import org.innoladder.investment.domain.InvestmentWorkflow;
import org.innoladder.investment.internal.InvestmentRefusedException;
import org.innoladder.investment.internal.ProjectEdits;
import org.innoladder.investment.internal.ProjectImport;
import org.innoladder.investment.internal.Projects;
import org.innoladder.web.Params;
import org.innoladder.web.ResultPage;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
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
 * The 科技招商 API: projects read within the caller's data scope (one outside it is 404), the counts per stage, a
 * project's history and the steps allowed now, a step of the pipeline, and the import of a register with its
 * row-level report. Amounts in 万元.
 */
@RestController
@PreAuthorize("hasAnyRole('ADMIN','BUREAU','LEADER','TOWN')")
@Tag(name = "Investment", description = "科技招商 projects: 线索 → 洽谈 → 签约 → 落地 → 投产 (or 终止)")
public class InvestmentApiController {
    static final URI REFUSED = URI.create("urn:innoladder:problem:investment-refused");

    private final Projects projects;
    private final ProjectImport importer;

    private final ProjectEdits edits;

    public InvestmentApiController(Projects projects, ProjectImport importer, ProjectEdits edits) {
        this.edits = edits;
        this.projects = projects;
        this.importer = importer;
    }

    /** A project as the API shows it: codes for stage and source with their Chinese labels, amounts in 万元. */
    public record ProjectView(long id, String name, String field, String source, String sourceZh, String regionCode, String status,
                              String statusZh, BigDecimal plannedWan, BigDecimal signedWan, String creditCode, String enterpriseName,
                              LocalDate leadOn, LocalDate signedOn, LocalDate landedOn, LocalDate producingOn, String terminatedReason) {
        static ProjectView of(Projects.Project p) {
            return new ProjectView(p.id(), p.name(), p.field(), p.source().name(), p.source().zh(), p.regionCode(), p.status().name(),
                    p.status().zh(), InvestmentPageController.wan(p.plannedYuan()),
                    p.signedYuan() == null ? null : InvestmentPageController.wan(p.signedYuan()), p.creditCode(), p.enterpriseName(),
                    p.leadOn(), p.signedOn(), p.landedOn(), p.producingOn(), p.terminatedReason());
        }
    }

    public record EventView(String action, String from, String to, String actor, String detail, OffsetDateTime at) {
    }

    public record ProjectDetail(ProjectView project, List<EventView> history, List<String> actions) {
    }

    public record StageView(String status, String statusZh, long projects, BigDecimal plannedWan, BigDecimal signedWan) {
    }

    @GetMapping("/api/v1/investment/projects")
    @Operation(summary = "Projects whose town lies in the caller's scope, newest lead first; filters region (a code in the scope), "
            + "status (LEAD, NEGOTIATING, SIGNED, LANDED, PRODUCING, TERMINATED) and q (project, field, enterprise or credit code)")
    public ResultPage<ProjectView> list(CurrentUser user, @RequestParam(required = false) String region,
                                        @RequestParam(required = false) String status, @RequestParam(required = false) String q,
                                        @RequestParam(required = false) String page, @RequestParam(required = false) String size) {
        Projects.Filter f = InvestmentPageController.filter(user, region, status, q);
        ResultPage<Projects.Project> p = projects.list(user.scope(), f, Params.page(page), Params.size(size, 50, 500));
        return ResultPage.of(p.items().stream().map(ProjectView::of).toList(), p.page(), p.size(), p.totalItems());
    }

    @GetMapping("/api/v1/investment/projects/stages")
    @Operation(summary = "Projects, planned and signed investment (万元) per stage in the caller's scope (region and q as the list)")
    public List<StageView> stages(CurrentUser user, @RequestParam(required = false) String region, @RequestParam(required = false) String q) {
        Projects.Filter f = InvestmentPageController.filter(user, region, null, q);
        return projects.byStatus(user.scope(), f).stream().map(s -> new StageView(s.status().name(), s.status().zh(), s.count(),
                InvestmentPageController.wan(s.plannedYuan()), InvestmentPageController.wan(s.signedYuan()))).toList();
    }

    @GetMapping("/api/v1/investment/projects/{id}")
    @Operation(summary = "One project of the caller's scope with its history and the steps the caller may take now")
    public ProjectDetail one(CurrentUser user, @PathVariable String id) {
        Projects.Project p = projects.get(user.scope(), Params.requiredId("id", id)).orElseThrow(InvestmentPageController::notFound);
        List<EventView> history = projects.history(user.scope(), p.id()).stream().map(e -> new EventView(e.action(),
                e.from() == null ? null : e.from().name(), e.to().name(), e.actor(), e.detail(), e.at())).toList();
        List<String> actions = InvestmentWorkflow.available(p.status(), new InvestmentWorkflow.Actor(user.role(),
                WriteScope.coversRegion(user, p.regionCode()))).stream().map(Enum::name).toList();
        return new ProjectDetail(ProjectView.of(p), history, actions);
    }

    @PostMapping("/api/v1/investment/projects/{id}/act/{action}")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU','TOWN')")
    @Operation(summary = "A step: NEGOTIATE, SIGN {signed: 万元}, LAND {creditCode}, PRODUCE, TERMINATE {reason}; 409 naming why "
            + "when the pipeline does not allow it")
    public Projects.StepResult act(CurrentUser user, @PathVariable String id, @PathVariable String action,
                                   @RequestBody(required = false) Map<String, Object> body, HttpServletRequest request) {
        Map<String, Object> b = body == null ? Map.of() : body;
        long projectId = Params.requiredId("id", id);
        InvestmentWorkflow.Action a = Params.choice("action", action, InvestmentWorkflow.Action.class);
        return projects.act(user, projectId, a, new Projects.StepRequest(text(b, "reason"),
                InvestmentPageController.amount("signed", text(b, "signed")), text(b, "creditCode")), request.getRemoteAddr());
    }

    @PutMapping("/api/v1/investment/projects/{id}")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU','TOWN')")
    @Operation(summary = "Edit a project's description: body {name, field, source, planned (万元), town}; its stage moves only by steps")
    public ProjectView edit(CurrentUser user, @PathVariable String id, @RequestBody(required = false) Map<String, Object> body,
                            HttpServletRequest request) {
        Map<String, Object> b = body == null ? Map.of() : body;
        return ProjectView.of(edits.update(user, Params.requiredId("id", id), new ProjectEdits.Input(text(b, "name"), text(b, "field"),
                text(b, "source"), text(b, "planned"), text(b, "town")), request.getRemoteAddr()));
    }

    @DeleteMapping("/api/v1/investment/projects/{id}")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU','TOWN')")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a project entered by mistake, with its history")
    public void delete(CurrentUser user, @PathVariable String id, HttpServletRequest request) {
        edits.delete(user, Params.requiredId("id", id), request.getRemoteAddr());
    }

    @PostMapping(path = "/api/v1/investment/projects/import", consumes = "multipart/form-data")
    @PreAuthorize("hasAnyRole('ADMIN','BUREAU','TOWN')")
    @Operation(summary = "ADMIN, BUREAU, TOWN: import a project register (CSV or XLSX; columns 项目名称, 产业领域, 计划投资额（万元）, "
            + "项目来源, 所属镇街代码, and optionally 项目阶段, 线索日期, 签约投资额（万元）, 签约日期, 企业统一社会信用代码, 落地日期, "
            + "投产日期, 终止原因): valid rows kept, rejected rows reported with line, field, value and rule; the same file again changes nothing")
    public ResponseEntity<Map<String, Object>> importFile(CurrentUser user, @RequestParam(required = false) MultipartFile file,
                                                          HttpServletRequest request) throws IOException {
        RegistryUploads.Result r = RegistryUploads.upload(file, (path, name) -> importer.importFile(user, path, name, request.getRemoteAddr()));
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

    @ExceptionHandler(InvestmentRefusedException.class)
    ProblemDetail refused(InvestmentRefusedException e, HttpServletRequest request) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.messageEn());
        p.setType(REFUSED);
        p.setTitle("Not allowed by the investment pipeline");
        p.setInstance(URI.create(request.getRequestURI()));
        p.setProperty("detailZh", e.messageZh());
        return p;
    }

    static String text(Map<String, Object> b, String key) {
        Object v = b.get(key);
        return v == null ? null : String.valueOf(v);
    }
}
