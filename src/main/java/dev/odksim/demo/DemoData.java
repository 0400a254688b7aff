package dev.odksim.demo;

import dev.odksim.common.ProblemException;
import dev.odksim.common.StorageConflicts;
import dev.odksim.common.OdkConfig;
import dev.odksim.common.SimClock;
import dev.odksim.integrator.IntegratorService;
import dev.odksim.integrator.OwnIntegrator;
import dev.odksim.project.OnDemandConfig;
import dev.odksim.project.Project;
import dev.odksim.project.ProjectDtos.Auth;
import dev.odksim.project.ProjectDtos.OnDemandView;
import dev.odksim.project.ProjectService;
import dev.odksim.tag.TagService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The demo data of docs/api.md, seeded on first start into an empty database so the whole flow works out of the box. */
@ApplicationScoped
public class DemoData {

    public static final String PROJECT = "demo";
    public static final String FRONT_DOOR = "demo-front-door";
    public static final String STICKER = "demo-front";

    private static final Logger LOG = Logger.getLogger(DemoData.class);

    @Inject
    ProjectService projects;
    @Inject
    TagService tags;
    @Inject
    IntegratorService integrator;
    @Inject
    OdkConfig config;
    @Inject
    SimClock clock;
    @Inject
    OwnIntegrator own;

    /**
     * Seeds when the database holds no project; returns whether it did. One transaction: a start that fails halfway
     * leaves an empty database, seeded again on the next start, never a half-seeded one.
     */
    public boolean seedIfEmpty() {
        boolean seeded;
        try {
            seeded = config.demoData() && QuarkusTransaction.requiringNew().call(() -> Project.count() == 0 && seed());
        } catch (RuntimeException e) {
            // Instances started together on one empty database: another one seeded it first. Its rows show up either
            // as a unique violation or, read after its commit, as the service's own 409 ("already exists"). Either
            // way this transaction rolled back whole; anything else, or no demo project afterwards, is a real failure.
            ProblemException lost = StorageConflicts.asProblem(e);
            if (lost == null || lost.status() != 409
                    || !QuarkusTransaction.requiringNew().call(() -> Project.findById(PROJECT) != null)) {
                throw e;
            }
            LOG.info("The demo data was seeded by another instance");
            seeded = false;
        }
        followServer();
        return seeded;
    }

    /**
     * The demo's decision target is this server's own reference integrator. Every call resolves it per instance
     * ({@code DecisionService.target} with {@link OwnIntegrator}), so the demo works whichever instance answers; at
     * start the stored URL and key are refreshed too, so what the dashboard shows names a live server. A target a
     * user set explicitly is theirs and never rewritten.
     */
    void followServer() {
        QuarkusTransaction.requiringNew().run(() -> {
            OnDemandConfig demo = OnDemandConfig.findById(PROJECT, LockModeType.PESSIMISTIC_WRITE);
            if (demo == null || !demo.followsServer) {
                return;
            }
            String url = own.url();
            if (!url.equals(demo.url) || !"header".equals(demo.authType) || !own.apiKey().equals(demo.headerValue)) {
                LOG.infof("The demo project's integrator now follows this server: %s (was %s)", url, demo.url);
                demo.url = url;
                demo.authType = "header";
                demo.headerName = OwnIntegrator.HEADER;
                demo.headerValue = own.apiKey();
            }
        });
    }

    private boolean seed() {
        projects.createProject(PROJECT, "Demo Facility");
        projects.createLock(PROJECT, FRONT_DOOR, "Front door");
        projects.createLock(PROJECT, "demo-storage", "Storage room");
        projects.createLock(PROJECT, "demo-server-room", "Server room");
        tags.create(PROJECT, FRONT_DOOR, STICKER, null, null);
        tags.create(PROJECT, "demo-storage", "demo-storage", null, null);
        tags.create(PROJECT, "demo-server-room", "demo-server", null, null);
        projects.updateOnDemand(PROJECT, new OnDemandView(true, own.url(),
                new Auth("header", OwnIntegrator.HEADER, own.apiKey()), null, null, null, null)).followsServer = true;
        integrator.addWorker("kari", "Kari Nordmann", "+4712345678");
        integrator.addWorker("ola", "Ola Nordmann", "+4798765432");
        integrator.addLocation("main-building", "Main building", List.of(FRONT_DOOR, "demo-storage"));
        Instant now = clock.now();
        integrator.addTask("kari-shift", "kari", "main-building", "Morning round", now, now.plus(Duration.ofHours(8)));
        LOG.info("Seeded the demo project, locks, stickers and reference integrator data");
        return true;
    }
}
