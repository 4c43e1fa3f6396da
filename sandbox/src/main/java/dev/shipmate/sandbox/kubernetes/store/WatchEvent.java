package dev.shipmate.sandbox.kubernetes.store;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One change to one object, in the order the store made it.
 *
 * @param type {@code ADDED}, {@code MODIFIED} or {@code DELETED}
 * @param resource the kind of object
 * @param object the object after the change (for {@code DELETED}, as it was last)
 * @param previous the object before a {@code MODIFIED} change, else null; lets a filtered watch
 *     tell an object that leaves its selection from one that stays
 * @param resourceVersion the store's version after the change
 */
public record WatchEvent(
    String type,
    ResourceType resource,
    ObjectNode object,
    ObjectNode previous,
    long resourceVersion) {}
