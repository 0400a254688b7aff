package dev.odksim.integrator;

import dev.odksim.common.Ids;
import dev.odksim.common.PhoneNumbers;
import dev.odksim.common.ProblemException;
import dev.odksim.common.SimClock;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The reference integrator's logic, as docs/design.md describes it: a phone may open a lock now when its worker has a task
 * active now at a location containing the lock. The key lasts 30 minutes, or until the task ends if sooner.
 */
@ApplicationScoped
public class IntegratorService {

    static final long KEY_SECONDS = 1800;
    /** Column sizes of the integrator tables (V1): longer input is a 400 naming the field, not a failed insert. */
    private static final int MAX_ID = 64;
    private static final int MAX_TEXT = 200;
    private static final int MAX_LOCK_ID = 128;

    @Inject
    SimClock clock;

    /** The answer; {@code durationSeconds} only when access is granted. */
    public record Answer(boolean hasAccess, Long durationSeconds) {
    }

    public Answer checkAccess(String lockId, String phone) {
        Instant now = clock.now();
        Optional<Worker> worker = Worker.find("phone", phone).firstResultOptional();
        if (worker.isEmpty()) {
            return new Answer(false, null);
        }
        // One query: the worker's tasks active now at a location holding the lock (no location loaded whole).
        List<Task> active = Task.list("select t from Task t, Location l join l.lockIds lockId where t.workerId = :worker"
                        + " and t.locationId = l.id and lockId = :lock and t.start <= :now and t.end > :now",
                Parameters.with("worker", worker.get().id).and("lock", lockId).and("now", now));
        return active.stream()
                .map(task -> Duration.between(now, task.end).getSeconds())
                .max(Long::compare)
                .map(left -> new Answer(true, Math.max(1, Math.min(KEY_SECONDS, left))))
                .orElse(new Answer(false, null));
    }

    @Transactional
    public Worker addWorker(String id, String name, String phone) {
        requireName(name);
        String normalised = PhoneNumbers.require("phone", phone);
        if (Worker.count("phone", normalised) > 0) {
            throw ProblemException.conflict("A worker with phone " + normalised + " already exists");
        }
        Worker worker = new Worker();
        worker.id = chosenId(id);
        if (Worker.findById(worker.id) != null) {
            throw ProblemException.conflict("A worker with id '" + worker.id + "' already exists");
        }
        worker.name = name.strip();
        worker.phone = normalised;
        worker.persist();
        return worker;
    }

    @Transactional
    public Location addLocation(String id, String name, Collection<String> lockIds) {
        requireName(name);
        if (lockIds == null || lockIds.isEmpty() || lockIds.stream().anyMatch(l -> l == null || l.isBlank())) {
            throw ProblemException.badRequest("lockIds", "must list at least one lock id");
        }
        if (lockIds.stream().anyMatch(l -> l.length() > MAX_LOCK_ID)) {
            throw ProblemException.badRequest("lockIds", "a lock id has at most " + MAX_LOCK_ID + " characters");
        }
        Location location = new Location();
        location.id = chosenId(id);
        if (Location.findById(location.id) != null) {
            throw ProblemException.conflict("A location with id '" + location.id + "' already exists");
        }
        location.name = name.strip();
        location.lockIds.addAll(lockIds);
        location.persist();
        return location;
    }

    @Transactional
    public Task addTask(String id, String workerId, String locationId, String title, Instant start, Instant end) {
        if (workerId == null || Worker.findById(workerId) == null) {
            throw ProblemException.badRequest("workerId", "must name an existing worker");
        }
        if (locationId == null || Location.findById(locationId) == null) {
            throw ProblemException.badRequest("locationId", "must name an existing location");
        }
        if (start == null || end == null || !end.isAfter(start)) {
            throw ProblemException.badRequest("end", "start and end are required and end must be after start");
        }
        if (title != null && title.strip().length() > MAX_TEXT) {
            throw ProblemException.badRequest("title", "must be at most " + MAX_TEXT + " characters");
        }
        Task task = new Task();
        task.id = chosenId(id);
        if (Task.findById(task.id) != null) {
            throw ProblemException.conflict("A task with id '" + task.id + "' already exists");
        }
        task.workerId = workerId;
        task.locationId = locationId;
        task.title = title == null || title.isBlank() ? "Task" : title.strip();
        task.start = start;
        task.end = end;
        task.persist();
        return task;
    }

    private static void requireName(String name) {
        if (name == null || name.isBlank()) {
            throw ProblemException.badRequest("name", "is required");
        }
        if (name.strip().length() > MAX_TEXT) {
            throw ProblemException.badRequest("name", "must be at most " + MAX_TEXT + " characters");
        }
    }

    private static String chosenId(String id) {
        String chosen = Ids.chosenOr("id", id, () -> Ids.shortId(8));
        if (chosen.length() > MAX_ID) {
            throw ProblemException.badRequest("id", "must be at most " + MAX_ID + " characters");
        }
        return chosen;
    }

    public List<Worker> workers() {
        return Worker.list("order by name");
    }

    public List<Location> locations() {
        return Location.list("order by name");
    }

    public List<Task> tasks() {
        return Task.list("order by start");
    }

    public Instant now() {
        return clock.now();
    }
}
