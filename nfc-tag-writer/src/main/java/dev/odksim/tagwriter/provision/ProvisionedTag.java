package dev.odksim.tagwriter.provision;

/** The server's answer to creating a tag (docs/api.md: 201 {@code {tagId, lockId, url, mode}}). */
public record ProvisionedTag(String tagId, String lockId, String url, String mode) {
}
