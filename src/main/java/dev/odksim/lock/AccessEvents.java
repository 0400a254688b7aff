package dev.odksim.lock;

import dev.odksim.project.ProjectService;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/** The log of what a project's virtual locks did with presented keys (unlocked or refused, why), newest first. */
@ApplicationScoped
public class AccessEvents {

    @Inject
    ProjectService projects;

    public List<AccessEvent> ofProject(String projectId, int limit) {
        List<String> lockIds = projects.locks(projectId).stream().map(l -> l.id).toList();
        if (lockIds.isEmpty()) {
            return List.of();
        }
        return AccessEvent.<AccessEvent>find("lockId in ?1 order by at desc, id", lockIds).page(Page.ofSize(limit)).list();
    }

    /**
     * One page of a project's successful unlocks as Unloc Access Events, oldest first by (time, id), from {@code since}
     * on, optionally of one lock and/or app user; {@code afterId} continues after that event (404 when it is not one of
     * this project's). Fetch one more than needed to know whether more remain.
     */
    public List<UnlocAccessEvent> unlockedPage(String projectId, String lockId, String appUserId, java.time.Instant since,
                                               String afterId, int limit) {
        java.util.Map<String, String> names = new java.util.HashMap<>();
        projects.locks(projectId).forEach(l -> names.put(l.id, l.name));
        if (names.isEmpty() || (lockId != null && !names.containsKey(lockId))) {
            return List.of();
        }
        StringBuilder query = new StringBuilder("lockId in :locks and result = :unlocked and at >= :since");
        io.quarkus.panache.common.Parameters params = io.quarkus.panache.common.Parameters.with("locks",
                        lockId == null ? List.copyOf(names.keySet()) : List.of(lockId))
                .and("unlocked", UnlocAccessEvent.UNLOCKED).and("since", since);
        if (appUserId != null) {
            query.append(" and appUserId = :user");
            params.and("user", appUserId);
        }
        if (afterId != null) {
            AccessEvent after = AccessEvent.<AccessEvent>findByIdOptional(afterId).filter(e -> names.containsKey(e.lockId))
                    .orElseThrow(() -> dev.odksim.common.ProblemException.badRequest("startAfterId", "is not the id of an access event of this project"));
            query.append(" and (at > :afterAt or (at = :afterAt and id > :afterId))");
            params.and("afterAt", after.at).and("afterId", after.id);
        }
        return AccessEvent.<AccessEvent>find(query + " order by at, id", params).page(0, limit).list().stream()
                .map(e -> UnlocAccessEvent.of(e, names.get(e.lockId))).toList();
    }
}
