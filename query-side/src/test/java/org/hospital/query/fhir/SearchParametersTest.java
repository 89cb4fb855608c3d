package org.hospital.query.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** Which observations a search's category and code leave, and what the strict reading refuses. */
class SearchParametersTest {

    private static final Set<String> OBSERVATION = Set.of("encounter", "category", "code", "date");

    @Test
    void leavesEveryKindWithoutCategoryOrCode() {
        assertThat(parameters("encounter=1").observationKinds())
                .containsExactly("hr", "spo2", "temp", "bp", "rr", "news2");
    }

    @Test
    void leavesTheVitalSignsForTheirCategoryAndNews2ForSurvey() {
        assertThat(parameters("category=vital-signs").observationKinds()).doesNotContain("news2").hasSize(5);
        assertThat(parameters("category=http://terminology.hl7.org/CodeSystem/observation-category|survey")
                .observationKinds()).containsExactly("news2");
    }

    @Test
    void findsOxygenSaturationByEitherLoincCodeAndCombinesCodesWithOr() {
        assertThat(parameters("code=59408-5").observationKinds()).containsExactly("spo2");
        assertThat(parameters("code=http://loinc.org|8867-4,9279-1").observationKinds()).containsExactly("hr", "rr");
        assertThat(parameters("code=1234-5").observationKinds()).isEmpty();
    }

    @Test
    void refusesUnsupportedParametersAndCountsAboveTheMaximum() {
        assertThatThrownBy(() -> parameters("value-quantity=gt100")).isInstanceOf(InvalidSearch.class);
        assertThatThrownBy(() -> parameters("_count=1001").count()).isInstanceOf(InvalidSearch.class);
        assertThatThrownBy(() -> parameters("_sort=code").ascendingByDate()).isInstanceOf(InvalidSearch.class);
        assertThat(parameters("_count=1000").count()).isEqualTo(SearchParameters.MAX_COUNT);
    }

    @Test
    void readsAReferenceWithOrWithoutItsType() {
        assertThat(parameters("encounter=Encounter/12").reference("encounter", "Encounter")).isEqualTo(12);
        assertThat(parameters("encounter=12").reference("encounter", "Encounter")).isEqualTo(12);
        assertThatThrownBy(() -> parameters("encounter=Patient/12").reference("encounter", "Encounter"))
                .isInstanceOf(InvalidSearch.class);
    }

    private static SearchParameters parameters(String query) {
        MultiValueMap<String, String> map = new LinkedMultiValueMap<>();
        for (String pair : query.split("&")) {
            map.add(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        return new SearchParameters(map, OBSERVATION);
    }
}
