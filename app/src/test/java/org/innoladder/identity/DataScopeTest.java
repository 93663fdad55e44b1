package org.innoladder.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DataScopeTest {
    @Test
    void roleDecidesTheScope() {
        assertThat(user(Role.ADMIN).scope()).isInstanceOf(DataScope.All.class);
        assertThat(user(Role.TOWN).scope()).isEqualTo(new DataScope.RegionSubtree("320412100"));
        assertThat(user(Role.ENTERPRISE).scope()).isEqualTo(new DataScope.OwnEnterprise(7));
        assertThat(user(Role.BANK).scope()).isEqualTo(new DataScope.AuthorisedBank(3));
        assertThat(user(Role.EXPERT).scope()).isInstanceOf(DataScope.AssignedReviews.class);
    }

    @Test
    void regionValuesAreBoundNotPasted() {
        DataScope.SqlFilter f = new DataScope.RegionSubtree("3204").enterpriseFilter("e");
        assertThat(f.sql()).isEqualTo("e.region_code LIKE :scope_region").doesNotContain("3204");
        assertThat(f.params()).containsEntry("scope_region", "3204%");
    }

    @Test
    void refusesARegionCodeThatIsNotDigits() {
        assertThatThrownBy(() -> new DataScope.RegionSubtree("32' OR '1'='1")).isInstanceOf(IllegalArgumentException.class);
    }

    private static CurrentUser user(Role role) {
        return new CurrentUser(1, "u", "U", role, "320412100", 7L, 3L);
    }
}
