package dev.breakeven.core.chat.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Windows key-file rule judged on lists built here: real principals from this system's lookup service for the
 * owner and another account, and Windows-named groups (which no Linux lookup knows) as small principals.
 */
class OwnerOnlyAclTest {
    /** A principal named as Windows names it ({@code DOMAIN\name}); equal by name, as Windows' are by SID. */
    private record Group(String getName) implements GroupPrincipal {
    }

    private static final Group SYSTEM = new Group("NT AUTHORITY\\SYSTEM");
    private static final Group ADMINISTRATORS = new Group("BUILTIN\\Administrators");
    private static final Group EVERYONE = new Group("Everyone");
    private static final Group USERS = new Group("BUILTIN\\Users");

    private final UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();

    private static AclEntry entry(AclEntryType type, UserPrincipal who, AclEntryPermission... perms) {
        return AclEntry.newBuilder().setType(type).setPrincipal(who).setPermissions(Set.of(perms)).build();
    }

    private static AclEntry allow(UserPrincipal who, AclEntryPermission... perms) {
        return entry(AclEntryType.ALLOW, who, perms);
    }

    /** What Windows' "Full control" reads as through AclFileAttributeView. */
    private static AclEntry fullControl(UserPrincipal who) {
        return AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(who)
                .setPermissions(EnumSet.allOf(AclEntryPermission.class)).build();
    }

    @Test
    void theListWrittenIsOneFullControlEntryForTheOwnerAndItPasses() throws Exception {
        UserPrincipal owner = lookup.lookupPrincipalByName("nobody");
        List<AclEntry> acl = OwnerOnlyAcl.ownerOnly(owner);
        assertThat(acl).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(AclEntryType.ALLOW);
            assertThat(e.principal()).isEqualTo(owner);
            assertThat(e.permissions()).contains(AclEntryPermission.READ_DATA, AclEntryPermission.WRITE_DATA,
                    AclEntryPermission.APPEND_DATA, AclEntryPermission.DELETE, AclEntryPermission.WRITE_ACL,
                    AclEntryPermission.WRITE_OWNER);
            assertThat(e.flags()).isEmpty();
        });
        assertThat(OwnerOnlyAcl.othersWhoCanRead(acl, owner)).isEmpty();
        // The same list judged for another owner names the account it was written for.
        assertThat(OwnerOnlyAcl.othersWhoCanRead(acl, lookup.lookupPrincipalByName("daemon"))).containsExactly(owner);
    }

    @Test
    void aProfileFoldersDefaultOwnerSystemAndAdministratorsPasses() throws Exception {
        UserPrincipal owner = lookup.lookupPrincipalByName("nobody");
        List<AclEntry> inherited = List.of(fullControl(SYSTEM), fullControl(ADMINISTRATORS), fullControl(owner));
        assertThat(OwnerOnlyAcl.othersWhoCanRead(inherited, owner)).isEmpty();
        // Unresolved names come back as SIDs, and case does not matter on Windows.
        List<AclEntry> bySid = List.of(fullControl(new Group("S-1-5-18")), fullControl(new Group("S-1-5-32-544")),
                fullControl(new Group("nt authority\\system")), fullControl(owner));
        assertThat(OwnerOnlyAcl.othersWhoCanRead(bySid, owner)).isEmpty();
    }

    @Test
    void everyoneUsersOrAnotherAccountWithReadDataIsNamed() throws Exception {
        UserPrincipal owner = lookup.lookupPrincipalByName("nobody");
        UserPrincipal daemon = lookup.lookupPrincipalByName("daemon");
        GroupPrincipal users = lookup.lookupPrincipalByGroupName("users");
        List<AclEntry> acl = List.of(fullControl(owner), fullControl(SYSTEM),
                allow(EVERYONE, AclEntryPermission.READ_DATA, AclEntryPermission.READ_ATTRIBUTES),
                allow(USERS, AclEntryPermission.READ_DATA, AclEntryPermission.EXECUTE),
                allow(daemon, AclEntryPermission.READ_DATA),
                allow(users, AclEntryPermission.READ_DATA),
                allow(daemon, AclEntryPermission.READ_DATA, AclEntryPermission.WRITE_DATA));
        assertThat(OwnerOnlyAcl.othersWhoCanRead(acl, owner)).containsExactly(EVERYONE, USERS, daemon, users);
        // "Administrators" is trusted by its Windows name only, not any group that ends in the word.
        assertThat(OwnerOnlyAcl.othersWhoCanRead(List.of(fullControl(new Group("CORP\\Administrators"))), owner))
                .hasSize(1);
    }

    @Test
    void denyEntriesAndEntriesThatCannotReadTheDataDoNotRefuse() throws Exception {
        UserPrincipal owner = lookup.lookupPrincipalByName("nobody");
        UserPrincipal daemon = lookup.lookupPrincipalByName("daemon");
        List<AclEntry> acl = List.of(fullControl(owner),
                entry(AclEntryType.DENY, EVERYONE, AclEntryPermission.READ_DATA, AclEntryPermission.WRITE_DATA),
                entry(AclEntryType.AUDIT, daemon, AclEntryPermission.READ_DATA),
                allow(USERS, AclEntryPermission.READ_ATTRIBUTES, AclEntryPermission.READ_ACL,
                        AclEntryPermission.SYNCHRONIZE),
                allow(daemon, AclEntryPermission.WRITE_DATA, AclEntryPermission.APPEND_DATA));
        assertThat(OwnerOnlyAcl.othersWhoCanRead(acl, owner)).isEmpty();
        // A DENY does not rescue an ALLOW to someone else: only Windows can weigh the two.
        List<AclEntry> both = List.of(fullControl(owner),
                entry(AclEntryType.DENY, daemon, AclEntryPermission.READ_DATA), allow(EVERYONE, AclEntryPermission.READ_DATA));
        assertThat(OwnerOnlyAcl.othersWhoCanRead(both, owner)).containsExactly(EVERYONE);
    }

    @Test
    void theRefusalIsOneLineNamingTheFileWhoCanReadItAndTheFix() {
        Path file = Path.of("C:\\Users\\ana\\AppData\\Roaming\\breakeven\\api-keys.properties");
        String message = OwnerOnlyAcl.refusal(file, List.of(EVERYONE, USERS, new Group("S-1-5-21-1-2-3-1001")));
        assertThat(message).doesNotContain("\n")
                .startsWith("Refusing the key file " + file + ": others can read it (Everyone, BUILTIN\\Users, S-1-5-21-1-2-3-1001).")
                .endsWith("Run: icacls \"" + file + "\" /inheritance:r /grant:r \"%USERNAME%:F\" /remove:g \"Everyone\" "
                        + "\"BUILTIN\\Users\" \"*S-1-5-21-1-2-3-1001\"");
    }

    @Test
    void whereTheFileSystemHasNoAclsNothingIsSetOrRefused(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("k"), "x");
        boolean hasAcl = Files.getFileAttributeView(file, AclFileAttributeView.class) != null;
        assertThat(OwnerOnlyAcl.protect(file)).isEqualTo(hasAcl);
        assertThat(OwnerOnlyAcl.refusal(file)).isEmpty();
    }
}
