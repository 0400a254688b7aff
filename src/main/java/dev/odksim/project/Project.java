package dev.odksim.project;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A project owns locks, tags and the on-demand configuration (docs/design.md §3). */
@Entity
@Table(name = "projects")
public class Project extends PanacheEntityBase {

    @Id
    public String id;
    public String name;
    @Column(name = "created_at")
    public Instant createdAt;
}
