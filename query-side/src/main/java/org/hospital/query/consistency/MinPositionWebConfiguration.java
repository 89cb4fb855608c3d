package org.hospital.query.consistency;

import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Lets query endpoints take a {@link MinPosition} parameter, and describes it in the API description as what a
 * client sends: the optional {@code min_position} query parameter or {@code X-Min-Position} header, not the record
 * springdoc would otherwise read as a required parameter of its own.
 */
@Configuration(proxyBeanMethods = false)
class MinPositionWebConfiguration implements WebMvcConfigurer {

    private static final String DESCRIPTION = "Answer only once the views have reached this event position (from a "
            + "write's X-Event-Position), or say X-Position-Reached: false after a short wait (docs/api.md, "
            + "Read-your-writes)";

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new MinPositionResolver());
    }

    @Bean
    OperationCustomizer minPositionDescription() {
        return (operation, handler) -> {
            boolean takesPosition = Arrays.stream(handler.getMethodParameters())
                    .anyMatch(parameter -> parameter.getParameterType() == MinPosition.class);
            if (takesPosition && operation.getParameters() != null) {
                operation.getParameters().removeIf(parameter -> "minPosition".equals(parameter.getName()));
                operation.addParametersItem(position(MinPositionResolver.PARAMETER, "query"));
                operation.addParametersItem(position(MinPositionResolver.HEADER, "header"));
            }
            return operation;
        };
    }

    private static Parameter position(String name, String in) {
        return new Parameter().name(name).in(in).required(false).description(DESCRIPTION)
                .schema(new IntegerSchema().format("int64").minimum(BigDecimal.ZERO));
    }
}
