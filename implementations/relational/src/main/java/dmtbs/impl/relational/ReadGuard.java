package dmtbs.impl.relational;

/**
 * Called by read queries once per row they visit. Under a read lock it does nothing; during an
 * optimistic read it aborts the query as soon as a writer has intervened, so a scan over a map that
 * is being changed cannot run on (or loop) over torn state.
 */
@FunctionalInterface
interface ReadGuard {
    ReadGuard LOCKED = () -> { };

    void check();
}
