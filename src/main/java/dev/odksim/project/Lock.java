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
    /** IANA time zone of the lock's site (default {@link #DEFAULT_TIMEZONE}): key recurrence spans are local times here. */
    public String timezone;

    public static final String DEFAULT_TIMEZONE = "Europe/Oslo";

    /** The lock's zone; a stored value the JVM no longer knows falls back to the default rather than failing the lock. */
    public java.time.ZoneId zone() {
        try {
            return java.time.ZoneId.of(timezone == null ? DEFAULT_TIMEZONE : timezone);
        } catch (java.time.DateTimeException e) {
            return java.time.ZoneId.of(DEFAULT_TIMEZONE);
        }
    }

    public static List<Lock> ofProject(String projectId) {
        return list("projectId = ?1 order by createdAt, id", projectId);
    }
}
