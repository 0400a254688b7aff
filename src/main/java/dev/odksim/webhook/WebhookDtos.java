package dev.odksim.webhook;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** The HTTP edge of webhooks: request and answer bodies of the admin and {@code /v2} APIs. */
public final class WebhookDtos {

    private WebhookDtos() {
    }

    @Schema(description = "A webhook to register: without lockId it covers every lock of the project")
    public record WebhookRequest(
            @Schema(required = true) @NotNull WebhookTrigger trigger,
            @Schema(required = true, description = "http or https URL without credentials") @NotBlank @Size(max = 2048) String url,
            @Size(max = 128) String lockId) {
    }

    @Schema(description = "Turns a webhook on or off; turning it on clears the reason it was disabled")
    public record WebhookUpdate(@Schema(required = true) @NotNull Boolean enabled) {
    }

    @Schema(description = "A registered webhook with its signing secret, shown only in this answer")
    public record CreatedWebhook(
            @Schema(required = true) String id, @Schema(required = true) WebhookTrigger trigger, @Schema(required = true) String url,
            String lockId, @Schema(required = true, description = "whsec_… signing secret") String secret,
            @Schema(required = true) Instant created) {
        static CreatedWebhook of(Webhook w) {
            return new CreatedWebhook(w.id, WebhookTrigger.ACCESS_EVENT, w.url, w.lockId, w.secret, w.createdAt);
        }
    }

    @Schema(description = "A webhook as Unloc's API lists it (no secret)")
    public record UnlocWebhook(@Schema(required = true) String id, @Schema(required = true) WebhookTrigger trigger,
                               @Schema(required = true) String url, String lockId, @Schema(required = true) Instant created) {
        static UnlocWebhook of(Webhook w) {
            return new UnlocWebhook(w.id, WebhookTrigger.ACCESS_EVENT, w.url, w.lockId, w.createdAt);
        }
    }

    @Schema(description = "A webhook with its delivery health (no secret)")
    public record WebhookView(
            @Schema(required = true) String id, @Schema(required = true) String projectId, @Schema(required = true) WebhookTrigger trigger,
            @Schema(required = true) String url, String lockId, @Schema(required = true) Instant created,
            @Schema(required = true) boolean enabled, String disabledReason,
            @Schema(description = "Since when every attempt failed; null after a success") Instant failingSince,
            @Schema(description = "Until when the previous secret still signs after a rotation") Instant previousSecretUntil) {
        static WebhookView of(Webhook w) {
            return new WebhookView(w.id, w.projectId, WebhookTrigger.ACCESS_EVENT, w.url, w.lockId, w.createdAt, w.enabled,
                    w.disabledReason, w.failingSince, w.previousSecretUntil);
        }
    }

    public record WebhookList(@Schema(required = true) List<WebhookView> webhooks) {
    }

    public record UnlocWebhookList(@Schema(required = true) List<UnlocWebhook> webhooks) {
    }

    @Schema(description = "The new signing secret, shown only in this answer; the previous one keeps signing until previousSecretUntil")
    public record RotatedSecret(@Schema(required = true) String id, @Schema(required = true) String secret,
                                @Schema(required = true) Instant previousSecretUntil) {
    }

    @Schema(description = "One HTTP attempt of a delivery")
    public record AttemptView(@Schema(required = true) int attempt, @Schema(required = true) Instant at, Integer status,
                              @Schema(required = true) long latencyMs,
                              @Schema(description = "First 2 KiB of the answer's body") String response, String error,
                              @Schema(description = "When the next attempt is due; null when this one ended the delivery") Instant nextAttempt) {
        static AttemptView of(WebhookAttempt a) {
            return new AttemptView(a.attemptNo, a.at, a.statusCode, a.latencyMs, a.responseExcerpt, a.error, a.nextAttemptAt);
        }
    }

    @Schema(description = "One event for one webhook and every attempt to deliver it")
    public record DeliveryView(@Schema(required = true) String id, @Schema(required = true) String webhookId,
                               @Schema(required = true, description = "The Access Event id: webhook-id header and payload id") String eventId,
                               @Schema(required = true) DeliveryState state, @Schema(required = true) int attempts,
                               @Schema(required = true) Instant created, Instant nextAttempt,
                               @Schema(required = true) String payload,
                               @Schema(required = true) List<AttemptView> attemptLog) {
        static DeliveryView of(WebhookDelivery d, List<WebhookAttempt> attempts) {
            return new DeliveryView(d.id, d.webhookId, d.eventId, DeliveryState.of(d.state), d.attempts, d.createdAt, d.nextAttemptAt,
                    d.payload, attempts.stream().map(AttemptView::of).toList());
        }
    }

    public record DeliveryList(@Schema(required = true) List<DeliveryView> deliveries) {
    }
}
