package org.hospital.alerting.saga;

import java.util.ArrayList;
import java.util.List;
import org.hospital.events.RaiseAlert;

/** Keeps what the saga sends, in order, instead of putting it on Kafka. */
class RecordingAlertCommandSender implements AlertCommandSender {

    private final List<RaiseAlert> sent = new ArrayList<>();

    @Override
    public void send(RaiseAlert command) {
        sent.add(command);
    }

    List<RaiseAlert> sent() {
        return List.copyOf(sent);
    }

    void clear() {
        sent.clear();
    }
}
