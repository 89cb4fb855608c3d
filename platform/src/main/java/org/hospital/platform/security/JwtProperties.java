package org.hospital.platform.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token settings ({@code hospital.security.jwt.*}). The secret has no default: it comes from configuration
 * ({@code HOSPITAL_JWT_SECRET}, at least 32 bytes). Only the demo profile may ask for an ephemeral random secret,
 * which is valid until the process stops.
 */
@ConfigurationProperties("hospital.security.jwt")
public record JwtProperties(String secret,
                            @DefaultValue("false") boolean ephemeralSecret,
                            @DefaultValue("hospital-backend") String issuer,
                            @DefaultValue("hospital-api") String audience,
                            @DefaultValue("PT15M") Duration accessTokenTtl) {
}
