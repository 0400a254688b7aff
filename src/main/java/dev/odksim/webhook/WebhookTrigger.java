package dev.odksim.webhook;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a webhook is called for; Unloc documents Access Events, the only trigger the simulator's locks produce. */
public enum WebhookTrigger {
    @JsonProperty("accessEvent") ACCESS_EVENT("accessEvent");

    private final String wire;

    WebhookTrigger(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
