package dev.odksim.lock;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** What a virtual lock did with a presented key: unlocked, or refused with a reason. */
@Entity
@Table(name = "access_events")
public class AccessEvent extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "lock_id")
    public String lockId;
    @Column(name = "key_id")
    public String keyId;
    @Column(name = "app_user_id")
    public String appUserId;
    public Instant at;
    public String result;
    public String reason;
}
