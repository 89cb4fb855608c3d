package org.hospital.query.audit.access;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Lets a read that shows several patients at once (the ward board) tell the access log which ones it showed: the log
 * then has one entry per patient (docs/api.md, Access log), exactly those the answer carried.
 */
public final class PatientsShown {

    private static final String ATTRIBUTE = PatientsShown.class.getName();

    /** A patient shown, through one of their encounters. */
    public record Shown(long patientId, long encounterId) {
    }

    private PatientsShown() {
    }

    /** Called by the controller before it answers. */
    public static void note(List<Shown> shown) {
        RequestContextHolder.currentRequestAttributes().setAttribute(ATTRIBUTE, List.copyOf(shown),
                RequestAttributes.SCOPE_REQUEST);
    }

    @SuppressWarnings("unchecked")
    static List<Shown> of(HttpServletRequest request) {
        Object shown = request.getAttribute(ATTRIBUTE);
        return shown instanceof List<?> list ? (List<Shown>) list : null;
    }
}
