# Kafka UI's serde for order-saga (module kafka-ui-serde), built like the services. docker-compose.yml runs this
# image once before Kafka UI starts: it copies the jar into the volume Kafka UI loads it from.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -Dmaven.test.skip=true package -pl kafka-ui-serde -am

FROM eclipse-temurin:17-jre
COPY --from=build /src/kafka-ui-serde/target/order-saga-kafka-ui-serde.jar /order-saga-kafka-ui-serde.jar
CMD ["cp", "/order-saga-kafka-ui-serde.jar", "/serdes/"]
