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
    /** The tag's trust mode at the time of the scan (null for an unknown tag). */
    public String mode;
    /** The chip UID the URL carried (mirror) or proved (SUN), if any. */
    @Column(name = "chip_uid")
    public String chipUid;
    /** The tap counter the URL carried, if any. */
    public Long counter;
}
