package org.hospital.query;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** The query side alone, as a process running only {@code hospital.sides=query} would have it. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(QuerySideConfiguration.class)
public class QuerySideTestApplication {
}
