package org.innoladder.enterprise.web;

import org.innoladder.enterprise.internal.EnterpriseAudit;
import org.innoladder.enterprise.internal.EnterpriseDetail;
import org.innoladder.enterprise.internal.EnterpriseProfile;
import org.innoladder.enterprise.internal.EnterpriseQueries;
import org.innoladder.enterprise.internal.EnterpriseSearch;
import org.innoladder.enterprise.internal.EnterpriseSummary;
import org.innoladder.enterprise.internal.YearFacts;
import org.innoladder.web.ResultPage;
import java.time.Year;
import java.util.List;
import java.util.Locale;

import org.innoladder.rules.facts.CreditCode;
import org.innoladder.identity.CurrentUser;
import org.innoladder.web.BadParameterException;
import org.innoladder.web.NotFoundException;
import org.innoladder.web.Params;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

/** Read-only REST access to the enterprise data platform, limited to the caller's data scope. */
@RestController
@RequestMapping("/api/v1/enterprises")
@Tag(name = "Enterprises", description = "企业档案 (一企一档): search enterprises, read identity, recognitions and "
        + "yearly facts. Results are limited to the caller's data scope; an enterprise outside it is not found.")
public class EnterpriseApiController {
    private final EnterpriseQueries queries;
    private final EnterpriseAudit audit;

    public EnterpriseApiController(EnterpriseQueries queries, EnterpriseAudit audit) {
        this.queries = queries;
        this.audit = audit;
    }

    @GetMapping
    @Operation(summary = "Search enterprises",
            description = "Enterprises in the caller's scope matching the filters, one page at a time, with the facts "
                    + "of the chosen accounting year (or each enterprise's latest year).")
    @ApiResponse(responseCode = "200", description = "A page of enterprises")
    @ApiResponse(responseCode = "400", description = "A parameter broke its rule; the problem names it",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    public ResultPage<EnterpriseSummary> search(
            @Parameter(hidden = true) CurrentUser user,
            @Parameter(description = "Name substring or credit-code prefix, case-insensitive (at most 100 characters)")
            @RequestParam(required = false) String q,
            @Parameter(description = "County/district code, 6 digits", example = "320412")
            @RequestParam(required = false) String county,
            @Parameter(description = "Town/street code, 9 digits", example = "320412100")
            @RequestParam(required = false) String town,
            @Parameter(description = "Industry code prefix (GB/T 4754-2017), e.g. C or C39")
            @RequestParam(required = false) String industry,
            @Parameter(description = "HNTE domain 01–08") @RequestParam(required = false) String domain,
            @Parameter(description = "Accounting year of the yearly facts (1990 to this year); default: each "
                    + "enterprise's latest year", schema = @Schema(type = "integer"))
            @RequestParam(required = false) String year,
            @Parameter(description = "Sort key", schema = @Schema(allowableValues = {"name", "code", "district",
                    "founded", "revenue", "employees", "rd"}, defaultValue = "name"))
            @RequestParam(required = false) String sort,
            @Parameter(description = "Sort direction", schema = @Schema(allowableValues = {"asc", "desc"}, defaultValue = "asc"))
            @RequestParam(required = false) String dir,
            @Parameter(description = "1-based page number", schema = @Schema(type = "integer", minimum = "1", defaultValue = "1"))
            @RequestParam(required = false) String page,
            @Parameter(description = "Page size, 1 to 200", schema = @Schema(type = "integer", minimum = "1",
                    maximum = "200", defaultValue = "50"))
            @RequestParam(required = false) String size) {
        EnterpriseSearch search = EnterpriseSearch.parse(q, county, town, industry, domain, year, sort, dir, page, size);
        return queries.search(user.scope(), search);
    }

    @GetMapping("/{creditCode}")
    @Operation(summary = "Read an enterprise", description = "Identity, region path and recognitions of one enterprise.")
    @ApiResponse(responseCode = "200", description = "The enterprise")
    @ApiResponse(responseCode = "400", description = "The credit code is malformed",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "No such enterprise in the caller's scope",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    public EnterpriseDetail get(@Parameter(hidden = true) CurrentUser user,
                                @Parameter(description = "Unified social credit code, 18 characters (GB 32100)")
                                @PathVariable String creditCode, HttpServletRequest request) {
        String code = creditCode(creditCode);
        EnterpriseProfile profile = queries.profile(user.scope(), code).orElseThrow(() -> notFound(code));
        audit.viewed(user, code, "api", request);
        return EnterpriseDetail.of(profile, queries.recognitions(user.scope(), code));
    }

    @GetMapping("/{creditCode}/years")
    @Operation(summary = "Read all yearly facts", description = "Every accounting year on record, oldest first, with "
            + "every yearly data-dictionary column (null = unknown) and the import batch behind each value.")
    @ApiResponse(responseCode = "200", description = "The years")
    @ApiResponse(responseCode = "400", description = "The credit code is malformed",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "No such enterprise in the caller's scope",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    public List<YearFacts> years(@Parameter(hidden = true) CurrentUser user,
                                 @Parameter(description = "Unified social credit code, 18 characters (GB 32100)")
                                 @PathVariable String creditCode, HttpServletRequest request) {
        String code = creditCode(creditCode);
        queries.profile(user.scope(), code).orElseThrow(() -> notFound(code));
        audit.viewed(user, code, "api", request);
        return queries.years(user.scope(), code, null);
    }

    @GetMapping("/{creditCode}/years/{year}")
    @Operation(summary = "Read one year's facts", description = "Every yearly data-dictionary column of one "
            + "accounting year (null = unknown) and the import batch behind each value.")
    @ApiResponse(responseCode = "200", description = "The year")
    @ApiResponse(responseCode = "400", description = "The credit code or the year is malformed",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "No such enterprise in the caller's scope, or no data for that year",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    public YearFacts year(@Parameter(hidden = true) CurrentUser user,
                          @Parameter(description = "Unified social credit code, 18 characters (GB 32100)")
                          @PathVariable String creditCode,
                          @Parameter(description = "Accounting year, 1990 to this year", schema = @Schema(type = "integer"))
                          @PathVariable String year, HttpServletRequest request) {
        String code = creditCode(creditCode);
        int y = year(year);
        queries.profile(user.scope(), code).orElseThrow(() -> notFound(code));
        audit.viewed(user, code, "api", request);
        return queries.years(user.scope(), code, y).stream().findFirst().orElseThrow(() -> new NotFoundException(
                "企业 " + code + " 没有 " + y + " 年度的数据", "enterprise " + code + " has no data for year " + y));
    }

    private static String creditCode(String raw) {
        String code = raw.trim().toUpperCase(Locale.ROOT);
        CreditCode.check(code).ifPresent(problem -> {
            throw new BadParameterException("creditCode", raw, "统一社会信用代码须符合 GB 32100-2015：" + problem.zh(),
                    "a credit code must follow GB 32100-2015: " + problem.en());
        });
        return code;
    }

    private static int year(String raw) {
        Integer y = Params.integer("year", raw, EnterpriseSearch.MIN_YEAR, Year.now().getValue());
        if (y == null) throw Params.missing("year");
        return y;
    }

    /** The same answer whether the enterprise does not exist or lies outside the caller's scope. */
    private static NotFoundException notFound(String code) {
        return new NotFoundException("没有统一社会信用代码为 " + code + " 的企业（或不在您的数据范围内）",
                "no enterprise with credit code " + code + " is visible to you");
    }
}
