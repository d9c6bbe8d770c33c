package io.framewise.connectors.elasticsearch;

import java.util.Map;

/**
 * One search document: its id (which makes writes idempotent: a replay overwrites), the video it
 * belongs to (for failure rows), and its fields.
 */
public record Document(String id, String videoId, Map<String, Object> source) {}
