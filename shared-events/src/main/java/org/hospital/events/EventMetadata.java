package org.hospital.events;

/**
 * Keys of the metadata every stored event carries (who acted, through which request, from where). Auditors read
 * them in the encounter history.
 */
public final class EventMetadata {

    public static final String ACTOR_USER_ID = "actor_user_id";
    public static final String ACTOR_ROLE = "actor_role";
    public static final String ACTOR_DEVICE_ID = "actor_device_id";
    public static final String REQUEST_ID = "request_id";
    public static final String CLIENT_ADDRESS = "client_address";

    private EventMetadata() {
    }
}
