package dev.odksim.signing;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A persisted ES256 key-signing key, so keys minted before a restart still verify after it. */
@Entity
@Table(name = "signing_keys")
public class SigningKey extends PanacheEntityBase {

    @Id
    public String kid;
    @Column(name = "private_jwk")
    public String privateJwk;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "retired_at")
    public Instant retiredAt;
    /** Until when a retired key stays in the JWKS: the later of the grace period and the end of the last key it signed. */
    @Column(name = "verify_until")
    public Instant verifyUntil;
}
