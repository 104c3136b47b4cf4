package io.clientbook.customer.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where webhooks may go: an absolute http(s) URL whose host resolves only to public addresses. Loopback, private
 * (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16 with the cloud metadata address, fe80::/10),
 * carrier-grade NAT (100.64/10), unspecified and multicast addresses are refused unless an admin allows private
 * networks for the subscription. Checked when the subscription is written and again before every send (a name may
 * resolve elsewhere later). Plain Java.
 */
final class Destinations {

    private Destinations() {
    }

    /** Why this URL may not receive webhooks, or empty when it may. */
    static Optional<String> refusal(String url, boolean privateNetworkAllowed) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            return Optional.of("is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null || uri.getUserInfo() != null) {
            return Optional.of("must be an http or https URL with a host and no user info");
        }
        if (privateNetworkAllowed) {
            return Optional.empty();
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            return Optional.of("names a host that does not resolve");
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                return Optional.of("resolves to a private, loopback or link-local address; an admin may allow private networks");
            }
        }
        return Optional.empty();
    }

    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return !(first == 0 || first == 100 && second >= 64 && second <= 127 || first == 192 && second == 0 && (b[2] & 0xff) == 0
                    || first >= 240);
        }
        if (address instanceof Inet6Address v6) {
            if (v6.isIPv4CompatibleAddress()) {
                return false;
            }
            int first = b[0] & 0xff;
            return (first & 0xfe) != 0xfc; // fc00::/7 unique local
        }
        return true;
    }
}
