package org.hospital.command.alert;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.hospital.events.AlertCommand;
import org.hospital.events.EscalateAlert;
import org.hospital.events.RaiseAlert;
import org.hospital.events.RecordAlertRepeat;
import org.hospital.events.RecordNews2Score;
import org.hospital.platform.messaging.PlainJson;

/**
 * Turns an {@code alert-commands} record into the {@link AlertCommand} its {@value AlertCommand#TYPE_HEADER} header
 * names (no header: a {@link RaiseAlert} of an older producer), and refuses what can never be acted on with
 * {@link InvalidAlertCommand}: an unknown type, JSON that does not read, a request with missing or impossible
 * fields.
 */
final class AlertCommandReader {

    /** The types by their simple name, taken from the sealed interface so that a new kind cannot be forgotten here. */
    private static final Map<String, Class<?>> TYPES = Arrays.stream(AlertCommand.class.getPermittedSubclasses())
            .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));
    /** NEWS2 risk bands, RCP 2017 chart 3, as the published language spells them. */
    private static final Set<String> NEWS2_RISKS = Set.of("low", "low-medium", "medium", "high");
    /** The highest NEWS2 aggregate: 3 for each of six parameters and 2 for supplemental oxygen (RCP 2017 chart 1). */
    private static final int NEWS2_MAX = 20;
    private static final int MAX_TYPE_NAME = 50;

    private AlertCommandReader() {
    }

    static AlertCommand read(ConsumerRecord<String, byte[]> record) {
        Class<?> type = typeOf(record);
        if (record.value() == null || record.value().length == 0) {
            throw new InvalidAlertCommand(type.getSimpleName() + " record has no value");
        }
        Object parsed;
        try {
            parsed = PlainJson.read(record.value(), type);
        } catch (UncheckedIOException | IllegalArgumentException e) {
            // The parser's message may quote the payload (patient data): only the type is named.
            throw new InvalidAlertCommand(type.getSimpleName() + " record is not readable JSON of its type");
        }
        if (!(parsed instanceof AlertCommand command)) {
            throw new InvalidAlertCommand(type.getSimpleName() + " record is empty");
        }
        check(command);
        return command;
    }

    private static Class<?> typeOf(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(AlertCommand.TYPE_HEADER);
        if (header == null) {
            return RaiseAlert.class;
        }
        String name = header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8).strip();
        Class<?> type = TYPES.get(name);
        if (type == null) {
            String shown = name.length() > MAX_TYPE_NAME ? name.substring(0, MAX_TYPE_NAME) + "..." : name;
            throw new InvalidAlertCommand("Unknown alert command type '" + shown.replaceAll("\\p{Cntrl}", "?") + "'");
        }
        return type;
    }

    static void check(AlertCommand command) {
        boolean valid = switch (command) {
            case RaiseAlert raise -> raise.alertKey() != null && !raise.alertKey().isBlank()
                    && raise.alertKey().length() <= 200 && raise.encounterId() > 0 && raise.patientId() > 0
                    && raise.type() != null && raise.severity() != null && raise.message() != null
                    && raise.timestamp() != null;
            case RecordAlertRepeat repeat -> repeat.alertId() > 0 && repeat.encounterId() > 0
                    && repeat.readingId() > 0 && Severities.isKnown(repeat.severity());
            case EscalateAlert escalate -> escalate.alertId() > 0 && escalate.encounterId() > 0
                    && escalate.level() >= 1;
            case RecordNews2Score score -> score.encounterId() > 0 && score.readingId() > 0 && score.score() >= 0
                    && score.score() <= NEWS2_MAX && NEWS2_RISKS.contains(score.risk())
                    && (score.monitoringIntervalMinutes() == null || score.monitoringIntervalMinutes() > 0);
        };
        if (!valid) {
            throw new InvalidAlertCommand(command.getClass().getSimpleName() + " request is incomplete or impossible");
        }
    }
}
