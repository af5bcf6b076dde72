package dmtbs.corba;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deployment may run a naming service on each front end's host, so that clients still find a
 * front end when one host is down. Clients are then given one corbaloc URL that names every one of
 * them, as CORBA allows ({@code corbaloc::10.0.0.1:1050,:10.0.0.2:1050/NameService}), and any ORB
 * can use it as it is. The front ends bind themselves in each naming service separately, and the
 * Java client asks them in turn, so each needs its own single-address URL: {@link #split}.
 */
public final class NamingUrls {

    private static final Pattern CORBALOC = Pattern.compile("corbaloc:((?:iiop)?:[^,/]+(?:,(?:iiop)?:[^,/]+)*)/(.+)");

    private NamingUrls() {}

    /** One corbaloc URL per address of {@code url}; a URL that is not a corbaloc one is returned as it is. */
    public static List<String> split(String url) {
        Matcher m = CORBALOC.matcher(url.strip());
        if (!m.matches()) return List.of(url);
        List<String> urls = new ArrayList<>();
        for (String address : m.group(1).split(",")) urls.add("corbaloc:" + address + "/" + m.group(2));
        return List.copyOf(urls);
    }

    /** The corbaloc URL of {@code key} at every one of {@code hosts} (host or host:port, at least one). */
    public static String join(List<String> hosts, int port, String key) {
        if (hosts.isEmpty()) throw new IllegalArgumentException("no naming service host");
        StringBuilder b = new StringBuilder("corbaloc:");
        for (int i = 0; i < hosts.size(); i++) b.append(i == 0 ? "" : ",").append(':').append(hosts.get(i)).append(':').append(port);
        return b.append('/').append(key).toString();
    }
}
