package org.innoladder.identity;

import org.innoladder.identity.internal.ScopeDirectory;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** A user's data scope in words ("常州市（3204）及下辖"), for the home page, the user list and the demo accounts. */
@Component
public class ScopeDescriptions {
    private final ScopeDirectory directory;
    private final MessageSource messages;

    public ScopeDescriptions(ScopeDirectory directory, MessageSource messages) {
        this.directory = directory;
        this.messages = messages;
    }

    public String describe(CurrentUser user, Locale locale) {
        String unknown = messages.getMessage("scope.unknown", null, locale);
        return switch (user.role()) {
            case ADMIN -> messages.getMessage("scope.all", null, locale);
            case BUREAU, TOWN, LEADER -> messages.getMessage("scope.region", new Object[] {
                    directory.region(user.regionCode()).map(ScopeDirectory.Region::name).orElse(unknown),
                    user.regionCode()}, locale);
            case ENTERPRISE -> messages.getMessage("scope.enterprise", new Object[] {
                    user.enterpriseId() == null ? unknown : directory.enterprise(user.enterpriseId())
                            .map(e -> e.name() + " " + e.creditCode()).orElse(unknown)}, locale);
            case BANK -> messages.getMessage("scope.bank", new Object[] {
                    user.bankId() == null ? unknown
                            : directory.bank(user.bankId()).map(ScopeDirectory.Bank::name).orElse(unknown)}, locale);
            case EXPERT -> messages.getMessage("scope.nothing", null, locale);
            case SOLVER -> messages.getMessage("scope.solver", null, locale);
        };
    }
}
