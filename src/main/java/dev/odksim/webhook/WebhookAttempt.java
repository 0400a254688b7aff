package dev.odksim.webhook;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One HTTP attempt of a delivery, as the delivery log shows it. */
@Entity
@Table(name = "webhook_attempts")
public class WebhookAttempt extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "delivery_id")
    public String deliveryId;
    @Column(name = "attempt_no")
    public int attemptNo;
    public Instant at;
    @Column(name = "status_code")
    public Integer statusCode;
    @Column(name = "latency_ms")
    public long latencyMs;
    /** The first 2 KiB of the answer's body. */
    @Column(name = "response_excerpt")
    public String responseExcerpt;
    public String error;
    /** When the next attempt is due (simulator clock); null when this attempt ended the delivery. */
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
}
