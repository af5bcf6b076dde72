package dmtbs.sequencer.process;

import dmtbs.group.node.GroupConfig;
import dmtbs.group.node.GroupNode;
import dmtbs.group.node.NodeProcess;
import dmtbs.group.node.Role;

/**
 * The sequencer process. It joins the group first, so it is the JGroups coordinator and therefore
 * the sequencer; it applies nothing. If it dies, the next-oldest member takes the role over
 * ({@link GroupNode}). Usage: {@code SequencerMain [name]} with the group settings as -Ddmtbs.* properties.
 */
public final class SequencerMain {
    private SequencerMain() {}

    public static void main(String[] args) throws Exception {
        String name = args.length > 0 ? args[0] : "Sequencer";
        GroupNode node = new GroupNode(name, GroupConfig.fromSystemProperties(), new Role() {});
        NodeProcess process = new NodeProcess(node, "sequencer", line -> null, status -> {}).start();
        process.awaitStop();
    }
}
