package org.innoladder.investment.internal;

import java.math.BigDecimal;

import org.innoladder.audit.AuditTrail;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.WriteScope;
import org.innoladder.investment.domain.InvestmentSource;
import org.innoladder.web.BadParameterException;
import org.innoladder.web.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Editing a project's description (name, field, source, planned investment, owning town) and deleting a project entered
 * by mistake, beside the re-import; its stage moves only through the workflow's steps. Officers (ADMIN, BUREAU, TOWN),
 * the project's town — and a new town — within the write scope; a project the caller cannot see is "not found". Every
 * field is checked as the import checks it and named in the error; the edit is a step of the project's history, and
 * both are audited.
 */
@Service
public class ProjectEdits {
    static final BigDecimal WAN = BigDecimal.valueOf(10_000);

    /** The editable fields as sent; {@code planned} in 万元. */
    public record Input(String name, String field, String source, String planned, String town) {
    }

    private final Projects projects;
    private final AuditTrail audit;
    private final JdbcClient jdbc;

    public ProjectEdits(Projects projects, AuditTrail audit, JdbcClient jdbc) {
        this.projects = projects;
        this.audit = audit;
        this.jdbc = jdbc;
    }

    @Transactional
    public Projects.Project update(CurrentUser user, long id, Input in, String ip) {
        Projects.Project old = writable(user, id);
        String name = text("name", in.name(), 200);
        String field = text("field", in.field(), 60);
        InvestmentSource source = InvestmentSource.fromText(in.source());
        if (source == null) {
            throw new BadParameterException("source", String.valueOf(in.source()), "须为项目来源之一（招商活动、以商招商、中介机构、基金招商、载体招商、区镇联动、其他）",
                    "must be one of the sources (event, referral, agency, fund, carrier, district-town, other)");
        }
        BigDecimal planned = amount(in.planned());
        String town = in.town() == null ? "" : in.town().strip();
        if (!town.matches("[0-9]{9}") || !"town".equals(projects.regionLevel(town).orElse(null))) {
            throw new BadParameterException("town", town, "须为乡镇（街道）的 9 位区划代码，如 320412100", "must be the 9-digit code of a town, such as 320412100");
        }
        WriteScope.requireRegion(user, town, "town");
        if (jdbc.sql("SELECT EXISTS (SELECT 1 FROM investment_project WHERE region_code = :t AND name = :n AND id <> :id)")
                .param("t", town).param("n", name).param("id", id).query(Boolean.class).single()) {
            throw new BadParameterException("name", name, "该镇（街道）已有同名项目", "the town already has a project of this name");
        }
        jdbc.sql("UPDATE investment_project SET name = :n, field = :f, source = :s, planned_yuan = :p, region_code = :t, updated_at = now()"
                        + " WHERE id = :id")
                .param("n", name).param("f", field).param("s", source.name()).param("p", planned).param("t", town).param("id", id).update();
        String detail = "名称 " + old.name() + " → " + name + "；领域 " + old.field() + " → " + field + "；来源 " + old.source().zh() + " → "
                + source.zh() + "；计划投资 " + wan(old.plannedYuan()) + " → " + wan(planned) + " 万元；镇街 " + old.regionCode() + " → " + town;
        projects.event(id, "EDIT", old.status(), old.status(), user.username(), detail);
        audit.record(user.username(), "investment.edit", "investment_project:" + id, detail, ip);
        return projects.get(user.scope(), id).orElseThrow();
    }

    @Transactional
    public void delete(CurrentUser user, long id, String ip) {
        Projects.Project old = writable(user, id);
        int events = jdbc.sql("DELETE FROM investment_event WHERE project_id = :id").param("id", id).update();
        jdbc.sql("DELETE FROM investment_project WHERE id = :id").param("id", id).update();
        audit.record(user.username(), "investment.delete", "investment_project:" + id, "was=" + old.name() + "/" + old.regionCode() + "/"
                + old.status() + "/" + wan(old.plannedYuan()) + " 万元; history rows=" + events, ip);
    }

    private Projects.Project writable(CurrentUser user, long id) {
        ProjectImport.requireOfficer(user);
        Projects.Project p = projects.get(user.scope(), id).orElseThrow(() ->
                new NotFoundException("没有这个招商项目，或它不在您的数据范围内", "no such investment project in your data scope"));
        jdbc.sql("SELECT id FROM investment_project WHERE id = :id FOR UPDATE").param("id", id).query(Long.class).single();
        WriteScope.requireRegion(user, p.regionCode(), "id");
        return p;
    }

    static String text(String field, String value, int max) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) throw new BadParameterException(field, v, "必须填写", "is required");
        if (v.length() > max) throw new BadParameterException(field, v, "不能超过 " + max + " 个字符", "at most " + max + " characters");
        if (v.chars().anyMatch(Character::isISOControl)) throw new BadParameterException(field, v, "不能含控制字符", "must not contain control characters");
        return v;
    }

    /** The planned investment in 万元 as typed (above 0, at most 1 万亿元, four decimals), in yuan. */
    static BigDecimal amount(String wan) {
        String v = wan == null ? "" : wan.strip().replace(",", "");
        BigDecimal d = null;
        try {
            d = new BigDecimal(v);
        } catch (NumberFormatException e) {
            // reported below
        }
        if (d == null || d.signum() <= 0 || d.compareTo(new BigDecimal("100000000")) > 0 || Math.max(d.stripTrailingZeros().scale(), 0) > 4) {
            throw new BadParameterException("planned", v, "须为大于 0、不超过 1 万亿元、至多四位小数的金额（万元）",
                    "must be an amount in 10k yuan above 0, at most 10^12 yuan, four decimals");
        }
        return d.multiply(WAN);
    }

    private static String wan(BigDecimal yuan) {
        return yuan == null ? "—" : yuan.divide(WAN).stripTrailingZeros().toPlainString();
    }
}
