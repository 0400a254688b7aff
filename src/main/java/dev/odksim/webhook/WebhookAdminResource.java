package dev.odksim.webhook;

import dev.odksim.common.AdminOnly;
import dev.odksim.common.QueryLimit;
import dev.odksim.webhook.WebhookDtos.CreatedWebhook;
import dev.odksim.webhook.WebhookDtos.DeliveryList;
import dev.odksim.webhook.WebhookDtos.DeliveryView;
import dev.odksim.webhook.WebhookDtos.RotatedSecret;
import dev.odksim.webhook.WebhookDtos.WebhookList;
import dev.odksim.webhook.WebhookDtos.WebhookRequest;
import dev.odksim.webhook.WebhookDtos.WebhookUpdate;
import dev.odksim.webhook.WebhookDtos.WebhookView;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/** Admin API of a project's Access Event webhooks (docs/webhooks.md): registration, secrets, the delivery log. */
@AdminOnly
@Path("/api/admin/v1/projects/{projectId}/webhooks")
@Tag(name = "Webhooks")
@SecurityRequirement(name = "adminBearer")
@APIResponse(responseCode = "401", content = @Content(mediaType = "application/problem+json"))
@APIResponse(responseCode = "404", content = @Content(mediaType = "application/problem+json"))
public class WebhookAdminResource {

    @Inject
    WebhookService webhooks;

    @POST
    @ResponseStatus(201)
    @Operation(operationId = "createWebhook", summary = "Register a webhook; the answer shows its signing secret, once")
    @APIResponse(responseCode = "201", description = "The webhook, with its signing secret (shown once)",
            content = @Content(mediaType = "application/json", schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = CreatedWebhook.class)))
    @APIResponse(responseCode = "400", content = @Content(mediaType = "application/problem+json"))
    public CreatedWebhook create(@PathParam("projectId") String projectId, @NotNull @Valid WebhookRequest body) {
        return webhooks.register(projectId, body);
    }

    @GET
    @Operation(operationId = "listWebhooks", summary = "The project's webhooks with their delivery health")
    @APIResponse(responseCode = "200", description = "The webhooks",
            content = @Content(mediaType = "application/json", schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = WebhookList.class)))
    public WebhookList list(@PathParam("projectId") String projectId) {
        return new WebhookList(webhooks.list(projectId).stream().map(WebhookView::of).toList());
    }

    @GET
    @Path("{webhookId}")
    @Operation(operationId = "getWebhook", summary = "One webhook")
    @APIResponse(responseCode = "200", description = "The webhook",
            content = @Content(mediaType = "application/json", schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = WebhookView.class)))
    public WebhookView get(@PathParam("projectId") String projectId, @PathParam("webhookId") String webhookId) {
        return WebhookView.of(webhooks.get(projectId, webhookId));
    }

    @PATCH
    @Path("{webhookId}")
    @Operation(operationId = "updateWebhook", summary = "Enable or disable a webhook")
    @APIResponse(responseCode = "200", description = "The webhook",
            content = @Content(mediaType = "application/json", schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "400", content = @Content(mediaType = "application/problem+json"))
    public WebhookView update(@PathParam("projectId") String projectId, @PathParam("webhookId") String webhookId,
                              @NotNull @Valid WebhookUpdate body) {
        return WebhookView.of(webhooks.setEnabled(projectId, webhookId, body.enabled()));
    }

    @DELETE
    @Path("{webhookId}")
    @ResponseStatus(204)
    @Operation(operationId = "deleteWebhook", summary = "Delete a webhook and its delivery log")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("projectId") String projectId, @PathParam("webhookId") String webhookId) {
        webhooks.delete(projectId, webhookId);
    }

    @POST
    @Path("{webhookId}/rotate-secret")
    @Operation(operationId = "rotateWebhookSecret", summary = "New signing secret (shown once); the old one signs too for 24 h")
    @APIResponse(responseCode = "200", description = "The new secret (shown once)",
            content = @Content(mediaType = "application/json", schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = RotatedSecret.class)))
    public RotatedSecret rotate(@PathParam("projectId") String projectId, @PathParam("webhookId") String webhookId) {
        return webhooks.rotate(projectId, webhookId);
    }

    @POST
    @Path("{webhookId}/test")
    @ResponseStatus(202)
    @Operation(operationId = "sendWebhookTestEvent", summary = "Queue a made-up Access Event for this webhook")
    @APIResponse(responseCode = "202", description = "The queued delivery",
            content = @Content(mediaType = "application/json", schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = DeliveryView.class)))
    @APIResponse(responseCode = "409", content = @Content(mediaType = "application/problem+json"))
    public DeliveryView test(@PathParam("projectId") String projectId, @PathParam("webhookId") String webhookId) {
        return webhooks.sendTest(projectId, webhookId);
    }

    @GET
    @Path("{webhookId}/deliveries")
    @Operation(operationId = "listWebhookDeliveries", summary = "The delivery log, newest first, every attempt included")
    @APIResponse(responseCode = "200", description = "The deliveries",
            content = @Content(mediaType = "application/json", schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = DeliveryList.class)))
    @APIResponse(responseCode = "400", content = @Content(mediaType = "application/problem+json"))
    public DeliveryList deliveries(@PathParam("projectId") String projectId, @PathParam("webhookId") String webhookId,
                                   @QueryParam("limit") String limit) {
        return new DeliveryList(webhooks.deliveries(projectId, webhookId, QueryLimit.parse(limit, 50, 1000)));
    }

    @POST
    @Path("{webhookId}/deliveries/{deliveryId}/redeliver")
    @ResponseStatus(202)
    @Operation(operationId = "redeliverWebhookDelivery", summary = "Send the same event (same id) again, now")
    @APIResponse(responseCode = "202", description = "The queued delivery",
            content = @Content(mediaType = "application/json", schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = DeliveryView.class)))
    @APIResponse(responseCode = "409", content = @Content(mediaType = "application/problem+json"))
    public DeliveryView redeliver(@PathParam("projectId") String projectId, @PathParam("webhookId") String webhookId,
                                  @PathParam("deliveryId") String deliveryId) {
        return webhooks.redeliver(projectId, webhookId, deliveryId);
    }
}
