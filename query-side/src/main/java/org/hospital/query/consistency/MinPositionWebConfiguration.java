package org.hospital.query.consistency;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Lets query endpoints take a {@link MinPosition} parameter. */
@Configuration(proxyBeanMethods = false)
class MinPositionWebConfiguration implements WebMvcConfigurer {

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new MinPositionResolver());
    }
}
