package dev.odksim.lock;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An outstanding unlock challenge of a virtual lock: a single-use nonce with a short life (in the database, so instances share it). */
@Entity
@Table(name = "lock_challenges")
public class LockChallenge extends PanacheEntityBase {

    @Id
    public String nonce;
    @Column(name = "lock_id")
    public String lockId;
    @Column(name = "expires_at")
    public Instant expiresAt;
}
