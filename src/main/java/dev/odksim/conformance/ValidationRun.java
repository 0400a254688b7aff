package dev.odksim.conformance;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A validation run started through the admin API, kept with its whole report (secrets masked). */
@Entity
@Table(name = "validation_runs")
public class ValidationRun extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "project_id")
    public String projectId;
    @Column(name = "started_at")
    public Instant startedAt;
    public String url;
    public String verdict;
    @Column(name = "exit_code")
    public int exitCode;
    public int passed;
    public int failed;
    public int warnings;
    public int skipped;
    /** report.json of the run. */
    public String report;
}
