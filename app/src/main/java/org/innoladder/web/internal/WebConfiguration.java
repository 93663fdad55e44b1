package org.innoladder.web.internal;

import org.innoladder.web.BadParameterException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.innoladder.identity.CurrentUserArgumentResolver;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/** Simplified Chinese by default; {@code ?lang=en} (or {@code ?lang=zh-CN}) switches and is remembered. */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebMvcConfigurer {

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("innoladder-lang");
        resolver.setDefaultLocale(Locale.SIMPLIFIED_CHINESE);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        return resolver;
    }

    /**
     * The webjars locator switches Boot's resource chain on, and with it a filter that passes every link a page
     * renders through the static-resource resolvers. The pattern {@code /**} matches every link and a miss is not
     * cached, so each drill-down link searched the classpath: 83 % of the dashboard's server time. The pages link
     * webjars without a version and the webjars handler resolves it when the file is requested, so nothing needs
     * the links rewritten.
     */
    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
        FilterRegistrationBean<ResourceUrlEncodingFilter> off = new FilterRegistrationBean<>(new ResourceUrlEncodingFilter());
        off.setEnabled(false);
        return off;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor() {
            @Override
            protected Locale parseLocaleValue(String value) {
                try {
                    return super.parseLocaleValue(value);
                } catch (IllegalArgumentException e) {
                    // "?lang=<x>" used to be a 500
                    throw new BadParameterException("lang", value, "须为语言代码，如 zh-CN 或 en", "must be a language tag such as zh-CN or en");
                }
            }
        };
        interceptor.setParamName("lang");
        registry.addInterceptor(interceptor);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CurrentUserArgumentResolver());
    }
}
