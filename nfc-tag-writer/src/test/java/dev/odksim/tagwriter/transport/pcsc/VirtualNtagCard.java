package dev.odksim.tagwriter.transport.pcsc;

import dev.odksim.tagwriter.transport.TagCommandException;
import dev.odksim.tagwriter.emulator.EmulatedNtag;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.util.Arrays;

/**
 * The card side of vsmartcard's virtual reader (vpcd): connects to pcscd's vpcd driver on
 * localhost and answers, for an {@link EmulatedNtag}, what a contactless reader driver would:
 * the PC/SC storage-card APDUs (GET UID, READ BINARY, UPDATE BINARY) and the ACR122U
 * InCommunicateThru pseudo-APDU. vpcd frames: 2-byte big-endian length + payload; a 1-byte payload
 * is a control byte (0 power off, 1 power on, 2 reset, 4 get ATR).
 */
final class VirtualNtagCard implements AutoCloseable {

    /** ATR of a PC/SC part 3 storage card, card name 0x0003 (MIFARE Ultralight family / NTAG). */
    static final byte[] ATR = {0x3B, (byte) 0x8F, (byte) 0x80, 0x01, (byte) 0x80, 0x4F, 0x0C, (byte) 0xA0, 0x00, 0x00,
        0x03, 0x06, 0x03, 0x00, 0x03, 0x00, 0x00, 0x00, 0x00, 0x68};

    private final EmulatedNtag tag;
    private final Socket socket;
    private final Thread thread;
    private volatile int apdus;

    VirtualNtagCard(EmulatedNtag tag, String host, int port) throws IOException {
        this.tag = tag;
        this.socket = new Socket(host, port);
        this.thread = new Thread(this::serve, "vpcd-card");
        thread.setDaemon(true);
        thread.start();
    }

    int apdusAnswered() {
        return apdus;
    }

    private void serve() {
        try (DataInputStream in = new DataInputStream(socket.getInputStream());
                DataOutputStream out = new DataOutputStream(socket.getOutputStream())) {
            while (true) {
                int length = in.readUnsignedShort();
                byte[] message = in.readNBytes(length);
                if (message.length != length) {
                    return;
                }
                if (length == 1) {
                    switch (message[0]) {
                        case 0x01, 0x02 -> tag.activate();
                        case 0x04 -> send(out, ATR);
                        default -> { }
                    }
                } else {
                    byte[] answer = answer(message);
                    apdus++;
                    send(out, answer);
                }
            }
        } catch (IOException e) {
            // pcscd went away or the test closed the socket: the card leaves the field.
        }
    }

    private static void send(DataOutputStream out, byte[] payload) throws IOException {
        out.writeShort(payload.length);
        out.write(payload);
        out.flush();
    }

    private byte[] answer(byte[] apdu) {
        if ((apdu[0] & 0xFF) != 0xFF) {
            return sw(0x6E00);
        }
        int ins = apdu[1] & 0xFF;
        int p2 = apdu[3] & 0xFF;
        try {
            switch (ins) {
                case 0xCA:
                    return withSw(tag.uid());
                case 0xB0:
                    int le = apdu.length > 4 ? apdu[4] & 0xFF : 16;
                    return withSw(Arrays.copyOf(tag.read(p2), le == 0 ? 16 : Math.min(16, le)));
                case 0xD6:
                    tag.write(p2, Arrays.copyOfRange(apdu, 5, 5 + (apdu[4] & 0xFF)));
                    return sw(0x9000);
                case 0x00:
                    return pseudoApdu(Arrays.copyOfRange(apdu, 5, 5 + (apdu[4] & 0xFF)));
                default:
                    return sw(0x6D00);
            }
        } catch (TagCommandException e) {
            return sw(0x6300);
        }
    }

    /** ACR122U direct transmit carrying PN53x InCommunicateThru (D4 42 cmd…) → D5 43 status data. */
    private byte[] pseudoApdu(byte[] data) {
        if (data.length < 3 || data[0] != (byte) 0xD4 || data[1] != 0x42) {
            return sw(0x6A81);
        }
        byte[] cmd = Arrays.copyOfRange(data, 2, data.length);
        byte[] response;
        try {
            response = switch (cmd[0] & 0xFF) {
                case 0x60 -> tag.getVersion();
                case 0x1B -> tag.pwdAuth(Arrays.copyOfRange(cmd, 1, 5));
                case 0x39 -> {
                    int c = tag.readCounter();
                    yield new byte[] {(byte) c, (byte) (c >>> 8), (byte) (c >>> 16)};
                }
                default -> null;
            };
        } catch (TagCommandException e) {
            response = null;
        }
        if (response == null) {
            // A NAK'd or unknown command: the PN53x reports a timeout (status 01).
            return withSw(new byte[] {(byte) 0xD5, 0x43, 0x01});
        }
        byte[] out = new byte[response.length + 3];
        out[0] = (byte) 0xD5;
        out[1] = 0x43;
        System.arraycopy(response, 0, out, 3, response.length);
        return withSw(out);
    }

    private static byte[] withSw(byte[] data) {
        byte[] out = Arrays.copyOf(data, data.length + 2);
        out[data.length] = (byte) 0x90;
        return out;
    }

    private static byte[] sw(int sw) {
        return new byte[] {(byte) (sw >>> 8), (byte) sw};
    }

    @Override
    public void close() throws IOException {
        socket.close();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
