package dev.odksim.integrator;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A planned piece of work: a worker at a location during a time window. It is what grants access (docs/design.md §2, step 4). */
@Entity
@Table(name = "integrator_tasks")
public class Task extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "worker_id")
    public String workerId;
    @Column(name = "location_id")
    public String locationId;
    public String title;
    @Column(name = "start_at")
    public Instant start;
    @Column(name = "end_at")
    public Instant end;
}
