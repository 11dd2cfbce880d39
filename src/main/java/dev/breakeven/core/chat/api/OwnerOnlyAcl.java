package dev.breakeven.core.chat.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Windows (NTFS) counterpart of mode 600 for the key file, where a file has an access-control list and no POSIX
 * mode. Writing sets the list to one ALLOW entry for the owner with full control — what
 * {@code icacls FILE /inheritance:r /grant:r %USERNAME%:F} does. Reading accepts a list whose READ_DATA grants go
 * only to the owner, SYSTEM and Administrators: Windows' own protection of a profile folder such as
 * {@code %APPDATA%}, so a key file created there by hand passes, while one readable by Everyone, Users or another
 * account is refused. The judgement is a pure function of the entries and the owner, so it is tested on any system.
 */
public final class OwnerOnlyAcl {
    /**
     * How Windows names SYSTEM and Administrators ({@code UserPrincipal.getName()} gives {@code DOMAIN\name}, or the
     * SID when the name cannot be looked up). Windows localises these names ("VORDEFINIERT\Administratoren"): there a
     * hand-made file is refused with the fix below, while a file this class wrote passes (it names the owner only).
     */
    private static final Set<String> TRUSTED = Set.of("nt authority\\system", "system", "s-1-5-18",
            "builtin\\administrators", "administrators", "s-1-5-32-544");

    private OwnerOnlyAcl() {
    }

    /** The whole list for an owner-only file: full control for the owner, nothing for anyone else. */
    public static List<AclEntry> ownerOnly(UserPrincipal owner) {
        return List.of(AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(owner)
                .setPermissions(EnumSet.allOf(AclEntryPermission.class)).build());
    }

    /**
     * The principals, other than the owner, SYSTEM and Administrators, that an ALLOW entry lets read the file's data;
     * empty when the file is private enough. DENY, AUDIT and ALARM entries are ignored: a DENY grants nothing, and
     * whether it cancels an ALLOW to someone else depends on group membership and entry order that only Windows can
     * judge, so an ALLOW beside a DENY still refuses the file.
     */
    public static List<UserPrincipal> othersWhoCanRead(List<AclEntry> acl, UserPrincipal owner) {
        return acl.stream()
                .filter(e -> e.type() == AclEntryType.ALLOW && e.permissions().contains(AclEntryPermission.READ_DATA))
                .map(AclEntry::principal)
                .filter(p -> !p.equals(owner) && !TRUSTED.contains(p.getName().toLowerCase(Locale.ROOT)))
                .distinct()
                .toList();
    }

    /** Makes the file owner-only if it has an ACL view; returns whether it did. */
    static boolean protect(Path file) throws IOException {
        AclFileAttributeView view = Files.getFileAttributeView(file, AclFileAttributeView.class);
        if (view == null) {
            return false;
        }
        view.setAcl(ownerOnly(view.getOwner()));
        return true;
    }

    /** Why the file must not be used, with the command that fixes it; empty when it is private or has no ACL view. */
    static Optional<String> refusal(Path file) throws IOException {
        AclFileAttributeView view = Files.getFileAttributeView(file, AclFileAttributeView.class);
        if (view == null) {
            return Optional.empty();
        }
        List<UserPrincipal> others = othersWhoCanRead(view.getAcl(), view.getOwner());
        return others.isEmpty() ? Optional.empty() : Optional.of(refusal(file, others));
    }

    /** The one-line refusal: who can read the file, and the icacls command that leaves only its owner. */
    static String refusal(Path file, List<UserPrincipal> others) {
        String names = others.stream().map(UserPrincipal::getName).collect(Collectors.joining(", "));
        // icacls names an account by name, or by SID with a leading '*'.
        String remove = others.stream().map(p -> p.getName().startsWith("S-1-") ? "*" + p.getName() : p.getName())
                .map(n -> '"' + n + '"').collect(Collectors.joining(" "));
        return "Refusing the key file " + file + ": others can read it (" + names + "). Run: icacls \"" + file
                + "\" /inheritance:r /grant:r \"%USERNAME%:F\" /remove:g " + remove;
    }
}
