package org.hospital.command.encounter;

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
    public long nextReadingId() {
        return jdbc.queryForObject("SELECT nextval('reading_id_seq')", Long.class);
    }
}
