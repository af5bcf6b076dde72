package dmtbs.rm;

import java.util.HashSet;
import java.util.Set;

/**
 * One replacement proposal and its votes. Decided YES once more than half of all the deployment's
 * replica managers (the proposer included) voted yes, NO once that can no longer happen. The half is
 * of all of them, not of those the proposer sees: a manager cut off from the others sees only itself,
 * and would otherwise be a majority of one and kill its healthy replica. A manager that is down
 * votes for nothing, so with four managers three must agree. Pure.
 */
public final class Agreement {

    public enum Outcome { PENDING, YES, NO }

    private final int managers;
    private final Set<String> yes = new HashSet<>();
    private final Set<String> no = new HashSet<>();

    /** @param managers every manager of the deployment, live or not */
    public Agreement(String proposer, int managers) {
        if (managers < 1) throw new IllegalArgumentException("no managers: " + managers);
        this.managers = managers;
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
        int needed = managers / 2 + 1;
        if (yes.size() >= needed) return Outcome.YES;
        if (managers - no.size() < needed) return Outcome.NO;
        return Outcome.PENDING;
    }
}
