package dev.odksim.unloc;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.odksim.key.KeyState;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The key, job and revocation shapes of the {@code /v2} API (docs/unloc-api.md). Request records collect fields they do
 * not know in {@code unknown}, so a misspelt field is a 400 naming it instead of being dropped.
 */
public final class UnlocKeyDtos {

    private UnlocKeyDtos() {
    }

    @Schema(name = "UnlocNewKeys", requiredProperties = "keys")
    public record NewKeys(@Schema(required = true) List<NewKey> keys,
                          @Schema(hidden = true) @JsonAnySetter Map<String, JsonNode> unknown) {
    }

    @Schema(name = "UnlocNewKey", requiredProperties = {"lockId", "appUserId"})
    public record NewKey(
            @Schema(required = true) String lockId,
            @Schema(required = true, description = "The app user's phone number, E.164", examples = "+4712345678") String appUserId,
            @Schema(description = "RFC 3339; default now", examples = "2026-12-01T08:00:00.000Z") String start,
            @Schema(description = "RFC 3339; give end or durationMinutes (default: start + 24 h)") String end,
            @Schema(description = "Minutes from start; instead of end", examples = "120") Integer durationMinutes,
            Recurrence recurrence,
            @Schema(type = SchemaType.OBJECT, description = "Opaque to the platform, returned as sent") JsonNode metadata,
            @Schema(hidden = true) @JsonAnySetter Map<String, JsonNode> unknown) {
    }

    /** Weekly spans in the lock's time zone. Unloc's own docs spell the field both timeSpans and timespans; both are read. */
    @Schema(name = "UnlocRecurrence", requiredProperties = "timeSpans")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Recurrence(@Schema(required = true) @JsonAlias("timespans") List<TimeSpan> timeSpans,
                             @Schema(hidden = true) @JsonAnySetter Map<String, JsonNode> unknown) {
    }

    @Schema(name = "UnlocTimeSpan", requiredProperties = {"weekday", "startHour", "startMinute", "endHour", "endMinute"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TimeSpan(@Schema(required = true, enumeration = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}) String weekday,
                           @Schema(required = true, minimum = "0", maximum = "24") Integer startHour,
                           @Schema(required = true, minimum = "0", maximum = "59") Integer startMinute,
                           @Schema(required = true, minimum = "0", maximum = "24") Integer endHour,
                           @Schema(required = true, minimum = "0", maximum = "59") Integer endMinute,
                           @Schema(hidden = true) @JsonAnySetter Map<String, JsonNode> unknown) {
    }

    /** Answer of a batch create: the job to poll (ours; Unloc documents that a job id comes back, not the body). */
    @Schema(name = "UnlocAcceptedKeys")
    public record Accepted(@Schema(required = true) String jobRef) {
    }

    /** A key in Unloc's shape; {@code error} says why a key is in state error. */
    @Schema(name = "UnlocKey")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record UnlocKey(@Schema(required = true) String id, @Schema(required = true) String lockId,
                           @Schema(required = true) String appUserId, @Schema(required = true) Instant start,
                           @Schema(required = true) Instant end, @Schema(required = true) Instant created,
                           @Schema(required = true) KeyState state, Integer durationMinutes, Recurrence recurrence,
                           @Schema(type = SchemaType.OBJECT) JsonNode metadata, String error) {
    }

    @Schema(name = "UnlocKeyList")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record KeyList(@Schema(required = true) List<UnlocKey> keys,
                          @Schema(description = "Id of the last key returned, present only when more remain") String startAfterId) {
    }

    public enum JobState {
        RUNNING, COMPLETED;

        @JsonValue
        public String wire() {
            return name().toLowerCase();
        }
    }

    @Schema(name = "UnlocJobKey")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record JobKey(@Schema(required = true) String id, @Schema(required = true) String lockId,
                         @Schema(required = true) String appUserId, @Schema(required = true) KeyState state, String error) {
    }

    /** A batch's progress (ours): running while any of its keys is still creating. */
    @Schema(name = "UnlocJob")
    public record JobView(@Schema(required = true) String jobRef, @Schema(required = true) JobState state,
                          @Schema(required = true) Instant created, @Schema(required = true) List<JobKey> keys) {
    }

    @Schema(name = "UnlocRevokedKeys")
    public record Revoked(@Schema(required = true, description = "How many keys this call revoked") int revoked) {
    }
}
