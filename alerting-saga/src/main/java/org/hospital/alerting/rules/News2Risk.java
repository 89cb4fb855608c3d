package org.hospital.alerting.rules;

/** Clinical risk by NEWS2 (RCP 2017, chart 3), lowest first, with the contract's spelling. */
public enum News2Risk {
    LOW("low"),
    LOW_MEDIUM("low-medium"),
    MEDIUM("medium"),
    HIGH("high");

    private final String wireName;

    News2Risk(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
