package org.hospital.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void choosesDistinctFreePortsOutsideTheRangeOfOutgoingConnections() throws IOException {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        int outgoingFrom = Files.isReadable(range)
                ? Integer.parseInt(Files.readAllLines(range).getFirst().trim().split("\\s+")[0]) : 32_768;

        int[] ports = Ports.free(5);

        assertThat(Arrays.stream(ports).distinct()).hasSize(5);
        assertThat(Arrays.stream(ports).boxed()).allMatch(port -> port >= 1024 && port < outgoingFrom);
        for (int port : ports) {
            try (ServerSocket bound = new ServerSocket(port)) {
                assertThat(bound.getLocalPort()).isEqualTo(port);
            }
        }
    }
}
