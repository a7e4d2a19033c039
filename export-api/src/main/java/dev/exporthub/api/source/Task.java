package dev.exporthub.api.source;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Phase 53 (Task & Workflow Engine): a task, with its SLA deadline when it has one.
 *
 * @param taskId the record id, never blank
 * @param priority lower case, never blank
 * @param status lower case, never blank
 * @param createdAt never null
 * @param completedAt or {@code null} when absent
 * @param slaDeadline or {@code null} when absent
 * @param assignedTo or {@code null}
 * @param tenantId the owning tenant, never blank
 * @param facilityId the facility, or {@code null} when tenant-wide
 * @param relatedIds ids of related records; {@code null} means none
 * @param attributes further raw fields; {@code null} means none
 */
public record Task(
    String taskId,
    String priority,
    String status,
    Instant createdAt,
    Instant completedAt,
    Instant slaDeadline,
    String assignedTo,
    String tenantId,
    String facilityId,
    List<String> relatedIds,
    Map<String, Object> attributes) implements SourceRecord {

  private static final String TYPE = "Task";

  /** Validates every field; see the parameter list for each contract. */
  public Task {
    taskId = Checks.id(TYPE, "taskId", taskId);
    priority = Checks.level(TYPE, taskId, "priority", priority);
    status = Checks.level(TYPE, taskId, "status", status);
    Checks.required(TYPE, taskId, "createdAt", createdAt);
    Checks.optionalText(TYPE, taskId, "assignedTo", assignedTo);
    Checks.text(TYPE, taskId, "tenantId", tenantId);
    Checks.optionalText(TYPE, taskId, "facilityId", facilityId);
    relatedIds = Checks.ids(TYPE, taskId, "relatedIds", relatedIds);
    attributes = Checks.attributes(TYPE, taskId, attributes);
  }

  @Override
  public SourceType type() {
    return SourceType.TASKS;
  }

  @Override
  public String id() {
    return taskId;
  }

  /** {@inheritDoc} For this source: {@code createdAt}. */
  @Override
  public Instant timestamp() {
    return createdAt;
  }

  @Override
  public Map<String, Object> fields() {
    return new Checks.Fields()
        .put("taskId", taskId)
        .put("priority", priority)
        .put("status", status)
        .put("createdAt", createdAt)
        .put("completedAt", completedAt)
        .put("slaDeadline", slaDeadline)
        .put("assignedTo", assignedTo)
        .common(this);
  }
}
