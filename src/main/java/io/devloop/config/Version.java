package io.devloop.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** devloop's version, filtered into a resource by Maven so it is right in tests and in the jar. */
public final class Version {
    private static final String VERSION = load();

    private Version() {
    }

    public static String current() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("/devloop-version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
