package dev.odksim.tag;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * An NFC sticker: its id is the last path segment of the sticker URL; it points at one lock (docs/design.md §3, §5).
 * The SUN keys are secrets: no view, log line or toString carries them.
 */
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
    @Column(name = "retired_at")
    public Instant retiredAt;
    /** ntag-mirror: {@code uid | counter | both}, or null until the first good scan pins it. */
    @Column(name = "mirror_form")
    public String mirrorForm;
    /** ntag424-sun: the SDM meta-read key (K_SDMMetaRead), 32 hex digits. */
    @Column(name = "sun_meta_read_key")
    public String sunMetaReadKey;
    /** ntag424-sun: the SDM file-read key (K_SDMFileRead) the session MAC key is derived from, 32 hex digits. */
    @Column(name = "sun_file_read_key")
    public String sunFileReadKey;

    @Override
    public String toString() {
        return "Tag<" + id + ">";
    }
}
