package dmtbs.impl.eventlog;

/**
 * A fact decided by a command, already checked against the rules. Events carry packed keys
 * ({@link Keys}); only {@link ReadModel#project} gives them effect.
 */
sealed interface DomainEvent {

    record ShowCreated(long show, String movieID, String movieName, int capacity) implements DomainEvent {}

    record CapacitySet(long show, int capacity) implements DomainEvent {}

    /** Emitted only after every holder's seats have been returned (removal). */
    record ShowDeleted(long show) implements DomainEvent {}

    record SeatsTaken(int customer, long show, int seats) implements DomainEvent {}

    /** A booking that reaches 0 seats disappears. */
    record SeatsReturned(int customer, long show, int seats) implements DomainEvent {}
}
