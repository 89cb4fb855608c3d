package org.hospital.platform.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.stereotype.Component;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Input that Jackson would read one way and another parser (a gateway, an audit tool) another is refused (400):
 * <ul>
 *   <li>a number is not a boolean: by default Jackson reads {@code "on_oxygen": 2} as {@code true}, so a device
 *   sending a code where a flag belongs would silently change a NEWS2 score;</li>
 *   <li>a field named twice in one object ({@code "encounter_id": 1, "encounter_id": 2}): Jackson would keep the
 *   last, a proxy that checked the first would have checked another request.</li>
 * </ul>
 */
@Component
class StrictJsonInput implements JsonMapperBuilderCustomizer {

    @Override
    public void customize(JsonMapper.Builder builder) {
        builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
        builder.withCoercionConfig(LogicalType.Boolean,
                config -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail));
    }
}
