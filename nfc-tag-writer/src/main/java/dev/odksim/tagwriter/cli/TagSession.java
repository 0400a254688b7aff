package dev.odksim.tagwriter.cli;

import dev.odksim.tagwriter.transport.TagConnection;
import dev.odksim.tagwriter.transport.TagReader;

/** Opens the reader, waits for one tag and runs an action on it, closing both whatever happens. */
final class TagSession {

    interface Action {
        int run(TagConnection tag, TagReader reader);
    }

    private TagSession() {
    }

    static int withTag(TagWriterApp app, ReaderOptions options, Action action) {
        try (TagReader reader = app.openReader(options.reader);
                TagConnection tag = reader.awaitTag(options.waitDuration())) {
            return action.run(tag, reader);
        }
    }
}
