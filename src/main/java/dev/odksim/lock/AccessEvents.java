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
}
