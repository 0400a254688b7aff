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

/** Admin API: a project's stickers. */
@AdminOnly
@Path("/api/admin/v1/projects/{projectId}/tags")
public class TagAdminResource {

    @Inject
    TagService tags;

    public record NewTag(String lockId, String tagId, String chipUid, String mode) {
    }

    public record TagView(String tagId, String lockId, String url, String mode, String chipUid, String state, Instant createdAt) {
    }

    @GET
    public List<TagView> list(@PathParam("projectId") String projectId) {
        return tags.tags(projectId).stream().map(this::view).toList();
    }

    @POST
    public Response create(@PathParam("projectId") String projectId, NewTag body) {
        if (body == null) {
            throw ProblemException.badRequest("lockId", "is required");
        }
        Tag tag = tags.create(projectId, body.lockId(), body.tagId(), body.chipUid(), body.mode());
        return Response.status(201).entity(view(tag)).build();
    }

    private TagView view(Tag tag) {
        return new TagView(tag.id, tag.lockId, tags.stickerUrl(tag), tag.mode, tag.chipUid, tag.state, tag.createdAt);
    }
}
