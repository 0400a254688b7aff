package dev.odksim.tagwriter.tag;

import static dev.odksim.tagwriter.tag.NtagType.*;

import java.util.Optional;

/** The NTAG21x configuration pages CFG0 and CFG1 as read from the tag. */
public record TagConfig(byte[] cfg0, byte[] cfg1) {

    public TagConfig {
        cfg0 = cfg0.clone();
        cfg1 = cfg1.clone();
    }

    public int auth0() {
        return cfg0[CFG0_AUTH0] & 0xFF;
    }

    public int access() {
        return cfg1[CFG1_ACCESS] & 0xFF;
    }

    /** True when AUTH0 points into the tag's memory, so writes from there on need PWD_AUTH. */
    public boolean isProtected(NtagType type) {
        return auth0() < type.totalPages();
    }

    public boolean readProtected() {
        return (access() & ACCESS_PROT) != 0;
    }

    public boolean configLocked() {
        return (access() & ACCESS_CFGLCK) != 0;
    }

    public boolean counterEnabled() {
        return (access() & ACCESS_NFC_CNT_EN) != 0;
    }

    public Optional<MirrorMode> mirror() {
        return MirrorMode.fromConf((cfg0[CFG0_MIRROR] & 0xFF) >>> MIRROR_CONF_SHIFT);
    }

    public int mirrorPage() {
        return cfg0[CFG0_MIRROR_PAGE] & 0xFF;
    }

    public int mirrorByte() {
        return ((cfg0[CFG0_MIRROR] & 0xFF) >>> MIRROR_BYTE_SHIFT) & 0x03;
    }

    public TagConfig withMirror(Optional<MirrorMode> mode, int page, int byteInPage) {
        byte[] c0 = cfg0.clone();
        int conf = mode.map(MirrorMode::conf).orElse(0);
        c0[CFG0_MIRROR] = (byte) ((conf << MIRROR_CONF_SHIFT) | (byteInPage << MIRROR_BYTE_SHIFT)
                | (cfg0[CFG0_MIRROR] & MIRROR_STRG_MOD_EN));
        c0[CFG0_MIRROR_PAGE] = (byte) (mode.isPresent() ? page : 0);
        byte[] c1 = cfg1.clone();
        boolean counter = mode.isPresent() && mode.get().includesCounter();
        c1[CFG1_ACCESS] = (byte) (counter ? access() | ACCESS_NFC_CNT_EN : access() & ~ACCESS_NFC_CNT_EN);
        return new TagConfig(c0, c1);
    }

    public TagConfig withAuth0(int auth0) {
        byte[] c0 = cfg0.clone();
        c0[CFG0_AUTH0] = (byte) auth0;
        return new TagConfig(c0, cfg1);
    }

    public TagConfig withAccess(int access) {
        byte[] c1 = cfg1.clone();
        c1[CFG1_ACCESS] = (byte) access;
        return new TagConfig(cfg0, c1);
    }
}
