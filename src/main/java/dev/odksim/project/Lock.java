package dev.odksim.project;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;

/** A door lock of a project; vendor {@code virtual} is opened by the simulator's virtual lock. */
@Entity
@Table(name = "locks")
public class Lock extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "project_id")
    public String projectId;
    public String name;
    public String vendor;
    @Column(name = "created_at")
    public Instant createdAt;

    public static List<Lock> ofProject(String projectId) {
        return list("projectId = ?1 order by createdAt, id", projectId);
    }
}
