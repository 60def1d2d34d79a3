package io.ecomanalytics.simulator.job;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.ecomanalytics.contracts.problem.ApiException;
import io.ecomanalytics.simulator.config.SimulatorConfig;
import io.ecomanalytics.simulator.model.Run;
import io.ecomanalytics.simulator.repository.RunRepository;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * Runs background jobs (simulations now, imports later) on a bounded executor, each with a row in {@code commerce.runs} that
 * carries its status, phase, percent and counts. Cancellation is cooperative: the job sees it at its next progress report. Rows
 * of jobs whose instance died are failed by the orphan sweep, at start-up and then periodically.
 */
@ApplicationScoped
public class JobRunner {
    private final RunRepository runs;
    private final SimulatorConfig.Jobs config;
    private final Map<UUID, JobContext> active = new ConcurrentHashMap<>();
    /** Runs this instance executes outside the runner (imports), marked alive with its own. */
    private final Set<UUID> keptAlive = ConcurrentHashMap.newKeySet();
    private final ThreadPoolExecutor executor;
    private final ScheduledExecutorService housekeeping;

    public JobRunner(RunRepository runs, SimulatorConfig config) {
        this.runs = runs;
        this.config = config.jobs();
        this.executor = new ThreadPoolExecutor(this.config.concurrency(), this.config.concurrency(), 0,
                TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(this.config.queueCapacity()), r -> {
                    Thread t = new Thread(r, "job-runner");
                    t.setDaemon(true);
                    return t;
                });
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "job-heartbeat");
            t.setDaemon(true);
            return t;
        });
    }

    void onStart(@Observes StartupEvent event) {
        sweepOrphans();
        long every = config.heartbeat().toMillis();
        housekeeping.scheduleWithFixedDelay(this::housekeep, every, every, TimeUnit.MILLISECONDS);
    }

    /** Queues a job and returns its run id; 409 when the queue is full. */
    public UUID submit(String kind, Object parameters, Job job) {
        UUID id = UUID.randomUUID();
        runs.insertQueued(id, kind, parameters);
        JobContext context = newContext(id, (phase, percent) -> {
        });
        active.put(id, context);
        try {
            executor.execute(() -> execute(context, job));
        } catch (RejectedExecutionException e) {
            active.remove(id);
            runs.end(id, Run.FAILED, "refused: " + config.queueCapacity() + " jobs already waiting");
            throw ApiException.conflict("too many jobs waiting (" + config.queueCapacity() + "); retry later");
        }
        return id;
    }

    /** Runs a job on the calling thread (the command line), telling {@code observer} each progress report. */
    public Run runHere(String kind, Object parameters, Job job, BiConsumer<String, Double> observer) {
        UUID id = UUID.randomUUID();
        runs.insertQueued(id, kind, parameters);
        JobContext context = newContext(id, observer);
        active.put(id, context);
        execute(context, job);
        return runs.find(id).orElseThrow();
    }

    /**
     * Asks a job to stop. Returns false when this instance does not execute it (finished, or run by another instance).
     */
    public boolean cancel(UUID id) {
        JobContext context = active.get(id);
        if (context == null) {
            return false;
        }
        context.cancel();
        return true;
    }

    /**
     * Marks a run this instance executes itself alive with the runner's own until {@link #release}: without it, the orphan
     * sweep fails any run of more than {@code orphan-after} as if its instance had stopped.
     */
    public void keepAlive(UUID id) {
        keptAlive.add(id);
    }

    public void release(UUID id) {
        keptAlive.remove(id);
    }

    private JobContext newContext(UUID id, BiConsumer<String, Double> observer) {
        return new JobContext(id, runs::progress, observer);
    }

    private void execute(JobContext context, Job job) {
        UUID id = context.id();
        try {
            if (context.cancelled()) {
                runs.end(id, Run.CANCELLED, null);
                return;
            }
            runs.markRunning(id);
            Map<String, Object> result = job.run(context);
            runs.complete(id, context.counts(), result);
        } catch (JobCancelledException e) {
            Log.infof("run %s cancelled", id);
            runs.end(id, Run.CANCELLED, null);
        } catch (Exception | Error e) {
            Log.errorf(e, "run %s failed", id);
            runs.end(id, Run.FAILED, describe(e));
        } finally {
            active.remove(id);
        }
    }

    /** What a failed job's error says: the cause chain's messages, never a stack trace. */
    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null && text.length() < 1000; t = t.getCause()) {
            if (!text.isEmpty()) {
                text.append(": ");
            }
            text.append(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
        }
        return text.toString();
    }

    private void housekeep() {
        try {
            Set<UUID> alive = new HashSet<>(active.keySet());
            alive.addAll(keptAlive);
            runs.heartbeat(alive);
            sweepOrphans();
        } catch (RuntimeException e) {
            Log.warnf("job heartbeat failed: %s", e.getMessage());
        }
    }

    private void sweepOrphans() {
        int failed = runs.failOrphans(config.orphanAfter());
        if (failed > 0) {
            Log.warnf("failed %d run(s) left QUEUED or RUNNING by a stopped instance", failed);
        }
    }

    @PreDestroy
    void stop() {
        active.values().forEach(JobContext::cancel);
        housekeeping.shutdownNow();
        executor.shutdownNow();
    }
}
