package org.hospital.platform.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.stereotype.Component;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * A number is not a boolean: by default Jackson reads {@code "on_oxygen": 2} as {@code true}, so a device sending a
 * code where a flag belongs would silently change a NEWS2 score. Such a request is refused (400) instead.
 */
@Component
class StrictJsonInput implements JsonMapperBuilderCustomizer {

    @Override
    public void customize(JsonMapper.Builder builder) {
        builder.withCoercionConfig(LogicalType.Boolean,
                config -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail));
    }
}
