package org.hospital.platform.web;

import java.beans.PropertyEditorSupport;
import java.util.function.Function;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Path and query parameters that are numbers (ids above all) are read as plain decimal integers. Spring's default
 * number editor reads {@code 0x10} and {@code #10} as 16, so {@code DELETE /devices/0x10} acted on device 16; here
 * anything but an optional sign and decimal digits is a 400 like any other malformed parameter. An editor rather than
 * a converter: Spring falls back to its default editor when a converter refuses a value.
 */
@ControllerAdvice
class DecimalNumberParameters {

    @InitBinder
    void decimalNumbers(WebDataBinder binder) {
        binder.registerCustomEditor(long.class, new Decimal(Long::valueOf, false));
        binder.registerCustomEditor(Long.class, new Decimal(Long::valueOf, true));
        binder.registerCustomEditor(int.class, new Decimal(Integer::valueOf, false));
        binder.registerCustomEditor(Integer.class, new Decimal(Integer::valueOf, true));
    }

    /**
     * Parses decimal text; anything else is an {@link IllegalArgumentException} (a type mismatch, 400). An empty value
     * of an optional parameter ({@code ?after_sequence=}) is absent, as with Spring's own editor.
     */
    private static final class Decimal extends PropertyEditorSupport {

        private final Function<String, Number> parse;
        private final boolean emptyIsAbsent;

        Decimal(Function<String, Number> parse, boolean emptyIsAbsent) {
            this.parse = parse;
            this.emptyIsAbsent = emptyIsAbsent;
        }

        @Override
        public void setAsText(String text) {
            setValue(emptyIsAbsent && text.isEmpty() ? null : parse.apply(text));
        }
    }
}
