package dev.odksim.appauth;

/**
 * Fired (synchronously, inside the ending transaction) when an app session ends: logout, or a new login on the same
 * device. Keys bound to the session's device key are then revoked, so a shared phone's next worker cannot use them.
 *
 * @param deviceKeyThumbprint RFC 7638 thumbprint of the session's device key, or null if it registered none
 * @param why                 {@code logout} or {@code replaced}
 */
public record SessionEnded(String appUserId, String deviceId, String deviceKeyThumbprint, String why) {
}
