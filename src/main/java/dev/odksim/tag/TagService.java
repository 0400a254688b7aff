package dev.odksim.tag;

import dev.odksim.common.Ids;
import dev.odksim.common.ProblemException;
import dev.odksim.common.PublicUrls;
import dev.odksim.common.SimClock;
import dev.odksim.project.Lock;
import dev.odksim.project.ProjectService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Sticker administration and the tag resolver (DESIGN.md §5, plain mode). */
@ApplicationScoped
public class TagService {

    private static final Pattern CHIP_UID = Pattern.compile("[0-9A-F]{14}");
    private static final List<String> MODES = List.of("none");

    @Inject
    ProjectService projects;
    @Inject
    SimClock clock;
    @Inject
    PublicUrls urls;

    /** A resolved scan: the tag and the lock it opens. */
    public record Resolution(Tag tag, Lock lock) {
    }

    @Transactional
    public Tag create(String projectId, String lockId, String tagId, String chipUid, String mode) {
        projects.project(projectId);
        if (lockId == null || lockId.isBlank()) {
            throw ProblemException.badRequest("lockId", "is required");
        }
        Lock lock = projects.lock(lockId);
        if (!lock.projectId.equals(projectId)) {
            throw ProblemException.badRequest("lockId", "belongs to another project");
        }
        String id = Ids.chosenOr("tagId", tagId, () -> Ids.shortId(10));
        if (Tag.findById(id) != null) {
            throw ProblemException.conflict("A tag with id '" + id + "' already exists");
        }
        String uid = null;
        if (chipUid != null) {
            uid = chipUid.replace(":", "").strip().toUpperCase(Locale.ROOT);
            if (!CHIP_UID.matcher(uid).matches()) {
                throw ProblemException.badRequest("chipUid", "must be the 7-byte chip UID as 14 hex digits, e.g. 04DE5F1EACC040");
            }
        }
        String tagMode = mode == null ? "none" : mode;
        if (!MODES.contains(tagMode)) {
            throw ProblemException.badRequest("mode", "must be one of " + String.join(", ", MODES));
        }
        Tag tag = new Tag();
        tag.id = id;
        tag.projectId = projectId;
        tag.lockId = lockId;
        tag.chipUid = uid;
        tag.mode = tagMode;
        tag.state = Tag.ACTIVE;
        tag.createdAt = clock.now();
        tag.persist();
        return tag;
    }

    public List<Tag> tags(String projectId) {
        projects.project(projectId);
        return Tag.list("projectId = ?1 order by createdAt, id", projectId);
    }

    /** Resolves a scanned sticker and records the scan, whatever its outcome; 404 for an unknown or retired tag. */
    @Transactional(dontRollbackOn = ProblemException.class)
    public Resolution resolve(String tagId) {
        Tag tag = tagId.length() > 64 ? null : Tag.findById(tagId);
        if (tag == null) {
            record(tagId, null, null, "unknown", "no tag with this id");
            throw new ProblemException(404, "Unknown sticker", "This sticker (" + abbreviate(tagId) + ") is not registered with the simulator", null, "UNKNOWN_TAG");
        }
        if (!Tag.ACTIVE.equals(tag.state)) {
            record(tagId, tag.projectId, tag.lockId, "retired", "tag is retired");
            throw new ProblemException(404, "Retired sticker", "This sticker has been retired and opens nothing", null, "RETIRED_TAG");
        }
        Lock lock = projects.lock(tag.lockId);
        record(tagId, tag.projectId, tag.lockId, "ok", null);
        return new Resolution(tag, lock);
    }

    public String stickerUrl(Tag tag) {
        return urls.sticker(tag.id);
    }

    private void record(String tagId, String projectId, String lockId, String outcome, String reason) {
        ScanEvent event = new ScanEvent();
        event.id = Ids.uuid();
        event.tagId = abbreviate(tagId);
        event.projectId = projectId;
        event.lockId = lockId;
        event.at = clock.now();
        event.outcome = outcome;
        event.reason = reason;
        event.persist();
    }

    private static String abbreviate(String value) {
        return value.length() <= 64 ? value : value.substring(0, 61) + "...";
    }
}
