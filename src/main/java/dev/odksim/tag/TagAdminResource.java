package dev.odksim.tag;

import dev.odksim.common.AdminOnly;
import dev.odksim.common.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Admin API: a project's stickers (create, retire, reassign). SUN keys go in and never come out. */
@AdminOnly
@Path("/api/admin/v1/projects/{projectId}/tags")
@org.eclipse.microprofile.openapi.annotations.tags.Tag(name = "projects-admin")
@SecurityRequirement(name = "adminBearer")
public class TagAdminResource {

    @Inject
    TagService tags;

    /** {@code metaReadKey}/{@code fileReadKey}: ntag424-sun only, 32 hex digits each, write-only. */
    public record NewTag(String lockId, String tagId, String chipUid, String mode, String mirror, String metaReadKey,
                         String fileReadKey) {
    }

    public record Reassignment(String lockId) {
    }

    /** A tag as the admin API shows it: {@code sunKeys} says whether keys are stored, never what they are. */
    public record TagView(String tagId, String lockId, String url,
                          @Schema(enumeration = {TagService.NONE, TagService.MIRROR, TagService.SUN}) String mode, String chipUid,
                          @Schema(enumeration = {Tag.ACTIVE, Tag.RETIRED}) String state, Instant createdAt,
                          String mirror, Long lastCounter, Boolean sunKeys, Instant retiredAt) {
    }

    @GET
    @Operation(operationId = "listTags", summary = "A project's stickers")
    public List<TagView> list(@PathParam("projectId") String projectId) {
        return tags.tags(projectId).stream().map(this::view).toList();
    }

    @POST
    @Operation(operationId = "createTag", summary = "Create a sticker")
    @APIResponse(responseCode = "201", description = "The sticker",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TagView.class)))
    public Response create(@PathParam("projectId") String projectId, NewTag body) {
        if (body == null) {
            throw ProblemException.badRequest("lockId", "is required");
        }
        Tag tag = tags.create(projectId, new TagService.TagSpec(body.lockId(), body.tagId(), body.chipUid(), body.mode(),
                body.mirror(), body.metaReadKey(), body.fileReadKey()));
        return Response.status(201).entity(view(tag)).build();
    }

    @GET
    @Path("{tagId}")
    @Operation(operationId = "getTag", summary = "One sticker")
    public TagView get(@PathParam("projectId") String projectId, @PathParam("tagId") String tagId) {
        return view(tags.tag(projectId, tagId));
    }

    /** Retires the tag: its sticker opens nothing any more (404 RETIRED_TAG on scan). */
    @POST
    @Path("{tagId}/retire")
    @Operation(operationId = "retireTag", summary = "Retire a sticker")
    public TagView retire(@PathParam("projectId") String projectId, @PathParam("tagId") String tagId) {
        return view(tags.retire(projectId, tagId));
    }

    /** Points the (unchanged) sticker at another lock of the project. */
    @POST
    @Path("{tagId}/reassign")
    @Operation(operationId = "reassignTag", summary = "Move a sticker to another lock")
    public TagView reassign(@PathParam("projectId") String projectId, @PathParam("tagId") String tagId, Reassignment body) {
        if (body == null) {
            throw ProblemException.badRequest("lockId", "is required");
        }
        return view(tags.reassign(projectId, tagId, body.lockId()));
    }

    private TagView view(Tag tag) {
        return new TagView(tag.id, tag.lockId, tags.stickerUrl(tag), tag.mode, tag.chipUid, tag.state, tag.createdAt,
                tag.mirrorForm, tag.lastCounter, TagService.SUN.equals(tag.mode) ? tag.sunMetaReadKey != null : null, tag.retiredAt);
    }
}
