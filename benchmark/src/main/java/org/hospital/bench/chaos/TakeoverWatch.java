package org.hospital.bench.chaos;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches who does the single-threaded work while instances die: the owner of each tracking processor's token in
 * {@code token_entry} (Axon writes "pid@host"; only the owner processes, the other instance claims the token once the
 * owner stops extending its claim) and the members of the command side's {@code alert-commands} consumer group (a
 * killed member keeps its partitions until its session times out). Every change is recorded with its time.
 */
final class TakeoverWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TakeoverWatch.class);
    static final String ALERT_COMMANDS_GROUP = "command-side-alert-commands";

    /** One change: {@code what} is "processor/segment" or the consumer group; seconds since the run started. */
    record Change(double atSeconds, String what, String from, String to) {
    }

    private final ChaosDatabase database;
    private final Admin admin;
    private final LongFunction<String> processName;
    private final long runStartNanos;
    private final List<Change> changes = new CopyOnWriteArrayList<>();
    private final Thread poller;
    private volatile boolean running = true;

    TakeoverWatch(ChaosDatabase database, String bootstrapServers, LongFunction<String> processName,
                  long runStartNanos) {
        this.database = database;
        this.processName = processName;
        this.runStartNanos = runStartNanos;
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        this.admin = Admin.create(properties);
        this.poller = Thread.ofPlatform().name("takeover-watch").start(this::watch);
    }

    List<Change> changes() {
        return List.copyOf(changes);
    }

    private void watch() {
        Map<String, String> owners = Map.of();
        String members = null;
        while (running) {
            try {
                Map<String, String> now = database.tokenOwners();
                for (Map.Entry<String, String> entry : now.entrySet()) {
                    String before = owners.get(entry.getKey());
                    String after = owner(entry.getValue());
                    if (!Objects.equals(before, after)) {
                        record(entry.getKey(), before, after);
                    }
                }
                owners = new HashMap<>();
                for (Map.Entry<String, String> entry : now.entrySet()) {
                    owners.put(entry.getKey(), owner(entry.getValue()));
                }
            } catch (RuntimeException e) {
                LOG.debug("token owners not readable: {}", e.getMessage());
            }
            try {
                String current = groupMembers();
                if (!Objects.equals(members, current)) {
                    record("group " + ALERT_COMMANDS_GROUP, members, current);
                    members = current;
                }
            } catch (Exception e) {
                LOG.debug("consumer group not readable: {}", e.getMessage());
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void record(String what, String from, String to) {
        Change change = new Change((System.nanoTime() - runStartNanos) / 1e9, what, from, to);
        changes.add(change);
        LOG.info("{}: {} -> {}", what, from, to);
    }

    /** "pid@host" named by the process it belongs to. */
    private String owner(String owner) {
        if (owner == null) {
            return "unclaimed";
        }
        int at = owner.indexOf('@');
        try {
            long pid = Long.parseLong(at < 0 ? owner : owner.substring(0, at));
            String name = processName.apply(pid);
            return name == null ? owner : name + " (pid " + pid + ")";
        } catch (NumberFormatException e) {
            return owner;
        }
    }

    /** The group's state and how many members hold how many partitions, e.g. "Stable: 2 members (3+3)". */
    private String groupMembers() throws Exception {
        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(ALERT_COMMANDS_GROUP)).all()
                .get(3, TimeUnit.SECONDS).get(ALERT_COMMANDS_GROUP);
        StringBuilder partitions = new StringBuilder();
        for (MemberDescription member : group.members()) {
            partitions.append(partitions.isEmpty() ? "" : "+").append(member.assignment().topicPartitions().size());
        }
        return "%s: %d members (%s)".formatted(group.groupState(), group.members().size(), partitions);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        poller.interrupt();
        poller.join(5_000);
        admin.close(Duration.ofSeconds(2));
    }
}
