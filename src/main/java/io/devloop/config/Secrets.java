package io.devloop.config;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Secrets made at start (the sandbox's signing secret, webhook token and GitHub secret): 256 random bits, hex. */
final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
