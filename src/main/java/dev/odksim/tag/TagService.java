package dev.odksim.tag;

import dev.odksim.common.Ids;
import dev.odksim.common.Problem.InvalidParam;
import dev.odksim.common.ProblemException;
import dev.odksim.common.PublicUrls;
import dev.odksim.common.SimClock;
import dev.odksim.project.Lock;
import dev.odksim.project.ProjectService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Sticker administration (docs/design.md §3, §5): create tags in a trust mode, retire them, point them at another lock.
 * The sticker itself never changes: its URL is {@code /t/{tagId}} whatever the tag points at.
 */
@ApplicationScoped
public class TagService {

    public static final String NONE = "none";
    public static final String MIRROR = "ntag-mirror";
    public static final String SUN = "ntag424-sun";
    private static final List<String> MODES = List.of(NONE, MIRROR, SUN);
    private static final List<String> MIRROR_FORMS = List.of(NtagMirror.BOTH, NtagMirror.UID, NtagMirror.COUNTER);
    private static final Pattern CHIP_UID = Pattern.compile("[0-9A-F]{14}");
    private static final Pattern AES_KEY = Pattern.compile("[0-9A-F]{32}");
    static final int MAX_TAG_ID = 64;

    @Inject
    ProjectService projects;
    @Inject
    SimClock clock;
    @Inject
    PublicUrls urls;

    /**
     * A new tag. {@code mirror} ({@code uid|counter|both}, ntag-mirror only) may be left out: the first good scan pins
     * it. {@code metaReadKey} and {@code fileReadKey} (ntag424-sun only) are 16-byte AES keys as hex.
     */
    public record TagSpec(String lockId, String tagId, String chipUid, String mode, String mirror, String metaReadKey,
                          String fileReadKey) {
    }

    @Transactional
    public Tag create(String projectId, String lockId, String tagId, String chipUid, String mode) {
        return create(projectId, new TagSpec(lockId, tagId, chipUid, mode, null, null, null));
    }

    @Transactional
    public Tag create(String projectId, TagSpec spec) {
        projects.project(projectId);
        Lock lock = lockOfProject(projectId, spec.lockId());
        // tags.id is varchar(64), shorter than other chosen ids (docs/stickers.md); the resolver refuses longer ones unread
        if (spec.tagId() != null && (spec.tagId().isEmpty() || spec.tagId().length() > MAX_TAG_ID)) {
            throw ProblemException.badRequest("tagId", "must be 1-" + MAX_TAG_ID + " characters of letters, digits and . _ : ~ - "
                    + "(starting with a letter or digit)");
        }
        String id = Ids.chosenOr("tagId", spec.tagId(), () -> Ids.shortId(10));
        if (Tag.findById(id) != null) {
            throw ProblemException.conflict("A tag with id '" + id + "' already exists");
        }
        List<InvalidParam> invalid = new ArrayList<>();
        String mode = spec.mode() == null ? NONE : spec.mode();
        if (!MODES.contains(mode)) {
            invalid.add(new InvalidParam("mode", "must be one of " + String.join(", ", MODES)));
        }
        String uid = normalised(spec.chipUid());
        if (uid != null && !CHIP_UID.matcher(uid).matches()) {
            invalid.add(new InvalidParam("chipUid", "must be the 7-byte chip UID as 14 hex digits, e.g. 04DE5F1EACC040"));
        }
        if (MIRROR.equals(mode) && uid == null) {
            invalid.add(new InvalidParam("chipUid", "is required for ntag-mirror: the resolver checks the mirrored UID against it"));
        }
        if (spec.mirror() != null && (!MIRROR.equals(mode) || !MIRROR_FORMS.contains(spec.mirror()))) {
            invalid.add(new InvalidParam("mirror", MIRROR.equals(mode) ? "must be one of " + String.join(", ", MIRROR_FORMS)
                    : "is only for mode ntag-mirror"));
        }
        String metaReadKey = sunKey("metaReadKey", spec.metaReadKey(), mode, invalid);
        String fileReadKey = sunKey("fileReadKey", spec.fileReadKey(), mode, invalid);
        if (!invalid.isEmpty()) {
            throw ProblemException.invalid(invalid);
        }
        Tag tag = new Tag();
        tag.id = id;
        tag.projectId = projectId;
        tag.lockId = lock.id;
        tag.chipUid = uid;
        tag.mode = mode;
        tag.mirrorForm = spec.mirror();
        tag.sunMetaReadKey = metaReadKey;
        tag.sunFileReadKey = fileReadKey;
        tag.state = Tag.ACTIVE;
        tag.createdAt = clock.now();
        tag.persist();
        return tag;
    }

    public List<Tag> tags(String projectId) {
        projects.project(projectId);
        return Tag.list("projectId = ?1 order by createdAt, id", projectId);
    }

    /** A tag of this project; 404 for an unknown tag or one of another project. */
    public Tag tag(String projectId, String tagId) {
        projects.project(projectId);
        return Optional.ofNullable(Tag.<Tag>findById(tagId)).filter(t -> t.projectId.equals(projectId))
                .orElseThrow(() -> ProblemException.notFound("Tag", tagId));
    }

    /** Retires the tag: its sticker opens nothing from now on (404 RETIRED_TAG). Retiring twice changes nothing. */
    @Transactional
    public Tag retire(String projectId, String tagId) {
        Tag tag = tag(projectId, tagId);
        if (Tag.ACTIVE.equals(tag.state)) {
            tag.state = Tag.RETIRED;
            tag.retiredAt = clock.now();
        }
        return tag;
    }

    /** Points the sticker at another lock of the same project; chip, keys and counter stay (it is the same sticker). */
    @Transactional
    public Tag reassign(String projectId, String tagId, String lockId) {
        Tag tag = tag(projectId, tagId);
        Lock lock = lockOfProject(projectId, lockId);
        if (!Tag.ACTIVE.equals(tag.state)) {
            throw ProblemException.conflict("Tag '" + tagId + "' is retired; create a new tag for the sticker instead");
        }
        tag.lockId = lock.id;
        return tag;
    }

    public String stickerUrl(Tag tag) {
        return urls.sticker(tag.id);
    }

    private Lock lockOfProject(String projectId, String lockId) {
        if (lockId == null || lockId.isBlank()) {
            throw ProblemException.badRequest("lockId", "is required");
        }
        Lock lock = Lock.findById(lockId);
        if (lock == null) {
            throw ProblemException.badRequest("lockId", "no lock with id '" + lockId + "'");
        }
        if (!lock.projectId.equals(projectId)) {
            throw ProblemException.badRequest("lockId", "belongs to another project");
        }
        return lock;
    }

    /** A SUN key: required for ntag424-sun, refused for the other modes. The value never appears in a message. */
    private static String sunKey(String field, String value, String mode, List<InvalidParam> invalid) {
        String key = normalised(value);
        if (!SUN.equals(mode)) {
            if (key != null) {
                invalid.add(new InvalidParam(field, "is only for mode ntag424-sun"));
            }
            return null;
        }
        if (key == null || !AES_KEY.matcher(key).matches()) {
            invalid.add(new InvalidParam(field, "is required for ntag424-sun: the 16-byte AES key as 32 hex digits"));
            return null;
        }
        return key;
    }

    private static String normalised(String hex) {
        return hex == null ? null : hex.replace(":", "").replace(" ", "").strip().toUpperCase(Locale.ROOT);
    }
}
