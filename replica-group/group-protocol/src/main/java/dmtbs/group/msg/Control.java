package dmtbs.group.msg;

/**
 * What a member orders instead of a client's request: it takes a sequence number like a request, but
 * no implementation applies it and nobody votes on it. It travels in the slot a {@link Checkpoint}
 * always had, with its own registration ID, so requests encoded before {@link DateChange} existed
 * (replicas' logs on disk) still decode.
 */
public sealed interface Control permits Checkpoint, DateChange {}
