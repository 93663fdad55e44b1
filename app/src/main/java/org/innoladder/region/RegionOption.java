package org.innoladder.region;

/** A region offered in a filter select. */
public record RegionOption(String code, String name) {
}
