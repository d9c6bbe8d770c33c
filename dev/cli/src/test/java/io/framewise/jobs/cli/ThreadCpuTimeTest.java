package io.framewise.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ThreadCpuTimeTest {

    /** Spins until this thread has used {@code nanos} of CPU, then waits for {@code done}. */
    private static Thread spinning(
            String name, long nanos, CountDownLatch spun, CountDownLatch done) {
        Thread t =
                new Thread(
                        () -> {
                            var bean = ManagementFactory.getThreadMXBean();
                            long x = 0;
                            while (bean.getCurrentThreadCpuTime() < nanos) {
                                x += System.nanoTime() % 7;
                            }
                            if (x == 42) {
                                System.out.print("");
                            }
                            spun.countDown();
                            try {
                                done.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        name);
        t.start();
        return t;
    }

    @Test
    void aChainGetsItsTaskThreadsCpuAndNotItsTimersOrOthers() throws Exception {
        CountDownLatch spun = new CountDownLatch(3);
        CountDownLatch done = new CountDownLatch(1);
        Map<String, Double> byChain;
        try (ThreadCpuTime cpu = new ThreadCpuTime()) {
            spinning("decode segment (1/2)#0", 200_000_000L, spun, done);
            spinning("decode segment (2/2)#0", 200_000_000L, spun, done);
            // Flink's timer thread for the same chain: not the chain's work.
            spinning("Time Trigger for decode segment (1/2)#0", 200_000_000L, spun, done);
            spun.await();
            cpu.close();
            byChain = cpu.byChain(List.of("decode segment", "stitch shots"));
        } finally {
            done.countDown();
        }
        // Two threads of at least 0.2 s each; the timer's 0.2 s (and the sampling) stay out.
        assertThat(byChain.get("decode segment")).isBetween(0.4, 0.55);
        assertThat(byChain.get("stitch shots")).isZero();
    }
}
