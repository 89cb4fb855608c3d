package org.hospital.alerting.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** NEWS2 (RCP 2017) against the docs/api.md, Alert rules section's scoring table: both sides of every band edge. */
class News2Test {

    @ParameterizedTest(name = "respiration {0} -> {1}")
    @CsvSource({"0,3", "8,3", "9,1", "11,1", "12,0", "20,0", "21,2", "24,2", "25,3", "60,3"})
    void scoresRespirationRateByChart1(int breaths, int expected) {
        assertThat(News2.respirationRate(breaths)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "SpO2 scale 1 {0} -> {1}")
    @CsvSource({"70,3", "91,3", "92,2", "93,2", "94,1", "95,1", "96,0", "100,0"})
    void scoresSpo2OnScale1ByChart1(int percent, int expected) {
        assertThat(News2.spo2Scale1(percent)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "SpO2 scale 2 {0} on oxygen {1} -> {2}")
    @CsvSource({
            "70,false,3", "83,false,3", "83,true,3",
            "84,false,2", "85,true,2",
            "86,false,1", "87,true,1",
            "88,false,0", "88,true,0", "92,false,0", "92,true,0",
            "93,false,0", "97,false,0", "100,false,0",
            "93,true,1", "94,true,1",
            "95,true,2", "96,true,2",
            "97,true,3", "100,true,3"})
    void scoresSpo2OnScale2ByChart1(int percent, boolean onOxygen, int expected) {
        assertThat(News2.spo2Scale2(percent, onOxygen)).isEqualTo(expected);
    }

    @Test
    void scoresTwoForSupplementalOxygenAndZeroForAir() {
        assertThat(News2.airOrOxygen(true)).isEqualTo(2);
        assertThat(News2.airOrOxygen(false)).isZero();
    }

    @ParameterizedTest(name = "systolic {0} -> {1}")
    @CsvSource({"50,3", "90,3", "91,2", "100,2", "101,1", "110,1", "111,0", "219,0", "220,3", "280,3"})
    void scoresSystolicBloodPressureByChart1(int mmHg, int expected) {
        assertThat(News2.systolicBp(mmHg)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "pulse {0} -> {1}")
    @CsvSource({"20,3", "40,3", "41,1", "50,1", "51,0", "90,0", "91,1", "110,1", "111,2", "130,2", "131,3", "200,3"})
    void scoresPulseByChart1(int beats, int expected) {
        assertThat(News2.pulse(beats)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "consciousness {0} -> {1}")
    @CsvSource({"A,0", "C,3", "V,3", "P,3", "U,3", "a,0", "u,3", "' V ',3", "'A ',0"})
    void scoresConsciousnessByAcvpu(String level, int expected) {
        assertThat(News2.consciousness(level)).isEqualTo(expected);
    }

    @Test
    void leavesAnUnknownConsciousnessLevelUnscored() {
        assertThat(News2.consciousness("X")).isNull();
        assertThat(News2.consciousness(null)).isNull();
    }

    @ParameterizedTest(name = "temperature {0} -> {1}")
    @CsvSource({"33.0,3", "35.0,3", "35.1,1", "36.0,1", "36.1,0", "38.0,0", "38.1,1", "39.0,1", "39.1,2", "41.0,2",
            "35.04,3", "35.05,1", "36.04,1", "36.05,0", "38.04,0", "38.05,1", "39.04,1", "39.05,2"})
    void scoresTemperatureByChart1RoundedToOneDecimal(double celsius, int expected) {
        assertThat(News2.temperature(celsius)).isEqualTo(expected);
    }

    @Test
    void addsTheSevenSubScoresOfACompleteSet() {
        // RR 22 (2), SpO2 93 scale 1 (2), oxygen (2), SBP 105 (1), pulse 115 (2), alert (0), 38.5 (1) = 10.
        News2Score score = News2.score(new News2Inputs(22, 93, true, 105, 115, "A", 38.5, 1));

        assertThat(score.aggregate()).isEqualTo(10);
        assertThat(score.complete()).isTrue();
        assertThat(score.risk()).isEqualTo(News2Risk.HIGH);
        assertThat(List.of(score.respirationRate(), score.spo2(), score.airOrOxygen(), score.systolicBp(),
                score.pulse(), score.consciousness(), score.temperature())).containsExactly(2, 2, 2, 1, 2, 0, 1);
    }

    @Test
    void scoresSpo2OnScale2WithTheOxygenStatus() {
        // Scale 2, SpO2 97 on oxygen: over-oxygenation scores 3, plus 2 for the oxygen itself.
        News2Score onOxygen = News2.score(new News2Inputs(16, 97, true, 120, 70, "A", 37.0, 2));
        News2Score onAir = News2.score(new News2Inputs(16, 97, false, 120, 70, "A", 37.0, 2));

        assertThat(onOxygen.spo2()).isEqualTo(3);
        assertThat(onOxygen.aggregate()).isEqualTo(5);
        assertThat(onAir.spo2()).isZero();
        assertThat(onAir.aggregate()).isZero();
    }

    @Test
    void scoresScale2AtNinetyThreeOrMoreAsOnAirWhenTheOxygenStatusIsUnknown() {
        // The lower of the possible scores: the aggregate of a partial set stays a floor of the full score.
        News2Score unknown = News2.score(new News2Inputs(16, 95, null, 120, 70, "A", 37.0, 2));

        assertThat(unknown.spo2()).isZero();
        assertThat(unknown.airOrOxygen()).isNull();
        assertThat(unknown.aggregate()).isZero();
        assertThat(unknown.missing()).containsExactly("air or oxygen");
    }

    @Test
    void scoresTheSameSaturationDifferentlyOnTheTwoScales() {
        News2Score scale1 = News2.score(new News2Inputs(16, 89, false, 120, 70, "A", 37.0, 1));
        News2Score scale2 = News2.score(new News2Inputs(16, 89, false, 120, 70, "A", 37.0, 2));

        assertThat(scale1.spo2()).isEqualTo(3);
        assertThat(scale2.spo2()).isZero();
        assertThat(scale2.spo2Scale()).isEqualTo(2);
    }

    @ParameterizedTest(name = "aggregate {0}, red {1} -> {2}")
    @CsvSource({"0,false,LOW", "4,false,LOW", "3,true,LOW_MEDIUM", "4,true,LOW_MEDIUM", "5,false,MEDIUM",
            "5,true,MEDIUM", "6,true,MEDIUM", "7,false,HIGH", "7,true,HIGH", "12,true,HIGH"})
    void bandsRiskByChart3(int aggregate, boolean red, News2Risk expected) {
        assertThat(News2.risk(aggregate, red)).isEqualTo(expected);
    }

    @Test
    void scoresOnlyTheParametersPresentAndSaysWhichAreMissing() {
        News2Score score = News2.score(new News2Inputs(null, 91, null, null, 135, null, null, 1));

        assertThat(score.aggregate()).isEqualTo(6);
        assertThat(score.complete()).isFalse();
        assertThat(score.parametersScored()).isEqualTo(2);
        assertThat(score.missing()).containsExactly("respiration rate", "air or oxygen", "systolic blood pressure",
                "consciousness", "temperature");
        assertThat(score.respirationRate()).isNull();
    }

    @ParameterizedTest(name = "rr {0}, spo2 {1}, sbp {2}, pulse {3}, {4}, {5} -> {6}: {7}")
    @CsvSource(delimiter = '|', textBlock = """
            16 | 96 | 120 | 70  | A | 37.0 | 0  | -
            21 | 96 | 120 | 91  | A | 38.1 | 4  | -
            21 | 96 | 120 | 111 | A | 38.1 | 5  | NEWS2_MEDIUM
            21 | 94 | 120 | 111 | A | 38.1 | 6  | NEWS2_MEDIUM
            21 | 94 | 110 | 111 | A | 38.1 | 7  | NEWS2_HIGH
            16 | 96 | 120 | 70  | V | 37.0 | 3  | NEWS2_RED_SCORE
            25 | 96 | 120 | 111 | A | 37.0 | 5  | NEWS2_MEDIUM NEWS2_RED_SCORE
            25 | 91 | 120 | 131 | A | 37.0 | 9  | NEWS2_HIGH NEWS2_RED_SCORE
            """)
    void raisesTheContractsNews2AlertsByAggregateAndRedScore(int rr, int spo2, int sbp, int pulse, String acvpu,
                                                            double temp, int aggregate, String expected) {
        News2Score score = News2.score(new News2Inputs(rr, spo2, false, sbp, pulse, acvpu, temp, 1));

        assertThat(score.aggregate()).isEqualTo(aggregate);
        assertThat(News2.breaches(score)).extracting(b -> b.type().name())
                .containsExactlyElementsOf("-".equals(expected) ? List.of() : List.of(expected.split(" ")));
    }

    @Test
    void givesNews2AlertsTheirContractSeverities() {
        assertThat(AlertType.NEWS2_MEDIUM.severity()).isEqualTo(Severity.HIGH);
        assertThat(AlertType.NEWS2_HIGH.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(AlertType.NEWS2_RED_SCORE.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(AlertType.OBSERVATIONS_OVERDUE.severity()).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void keepsTheScoreAndTheMeasurementsAsEvidence() {
        News2Score score = News2.score(new News2Inputs(25, 91, true, 120, 131, "A", 37.0, 1));

        Breach high = News2.breaches(score).getFirst();

        assertThat(high.type()).isEqualTo(AlertType.NEWS2_HIGH);
        assertThat(high.news2()).isEqualTo(score);
        assertThat(high.rule()).contains("RCP 2017 chart 3");
        assertThat(high.message()).isEqualTo("NEWS2 score 11: high clinical risk");
        assertThat(high.values()).containsEntry("resp_rate", 25.0).containsEntry("spo2_pct", 91.0)
                .containsEntry("on_oxygen", 1.0).containsEntry("hr_bpm", 131.0).containsEntry("news2_score", 11.0);
    }

    @Test
    void namesTheMissingParametersInTheMessageOfAPartialScore() {
        News2Score score = News2.score(new News2Inputs(25, 91, null, null, 131, null, null, 1));

        assertThat(News2.breaches(score).getFirst().message())
                .isEqualTo("NEWS2 score 9: high clinical risk (3 of 7 parameters fresh; missing: air or oxygen, "
                        + "systolic blood pressure, consciousness, temperature)");
    }

    @ParameterizedTest(name = "aggregate {6} -> every {7}")
    @CsvSource(delimiter = '|', textBlock = """
            16 | 96 | 120 | 70  | 37.0 | false | 0 | PT12H
            11 | 96 | 120 | 70  | 37.0 | false | 1 | PT4H
            21 | 96 | 120 | 91  | 38.1 | false | 4 | PT4H
            21 | 96 | 120 | 111 | 38.1 | false | 5 | PT1H
            21 | 95 | 120 | 111 | 38.1 | false | 6 | PT1H
            21 | 95 | 110 | 111 | 38.1 | false | 7 | PT15M
            """)
    void setsTheMonitoringIntervalOnBothSidesOfEachBandEdge(int rr, int spo2, int sbp, int pulse, double temp,
                                                           boolean oxygen, int aggregate, Duration expected) {
        News2Score score = News2.score(new News2Inputs(rr, spo2, oxygen, sbp, pulse, "A", temp, 1));

        assertThat(score.aggregate()).isEqualTo(aggregate);
        assertThat(score.risk()).isNotEqualTo(News2Risk.LOW_MEDIUM); // no red score: the aggregate alone decides
        assertThat(News2.monitoringInterval(score, Duration.ofMinutes(15))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "rr {0}, spo2 {1}, pulse {2}, {3} -> every {4}")
    @CsvSource(delimiter = '|', textBlock = """
            16 | 96 | 70  | A | PT12H
            21 | 96 | 70  | A | PT4H
            25 | 96 | 70  | A | PT1H
            21 | 95 | 111 | A | PT1H
            25 | 91 | 111 | A | PT15M
            """)
    void setsTheMonitoringIntervalByChart4(int rr, int spo2, int pulse, String acvpu, Duration expected) {
        News2Score score = News2.score(new News2Inputs(rr, spo2, false, 120, pulse, acvpu, 37.0, 1));

        assertThat(News2.monitoringInterval(score, Duration.ofMinutes(15))).isEqualTo(expected);
    }
}
