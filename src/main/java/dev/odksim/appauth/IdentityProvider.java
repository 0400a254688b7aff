package dev.odksim.appauth;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A project's identity provider for shift logins: whose JWTs the token exchange accepts, and where the phone number is. */
@Entity
@Table(name = "identity_providers")
public class IdentityProvider extends PanacheEntityBase {

    @Id
    @Column(name = "project_id")
    public String projectId;
    public String issuer;
    public String audience;
    @Column(name = "phone_claim")
    public String phoneClaim;
    /** The provider's public JWKS, given inline (JSON); or null when {@link #jwksUrl} is used. */
    @Column(name = "jwks_json")
    public String jwksJson;
    @Column(name = "jwks_url")
    public String jwksUrl;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
