package org.innoladder.identity;

/** The roles of ../shared/DESIGN.md; each implies the kind of data scope its users have. */
public enum Role {
    ADMIN, BUREAU, TOWN, ENTERPRISE, BANK, EXPERT, LEADER,
    /** A university, institute or enterprise answering 揭榜挂帅 challenges (self-registered, activated by a bureau). */
    SOLVER;

    /** The Spring Security authority name. */
    public String authority() {
        return "ROLE_" + name();
    }

    /** Whether the role may change data (LEADER is read-only). */
    public boolean canWrite() {
        return this != LEADER;
    }
}
