package dev.odksim.tagwriter.ndef;

/** The bytes on a tag are not a well-formed NDEF message or Type 2 TLV area. */
public class NdefFormatException extends RuntimeException {
    public NdefFormatException(String message) {
        super(message);
    }
}
