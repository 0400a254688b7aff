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

/** Admin API: projects, locks and on-demand configuration. */
@AdminOnly
@Path("/api/admin/v1/projects")
public class ProjectResource {

    @Inject
    ProjectService projects;
    @Inject
    AdminCaller caller;

    /** Every project for the global admin token; only its own for a project's admin token. */
    @GET
    @ProjectFiltered
    public List<ProjectView> list() {
        return projects.projects().stream().filter(p -> caller.mayManage(p.id)).map(ProjectView::of).toList();
    }

    @POST
    public Response create(NewProject body) {
        if (body == null) {
            throw ProblemException.badRequest("name", "is required");
        }
        return Response.status(201).entity(ProjectView.of(projects.createProject(body.id(), body.name()))).build();
    }

    @GET
    @Path("{projectId}")
    public ProjectView get(@PathParam("projectId") String projectId) {
        return ProjectView.of(projects.project(projectId));
    }

    @GET
    @Path("{projectId}/locks")
    public List<LockView> locks(@PathParam("projectId") String projectId) {
        return projects.locks(projectId).stream().map(LockView::of).toList();
    }

    @POST
    @Path("{projectId}/locks")
    public Response createLock(@PathParam("projectId") String projectId, NewLock body) {
        if (body == null) {
            throw ProblemException.badRequest("name", "is required");
        }
        return Response.status(201).entity(LockView.of(projects.createLock(projectId, body.id(), body.name(), body.timezone()))).build();
    }

    /** The lock's IANA time zone (recurring keys, docs/unloc-api.md). */
    @PUT
    @Path("{projectId}/locks/{lockId}/timezone")
    public LockView setTimezone(@PathParam("projectId") String projectId, @PathParam("lockId") String lockId,
                                ProjectDtos.LockTimezone body) {
        return LockView.of(projects.setTimezone(projectId, lockId, body == null ? null : body.timezone()));
    }

    @GET
    @Path("{projectId}/on-demand")
    public OnDemandView onDemand(@PathParam("projectId") String projectId) {
        return ProjectService.view(projects.onDemand(projectId));
    }

    @PUT
    @Path("{projectId}/on-demand")
    public OnDemandView updateOnDemand(@PathParam("projectId") String projectId, OnDemandView body) {
        if (body == null) {
            throw ProblemException.badRequest("body", "is required");
        }
        return ProjectService.view(projects.updateOnDemand(projectId, body));
    }
}
