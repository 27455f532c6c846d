package io.devloop.incidents;

import io.devloop.config.ConfigException;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How long an incident may go without a status update before its commander is reminded: by default 15 min
 * for SEV1, 30 for SEV2, 60 for SEV3, never for SEV4. {@code DEVLOOP_INCIDENT_UPDATE_EVERY} overrides it,
 * e.g. {@code sev1=10m,sev2=20m,sev3=1h,sev4=off}.
 */
public record UpdateCadence(Map<Severity, Duration> every) {
    public static final UpdateCadence DEFAULT = new UpdateCadence(Map.of(
            Severity.SEV1, Duration.ofMinutes(15), Severity.SEV2, Duration.ofMinutes(30), Severity.SEV3, Duration.ofMinutes(60)));

    public Optional<Duration> of(Severity severity) {
        return Optional.ofNullable(every.get(severity));
    }

    /** Parses the override; null or blank keeps the defaults. */
    public static UpdateCadence parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return DEFAULT;
        }
        Map<Severity, Duration> every = new EnumMap<>(DEFAULT.every);
        for (String part : spec.split(",")) {
            String[] kv = part.strip().split("=", 2);
            Optional<Severity> sev = Severity.parse(kv[0]);
            if (kv.length != 2 || sev.isEmpty()) {
                throw problem(spec);
            }
            String value = kv[1].strip().toLowerCase(Locale.ROOT);
            if (value.equals("off") || value.equals("none")) {
                every.remove(sev.get());
                continue;
            }
            try {
                Duration d = Duration.parse("PT" + value.toUpperCase(Locale.ROOT));
                if (d.isNegative() || d.isZero()) {
                    throw problem(spec);
                }
                every.put(sev.get(), d);
            } catch (java.time.format.DateTimeParseException e) {
                throw problem(spec);
            }
        }
        return new UpdateCadence(Map.copyOf(every));
    }

    private static ConfigException problem(String spec) {
        return new ConfigException(List.of("DEVLOOP_INCIDENT_UPDATE_EVERY must look like sev1=15m,sev2=30m,sev3=1h,sev4=off; got '"
                + spec + "'"));
    }
}
