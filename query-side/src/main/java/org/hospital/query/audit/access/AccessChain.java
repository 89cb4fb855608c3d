package org.hospital.query.audit.access;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The hash chain of the access log: each entry's hash is an HMAC-SHA256, under a key held outside the database,
 * over the previous entry's hash and the entry's canonical content. Changing, removing or reordering an entry
 * breaks every hash from there on, and without the key nobody with write access to the database, its administrator
 * included, can compute the hashes a rewritten chain would need (docs/security.md, Access log). The canonical form
 * prefixes each field with its length, so no value can be shifted into a neighbouring field.
 */
final class AccessChain {

    /** The "previous hash" of the first entry. */
    static final String GENESIS = "0".repeat(64);
    static final int MIN_KEY_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    AccessChain(byte[] key) {
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the access-log key must be at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    String hash(String previousHash, long id, AccessEntry entry) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal((previousHash + "\n" + canonical(id, entry))
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("the access-log key was refused", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is required of every Java runtime", e);
        }
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
}
