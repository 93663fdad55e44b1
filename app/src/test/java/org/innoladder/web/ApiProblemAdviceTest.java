package org.innoladder.web;

import org.innoladder.web.internal.ApiProblemAdvice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.access.AccessDeniedException;

class ApiProblemAdviceTest {
    private final ApiProblemAdvice advice = new ApiProblemAdvice();
    private final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/enterprises");

    @Test
    void unexpectedErrorsBecomeA500ProblemWithoutInternals() {
        ProblemDetail p = advice.unexpected(new IllegalStateException("password=secret at org.example.Foo"), request);
        assertThat(p.getStatus()).isEqualTo(500);
        assertThat(p.getType()).isEqualTo(ApiProblemAdvice.INTERNAL);
        assertThat(p.getInstance()).hasToString("/api/v1/enterprises");
        assertThat(p.getDetail() + p.getProperties()).doesNotContain("secret").doesNotContain("IllegalStateException")
                .doesNotContain("org.example");
    }

    @Test
    void badParameterNamesParameterValueAndRuleInBothLanguages() {
        ProblemDetail p = advice.badParameter(new BadParameterException("size", "500", "必须在 1 到 200 之间",
                "must be between 1 and 200"), request);
        assertThat(p.getStatus()).isEqualTo(400);
        assertThat(p.getDetail()).isEqualTo("Parameter 'size' = '500': must be between 1 and 200");
        assertThat(p.getProperties()).containsEntry("parameter", "size").containsEntry("value", "500")
                .containsEntry("rule", "must be between 1 and 200")
                .containsEntry("detailZh", "参数 size 的值“500”不符合规则：必须在 1 到 200 之间");
    }

    @Test
    void securityFailuresGoBackToSpringSecurityNotTo500() {
        AccessDeniedException denied = new AccessDeniedException("x");
        assertThatThrownBy(() -> advice.security(denied)).isSameAs(denied);
    }
}
