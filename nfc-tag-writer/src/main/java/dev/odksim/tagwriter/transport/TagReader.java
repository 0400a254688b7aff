package dev.odksim.tagwriter.transport;

import java.time.Duration;

/** A reader the user named with {@code --reader}: waits for tags and hands out one connection per tap. */
public interface TagReader extends AutoCloseable {

    String name();

    /** Waits up to {@code timeout} for a tag; throws {@link NoTagException} if none comes. */
    TagConnection awaitTag(Duration timeout);

    /** Waits up to {@code timeout} for the tag to leave the field; false if it is still there. */
    boolean awaitRemoval(Duration timeout);

    @Override
    void close();
}
