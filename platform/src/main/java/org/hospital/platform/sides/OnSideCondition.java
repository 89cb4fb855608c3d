package org.hospital.platform.sides;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

class OnSideCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        var attributes = metadata.getAnnotationAttributes(ConditionalOnSide.class.getName());
        if (attributes == null) {
            return true;
        }
        Side side = (Side) attributes.get("value");
        return Side.parse(context.getEnvironment().getProperty(Side.PROPERTY)).contains(side);
    }
}
