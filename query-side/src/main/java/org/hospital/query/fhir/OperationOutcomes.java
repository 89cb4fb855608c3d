package org.hospital.query.fhir;

import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hospital.platform.error.ErrorCode;
import org.hospital.platform.web.HttpStatuses;

/** The FHIR form of the API's errors: one error issue with the FHIR issue type for the HTTP status. */
final class OperationOutcomes {

    private OperationOutcomes() {
    }

    static OperationOutcome of(ErrorCode code, String safeMessage, String requestId) {
        OperationOutcome outcome = new OperationOutcome();
        OperationOutcome.OperationOutcomeIssueComponent issue = outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(issueType(code))
                .setDiagnostics(safeMessage);
        if (requestId != null) {
            issue.getDetails().setText("Request id " + requestId);
        }
        return outcome;
    }

    private static IssueType issueType(ErrorCode code) {
        return switch (code) {
            case UNAUTHENTICATED -> IssueType.LOGIN;
            case FORBIDDEN -> IssueType.FORBIDDEN;
            case NOT_FOUND -> IssueType.NOTFOUND;
            case METHOD_NOT_ALLOWED, NOT_ACCEPTABLE, UNSUPPORTED_MEDIA_TYPE -> IssueType.NOTSUPPORTED;
            case VALIDATION_FAILED -> IssueType.INVALID;
            case SERVICE_UNAVAILABLE -> IssueType.TRANSIENT;
            default -> HttpStatuses.of(code) >= 500 ? IssueType.EXCEPTION : IssueType.PROCESSING;
        };
    }
}
