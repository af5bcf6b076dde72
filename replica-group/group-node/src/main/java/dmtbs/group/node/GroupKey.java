package dmtbs.group.node;

import org.jgroups.protocols.SERIALIZE;
import org.jgroups.protocols.SYM_ENCRYPT;
import org.jgroups.protocols.TP;
import org.jgroups.stack.ProtocolStack;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The deployment's group key: 256 random bits, in a file only its owner can read, the same file on
 * every host. Only processes that hold it take part in the group: every message, JGroups' own
 * (discovery, failure detection, membership) included, is serialized whole ({@code SERIALIZE}) and
 * encrypted ({@code SYM_ENCRYPT}, AES/CBC) right above the transport. A process without the key
 * cannot discover the group, join it, or have anything it sends delivered. The file holds the key
 * itself, so no password travels on a command line; the processes get only its path
 * ({@code dmtbs.key_file}).
 *
 * <p>Placement (PITFALLS.md, tried here): under NAKACK2, where the JGroups manual puts it, header-only
 * messages such as a JOIN travel in clear and a stranger that copied the key's version got into the
 * view, and the stack locked up under load. Directly above the transport with SERIALIZE above it,
 * every byte on the wire is encrypted.
 */
public final class GroupKey {

    private static final String ALGORITHM = "AES";
    private static final int BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private GroupKey() {}

    /** Creates a new key file readable by its owner only; an existing file is kept as it is. Returns whether it created one. */
    public static boolean create(Path file) throws IOException {
        if (Files.exists(file)) return false;
        byte[] key = new byte[BYTES];
        new SecureRandom().nextBytes(key);
        Files.createDirectories(file.toAbsolutePath().getParent());
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException e) {
            return false;                                   // another process made it first: keep theirs
        }
        Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
        return true;
    }

    /** Reads a key file; refuses one that others can read, or that holds no key, with one line saying so. */
    public static SecretKey read(Path file) throws IOException {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(perms)) {
                throw new IOException("the group key " + file + " can be read by others (" + PosixFilePermissions.toString(perms)
                        + "): chmod 600 it");
            }
            byte[] key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            if (key.length != BYTES) throw new IOException("the group key " + file + " is not a " + BYTES * 8 + "-bit key");
            return new SecretKeySpec(key, ALGORITHM);
        } catch (NoSuchFileException e) {
            throw new IOException("no group key at " + file + " (create one with bin/dmtbs key FILE and copy it to every host)");
        } catch (IllegalArgumentException e) {
            throw new IOException("the group key " + file + " is not base64: " + e.getMessage());
        }
    }

    /**
     * The deployment's admin token: derived from its group key, so that whoever holds the key may
     * administer the deployment and nobody else; null for a system without a key (open, tests of
     * the cost of the key only).
     */
    public static String adminToken(Path keyFile) throws IOException {
        if (keyFile == null) return null;
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(read(keyFile).getEncoded(), "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal("dmtbs admin token".getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("cannot derive the admin token: " + e.getMessage(), e);
        }
    }

    /** Puts encryption with {@code key} under every other protocol of a stack that has not started yet. */
    public static void protect(ProtocolStack stack, SecretKey key) throws Exception {
        SYM_ENCRYPT encrypt = new SYM_ENCRYPT().setSecretKey(key);
        encrypt.symAlgorithm("AES/CBC/PKCS5Padding");         // the default "AES" is ECB
        encrypt.symIvLength(16);
        SERIALIZE serialize = new SERIALIZE();
        stack.insertProtocol(encrypt, ProtocolStack.Position.ABOVE, TP.class);
        stack.insertProtocol(serialize, ProtocolStack.Position.ABOVE, SYM_ENCRYPT.class);
        encrypt.init();
        serialize.init();
    }
}
