package org.innoladder.resources.web;

import java.util.List;

import org.innoladder.enterprise.EnterpriseFilePage;
import org.innoladder.identity.CurrentUser;
import org.innoladder.resources.internal.Platforms;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;

/** The file page's (一企一档) section of the R&D platforms the enterprise hosts, read within the caller's scope. */
@ControllerAdvice(assignableTypes = EnterpriseFilePage.class)
public class PlatformFileAdvice {
    private final Platforms platforms;

    public PlatformFileAdvice(Platforms platforms) {
        this.platforms = platforms;
    }

    @ModelAttribute("hostedPlatforms")
    public List<Platforms.Platform> hostedPlatforms(CurrentUser user,
                                                    @PathVariable(name = "creditCode", required = false) String creditCode) {
        if (user == null || creditCode == null) return List.of();
        return platforms.ofEnterprise(user.scope(), creditCode.strip().toUpperCase(java.util.Locale.ROOT));
    }
}
