package dmtbs.impl.relational;

import dmtbs.booking.RefusalCode;
import dmtbs.booking.Result;

/**
 * A rule said no. Thrown from anywhere inside an operation so that the enclosing transaction rolls
 * back; refusals are ordinary outcomes, so no stack trace is taken.
 */
final class Refusal extends RuntimeException {
    private final RefusalCode code;

    Refusal(RefusalCode code, String reason) {
        super(reason, null, false, false);
        this.code = code;
    }

    RefusalCode code() { return code; }

    Result toResult() { return new Result.Refused(code, getMessage()); }
}
