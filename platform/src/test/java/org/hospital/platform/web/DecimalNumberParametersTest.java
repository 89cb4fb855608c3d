package org.hospital.platform.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Ids in paths and queries are decimal: hexadecimal, octal-looking or padded values are refused, not converted. */
class DecimalNumberParametersTest {

    private final MockMvc mvc;

    DecimalNumberParametersTest() {
        mvc = MockMvcBuilders.standaloneSetup(new Ids()).setControllerAdvice(new DecimalNumberParameters()).build();
    }

    @Test
    void readsDecimalIds() throws Exception {
        mvc.perform(get("/ids/16")).andExpect(status().isOk()).andExpect(content().string("16"));
        mvc.perform(get("/ids/010")).andExpect(status().isOk()).andExpect(content().string("10"));
        mvc.perform(get("/ids").param("limit", "25")).andExpect(status().isOk()).andExpect(content().string("25"));
    }

    @Test
    void takesAnEmptyOptionalIdAsAbsent() throws Exception {
        mvc.perform(get("/after").param("after", "")).andExpect(status().isOk()).andExpect(content().string("none"));
        mvc.perform(get("/after").param("after", "7")).andExpect(status().isOk()).andExpect(content().string("7"));
    }

    @Test
    void refusesIdsThatAreNotPlainDecimal() throws Exception {
        for (String id : new String[] {"0x10", "0X10", "1e3", "16.0"}) {
            mvc.perform(get("/ids/" + id)).andExpect(status().isBadRequest());
        }
        for (String limit : new String[] {"0x19", "#19", " 25", ""}) {
            mvc.perform(get("/ids").param("limit", limit)).andExpect(status().isBadRequest());
        }
    }

    @RestController
    static class Ids {

        @GetMapping("/ids/{id}")
        String byId(@PathVariable long id) {
            return Long.toString(id);
        }

        @GetMapping("/ids")
        String limited(@RequestParam int limit) {
            return Integer.toString(limit);
        }

        @GetMapping("/after")
        String after(@RequestParam(name = "after", required = false) Long after) {
            return after == null ? "none" : after.toString();
        }
    }
}
