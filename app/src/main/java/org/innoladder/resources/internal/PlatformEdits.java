package org.innoladder.resources.internal;

import java.util.List;

import org.innoladder.audit.AuditTrail;
import org.innoladder.identity.CurrentUser;
import org.innoladder.identity.OutOfScopeException;
import org.innoladder.identity.WriteScope;
import org.innoladder.web.BadParameterException;
import org.innoladder.web.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Editing and deleting one R&D platform in the application (a recognition corrected, a platform whose recognition
 * lapsed), beside the re-import: ADMIN and BUREAU, the host within the write scope (a platform the caller cannot see is
 * "not found"), every field checked as the import checks it and named in the error, audited with the record before and
 * after, and the host's {@code rd_institution_level} supplied again in the same transaction.
 */
@Service
public class PlatformEdits {
    /** The editable fields as sent; the host stays (a platform of another host is a new record). */
    public record Input(String kind, String level, String name, String document, String year) {
    }

    private final Platforms platforms;
    private final InstitutionLevels levels;
    private final AuditTrail audit;
    private final JdbcClient jdbc;

    public PlatformEdits(Platforms platforms, InstitutionLevels levels, AuditTrail audit, JdbcClient jdbc) {
        this.platforms = platforms;
        this.levels = levels;
        this.audit = audit;
        this.jdbc = jdbc;
    }

    @Transactional
    public Platforms.Platform update(CurrentUser user, long id, Input in, String ip) {
        Platforms.Platform old = writable(user, id);
        PlatformKind kind = PlatformKind.fromText(in.kind());
        if (kind == null) {
            throw new BadParameterException("kind", String.valueOf(in.kind()), "须为 工程技术研究中心、企业技术中心、重点实验室、新型研发机构、博士后工作站 或 院士工作站",
                    "must be one of 工程技术研究中心, 企业技术中心, 重点实验室, 新型研发机构, 博士后工作站, 院士工作站");
        }
        ResourceLevel level = ResourceLevel.fromText(in.level());
        if (level == null) {
            throw new BadParameterException("level", String.valueOf(in.level()), "须为 国家级、省级 或 市级", "must be 国家级, 省级 or 市级");
        }
        String name = text("name", in.name(), 200);
        String document = text("document", in.document(), 200);
        int year = year(in.year());
        if (jdbc.sql("SELECT EXISTS (SELECT 1 FROM rd_platform WHERE enterprise_id = :e AND kind = :k AND level = :l AND name = :n AND id <> :id)")
                .param("e", old.enterpriseId()).param("k", kind.name()).param("l", level.name()).param("n", name).param("id", id)
                .query(Boolean.class).single()) {
            throw new BadParameterException("name", name, "该依托单位已有同类型、同级别、同名称的平台", "the host already has a platform of this kind, level and name");
        }
        jdbc.sql("UPDATE rd_platform SET kind = :k, level = :l, name = :n, document = :d, recognised_year = :y, updated_at = now() WHERE id = :id")
                .param("k", kind.name()).param("l", level.name()).param("n", name).param("d", document).param("y", year).param("id", id).update();
        int facts = levels.supply(List.of(old.enterpriseId()));
        audit.record(user.username(), "resources.platforms.update", "rd_platform:" + id, "before=" + describe(old) + "; after="
                + kind + "/" + level + "/" + name + "/" + document + "/" + year + "; facts supplied=" + facts, ip);
        return platforms.get(user.scope(), id).orElseThrow();
    }

    @Transactional
    public void delete(CurrentUser user, long id, String ip) {
        Platforms.Platform old = writable(user, id);
        jdbc.sql("DELETE FROM rd_platform WHERE id = :id").param("id", id).update();
        int facts = levels.supply(List.of(old.enterpriseId()));
        audit.record(user.username(), "resources.platforms.delete", "rd_platform:" + id, "was=" + describe(old) + "; facts supplied=" + facts, ip);
    }

    /** The platform, when the caller keeps registries, sees it and may change its host; 404 when it cannot see it. */
    private Platforms.Platform writable(CurrentUser user, long id) {
        PlatformImport.requireKeeper(user);
        Platforms.Platform p = platforms.get(user.scope(), id).orElseThrow(() ->
                new NotFoundException("没有这个研发平台，或它不在您的数据范围内", "no such R&D platform in your data scope"));
        if (!WriteScope.coversEnterprise(user, p.enterpriseId(), p.regionCode())) {
            throw new OutOfScopeException("id", String.valueOf(id), "该平台的依托单位不在您的管理范围内，不能修改",
                    "the platform's host lies outside the scope you may change", false);
        }
        return p;
    }

    private static String describe(Platforms.Platform p) {
        return p.creditCode() + "/" + p.kind() + "/" + p.level() + "/" + p.name() + "/" + p.document() + "/" + p.year();
    }

    static String text(String field, String value, int max) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) throw new BadParameterException(field, v, "必须填写", "is required");
        if (v.length() > max) throw new BadParameterException(field, v, "不能超过 " + max + " 个字符", "at most " + max + " characters");
        if (v.chars().anyMatch(Character::isISOControl)) throw new BadParameterException(field, v, "不能含控制字符", "must not contain control characters");
        return v;
    }

    static int year(String value) {
        String v = value == null ? "" : value.strip();
        if (!v.matches("[0-9]{4}") || Integer.parseInt(v) < 1990 || Integer.parseInt(v) > 2100) {
            throw new BadParameterException("year", v, "须为 1990 到 2100 之间的四位年份，如 2023", "must be a four-digit year from 1990 to 2100, such as 2023");
        }
        return Integer.parseInt(v);
    }
}
