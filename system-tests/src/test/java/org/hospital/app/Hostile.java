package org.hospital.app;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/** Hostile values for generated requests: strings, numbers, wrong JSON types, nesting, sizes, path ids. */
final class Hostile {

    static final int MIB = 1024 * 1024;

    static final List<String> STRINGS = List.of("", " ", "\t\n ", "a", "Ω", "x".repeat(201), "x".repeat(10_001),
            "y".repeat(100_000), "' OR '1'='1", "1; DROP TABLE patient; --", "'); DELETE FROM app_user; --",
            "\" OR \"\"=\"", "%' AND 1=CAST((SELECT version()) AS int)--", "<script>alert(1)</script>",
            "\"><img src=x onerror=alert(1)>", "javascript:alert(1)", "${jndi:ldap://127.0.0.1/a}", "{{7*7}}",
            "#{7*7}", "../../../../etc/passwd", "..\\..\\windows\\win.ini", "%00", "%s%s%s%n", "\u0000",
            "nul\u0000inside", "\u0007\u001b[2J", "line\r\nX-Injected: yes", "\u202Etxt.exe", "שלום עולם", "مرحبا",
            "😀🏥💉", "\uD83D", "\uDE00", "a\uD800b", "\uFEFFbom", "\uFFFF", "\u00A0", "Z̴̡̛a̸̢l̵g̷o̶", "null",
            "true", "-1", "1e309", "NaN", "0x1F", "[]", "{}", "\\u0000", "\\", "\"", "a".repeat(71) + "ü",
            "admin", "ICU", "101", "A", "U", "2023-10-27T10:00:00Z", "2023-10-27T10:00:00+05:30", "9999-12-31",
            "1899-12-31", "0000-00-00", "-999999999-01-01T00:00:00Z", "+1000000000-01-01", "2023-02-30");

    static final List<String> NUMBERS = List.of("0", "1", "-1", "2", "-0", "0.0", "1.5", "-2.5", "300", "301", "100",
            "101", "45.0", "45.1", "19.99", "20", "9007199254740993", "9223372036854775807", "9223372036854775808",
            "-9223372036854775808", "-9223372036854775809", "2147483647", "2147483648", "1e308", "1e309", "-1e309",
            "4.9e-324", "1E2", "123456789012345678901234567890", "0.1e1", "007", "+1", ".5", "1.", "0x10", "NaN",
            "Infinity", "-Infinity");

    static final List<String> WRONG_TYPES = List.of("null", "true", "false", "\"abc\"", "\"12\"", "{}", "[]", "[1]",
            "{\"a\":{\"b\":[]}}", "\"\"", "[null]", "{\"$gt\":\"\"}");

    /** Path segments as sent (already percent-encoded where a raw character would not be a valid URI). */
    static final List<String> PATH_IDS = List.of("0", "-1", "-9223372036854775808", "9223372036854775807",
            "9223372036854775808", "99999999999999999999999", "abc", "1.5", "1e3", "0x10", "%20", "1%00", "%00",
            "1;DROP%20TABLE%20patient", "%27%20OR%20%271%27%3D%271", "%3Cscript%3E", "%F0%9F%98%80", "%C0%AF",
            "%FF", "..%2F..%2Fetc", "%2e%2e", "1%0d%0aX-Injected:%20yes", "+1", "01", "1,2", "null", "undefined",
            "999999", "x".repeat(5000));

    /** Header values (printable ASCII only: the HTTP client refuses anything else). */
    static final List<String> HEADER_VALUES = List.of("", " ", "abc", "-1", "0", "9223372036854775808", "1;DROP",
            "' OR '1'='1", "<script>", "x".repeat(8000), "../../etc/passwd", "%00", "${jndi:ldap://x/a}",
            "9f1c-abc", "a".repeat(101), "a b c");

    private final Random random;

    Hostile(Random random) {
        this.random = random;
    }

    Random random() {
        return random;
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    String string() {
        return pick(STRINGS);
    }

    /** A JSON string literal of {@code value}, escaping lone surrogates and control characters. */
    static String quote(String value) {
        StringBuilder json = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean loneSurrogate = Character.isSurrogate(c) && !(Character.isHighSurrogate(c)
                    && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1)))
                    && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(value.charAt(i - 1)));
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || loneSurrogate) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    /** Any hostile JSON value: a string, a number, or a value of a type no field expects. */
    String anyValue() {
        return switch (random.nextInt(10)) {
            case 0, 1, 2, 3 -> quote(string());
            case 4, 5, 6 -> pick(NUMBERS);
            case 7, 8 -> pick(WRONG_TYPES);
            default -> chance(0.5) ? deep(10_000) : hugeArray();
        };
    }

    /** A value no field of type string, number or boolean accepts. */
    String wrongStructure() {
        return switch (random.nextInt(6)) {
            case 0 -> "{}";
            case 1 -> "{\"a\":[1,2,{\"b\":null}]}";
            case 2 -> "[" + quote(string()) + "," + pick(NUMBERS) + "]";
            case 3 -> deep(1 + random.nextInt(20_000));
            case 4 -> "{\"$where\":\"1==1\"}";
            default -> "[[[]]]";
        };
    }

    static String deep(int levels) {
        return "[".repeat(levels) + "]".repeat(levels);
    }

    static String deepObject(int levels) {
        return "{\"a\":".repeat(levels) + "1" + "}".repeat(levels);
    }

    String hugeArray() {
        int size = 50_000 + random.nextInt(200_000);
        StringBuilder array = new StringBuilder(size * 2 + 2).append('[');
        for (int i = 0; i < size; i++) {
            array.append(i == 0 ? "" : ",").append(i % 10);
        }
        return array.append(']').toString();
    }

    /** A string literal whose encoding is {@code bytes} long give or take a few bytes. */
    static String stringOfBytes(int bytes) {
        return "\"" + "z".repeat(bytes) + "\"";
    }

    String pathId() {
        return pick(PATH_IDS);
    }

    String headerValue() {
        return pick(HEADER_VALUES);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Bytes that are not UTF-8 at all, or UTF-8 that a strict decoder must refuse. */
    byte[] invalidUtf8() {
        return switch (random.nextInt(5)) {
            case 0 -> new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'};
            case 1 -> new byte[] {'{', '"', 'n', 'o', 't', 'e', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80,
                    '"', '}'};
            case 2 -> new byte[] {(byte) 0xFF, (byte) 0xFE, '{', 0, '}', 0};
            case 3 -> new byte[] {'{', '"', (byte) 0x80, '"', ':', '1', '}'};
            default -> {
                byte[] noise = new byte[1 + random.nextInt(2000)];
                random.nextBytes(noise);
                yield noise;
            }
        };
    }
}
