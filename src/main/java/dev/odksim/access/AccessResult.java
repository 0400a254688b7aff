package dev.odksim.access;

import dev.odksim.key.AccessKey;

/** How an access request was answered: with a key that already existed, or with one minted on demand. */
public sealed interface AccessResult {

    AccessKey key();

    record Existing(AccessKey key) implements AccessResult {
    }

    record OnDemand(String decisionId, AccessKey key) implements AccessResult {
    }
}
