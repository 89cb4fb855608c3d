package org.hospital.query.consistency;

import java.util.List;
import java.util.regex.Pattern;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Reads {@link MinPosition} from {@code ?min_position=} or the {@code X-Min-Position} header (the higher one when
 * both are sent). Anything but a non-negative integer is a validation error naming the parameter.
 */
class MinPositionResolver implements HandlerMethodArgumentResolver {

    static final String PARAMETER = "min_position";
    static final String HEADER = "X-Min-Position";

    /** Up to 18 digits always fits a long; positions are far below that. */
    private static final Pattern NON_NEGATIVE_INTEGER = Pattern.compile("[0-9]{1,18}");

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == MinPosition.class;
    }

    @Override
    public MinPosition resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                       NativeWebRequest request, WebDataBinderFactory binderFactory) {
        Long fromParameter = parse(request.getParameterValues(PARAMETER), PARAMETER, parameter);
        Long fromHeader = parse(request.getHeaderValues(HEADER), HEADER, parameter);
        if (fromParameter == null && fromHeader == null) {
            return MinPosition.NONE;
        }
        if (fromParameter == null || fromHeader == null) {
            return MinPosition.of(fromParameter != null ? fromParameter : fromHeader);
        }
        return MinPosition.of(Math.max(fromParameter, fromHeader));
    }

    private static Long parse(String[] values, String name, MethodParameter parameter) {
        if (values == null || values.length == 0) {
            return null;
        }
        if (values.length > 1 || !NON_NEGATIVE_INTEGER.matcher(values[0]).matches()) {
            throw new MethodArgumentTypeMismatchException(values.length > 1 ? List.of(values) : values[0],
                    Long.class, name, parameter, null);
        }
        return Long.parseLong(values[0]);
    }
}
