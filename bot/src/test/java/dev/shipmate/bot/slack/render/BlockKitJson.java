package dev.shipmate.bot.slack.render;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.slack.api.util.json.GsonFactory;

/** Renderings as Slack's own JSON (the SDK's type adapters, snake_case), pretty and stable. */
final class BlockKitJson {

  private static final Gson GSON = gson();

  private BlockKitJson() {}

  static String of(SlackMessage message) {
    return GSON.toJson(tree(message));
  }

  static String of(RenderedNote note) {
    return GSON.toJson(tree(note));
  }

  static JsonObject tree(SlackMessage message) {
    JsonObject json = new JsonObject();
    json.addProperty("text", message.text());
    json.add("blocks", GSON.toJsonTree(message.blocks()));
    return json;
  }

  static JsonObject tree(RenderedNote note) {
    JsonObject json = new JsonObject();
    if (note instanceof RenderedNote.InMessage inMessage) {
      json.add("message", tree(inMessage.message()));
      if (inMessage.broadcast()) {
        json.addProperty("reply_broadcast", true);
      }
    } else {
      RenderedNote.AsFile file = (RenderedNote.AsFile) note;
      JsonObject upload = new JsonObject();
      upload.addProperty("initial_comment", file.comment());
      upload.addProperty("filename", file.filename());
      upload.addProperty("length", file.content().length());
      upload.addProperty(
          "starts_with", file.content().substring(0, Math.min(80, file.content().length())));
      json.add("file", upload);
    }
    return json;
  }

  static Gson gson() {
    GsonBuilder builder =
        new GsonBuilder()
            .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
            .setPrettyPrinting()
            .disableHtmlEscaping();
    GsonFactory.registerTypeAdapters(builder, false);
    return builder.create();
  }
}
