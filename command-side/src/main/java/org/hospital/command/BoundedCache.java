package org.hospital.command;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

/**
 * An Axon {@link Cache} that keeps up to {@code maximumSize} entries, least recently used out first, each for at most
 * {@code idle} after its last use. Unlike Axon's weak-reference cache, a busy young generation does not empty it:
 * under load that cache lost most encounters between two readings, and every reading replayed its encounter's whole
 * history. Entry listeners are not supported (Axon's aggregate repositories do not register any).
 */
final class BoundedCache implements Cache {

    private final ConcurrentMap<Object, Object> entries;

    BoundedCache(long maximumSize, Duration idle) {
        this.entries = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterAccess(idle).build().asMap();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        return (V) entries.get(key);
    }

    @Override
    public void put(Object key, Object value) {
        entries.put(key, value);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return entries.putIfAbsent(key, value) == null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        return (T) entries.computeIfAbsent(key, k -> valueSupplier.get());
    }

    @Override
    public boolean remove(Object key) {
        return entries.remove(key) != null;
    }

    @Override
    public void removeAll() {
        entries.clear();
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        entries.computeIfPresent(key, (k, v) -> update.apply((V) v));
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        throw new UnsupportedOperationException("BoundedCache does not notify entry listeners");
    }
}
