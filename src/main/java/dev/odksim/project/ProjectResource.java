package dev.odksim.project;

import dev.odksim.common.AdminCaller;
import dev.odksim.common.AdminOnly;
import dev.odksim.common.ProjectFiltered;
import dev.odksim.project.ProjectDtos.LockView;
import dev.odksim.project.ProjectDtos.NewLock;
import dev.odksim.project.ProjectDtos.NewProject;
import dev.odksim.project.ProjectDtos.OnDemandView;
import dev.odksim.project.ProjectDtos.ProjectView;
import dev.odksim.common.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Admin API: projects, locks and on-demand configuration. */
@AdminOnly
@Path("/api/admin/v1/projects")
@Tag(name = "projects-admin")
@SecurityRequirement(name = "adminBearer")
public class ProjectResource {

    @Inject
    ProjectService projects;
    @Inject
    AdminCaller caller;

    /** Every project for the global admin token; only its own for a project's admin token. */
    @GET
    @ProjectFiltered
    @Operation(operationId = "listProjects", summary = "All projects (only its own for a project's admin token)")
    public List<ProjectView> list() {
        return projects.projects().stream().filter(p -> caller.mayManage(p.id)).map(ProjectView::of).toList();
    }

    @POST
    @Operation(operationId = "createProject", summary = "Create a project")
    @APIResponse(responseCode = "201", description = "The project",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProjectView.class)))
    public Response create(NewProject body) {
        if (body == null) {
            throw ProblemException.badRequest("name", "is required");
        }
        return Response.status(201).entity(ProjectView.of(projects.createProject(body.id(), body.name()))).build();
    }

    @GET
    @Path("{projectId}")
    @Operation(operationId = "getProject", summary = "One project")
    public ProjectView get(@PathParam("projectId") String projectId) {
        return ProjectView.of(projects.project(projectId));
    }

    @GET
    @Path("{projectId}/locks")
    @Operation(operationId = "listLocks", summary = "A project's locks")
    public List<LockView> locks(@PathParam("projectId") String projectId) {
        return projects.locks(projectId).stream().map(LockView::of).toList();
    }

    @POST
    @Path("{projectId}/locks")
    @Operation(operationId = "createLock", summary = "Create a lock in a project")
    @APIResponse(responseCode = "201", description = "The lock",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = LockView.class)))
    public Response createLock(@PathParam("projectId") String projectId, NewLock body) {
        if (body == null) {
            throw ProblemException.badRequest("name", "is required");
        }
        return Response.status(201).entity(LockView.of(projects.createLock(projectId, body.id(), body.name(), body.timezone()))).build();
    }

    /** The lock's IANA time zone (recurring keys, docs/unloc-api.md). */
    @PUT
    @Path("{projectId}/locks/{lockId}/timezone")
    @Operation(operationId = "setLockTimezone", summary = "Set a lock's IANA time zone (recurring keys)")
    public LockView setTimezone(@PathParam("projectId") String projectId, @PathParam("lockId") String lockId,
                                ProjectDtos.LockTimezone body) {
        return LockView.of(projects.setTimezone(projectId, lockId, body == null ? null : body.timezone()));
    }

    @GET
    @Path("{projectId}/on-demand")
    @Operation(operationId = "getOnDemandConfig", summary = "A project's on-demand configuration (secrets masked)")
    public OnDemandView onDemand(@PathParam("projectId") String projectId) {
        return ProjectService.view(projects.onDemand(projectId));
    }

    @PUT
    @Path("{projectId}/on-demand")
    @Operation(operationId = "updateOnDemandConfig", summary = "Set a project's on-demand configuration")
    public OnDemandView updateOnDemand(@PathParam("projectId") String projectId, OnDemandView body) {
        if (body == null) {
            throw ProblemException.badRequest("body", "is required");
        }
        return ProjectService.view(projects.updateOnDemand(projectId, body));
    }
}
