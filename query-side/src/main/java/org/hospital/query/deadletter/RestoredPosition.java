package org.hospital.query.deadletter;

import java.util.Map;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.hospital.platform.messaging.PositionCarryingConverter;

/**
 * Gives a retried event its event-store position back as a {@code Long}. A parked event's metadata is stored as
 * JSON and read back as the smallest fitting number (an {@code Integer} for most positions), while the projections
 * take the position as {@code Long}: without this, a retried event fails on "argument type mismatch". Events from
 * Kafka already carry a {@code Long} and pass unchanged.
 */
final class RestoredPosition implements MessageHandlerInterceptor<EventMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        Object position = unitOfWork.getMessage().getMetaData().get(PositionCarryingConverter.METADATA_KEY);
        if (position instanceof Number number && !(position instanceof Long)) {
            unitOfWork.transformMessage(event -> event.andMetaData(
                    Map.of(PositionCarryingConverter.METADATA_KEY, number.longValue())));
        }
        return interceptorChain.proceed();
    }
}
