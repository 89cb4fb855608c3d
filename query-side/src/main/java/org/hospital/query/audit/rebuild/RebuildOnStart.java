package org.hospital.query.audit.rebuild;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The command-line way to rebuild: {@code java -jar hospital-app-exec.jar --hospital.sides=query
 * --hospital.query.rebuild-on-start=true} starts the same rebuild as the admin endpoint once the application is up
 * (the API answers meanwhile, with 503 on the views being rebuilt).
 */
@Component
@ConditionalOnProperty(name = "hospital.query.rebuild-on-start", havingValue = "true")
class RebuildOnStart implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(RebuildOnStart.class);

    private final ProjectionRebuild rebuild;

    RebuildOnStart(ProjectionRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @Override
    public void run(ApplicationArguments args) {
        log.info("hospital.query.rebuild-on-start=true: rebuilding the projections; progress at "
                + "GET /admin/projections/rebuild");
        rebuild.start();
    }
}
