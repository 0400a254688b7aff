package dev.odksim.integrator;

import jakarta.validation.Valid;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import dev.odksim.common.AdminOnly;
import dev.odksim.common.ProblemException;
import dev.odksim.integrator.IntegratorFaults.Faults;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The reference integrator's own admin endpoint: its workers, locations and tasks, and the fault knobs. */
@AdminOnly
@Path("/integrator/admin")
@Tag(name = "reference-integrator")
@SecurityRequirement(name = "adminBearer")
public class IntegratorAdminResource {

    @Inject
    IntegratorService integrator;
    @Inject
    IntegratorFaults faults;

    public record NewWorker(String id, String name, String phone) {
    }

    public record NewLocation(String id, String name, Set<String> lockIds) {
    }

    public record NewTask(String id, String workerId, String locationId, String title, Instant start, Instant end) {
    }

    public record Workers(@Schema(required = true) List<Worker> workers) {
    }

    public record Locations(@Schema(required = true) List<Location> locations) {
    }

    public record Tasks(@Schema(required = true) List<Task> tasks) {
    }

    @GET
    @Path("workers")
    @Operation(operationId = "listWorkers", summary = "The reference integrator's workers")
    public Workers workers() {
        return new Workers(integrator.workers());
    }

    @POST
    @Path("workers")
    @Operation(operationId = "addWorker", summary = "Add a worker")
    @APIResponse(responseCode = "201", description = "The worker",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Worker.class)))
    public Response addWorker(NewWorker body) {
        require(body);
        return Response.status(201).entity(integrator.addWorker(body.id(), body.name(), body.phone())).build();
    }

    @GET
    @Path("locations")
    @Operation(operationId = "listLocations", summary = "The reference integrator's locations")
    public Locations locations() {
        return new Locations(integrator.locations());
    }

    @POST
    @Path("locations")
    @Operation(operationId = "addLocation", summary = "Add a location")
    @APIResponse(responseCode = "201", description = "The location",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Location.class)))
    public Response addLocation(NewLocation body) {
        require(body);
        return Response.status(201).entity(integrator.addLocation(body.id(), body.name(), body.lockIds())).build();
    }

    @GET
    @Path("tasks")
    @Operation(operationId = "listTasks", summary = "The reference integrator's tasks")
    public Tasks tasks() {
        return new Tasks(integrator.tasks());
    }

    @POST
    @Path("tasks")
    @Operation(operationId = "addTask", summary = "Add a task")
    @APIResponse(responseCode = "201", description = "The task",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Task.class)))
    public Response addTask(NewTask body) {
        require(body);
        return Response.status(201).entity(integrator.addTask(body.id(), body.workerId(), body.locationId(), body.title(),
                body.start(), body.end())).build();
    }

    @GET
    @Path("faults")
    @Operation(operationId = "getFaults", summary = "The reference integrator's fault knobs")
    public Faults faults() {
        return faults.current();
    }

    @PUT
    @Path("faults")
    @Operation(operationId = "setFaults", summary = "Set the reference integrator's fault knobs")
    public Faults setFaults(@Valid Faults body) {
        require(body);
        faults.set(body);
        return body;
    }

    private static void require(Object body) {
        if (body == null) {
            throw ProblemException.badRequest("body", "is required");
        }
    }
}
