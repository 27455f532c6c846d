package io.devloop.loop;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class DurationParserTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "30 min; 30", "30m; 30", "2h; 120", "1.5 hours; 90", "1,5 h; 90", "1 day; 1440", "3 days; 4320",
            "1h 30m; 90", "1 hour and 15 minutes; 75", "2 weeks; 20160", "90 MINUTES; 90", "45 sec; 1", "1d, 2h; 1560"})
    void reads_what_people_type(String text, long minutes) {
        assertThat(DurationParser.parse(text)).contains(Duration.ofMinutes(minutes));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "a while", "soon", "30", "min 30", "3 parsecs", "1h and then some", "-2 h", "0 min"})
    void refuses_what_is_not_a_duration(String text) {
        assertThat(DurationParser.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {"45; 45 min", "120; 2 h", "90; 1 h 30 min", "1440; 1 d", "1560; 1 d 2 h"})
    void formats_compactly(long minutes, String expected) {
        assertThat(DurationParser.format(Duration.ofMinutes(minutes))).isEqualTo(expected);
    }
}
