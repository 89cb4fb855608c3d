# One image for every side; HOSPITAL_SIDES picks which runs. Build the jar first: ./mvnw -DskipTests package
FROM eclipse-temurin:25-jre
# curl for the compose file's health checks (GET /actuator/health/readiness on the management port).
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 hospital
COPY hospital-app/target/hospital-app-exec.jar /app/hospital-app.jar
USER hospital
EXPOSE 8080 8081
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/hospital-app.jar"]
