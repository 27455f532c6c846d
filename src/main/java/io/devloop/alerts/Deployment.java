package io.devloop.alerts;

import java.time.Instant;
import java.util.regex.Pattern;

/** A GitHub deployment_status with a final state: success, failure or error. */
public record Deployment(long id, String teamId, String service, String environment, boolean production, String state,
                         String sha, String ref, Instant deployedAt, Long githubStatusId, Instant createdAt) {
    public static final String SUCCESS = "success";

    /**
     * Production for DORA: GitHub's own {@code production_environment} flag, or an environment named {@code production}
     * or {@code prod}, alone or as one part of a name like {@code prod-eu} or {@code eu/production}.
     */
    private static final Pattern PRODUCTION = Pattern.compile("(?i)(.*[-_./ ])?(prod|production)([-_./ ].*)?");

    public static boolean isProduction(String environment, Boolean productionFlag) {
        return Boolean.TRUE.equals(productionFlag) || environment != null && PRODUCTION.matcher(environment.strip()).matches();
    }
}
