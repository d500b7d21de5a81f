# One image per service, both built from the whole repository (build context = repo root):
#   docker build --build-arg SERVICE=message-service -t im/message-service .
#   docker build --build-arg SERVICE=push-gateway -t im/push-gateway .
# docker-compose.yml does this for both.

# ---- build: the same JDK major as the project's build (17)
FROM maven:3.9-eclipse-temurin-17 AS build
ARG SERVICE=message-service
WORKDIR /src
COPY . .
# Formatting is checked by the project's own build and CI; the image only packages.
RUN mvn -B -q -DskipTests -Dspotless.check.skip=true package -pl "${SERVICE}" -am

# ---- run: the JRE and the Quarkus fast-jar layout
FROM eclipse-temurin:17-jre
ARG SERVICE=message-service
WORKDIR /app
COPY --from=build --chown=1001:0 /src/${SERVICE}/target/quarkus-app/lib/ /app/lib/
COPY --from=build --chown=1001:0 /src/${SERVICE}/target/quarkus-app/*.jar /app/
COPY --from=build --chown=1001:0 /src/${SERVICE}/target/quarkus-app/app/ /app/app/
COPY --from=build --chown=1001:0 /src/${SERVICE}/target/quarkus-app/quarkus/ /app/quarkus/
# The demo keeps its generated signing keys in a volume mounted here (docker-compose.yml).
RUN mkdir /keys && chown 1001:0 /keys
USER 1001
EXPOSE 8080 8081 9000 9001
ENV JAVA_OPTS="-XX:MaxRAMPercentage=75 -Djava.util.logging.manager=org.jboss.logmanager.LogManager"
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/quarkus-run.jar"]
