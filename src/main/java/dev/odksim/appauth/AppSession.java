package dev.odksim.appauth;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A logged-in app session. Only the SHA-256 of its access token is stored. */
@Entity
@Table(name = "app_sessions")
public class AppSession extends PanacheEntityBase {

    @Id
    @Column(name = "token_hash")
    public String tokenHash;
    @Column(name = "app_user_id")
    public String appUserId;
    @Column(name = "device_id")
    public String deviceId;
    @Column(name = "device_public_key")
    public String devicePublicKey;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "ended_at")
    public Instant endedAt;
    /** RFC 7638 thumbprint of {@link #devicePublicKey}; a device key belongs to one login only. */
    @Column(name = "device_key_thumbprint")
    public String deviceKeyThumbprint;
    /** {@code otp} or {@code token-exchange}. */
    @Column(name = "login_method")
    public String loginMethod;
    /** The project whose identity provider vouched for a token-exchange login. */
    @Column(name = "project_id")
    public String projectId;
    /** The device id while the session is live, null once it ended: unique, so a device has one live session. */
    @Column(name = "live_device_id")
    public String liveDeviceId;
}
