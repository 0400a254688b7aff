package dev.odksim.integrator;

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
import java.util.Map;
import java.util.Set;

/** The reference integrator's own admin endpoint: its workers, locations and tasks, and the fault knobs. */
@AdminOnly
@Path("/integrator/admin")
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

    @GET
    @Path("workers")
    public Map<String, List<Worker>> workers() {
        return Map.of("workers", integrator.workers());
    }

    @POST
    @Path("workers")
    public Response addWorker(NewWorker body) {
        require(body);
        return Response.status(201).entity(integrator.addWorker(body.id(), body.name(), body.phone())).build();
    }

    @GET
    @Path("locations")
    public Map<String, List<Location>> locations() {
        return Map.of("locations", integrator.locations());
    }

    @POST
    @Path("locations")
    public Response addLocation(NewLocation body) {
        require(body);
        return Response.status(201).entity(integrator.addLocation(body.id(), body.name(), body.lockIds())).build();
    }

    @GET
    @Path("tasks")
    public Map<String, List<Task>> tasks() {
        return Map.of("tasks", integrator.tasks());
    }

    @POST
    @Path("tasks")
    public Response addTask(NewTask body) {
        require(body);
        return Response.status(201).entity(integrator.addTask(body.id(), body.workerId(), body.locationId(), body.title(),
                body.start(), body.end())).build();
    }

    @GET
    @Path("faults")
    public Faults faults() {
        return faults.current();
    }

    @PUT
    @Path("faults")
    public Faults setFaults(Faults body) {
        require(body);
        if (body.latencyMs() < 0 || body.latencyMs() > 120_000) {
            throw ProblemException.badRequest("latencyMs", "must be between 0 and 120000");
        }
        if (body.forceStatus() != null && (body.forceStatus() < 100 || body.forceStatus() > 599)) {
            throw ProblemException.badRequest("forceStatus", "must be an HTTP status between 100 and 599, or null");
        }
        faults.set(body);
        return body;
    }

    private static void require(Object body) {
        if (body == null) {
            throw ProblemException.badRequest("body", "is required");
        }
    }
}
