package dmtbs.rm;

import java.util.HashSet;
import java.util.Set;

/**
 * One replacement proposal and its votes. Decided YES once more than half of the live replica
 * managers (the proposer included) voted yes, NO once that can no longer happen. Pure.
 */
public final class Agreement {

    public enum Outcome { PENDING, YES, NO }

    private final int liveManagers;
    private final Set<String> yes = new HashSet<>();
    private final Set<String> no = new HashSet<>();

    public Agreement(String proposer, int liveManagers) {
        this.liveManagers = liveManagers;
        yes.add(proposer);
    }

    public Outcome vote(String voter, boolean inFavour) {
        if (inFavour) {
            no.remove(voter);
            yes.add(voter);
        } else if (!yes.contains(voter)) {
            no.add(voter);
        }
        return outcome();
    }

    public Outcome outcome() {
        int needed = liveManagers / 2 + 1;
        if (yes.size() >= needed) return Outcome.YES;
        if (liveManagers - no.size() < needed) return Outcome.NO;
        return Outcome.PENDING;
    }
}
