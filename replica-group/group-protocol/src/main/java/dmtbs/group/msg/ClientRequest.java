package dmtbs.group.msg;

import dmtbs.booking.Request;
import org.jgroups.Address;

/**
 * A front end asks the sequencer to order {@code request}. {@code lowWater} is the front end's
 * smallest counter still awaiting an answer: counters below it will never be resent, so duplicate
 * filters may forget them.
 */
public record ClientRequest(RequestId id, long lowWater, Address replyTo, Request request) {}
