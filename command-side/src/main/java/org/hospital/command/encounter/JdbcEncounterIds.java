package org.hospital.command.encounter;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

@Component
class JdbcEncounterIds implements EncounterIds {

    private final JdbcTemplate jdbc;

    JdbcEncounterIds(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long nextEncounterId() {
        return jdbc.queryForObject("SELECT nextval('encounter_id_seq')", Long.class);
    }

    @Override
    public List<Long> nextReadingIds(int count) {
        return jdbc.queryForList("SELECT nextval('reading_id_seq') FROM generate_series(1, ?)", Long.class, count);
    }

    @Override
    public long nextObservationId() {
        return jdbc.queryForObject("SELECT nextval('observation_id_seq')", Long.class);
    }
}
