# syntax=docker/dockerfile:1
# The Shipmate image: the one runnable jar on a JRE, as a non-root user.
#   docker build -t shipmate .
#   docker run -p 3000:3000 -e SLACK_BOT_TOKEN -e SLACK_SIGNING_SECRET \
#     -v $PWD/shipmate.yaml:/etc/shipmate/shipmate.yaml:ro shipmate
# See docs/operations.md.

# --- build: the same command as CI and the README (mvn -DskipTests package) ----------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# Tests and the format check run in CI. The local repository is a BuildKit cache: a rebuild after a
# source change downloads nothing.
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -DskipTests -Dspotless.skip=true package

# --- runtime: a JRE and the jar, nothing else -----------------------------------------------
FROM eclipse-temurin:17-jre-jammy
# A fixed numeric id, so that Kubernetes' runAsNonRoot can check it without a user database.
RUN groupadd --system --gid 10001 shipmate \
 && useradd --system --uid 10001 --gid shipmate --home-dir /app --shell /usr/sbin/nologin shipmate
WORKDIR /app
COPY --from=build /src/bot/target/shipmate.jar /app/shipmate.jar
# The JVM sizes its heap from the container's memory limit, and a JVM out of memory exits so that
# Kubernetes restarts it instead of leaving it half alive.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp" \
    PORT=3000 \
    SHIPMATE_CONFIG=/etc/shipmate/shipmate.yaml \
    LOG_FORMAT=json
EXPOSE 3000
USER 10001:10001
ENTRYPOINT ["java", "-jar", "/app/shipmate.jar"]
CMD ["serve"]
