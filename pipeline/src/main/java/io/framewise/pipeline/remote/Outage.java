package io.framewise.pipeline.remote;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a dependency (object storage, Elasticsearch, the LLM, the speech recogniser) is failing,
 * told once: one WARN when calls to it start failing and one INFO, with how long it lasted and how
 * many attempts failed, when a call succeeds again; never a line per attempt. Retry loops report
 * each attempt's outcome here; {@link #unavailable()} backs the {@code
 * framewise.<dependency>.unavailable} gauge. Thread-safe.
 */
public final class Outage {

    /** Where the two lines go: the owner's logger, or a test's list. */
    public interface Log {
        void warn(String line);

        void info(String line);

        /** Lines kept in {@code lines} as {@code "WARN ..."} and {@code "INFO ..."}: for tests. */
        static Log into(java.util.List<String> lines) {
            return new Log() {
                @Override
                public void warn(String line) {
                    lines.add("WARN " + line);
                }

                @Override
                public void info(String line) {
                    lines.add("INFO " + line);
                }
            };
        }

        /** The slf4j logger of {@code owner}. */
        static Log of(Class<?> owner) {
            Logger logger = LoggerFactory.getLogger(owner);
            return new Log() {
                @Override
                public void warn(String line) {
                    logger.warn(line);
                }

                @Override
                public void info(String line) {
                    logger.info(line);
                }
            };
        }
    }

    private final String kind;
    private final String dependency;
    private final Log log;
    private final LongSupplier nanoClock;
    private long since = -1;
    private int failedAttempts;

    public Outage(String dependency, Log log, LongSupplier nanoClock) {
        this("", dependency, log, nanoClock);
    }

    private Outage(String kind, String dependency, Log log, LongSupplier nanoClock) {
        this.kind = kind;
        this.dependency = dependency;
        this.log = log;
        this.nanoClock = nanoClock;
    }

    /** One tracker per dependency in this JVM: see {@link #of}. */
    private static final ConcurrentMap<String, Outage> BY_DEPENDENCY = new ConcurrentHashMap<>();

    /** Failed attempts so far in this JVM, by kind of dependency: see {@link #failedAttempts}. */
    private static final ConcurrentMap<String, AtomicLong> ATTEMPTS_BY_KIND =
            new ConcurrentHashMap<>();

    /**
     * The outages of {@code dependency} (its name and address, e.g. {@code Elasticsearch at
     * http://es:9200}), a dependency of {@code kind} (a {@code FramewiseMetrics} dependency group:
     * {@code elasticsearch}, {@code storage}, {@code llm}, {@code speech}), told in {@code owner}'s
     * log. One tracker per dependency and JVM, shared by every writer or engine instance that calls
     * it: an outage is a fact about the dependency, so a TaskManager logs it once, not once per
     * sink and subtask.
     */
    public static Outage of(String kind, String dependency, Class<?> owner) {
        return BY_DEPENDENCY.computeIfAbsent(
                dependency, d -> new Outage(kind, d, Log.of(owner), System::nanoTime));
    }

    /**
     * The failed attempts (each one retried) at dependencies of {@code kind} in this JVM so far:
     * what the operators' {@code framewise.<kind>.failedAttempts} counters read.
     */
    public static long failedAttempts(String kind) {
        AtomicLong n = ATTEMPTS_BY_KIND.get(kind);
        return n == null ? 0 : n.get();
    }

    /**
     * True while any dependency of {@code kind} in this JVM is unavailable: what the operators'
     * {@code framewise.<kind>.unavailable} gauges read (the engines that meet the outage do not
     * know the operator's metrics).
     */
    public static boolean anyUnavailable(String kind) {
        for (Outage o : BY_DEPENDENCY.values()) {
            if (o.kind.equals(kind) && o.unavailable()) {
                return true;
            }
        }
        return false;
    }

    /** An attempt failed with {@code why} (one line); the first of an outage is told. */
    public synchronized void failed(String why) {
        failedAttempts++;
        ATTEMPTS_BY_KIND.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        if (since < 0) {
            since = nanoClock.getAsLong();
            log.warn(
                    dependency + " unavailable: " + why + " (retrying; one line when it recovers)");
        }
    }

    /** An attempt succeeded; ends the outage, if one was on, with one line. */
    public synchronized void succeeded() {
        if (since >= 0) {
            double seconds = (nanoClock.getAsLong() - since) / 1e9;
            log.info(
                    String.format(
                            java.util.Locale.ROOT,
                            "%s available again after %.1f s (%d failed attempt%s)",
                            dependency,
                            seconds,
                            failedAttempts,
                            failedAttempts == 1 ? "" : "s"));
            since = -1;
            failedAttempts = 0;
        }
    }

    /** True from an outage's first failed attempt until a call succeeds. */
    public synchronized boolean unavailable() {
        return since >= 0;
    }

    public String dependency() {
        return dependency;
    }
}
