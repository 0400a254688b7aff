package dev.odksim.webhook;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * One event for one webhook: the outbox row, written in the transaction of the unlock it reports. {@code payload} is
 * the exact body every attempt sends; {@code eventId} is its {@code id} and the {@code webhook-id} header.
 */
@Entity
@Table(name = "webhook_deliveries")
public class WebhookDelivery extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "webhook_id")
    public String webhookId;
    @Column(name = "event_id")
    public String eventId;
    public String payload;
    /** {@link DeliveryState} by wire name. */
    public String state;
    public int attempts;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    @Column(name = "give_up_at")
    public Instant giveUpAt;
    /** Real time (not the simulator clock) until which a worker owns the current attempt. */
    @Column(name = "lease_until")
    public Instant leaseUntil;
    @Column(name = "lease_token")
    public String leaseToken;
}
