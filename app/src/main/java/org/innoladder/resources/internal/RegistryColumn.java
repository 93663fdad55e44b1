package org.innoladder.resources.internal;

import org.springframework.modulith.NamedInterface;

import java.util.List;

/** A column of a registry file: its English key, its Chinese header and the other spellings a file may use. */
@NamedInterface("registry-file")
public record RegistryColumn(String key, String zh, boolean required, List<String> aliases) {
    public RegistryColumn(String key, String zh, boolean required, String... aliases) {
        this(key, zh, required, List.of(aliases));
    }

    boolean matches(String header) {
        String h = normalise(header);
        if (h.equals(normalise(key)) || h.equals(normalise(zh))) return true;
        return aliases.stream().anyMatch(a -> h.equals(normalise(a)));
    }

    private static String normalise(String s) {
        return s == null ? "" : s.replace("\uFEFF", "").replaceAll("[\\s（）()_*]", "").toLowerCase(java.util.Locale.ROOT);
    }
}
