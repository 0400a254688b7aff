package dev.odksim.common;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** An RFC 9457 problem document, the one error shape of every API (docs/api.md). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail,
                      List<InvalidParam> invalidParams, String reason,
                      String decisionId) {

    public Problem(String type, String title, int status, String detail, List<InvalidParam> invalidParams, String reason) {
        this(type, title, status, detail, invalidParams, reason, null);
    }

    public static final String MEDIA_TYPE = "application/problem+json";

    public record InvalidParam(String name, String reason) {
    }
}
