package dmtbs.group.node;

import org.jgroups.util.MaxOneThreadPerSender;
import org.jgroups.util.PassRegularMessagesUpDirectly;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Which thread handles a process's messages follows its role (see jgroups-udp.xml for why). */
class MessagePolicyTest {

    private static final GroupConfig CONFIG =
            new GroupConfig("policy-test", Path.of("../../jgroups-udp.xml").toString(), Path.of("target/run"), null, 0, 3);

    @Test
    void aQuickRoleIsHandledOnTheSocketReaderAndASlowOneInJGroupsPool() throws Exception {
        try (GroupNode quick = new GroupNode("FrontEnd", CONFIG, new Role() {}).prepare();
             GroupNode slow = new GroupNode("R1", CONFIG, new Role() {
                 @Override public boolean handlesMessagesQuickly() { return false; }
             }).prepare()) {
            assertEquals("direct", quick.messagePolicy());
            assertInstanceOf(PassRegularMessagesUpDirectly.class,
                    quick.channel().getProtocolStack().getTransport().getMessageProcessingPolicy());
            assertEquals("max", slow.messagePolicy());
            assertInstanceOf(MaxOneThreadPerSender.class,
                    slow.channel().getProtocolStack().getTransport().getMessageProcessingPolicy());
        }
    }
}
