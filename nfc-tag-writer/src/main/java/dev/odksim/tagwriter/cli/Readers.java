package dev.odksim.tagwriter.cli;

import dev.odksim.tagwriter.emulator.EmulatorReader;
import dev.odksim.tagwriter.transport.TagReader;
import dev.odksim.tagwriter.transport.pcsc.PcscReader;

/**
 * Turns the {@code --reader} value of docs/api.md into a reader: {@code pcsc}, {@code pcsc:NAME},
 * {@code emulator:ntag213|ntag215|ntag216[,OPTION…][:FILE]} or {@code emulator:none} (no tag).
 */
public final class Readers {

    private Readers() {
    }

    public static TagReader open(String spec) {
        if (spec.equals("pcsc")) {
            return PcscReader.open(null);
        }
        if (spec.startsWith("pcsc:")) {
            return PcscReader.open(spec.substring("pcsc:".length()));
        }
        if (spec.startsWith("emulator:")) {
            return EmulatorReader.parse(spec.substring("emulator:".length()));
        }
        throw new IllegalArgumentException("unknown reader '" + spec
                + "': use pcsc, pcsc:NAME or emulator:ntag213|ntag215|ntag216[:FILE]");
    }
}
