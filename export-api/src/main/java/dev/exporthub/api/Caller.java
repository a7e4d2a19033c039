package dev.exporthub.api;

import java.util.Collection;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who is asking for an export. The host authenticates the user and builds this value; Export Hub
 * never lets a request choose its own permissions.
 *
 * @param userId       the user, never blank
 * @param tenantId     the user's own tenant, never blank
 * @param federationId the federation the user belongs to, or {@code null}
 * @param role         the user's role such as {@code auditor}, or {@code null}; compared
 *                     case-insensitively
 * @param permissions  granted permissions such as {@code export:long-range}; sorted, unmodifiable
 */
public record Caller(String userId, String tenantId, String federationId, String role, Set<String> permissions) {

  /** @throws InvalidRequestException on a blank user or tenant */
  public Caller {
    if (userId == null || userId.isBlank()) {
      throw new InvalidRequestException("Caller user id must not be blank");
    }
    if (tenantId == null || tenantId.isBlank()) {
      throw new InvalidRequestException("Caller tenant id must not be blank (user " + userId + ")");
    }
    if (federationId != null && federationId.isBlank()) {
      throw new InvalidRequestException("Caller federation id must not be blank; leave it out instead");
    }
    role = role == null || role.isBlank() ? null : role.strip();
    TreeSet<String> sorted = new TreeSet<>();
    if (permissions != null) {
      for (String permission : permissions) {
        if (permission != null && !permission.isBlank()) {
          sorted.add(permission.strip());
        }
      }
    }
    permissions = Collections.unmodifiableSet(sorted);
  }

  /** A caller with a role and permissions, in no federation. */
  public static Caller of(String userId, String tenantId, String role, Collection<String> permissions) {
    return new Caller(userId, tenantId, null, role, permissions == null ? Set.of() : new TreeSet<>(permissions));
  }

  /** This caller as a member of a federation. */
  public Caller inFederation(String federation) {
    return new Caller(userId, tenantId, federation, role, permissions);
  }

  /** Whether the caller's role equals {@code wanted}, ignoring case ({@link Locale#ROOT}). */
  public boolean hasRole(String wanted) {
    return role != null && role.toLowerCase(Locale.ROOT).equals(wanted.toLowerCase(Locale.ROOT));
  }

  /** Whether the caller holds exactly this permission. */
  public boolean hasPermission(String permission) {
    return permissions.contains(permission);
  }
}
