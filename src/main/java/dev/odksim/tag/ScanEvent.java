package dev.odksim.tag;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One scan of a sticker URL, whatever its outcome (ok, unknown, retired, ...). */
@Entity
@Table(name = "scan_events")
public class ScanEvent extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "tag_id")
    public String tagId;
    @Column(name = "project_id")
    public String projectId;
    @Column(name = "lock_id")
    public String lockId;
    public Instant at;
    public String outcome;
    public String reason;
}
