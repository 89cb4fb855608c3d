package org.hospital.platform.web;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hospital.platform.error.ErrorCode;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What {@code GET /v3/api-docs} says beyond the routes and bodies springdoc reads from the controllers: the two ways
 * to authenticate (an access token, and a device's key for its readings), which routes need neither, and the error
 * envelope every route answers failures with (docs/api.md, Envelope). The public routes listed here are the ones the
 * security rules permit without authentication; {@code WholeSystemTest} compares the description with the routes the
 * application serves.
 */
@Configuration(proxyBeanMethods = false)
class ApiDescriptionConfiguration {

    static final String BEARER = "bearer";
    static final String DEVICE_KEY = "deviceKey";
    static final String ERROR_ENVELOPE = "ErrorEnvelope";
    /** Answered without authentication: signing in and out, renewing a token, and the process's health. */
    static final Set<String> PUBLIC = Set.of("POST /auth/login", "POST /auth/refresh", "POST /auth/logout",
            "GET /health");
    /** The routes a bedside device may call with its key instead of a token. */
    static final Set<String> DEVICE_ROUTES = Set.of("POST /vitals", "POST /vitals/batch");

    /**
     * Schemas read with the API's own property names (snake_case): swagger reads the classes with a Jackson of its
     * own, which does not know the naming the application's JSON mapper uses.
     */
    @Bean
    ModelResolver snakeCaseSchemas() {
        return new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }

    @Bean
    OpenApiCustomizer hospitalApiDescription() {
        return openApi -> {
            openApi.info(new Info().title("Hospital inpatient backend").version("1")
                    .description("Encounters, vital signs, alerts, observations and their views; docs/api.md says "
                            + "what a specification cannot (ownership, read-your-writes, limits)."));
            Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
            openApi.components(components
                    .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                            .bearerFormat("JWT").description("An access token from POST /auth/login (15 minutes)"))
                    .addSecuritySchemes(DEVICE_KEY, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                            .in(SecurityScheme.In.HEADER).name("X-Device-Key")
                            .description("A bedside device's key, issued by an administrator (POST /devices)"))
                    .addSchemas(ERROR_ENVELOPE, errorEnvelope()));
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap()
                    .forEach((method, operation) -> describe(method + " " + path, operation)));
        };
    }

    private static void describe(String route, Operation operation) {
        if (PUBLIC.contains(route)) {
            operation.setSecurity(List.of());
        } else {
            operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
            if (DEVICE_ROUTES.contains(route)) {
                operation.addSecurityItem(new SecurityRequirement().addList(DEVICE_KEY));
            }
            operation.getResponses().addApiResponse("401", error("No valid token (or device key)"));
            operation.getResponses().addApiResponse("403", error("The caller's role or ownership does not allow it"));
        }
        operation.getResponses().addApiResponse("default", error("Any other failure, in the error envelope; "
                + "the codes are listed in ErrorEnvelope.code"));
    }

    private static ApiResponse error(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType("application/json",
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + ERROR_ENVELOPE))));
    }

    private static Schema<?> errorEnvelope() {
        ObjectSchema problem = new ObjectSchema();
        problem.addProperty("field", new StringSchema().example("hr_bpm"));
        problem.addProperty("message", new StringSchema().example("must be less than or equal to 300"));
        ObjectSchema envelope = new ObjectSchema();
        envelope.description("Every failure: a stable code, a message safe to show, the fields at fault, and the "
                + "request id also answered in X-Request-Id.");
        envelope.addProperty("status", new StringSchema()._enum(List.of("error")));
        envelope.addProperty("error", new StringSchema().example("Validation failed"));
        envelope.addProperty("code", new StringSchema()._enum(Arrays.stream(ErrorCode.values()).map(Enum::name)
                .toList()).example(ErrorCode.VALIDATION_FAILED.name()));
        envelope.addProperty("details", new ArraySchema().items(problem));
        envelope.addProperty("request_id", new StringSchema().example("2f1c6e0b9d8a4c35b1e7a0d4c9f2e813"));
        envelope.required(List.of("status", "error", "code", "details", "request_id"));
        envelope.example(Map.of("status", "error", "error", "Validation failed", "code", "VALIDATION_FAILED",
                "details", List.of(Map.of("field", "hr_bpm", "message", "must be less than or equal to 300")),
                "request_id", "2f1c6e0b9d8a4c35b1e7a0d4c9f2e813"));
        return envelope;
    }
}
