package org.innoladder.web.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;

/** The description served at {@code /v3/api-docs} (only {@code /api/**} is documented; see application.yml). */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    /**
     * Every operation needs credentials: HTTP Basic (a user's name and password), a bank API token as
     * {@code Bearer} (bank clients, docs/credit.md), or the browser session of the pages. Declared once for the
     * whole document, so a client generator knows how to call each operation.
     */
    @Bean
    OpenAPI innoLadderOpenApi() {
        return new OpenAPI()
                .components(new Components()
                        .addSecuritySchemes("basicAuth", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("A user's name and password; audited once per address and window"))
                        .addSecuritySchemes("bankToken", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("A bank API token (ilb_…), created on the bank desk; scoped to its bank, rate-limited"))
                        .addSecuritySchemes("session", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.COOKIE).name("JSESSIONID")
                                .description("The pages' session; state-changing requests also need the X-CSRF-TOKEN header")))
                .addSecurityItem(new SecurityRequirement().addList("basicAuth"))
                .addSecurityItem(new SecurityRequirement().addList("bankToken"))
                .addSecurityItem(new SecurityRequirement().addList("session"))
                .info(new Info()
                .title("InnoLadder API")
                .version("v1")
                .description("""
                        科创梯度培育平台 (InnoLadder) REST API. Read access to the enterprise data platform (一企一档): \
                        enterprises keyed by their unified social credit code (统一社会信用代码, GB 32100), their \
                        recognitions and their yearly facts with the import batch that supplied each value. \
                        Every answer is limited to the caller's data scope (region subtree, own enterprise, \
                        authorising enterprises for banks); an enterprise outside the scope is reported as not \
                        found. Money is in yuan (元) except valuation_usd; null means unknown, never zero. \
                        Errors are RFC 9457 problem details (application/problem+json).""")
                .license(new License().name("Open source")));
    }
}
