package dev.odksim.webhook;

import dev.odksim.unloc.UnlocProjectAuth;
import dev.odksim.webhook.WebhookDtos.CreatedWebhook;
import dev.odksim.webhook.WebhookDtos.UnlocWebhook;
import dev.odksim.webhook.WebhookDtos.UnlocWebhookList;
import dev.odksim.webhook.WebhookDtos.WebhookRequest;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/** Unloc's webhook registration under {@code /v2} with the project's token: the same webhooks as the admin API. */
@UnlocProjectAuth
@Path("/v2/projects/{projectId}/webhooks")
@Tag(name = "Unloc v2")
@SecurityRequirement(name = "unlocBearer")
@APIResponse(responseCode = "401", content = @Content(mediaType = "application/problem+json"))
@APIResponse(responseCode = "403", content = @Content(mediaType = "application/problem+json"))
public class UnlocWebhookResource {

    @Inject
    WebhookService webhooks;

    @POST
    @ResponseStatus(201)
    @Operation(operationId = "createUnlocWebhook", summary = "Register an Access Event webhook; the answer shows its signing secret, once")
    @APIResponse(responseCode = "201", description = "The webhook, with its signing secret (shown once)",
            content = @Content(mediaType = "application/json", schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = CreatedWebhook.class)))
    @APIResponse(responseCode = "400", content = @Content(mediaType = "application/problem+json"))
    public CreatedWebhook create(@PathParam("projectId") String projectId, @NotNull @Valid WebhookRequest body) {
        return webhooks.register(projectId, body);
    }

    @GET
    @Operation(operationId = "getUnlocWebhooks", summary = "List the project's webhooks")
    @APIResponse(responseCode = "200", description = "The webhooks",
            content = @Content(mediaType = "application/json", schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = UnlocWebhookList.class)))
    public UnlocWebhookList list(@PathParam("projectId") String projectId) {
        return new UnlocWebhookList(webhooks.list(projectId).stream().map(UnlocWebhook::of).toList());
    }

    @GET
    @Path("{webhookId}")
    @Operation(operationId = "getUnlocWebhook", summary = "Get one webhook of the project")
    @APIResponse(responseCode = "200", description = "The webhook",
            content = @Content(mediaType = "application/json", schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = UnlocWebhook.class)))
    @APIResponse(responseCode = "404", content = @Content(mediaType = "application/problem+json"))
    public UnlocWebhook one(@PathParam("projectId") String projectId, @PathParam("webhookId") String webhookId) {
        return UnlocWebhook.of(webhooks.get(projectId, webhookId));
    }

    @DELETE
    @Path("{webhookId}")
    @ResponseStatus(204)
    @Operation(operationId = "deleteUnlocWebhook", summary = "Delete a webhook")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", content = @Content(mediaType = "application/problem+json"))
    public void delete(@PathParam("projectId") String projectId, @PathParam("webhookId") String webhookId) {
        webhooks.delete(projectId, webhookId);
    }
}
