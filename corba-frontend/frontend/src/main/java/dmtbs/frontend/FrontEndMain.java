package dmtbs.frontend;

import dmtbs.catalog.Implementations;
import dmtbs.frontend.ft.CallerIdentity;
import dmtbs.frontend.ft.FtRequestServerInitializer;
import dmtbs.group.node.GroupConfig;
import dmtbs.group.node.GroupNode;
import dmtbs.group.node.NodeProcess;
import dmtbs.group.node.Role;
import dmtbs.group.node.RunFiles;
import org.omg.CORBA.ORB;
import org.omg.CosNaming.NamingContextExt;
import org.omg.CosNaming.NamingContextExtHelper;
import org.omg.PortableServer.POA;
import org.omg.PortableServer.POAHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Properties;

/**
 * The front end process: a JacORB server bound as {@code FrontEnd} in the naming service (and its IOR
 * written to {@code <run-dir>/<name>.ior}). Usage:
 * {@code FrontEndMain [--name FrontEnd] [--naming corbaloc::127.0.0.1:1050/NameService]
 * [--deadline-ms 10000] [--direct <implementation>]}; {@code --direct} serves one unreplicated
 * implementation instead of the group (the benchmark's baseline). The naming URL may name several
 * naming services ({@code corbaloc::a:1050,:b:1050/NameService}): the front end binds itself in each.
 * A second front end on another host runs as {@code --name FrontEnd2}.
 * <p>The deadline outlasts a sequencer's failover, so that a failover is a delay, not an error:
 * suspicion takes 3–4 s (FD_ALL3), its check 0.5 s (VERIFY_SUSPECT2), the new view up to 1 s and
 * the new sequencer's sync a round trip to every member (longer only while a member is frozen:
 * then until failure detection removes it). With 5 s, four calls of a loaded CI run whose sequencer host
 * was cut off ended {@code Unavailable}.
 */
public final class FrontEndMain {

    private static final Logger log = LoggerFactory.getLogger(FrontEndMain.class);

    private FrontEndMain() {}

