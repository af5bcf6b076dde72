package dmtbs.group.msg;

import java.util.List;
import java.util.function.Function;

/**
 * Who may say what in the group: a role is held by the member of the current view that carries its
 * name, and the first such member if several do (the older one keeps its role; a later member that
 * claims a taken name holds nothing). A message is believed only from the holder of the role it
 * speaks for: a replica's results and digests from that replica, reports from a front end, a
 * manager's votes and proposals from that manager. The names inside a message are never trusted on
 * their own.
 */
public final class Roles {

    private Roles() {}

    /** Whether {@code who} holds the role {@code name} among {@code members} (view order). */
    public static <A> boolean holds(List<A> members, Function<A, String> nameOf, A who, String name) {
        if (who == null || name == null) return false;
        for (A m : members) {
            if (name.equals(nameOf.apply(m))) return m.equals(who);
        }
        return false;
    }

    /** The names the deployment's own processes carry: Sequencer, FrontEnd, FrontEnd2, RM1..RM4, R1..R4. */
    public static boolean isRoleName(String name) {
        if (name == null) return false;
        if (name.equals("Sequencer") || isFrontEnd(name) || ReplicaNames.index(name) >= 0) return true;
        return name.startsWith("RM") && ReplicaNames.index("R" + name.substring(2)) >= 0;
    }

    /**
     * Whether {@code who} is one of the deployment's processes in the view: it carries a role's name
     * and is that role's holder (not a member with the key under some other name, nor a second
     * claimant of a taken one).
     */
    public static <A> boolean holdsOwnRole(List<A> members, Function<A, String> nameOf, A who) {
        String name = who == null ? null : nameOf.apply(who);
        return isRoleName(name) && holds(members, nameOf, who, name);
    }

    /** The manager of replica Rn is RMn; null for a name that is no replica's. */
    public static String managerOf(String replica) {
        int i = ReplicaNames.index(replica);
        return i < 0 ? null : "RM" + (i + 1);
    }

    /** The front ends: FrontEnd, and a second one on another host, FrontEnd2. */
    public static final List<String> FRONT_ENDS = List.of("FrontEnd", "FrontEnd2");

    public static boolean isFrontEnd(String name) { return FRONT_ENDS.contains(name); }

    /**
     * A request's identity belongs to the member that submits it: the front end or manager name it
     * starts with ({@code FrontEnd-<pid>-<time>}, {@code RM2-audit-…}, {@code R2-recover-…}). A
     * member that could order requests under another's identity could, with a large low-water mark,
     * make the duplicate filter drop every later request of that front end. Role names hold no '-',
     * so the identity's owner is exactly what comes before its first one: FrontEnd does not own
     * {@code FrontEnd2-…}, nor would it own a {@code FrontEnd-2-…}.
     */
    public static boolean owns(String member, RequestId id) {
        if (member == null || id == null || id.frontEnd() == null) return false;
        int dash = id.frontEnd().indexOf('-');
        return dash > 0 && id.frontEnd().substring(0, dash).equals(member);
    }
}
