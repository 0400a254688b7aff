package dev.odksim.tag;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An NFC sticker: its id is the last path segment of the sticker URL; it points at one lock (DESIGN.md §3, §5). */
@Entity
@Table(name = "tags")
public class Tag extends PanacheEntityBase {

    public static final String ACTIVE = "active";
    public static final String RETIRED = "retired";

    @Id
    public String id;
    @Column(name = "project_id")
    public String projectId;
    @Column(name = "lock_id")
    public String lockId;
    @Column(name = "chip_uid")
    public String chipUid;
    public String mode;
    @Column(name = "last_counter")
    public Long lastCounter;
    public String state;
    @Column(name = "created_at")
    public Instant createdAt;
}
