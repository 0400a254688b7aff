package dev.odksim.common;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

import java.util.Optional;

/**
 * E.164 parsing and normalisation of app user ids (docs/design.md §3), backed by libphonenumber.
 *
 * <p>A number is accepted when it is written in international form and libphonenumber finds it <em>possible</em>
 * for its country (right country code, right length). Strict "valid" would refuse the example of Unloc's public description,
 * {@code +4712345678}, which is no allocated Norwegian range, so it would make the published example unusable.
 */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    /** The E.164 form of {@code raw}, or empty when it is not an international phone number. */
    public static Optional<String> normalise(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String trimmed = raw.strip();
        if (!trimmed.startsWith("+") || trimmed.length() > 32) {
            return Optional.empty();
        }
        try {
            Phonenumber.PhoneNumber number = UTIL.parse(trimmed, "ZZ");
            if (!UTIL.isPossibleNumber(number) || UTIL.getRegionCodeForCountryCode(number.getCountryCode()).equals("ZZ")) {
                return Optional.empty();
            }
            return Optional.of(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** The E.164 form of {@code raw}, or a 400 problem naming {@code field}. */
    public static String require(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            throw ProblemException.badRequest(field, "is required (an E.164 phone number such as +4712345678)");
        }
        return normalise(raw).orElseThrow(() -> ProblemException.badRequest(field,
                "is not a valid E.164 phone number (expected + country code and number, e.g. +4712345678)"));
    }
}
