package dev.odksim.tag;

import dev.odksim.common.Ids;
import dev.odksim.common.SimClock;
import dev.odksim.project.Lock;
import dev.odksim.project.ProjectService;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.util.HexFormat;
import java.util.List;

/**
 * The tag resolver (docs/design.md §5): checks a scanned sticker URL against its tag's trust mode, moves the tag's
 * counter forward only for a verified scan, records every scan with its outcome, and issues the scan proof.
 */
@ApplicationScoped
public class ScanService {

    @Inject
    ProjectService projects;
    @Inject
    ScanProofs proofs;
    @Inject
    SimClock clock;

    /** How a scan ended: accepted with the lock it opens and a scan proof, or refused for a recorded reason. */
    public sealed interface Scan {
    }

    public record Accepted(Tag tag, Lock lock, Long counter, ScanProofs.Issued proof) implements Scan {
    }

    public record Refused(ScanOutcome outcome, String field, String detail) implements Scan {
    }

    /**
     * @param rawQuery  the sticker URL's query string as received (not decoded), or null
     * @param appUserId the scanning app user, when the scan came with an app session (binds the proof), else null
     */
    @Transactional
    public Scan resolve(String tagId, String rawQuery, String appUserId) {
        // The row lock serialises concurrent scans of one tag, so one counter value is accepted once.
        Tag tag = tagId.length() > TagService.MAX_TAG_ID ? null : Tag.findById(tagId, LockModeType.PESSIMISTIC_WRITE);
        if (tag == null) {
            record(tagId, null, ScanOutcome.UNKNOWN, "no tag with this id", null, null);
            return new Refused(ScanOutcome.UNKNOWN, null, "This sticker (" + abbreviate(tagId) + ") is not registered with the simulator");
        }
        if (!Tag.ACTIVE.equals(tag.state)) {
            record(tagId, tag, ScanOutcome.RETIRED, "tag is retired", null, null);
            return new Refused(ScanOutcome.RETIRED, null, "This sticker has been retired and opens nothing");
        }
        StickerVerdict verdict = verify(tag, StickerQuery.parse(rawQuery));
        if (verdict instanceof StickerVerdict.Refused refused) {
            record(tagId, tag, refused.outcome(), refused.detail(), refused.uid(), refused.counter());
            return new Refused(refused.outcome(), refused.field(), refused.detail());
        }
        StickerVerdict.Passed passed = (StickerVerdict.Passed) verdict;
        if (passed.counter() != null) {
            tag.lastCounter = passed.counter();
        }
        if (TagService.MIRROR.equals(tag.mode) && tag.mirrorForm == null) {
            tag.mirrorForm = passed.form();
        }
        Lock lock = projects.lock(tag.lockId);
        record(tagId, tag, ScanOutcome.OK, null, passed.uid(), passed.counter());
        return new Accepted(tag, lock, passed.counter(), proofs.issue(tag, passed.counter(), appUserId));
    }

    private static StickerVerdict verify(Tag tag, StickerQuery query) {
        if (TagService.MIRROR.equals(tag.mode)) {
            return NtagMirror.check(query, tag.chipUid, tag.mirrorForm, tag.lastCounter);
        }
        if (TagService.SUN.equals(tag.mode)) {
            return Ntag424Sun.check(query, HexFormat.of().parseHex(tag.sunMetaReadKey), HexFormat.of().parseHex(tag.sunFileReadKey),
                    tag.chipUid, tag.lastCounter);
        }
        return new StickerVerdict.Passed(null, null, null);
    }

    /** Scans of a project's tags, newest first; {@code outcome} filters by its code ({@code ok}, {@code replay}, ...). */
    public List<ScanEvent> scansOfProject(String projectId, String outcome, int limit) {
        projects.project(projectId);
        String query = "projectId = :project" + (outcome != null ? " and outcome = :outcome" : "") + " order by at desc, id";
        Parameters params = Parameters.with("project", projectId);
        if (outcome != null) {
            params.and("outcome", outcome);
        }
        return ScanEvent.find(query, params).page(Page.ofSize(limit)).list();
    }

    /** Every scan, including those of unknown tags (which belong to no project), newest first. */
    public List<ScanEvent> allScans(String outcome, int limit) {
        return (outcome == null ? ScanEvent.find("order by at desc, id") : ScanEvent.find("outcome = ?1 order by at desc, id", outcome))
                .page(Page.ofSize(limit)).list();
    }

    private void record(String tagId, Tag tag, ScanOutcome outcome, String reason, String uid, Long counter) {
        ScanEvent event = new ScanEvent();
        event.id = Ids.uuid();
        event.tagId = abbreviate(tagId);
        event.projectId = tag == null ? null : tag.projectId;
        event.lockId = tag == null ? null : tag.lockId;
        event.mode = tag == null ? null : tag.mode;
        event.at = clock.now();
        event.outcome = outcome.code();
        event.reason = reason == null ? null : reason.length() <= 500 ? reason : reason.substring(0, 497) + "...";
        event.chipUid = uid;
        event.counter = counter;
        event.persist();
    }

    /** At most 64 characters, control characters and broken surrogates replaced: the id comes straight from the URL. */
    static String abbreviate(String value) {
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(65).forEach(cp -> out.appendCodePoint(
                Character.isISOControl(cp) || Character.getType(cp) == Character.SURROGATE ? '?' : cp));
        return out.codePointCount(0, out.length()) <= 64 ? out.toString() : out.substring(0, out.offsetByCodePoints(0, 61)) + "...";
    }
}
