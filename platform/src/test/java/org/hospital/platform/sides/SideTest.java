package org.hospital.platform.sides;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SideTest {

    @Test
    void runsEverySideWhenNothingOrAllIsNamed() {
        assertThat(Side.parse(null)).containsExactlyInAnyOrder(Side.values());
        assertThat(Side.parse(" ALL ")).containsExactlyInAnyOrder(Side.values());
    }

    @Test
    void runsOnlyTheNamedSides() {
        assertThat(Side.parse("query, alerting")).containsExactlyInAnyOrder(Side.QUERY, Side.ALERTING);
    }

    @Test
    void rejectsAnUnknownSide() {
        assertThatThrownBy(() -> Side.parse("reporting")).isInstanceOf(IllegalArgumentException.class);
    }
}
