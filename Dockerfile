# One image for every side; HOSPITAL_SIDES picks which runs. Build the jar first: ./mvnw -DskipTests package
FROM eclipse-temurin:25-jre
RUN useradd --system --uid 10001 hospital
COPY hospital-app/target/hospital-app-exec.jar /app/hospital-app.jar
USER hospital
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/hospital-app.jar"]
