package dev.odksim.cluster;

import dev.odksim.common.Ids;
import dev.odksim.common.OdkConfig;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This instance's name among the instances sharing one database: holder of leases and single-flight claims. */
@Singleton
public class Instance {

    private final String id;

    Instance(OdkConfig config) {
        this.id = config.cluster().instanceId().filter(s -> !s.isBlank()).map(String::strip)
                .orElseGet(() -> truncate(hostName(), 48) + "-" + Ids.shortId(8));
    }

    public String id() {
        return id;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "odk";
        }
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
