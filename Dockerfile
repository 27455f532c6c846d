# syntax=docker/dockerfile:1
# Build stage: the same command as the README, so the image runs the jar the tests ran against.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B package -DskipTests

# Runtime stage: JRE only, non-root.
FROM eclipse-temurin:17-jre
# curl for the HEALTHCHECK; fonts for server-side images (loop diagrams)
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl fontconfig fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin devloop \
 && mkdir -p /app/data \
 && chown -R devloop /app
WORKDIR /app
COPY --from=build /src/target/devloop.jar /app/devloop.jar
USER devloop
ENV PORT=3000
EXPOSE 3000
# ./data holds the embedded H2 database (default DEVLOOP_DB_URL is relative to /app)
VOLUME ["/app/data"]
HEALTHCHECK --interval=30s --timeout=3s --start-period=40s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${PORT}/health" || exit 1
# exec form: java is PID 1 and gets SIGTERM, which runs devloop's graceful stop
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/devloop.jar"]
