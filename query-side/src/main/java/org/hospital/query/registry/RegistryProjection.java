package org.hospital.query.registry;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.hospital.events.DoctorRegistered;
import org.hospital.events.NurseRegistered;
import org.hospital.events.PatientRegistered;
import org.hospital.events.RoomAdded;
import org.hospital.platform.messaging.PositionCarryingConverter;
import org.hospital.query.QuerySideConfiguration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Keeps the register's views; each row is an upsert by id, so a redelivered event rewrites the same values. */
@Component
@ProcessingGroup(QuerySideConfiguration.PROJECTIONS)
class RegistryProjection {

    private final JdbcClient jdbc;

    RegistryProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Also records the registration's position: a client that registered the patient may wait for it. */
    @EventHandler
    void on(PatientRegistered event, @MetaDataValue(PositionCarryingConverter.METADATA_KEY) Long position) {
        jdbc.sql("""
                        INSERT INTO view_patients AS p (id, name, date_of_birth, gender, last_position)
                        VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, date_of_birth = EXCLUDED.date_of_birth,
                            gender = EXCLUDED.gender,
                            last_position = GREATEST(p.last_position, EXCLUDED.last_position)""")
                .params(event.patientId(), event.name(), event.dateOfBirth(), event.gender(), position)
                .update();
    }

    @EventHandler
    void on(DoctorRegistered event) {
        jdbc.sql("""
                        INSERT INTO view_doctors (id, name, user_id) VALUES (?, ?, ?)
                        ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, user_id = EXCLUDED.user_id""")
                .params(event.doctorId(), event.name(), event.userId())
                .update();
    }

    @EventHandler
    void on(NurseRegistered event) {
        jdbc.sql("""
                        INSERT INTO view_nurses (id, name, ward, user_id) VALUES (?, ?, ?, ?)
                        ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, ward = EXCLUDED.ward,
                            user_id = EXCLUDED.user_id""")
                .params(event.nurseId(), event.name(), event.ward(), event.userId())
                .update();
    }

    @EventHandler
    void on(RoomAdded event) {
        jdbc.sql("""
                        INSERT INTO view_rooms (id, room_number, ward) VALUES (?, ?, ?)
                        ON CONFLICT (id) DO UPDATE SET room_number = EXCLUDED.room_number, ward = EXCLUDED.ward""")
                .params(event.roomId(), event.roomNumber(), event.ward())
                .update();
    }
}
