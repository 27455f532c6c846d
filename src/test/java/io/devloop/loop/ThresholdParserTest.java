package io.devloop.loop;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ThresholdParserTest {

    @ParameterizedTest(name = "“{0}” of “{1}” → {2} {3} {4} {5}")
    @CsvSource(delimiter = ';', nullValues = "NONE", textBlock = """
            p95 > 500 ms;                 Checkout latency; p95;              >;  500;    ms
            > 1 %;                        Error rate;       Error rate;       >;  1;      %
            >1%;                          Error rate;       Error rate;       >;  1;      %
            error rate >= 2.5%;           Errors;           error rate;       >=; 2.5;    %
            error rate >= 2,5 %;          Errors;           error rate;       >=; 2.5;    %
            p99 ≤ 1.2 s;                  Latency;          p99;              <=; 1.2;    s
            availability ≥ 99.95 %;       Uptime;           availability;     >=; 99.95;  %
            throughput < 200 req/s;       Throughput;       throughput;       <;  200;    req/s
            < 50 rps;                     Checkout rate;    Checkout rate;    <;  50;     rps
            heap > 512 MB;                Memory;           heap;             >;  512;    MB
            queue depth = 0;              Backlog;          queue depth;      =;  0;      NONE
            queue depth == 0;             Backlog;          queue depth;      =;  0;      NONE
            p95 > 500 ms for 10 min;      Latency;          p95;              >;  500;    ms
            p95>500ms;                    Latency;          p95;              >;  500;    ms
            temperature < -5;             Cold store;       temperature;      <;  -5;     NONE
            > 3 for 5 min;                Retries;          Retries;          >;  3;      NONE
            Fehlerquote ≥ 0,5 %;          Fehler;           Fehlerquote;      >=; 0.5;    %
            """)
    void reads_a_threshold_into_metric_comparator_value_and_unit(String text, String name, String metric,
                                                                 String comparator, double value, String unit) {
        var result = ThresholdParser.parse(text, name);

        assertThat(result).isInstanceOf(ThresholdParser.Result.Parsed.class);
        var t = ((ThresholdParser.Result.Parsed) result).threshold();
        assertThat(t.metric()).isEqualTo(metric);
        assertThat(t.comparator()).isEqualTo(comparator);
        assertThat(t.value()).isEqualTo(value);
        assertThat(t.unit()).isEqualTo(unit);
    }

    @ParameterizedTest(name = "“{0}” is refused: {1}")
    @CsvSource(delimiter = ';', textBlock = """
            p95 500 ms;                   no comparator
            high;                         no comparator
            p95 > ms;                     no number after >
            error rate >=;                no number after >=
            p95 > 500 ms sometimes;       only a unit may follow
            p95 > 500 ms for ever;        only a unit may follow
            > 1,000 rps;                  write 1000 or 1.000
            '  ';                         empty
            """)
    void refuses_what_has_no_comparator_or_number_and_says_why(String text, String reason) {
        var result = ThresholdParser.parse(text, "Latency");

        assertThat(result).isInstanceOf(ThresholdParser.Result.Invalid.class);
        assertThat(((ThresholdParser.Result.Invalid) result).problem()).contains(reason);
    }
}
