package org.hospital.alerting.saga;

import java.util.ArrayList;
import java.util.List;
import org.hospital.events.AlertCommand;
import org.hospital.events.EscalateAlert;
import org.hospital.events.RaiseAlert;
import org.hospital.events.RecordAlertRepeat;
import org.hospital.events.RecordNews2Score;

/** Keeps what the saga sends, in order, instead of putting it on Kafka. */
class RecordingAlertCommandSender implements AlertCommandSender {

    private final List<AlertCommand> sent = new ArrayList<>();

    @Override
    public void send(AlertCommand command) {
        sent.add(command);
    }

    List<AlertCommand> all() {
        return List.copyOf(sent);
    }

    /** The alert requests only. */
    List<RaiseAlert> sent() {
        return of(RaiseAlert.class);
    }

    List<RecordAlertRepeat> repeats() {
        return of(RecordAlertRepeat.class);
    }

    List<RecordNews2Score> scores() {
        return of(RecordNews2Score.class);
    }

    List<EscalateAlert> escalations() {
        return of(EscalateAlert.class);
    }

    <T extends AlertCommand> List<T> of(Class<T> type) {
        return sent.stream().filter(type::isInstance).map(type::cast).toList();
    }

    void clear() {
        sent.clear();
    }
}
