package dev.odksim.appauth;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The current one-time code of a phone number (hashed), and its brute-force and flooding counters. */
@Entity
@Table(name = "otp_challenges")
public class OtpChallenge extends PanacheEntityBase {

    @Id
    @Column(name = "app_user_id")
    public String appUserId;
    @Column(name = "code_hash")
    public String codeHash;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "failed_attempts")
    public int failedAttempts;
    @Column(name = "locked_until")
    public Instant lockedUntil;
    @Column(name = "window_start")
    public Instant windowStart;
    @Column(name = "requests_in_window")
    public int requestsInWindow;
}
