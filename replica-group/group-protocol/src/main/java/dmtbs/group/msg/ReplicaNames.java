package dmtbs.group.msg;

/**
 * Replica hosts are the group members named R1..R4: one reading of that convention for the front
 * end (which indexes votes by replica) and the sequencer (which orders only while a majority of
 * them are in its view).
 */
public final class ReplicaNames {

    public static final int COUNT = 4;

    private ReplicaNames() {}

    /** 0 for R1 … 3 for R4; -1 for any other name (managers, front end, sequencer, null). */
    public static int index(String name) {
        if (name == null || name.length() != 2 || name.charAt(0) != 'R') return -1;
        int i = name.charAt(1) - '1';
        return i >= 0 && i < COUNT ? i : -1;
    }
}
