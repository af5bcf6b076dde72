package dmtbs.group.msg;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RolesTest {

    @Test
    void aRequestIdentityIsOwnedOnlyByTheMemberNamedBeforeItsFirstDash() {
        assertTrue(Roles.owns("FrontEnd", new RequestId("FrontEnd-4711-1700000000000", 1)));
        assertTrue(Roles.owns("FrontEnd2", new RequestId("FrontEnd2-4711-1700000000000", 1)));
        assertTrue(Roles.owns("RM2", new RequestId("RM2-audit-7", 1)));
        // The first front end must not order requests under the second's identity, nor the other way round.
        assertFalse(Roles.owns("FrontEnd", new RequestId("FrontEnd2-4711-1700000000000", 1)));
        assertFalse(Roles.owns("FrontEnd2", new RequestId("FrontEnd-4711-1700000000000", 1)));
        assertFalse(Roles.owns("FrontEnd", new RequestId("FrontEnd", 1)), "an identity without its incarnation");
        assertFalse(Roles.owns("R1", new RequestId("-R1", 1)));
        assertFalse(Roles.owns(null, new RequestId("FrontEnd-1", 1)));
    }

    @Test
    void theSecondFrontEndIsARoleAndDashedVariantsAreNot() {
        assertTrue(Roles.isRoleName("FrontEnd2"));
        assertTrue(Roles.isFrontEnd("FrontEnd2"));
        assertFalse(Roles.isRoleName("FrontEnd-2"));
        assertFalse(Roles.isRoleName("FrontEnd3"));
        assertFalse(Roles.isFrontEnd("FrontEnd-2"), "a name with a dash could own another's identities");
        assertTrue(Roles.holdsOwnRole(List.of("Sequencer", "FrontEnd", "FrontEnd2"), Function.identity(), "FrontEnd2"));
    }
}
