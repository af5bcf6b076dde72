package dmtbs.group.msg;

/** Unique ID of a client request: the front end's name and its own counter (never reused). */
public record RequestId(String frontEnd, long counter) {
    @Override public String toString() { return frontEnd + "#" + counter; }
}
