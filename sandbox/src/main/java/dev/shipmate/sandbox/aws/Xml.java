package dev.shipmate.sandbox.aws;

import java.util.ArrayDeque;
import java.util.Deque;

/** Writes the small XML documents the AWS XML and Query protocols answer with. */
public final class Xml {

  private final StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
  private final Deque<String> open = new ArrayDeque<>();

  private Xml() {}

  /** A document whose root element declares the service's namespace. */
  public static Xml document(String root, String namespace) {
    Xml xml = new Xml();
    xml.out.append('<').append(root);
    if (namespace != null) {
      xml.out.append(" xmlns=\"").append(namespace).append('"');
    }
    xml.out.append('>');
    xml.open.push(root);
    return xml;
  }

  public Xml start(String name) {
    out.append('<').append(name).append('>');
    open.push(name);
    return this;
  }

  /** An element with text; a null value writes nothing, as AWS leaves absent members out. */
  public Xml element(String name, Object value) {
    if (value != null) {
      out.append('<').append(name).append('>').append(escape(value.toString()));
      out.append("</").append(name).append('>');
    }
    return this;
  }

  public Xml end() {
    out.append("</").append(open.pop()).append('>');
    return this;
  }

  /** Closes whatever is still open and returns the document. */
  @Override
  public String toString() {
    while (!open.isEmpty()) {
      end();
    }
    return out.toString();
  }

  public static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '&' -> escaped.append("&amp;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&apos;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }
}
