package dev.shipmate.sandbox.kubernetes.api;

import com.fasterxml.jackson.databind.JsonNode;

/** An answer: an HTTP code and a JSON body, or plain text (a pod's log). */
record ApiResponse(int code, JsonNode body, String text) {

  static ApiResponse ok(JsonNode body) {
    return new ApiResponse(200, body, null);
  }

  static ApiResponse created(JsonNode body) {
    return new ApiResponse(201, body, null);
  }

  static ApiResponse plainText(String text) {
    return new ApiResponse(200, null, text);
  }

  ApiResponse withBody(JsonNode replacement) {
    return new ApiResponse(code, replacement, text);
  }
}
