package dev.odksim.runs;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A long run (a validation or a load test) started through the admin API: its state, progress and result live in the
 * database, not in the JVM, so every instance sees it and a cancel reaches it wherever it runs.
 */
@Entity
@Table(name = "runs")
public class Run extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "project_id")
    public String projectId;
    /** {@link RunKind} wire name. */
    public String kind;
    /** {@link RunState} wire name. */
    public String state;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
    /** Wall-clock time of the last progress write by the instance running it; a stale one means that instance died. */
    @Column(name = "heartbeat_at")
    public Instant heartbeatAt;
    public double progress;
    @Column(name = "progress_text")
    public String progressText;
    @Column(name = "cancel_requested")
    public boolean cancelRequested;
    /** The request that started it (JSON, no secrets). */
    public String request;
    public String verdict;
    @Column(name = "exit_code")
    public Integer exitCode;
    /** The run's report (JSON) once finished. */
    public String report;
    public String error;
}
