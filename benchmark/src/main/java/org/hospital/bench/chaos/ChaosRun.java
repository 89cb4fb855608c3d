package org.hospital.bench.chaos;

/**
 * Entry point of {@code java -jar benchmark.jar chaos}: runs {@link ChaosScenario}, prints the phase table and the
 * checks, writes the JSON report, and exits with 1 when a check failed.
 */
public final class ChaosRun {

    private ChaosRun() {
    }

    public static void main(String[] args) throws Exception {
        ChaosOptions options;
        try {
            options = ChaosOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        ChaosScenario.Result result = ChaosScenario.run(options);
        ChaosReport report = new ChaosReport(result);
        System.out.println();
        System.out.print(report.table());
        report.writeJson(options.output());
        System.out.println("JSON report: " + options.output().toAbsolutePath());
        System.exit(result.passed() ? 0 : 1);
    }
}