    public static void main(String[] args) throws Exception {
        String name = "FrontEnd";
        String naming = "corbaloc::127.0.0.1:1050/NameService";
        long deadline = 10_000;
        String direct = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--name" -> name = args[++i];
                case "--naming" -> naming = args[++i];
                case "--deadline-ms" -> deadline = Long.parseLong(args[++i]);
                case "--direct" -> direct = args[++i];
                default -> {
                    System.err.println("usage: FrontEndMain [--name N] [--naming URL] [--deadline-ms MS] [--direct IMPL]");
                    System.exit(2);
                }
            }
        }
        GroupConfig config = GroupConfig.fromSystemProperties();
        ORB orb = ORB.init(new String[0], orbProperties());
        POA root = POAHelper.narrow(orb.resolve_initial_references("RootPOA"));
        // The front end's POA exists from the start and its manager stays in holding until the servant
        // can serve: a restarted front end's port takes calls at once (clients reconnect on their
        // own), and they wait instead of being told the object does not exist.
        POA poa = persistentPoa(root);

        Admission admission = Admission.fromSystemProperties();
        FrontEndMetrics metrics = new FrontEndMetrics(name, admission::turnedAway);
        Backend backend;
        NodeProcess process = null;
        if (direct != null) {
            backend = new LocalBackend(Implementations.create(direct), config.pinnedDate());
        } else {
            // Unique per incarnation: a restarted front end must never reuse request IDs.
            String feId = name + "-" + ProcessHandle.current().pid() + "-" + System.currentTimeMillis();
            ReplicatedBackend replicated = new ReplicatedBackend(feId, deadline);
            GroupNode node = new GroupNode(name, config, replicated);
            replicated.attach(node);
            process = new NodeProcess(node, "frontend", line -> line.strip().equals("metrics") ? metrics.scrape() : null, j -> {
                replicated.status(j);
                admission.status(j);
                metrics.status(j);
            }).start();
            backend = replicated;
        }
        byte[] id = name.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        poa.activate_object_with_id(id, new BookingServant(backend, deadline, admission, CallerIdentity.of(orb), metrics));
        org.omg.CORBA.Object ref = poa.id_to_reference(id);
        RunFiles.replace(config.runDir().resolve(name + ".ior"), orb.object_to_string(ref));
        root.the_POAManager().activate();
        bindEverywhere(orb, naming, name, ref);
        log.info("front end {} bound in {} ({})", name, naming, direct == null ? "replicated" : "direct: " + direct);
        if (process != null) {
            NodeProcess p = process;
            Thread orbThread = new Thread(orb::run, "orb");
            orbThread.setDaemon(true);
            orbThread.start();
            p.awaitStop();
            orb.shutdown(false);
        } else {
            orb.run();
        }
    }

    /**
     * A persistent POA for the servant, whose object ID is the front end's name: with the port fixed
     * too ({@code dmtbs.corba_port}), a restarted front end makes the very same object reference,
     * so clients that hold it reconnect to the new process without asking the naming service again.
     */
    private static POA persistentPoa(POA root) throws Exception {
        org.omg.CORBA.Policy[] policies = {
                root.create_lifespan_policy(org.omg.PortableServer.LifespanPolicyValue.PERSISTENT),
                root.create_id_assignment_policy(org.omg.PortableServer.IdAssignmentPolicyValue.USER_ID)};
        return root.create_POA("DMTBS", root.the_POAManager(), policies);
    }

    /**
     * Binds the front end in every naming service of {@code naming} (a corbaloc URL may name several,
     * one on each front end's host), and keeps it bound: a naming service killed and started again by
     * its keeper has forgotten it, so every 2 s the front end checks that its name resolves to it and
     * binds it again if not. Each naming service has a thread of its own, so one whose host is cut
     * off delays no other. Returns once one of them holds the binding.
     */
    static void bindEverywhere(ORB orb, String naming, String name, org.omg.CORBA.Object ref) throws InterruptedException {
        java.util.concurrent.CountDownLatch bound = new java.util.concurrent.CountDownLatch(1);
        for (String url : dmtbs.corba.NamingUrls.split(naming)) {
            Thread t = new Thread(() -> keepBound(orb, url, name, ref, bound), "keep-bound " + url);
            t.setDaemon(true);
            t.start();
        }
        if (!bound.await(20, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new IllegalStateException("cannot bind " + name + " in " + naming + " within 20 s (see the log for each naming service)");
        }
    }

    private static void keepBound(ORB orb, String url, String name, org.omg.CORBA.Object ref, java.util.concurrent.CountDownLatch bound) {
        boolean first = true;
        String lastProblem = null;
        while (true) {
            try {
                NamingContextExt nc = NamingContextExtHelper.narrow(orb.string_to_object(url));
                boolean isBound;
                try {
                    isBound = !first && nc.resolve_str(name)._is_equivalent(ref);
                } catch (org.omg.CosNaming.NamingContextPackage.NotFound e) {
                    isBound = false;
                }
                if (!isBound) {
                    nc.rebind(nc.to_name(name), ref);
                    if (!first) log.info("bound {} in {} again (the naming service had lost it)", name, url);
                }
                first = false;
                lastProblem = null;
                bound.countDown();
            } catch (Exception e) {
                // The naming service is away (being restarted, or its host is cut off): try again shortly.
                String problem = e.getClass().getSimpleName();
                if (!problem.equals(lastProblem)) log.info("cannot bind {} in {} yet: {}", name, url, e.toString());
                lastProblem = problem;
            }
            try {
                Thread.sleep(bound.getCount() > 0 ? 200 : 2_000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Every JacORB server of the system (the front end, the naming service) reads its connections
     * through {@link dmtbs.frontend.giop.GiopSizeGuard}, and closes a connection idle for 2 minutes
     * (a client reconnects by itself; a half-open one would otherwise hold its socket for ever).
     */
    public static final java.util.Map<String, String> GIOP_GUARD = java.util.Map.of(
            "jacorb.net.server_socket_factory", dmtbs.frontend.giop.GuardedServerSocketFactory.class.getName(),
            "jacorb.connection.server.timeout", "120000");

    /**
     * JacORB settings (see PITFALLS.md): the host's address (JacORB writes it into every reference it
     * makes, so it must be one that clients on other hosts reach; loopback on one host), the port of
     * {@code dmtbs.corba_port} if the deployment fixes one (a firewall rule), a bounded wait. The
     * worker pool has room for every admitted call plus some to turn the excess away quickly
     * ({@link Admission}); the queue in front of it is bounded, and when it is full JacORB stops
     * reading the connections (TCP pushes back on the callers) instead of growing. Calls' FT_REQUEST
     * service contexts are read ({@link FtRequestServerInitializer}).
     */
    public static Properties orbProperties() {
        Properties p = new Properties();
        p.setProperty("org.omg.CORBA.ORBClass", "org.jacorb.orb.ORB");
        p.setProperty("org.omg.CORBA.ORBSingletonClass", "org.jacorb.orb.ORBSingleton");
        p.setProperty("OAIAddr", GroupConfig.fromSystemProperties().bindAddr());
        // A persistent POA's references carry the implementation name: the same in every incarnation.
        p.setProperty("jacorb.implname", "DMTBS");
        String port = System.getProperty("dmtbs.corba_port", "");
        if (!port.isBlank()) p.setProperty("OAPort", port);
        p.setProperty("jacorb.poa.thread_pool_min", "32");
        p.setProperty("jacorb.poa.thread_pool_max", Integer.toString(Admission.fromSystemProperties().limit() + 32));
        p.setProperty("jacorb.poa.queue_max", "1000");
        p.setProperty("jacorb.poa.queue_wait", "on");
        p.setProperty("jacorb.native_char_codeset", "UTF8");
        p.setProperty("jacorb.connection.client.pending_reply_timeout", "30000");
        GIOP_GUARD.forEach(p::setProperty);
        FtRequestServerInitializer.enable(p);
        return p;
    }
}
