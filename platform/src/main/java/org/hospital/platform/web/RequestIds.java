package org.hospital.platform.web;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** The request id of the request being served, kept in the logging context so every log line carries it. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "request_id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private RequestIds() {
    }

    /**
     * The current request id, or null outside a request. An error dispatch runs after the request's own filters
     * have finished; the id is then read back from the response's header.
     */
    public static String current() {
        String id = MDC.get(MDC_KEY);
        if (id == null && RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && attributes.getResponse() != null) {
            id = attributes.getResponse().getHeader(HEADER);
        }
        return id;
    }

    /** Keeps a client's id only when it is short and harmless in logs and headers; otherwise makes a new one. */
    static String acceptOrGenerate(String fromClient) {
        if (fromClient != null && SANE.matcher(fromClient).matches()) {
            return fromClient;
        }
        // A correlation id, not a secret: a fast thread-local generator, not the contended SecureRandom.
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return HexFormat.of().toHexDigits(random.nextLong()) + HexFormat.of().toHexDigits(random.nextLong());
    }
}
