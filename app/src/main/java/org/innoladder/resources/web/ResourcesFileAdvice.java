package org.innoladder.resources.web;

import java.util.List;

import org.innoladder.enterprise.EnterpriseFilePage;
import org.innoladder.identity.CurrentUser;
import org.innoladder.resources.internal.Carriers;
import org.innoladder.resources.internal.Platforms;
import org.innoladder.resources.internal.Talents;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The file page's (一企一档) sections of the resources module, read within the caller's scope: the R&D platforms the
 * enterprise hosts, its stays in carriers and its talent awards.
 */
@ControllerAdvice(assignableTypes = EnterpriseFilePage.class)
public class ResourcesFileAdvice {
    private final Platforms platforms;
    private final Carriers carriers;
    private final Talents talents;

    public ResourcesFileAdvice(Platforms platforms, Carriers carriers, Talents talents) {
        this.platforms = platforms;
        this.carriers = carriers;
        this.talents = talents;
    }

    @ModelAttribute("talentAwards")
    public List<Talents.Award> talentAwards(CurrentUser user, @PathVariable(name = "creditCode", required = false) String creditCode) {
        if (user == null || creditCode == null) return List.of();
        return talents.ofEnterprise(user.scope(), creditCode.strip().toUpperCase(java.util.Locale.ROOT));
    }

    @ModelAttribute("carrierStays")
    public List<Carriers.Tenant> carrierStays(CurrentUser user,
                                              @PathVariable(name = "creditCode", required = false) String creditCode) {
        if (user == null || creditCode == null) return List.of();
        return carriers.staysOf(user.scope(), creditCode.strip().toUpperCase(java.util.Locale.ROOT));
    }

    @ModelAttribute("hostedPlatforms")
    public List<Platforms.Platform> hostedPlatforms(CurrentUser user,
                                                    @PathVariable(name = "creditCode", required = false) String creditCode) {
        if (user == null || creditCode == null) return List.of();
        return platforms.ofEnterprise(user.scope(), creditCode.strip().toUpperCase(java.util.Locale.ROOT));
    }
}
