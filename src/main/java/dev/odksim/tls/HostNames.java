package dev.odksim.tls;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** The names a phone may use to reach this host: its LAN addresses, its host name and localhost, for the certificate's SAN. */
final class HostNames {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private HostNames() {
    }

    /** Sorted and without duplicates, so two starts on the same network agree on the list. */
    static List<String> ofThisHost() {
        TreeSet<String> names = new TreeSet<>(List.of("localhost", "127.0.0.1", canonical("::1")));
        String host = hostName();
        if (!host.isBlank() && !"localhost".equalsIgnoreCase(host)) {
            names.add(host.toLowerCase(Locale.ROOT));
            if (!host.contains(".")) {
                names.add(host.toLowerCase(Locale.ROOT) + ".local"); // how mDNS (Bonjour/Avahi) announces it on the LAN
            }
        }
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        names.add(address.getHostAddress());
                    } else if (address instanceof Inet6Address && !address.isLinkLocalAddress()) {
                        names.add(canonical(strip(address.getHostAddress())));
                    }
                }
            }
        } catch (SocketException e) {
            // localhost and the host name still go in
        }
        return List.copyOf(names);
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String env = System.getenv("HOSTNAME");
            return env == null ? "localhost" : env;
        }
    }

    /** An IP address in Java's one written form (IPv6 in full, as certificates' SANs read back); a DNS name in lower case. */
    static String canonical(String name) {
        if (!isIpAddress(name)) {
            return name.toLowerCase(Locale.ROOT);
        }
        try {
            return InetAddress.getByName(name).getHostAddress(); // a literal: no lookup
        } catch (UnknownHostException e) {
            return name;
        }
    }

    static boolean isIpAddress(String name) {
        return name.contains(":") || IPV4.matcher(name).matches();
    }

    /** Java writes IPv6 addresses in full form with a zone ({@code %eth0}); the SAN wants the address only. */
    private static String strip(String ipv6) {
        int zone = ipv6.indexOf('%');
        return zone < 0 ? ipv6 : ipv6.substring(0, zone);
    }
}
