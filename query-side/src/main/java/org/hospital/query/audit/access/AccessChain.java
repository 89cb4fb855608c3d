package org.hospital.query.audit.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash chain of the access log: each entry's hash is SHA-256 over the previous entry's hash and the entry's
 * canonical content, so changing, removing or reordering an entry breaks every hash from there on. The canonical
 * form prefixes each field with its length, so no value can be shifted into a neighbouring field.
 */
final class AccessChain {

    /** The "previous hash" of the first entry. */
    static final String GENESIS = "0".repeat(64);

    private AccessChain() {
    }

    static String hash(String previousHash, long id, AccessEntry entry) {
        return sha256(previousHash + "\n" + canonical(id, entry));
    }

    static String canonical(long id, AccessEntry entry) {
        StringBuilder out = new StringBuilder();
        for (Object field : new Object[] {id, entry.occurredAt(), entry.userId(), entry.role(), entry.deviceId(),
                entry.patientId(), entry.encounterId(), entry.action(), entry.outcome(), entry.requestId()}) {
            String value = field == null ? "" : field.toString();
            out.append(field == null ? -1 : value.length()).append(':').append(value).append(';');
        }
        return out.toString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
