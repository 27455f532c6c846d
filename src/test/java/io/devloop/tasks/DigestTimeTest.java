package io.devloop.tasks;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class DigestTimeTest {
    @ParameterizedTest
    @CsvSource({"09:00,09:00", "9:00,09:00", "00:00,00:00", "23:59,23:59", "9am,09:00", "9 AM,09:00", "5:30pm,17:30",
            "12am,00:00", "12pm,12:00", "12:15 p.m.,12:15"})
    void reads_24_hour_and_12_hour_times(String typed, String stored) {
        assertThat(DigestTime.parse(typed).map(DigestTime::format)).contains(stored);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "9", "0900", "24:00", "23:60", "9:5", "13pm", "0am", "noon", "09:00:00", "-1:00", "nine"})
    void refuses_what_it_cannot_read_unambiguously(String typed) {
        assertThat(DigestTime.parse(typed)).isEmpty();
    }
}
